"""Columns of the division dashboard as exported."""

from __future__ import annotations

from dxjinzai.core.exports import Column


def _percent(score):  # type: ignore[no-untyped-def]
    return score.percent if score else ""


def _fraction(score):  # type: ignore[no-untyped-def]
    return f"{score.done}/{score.required}" if score else "対象外"


DIVISION_COLUMNS = [
    Column("所属コード", lambda r: r.department.code),
    Column("所属", lambda r: r.department.name),
    Column("人数", lambda r: r.headcount),
    Column("①階層別必須研修（%）", lambda r: _percent(r.mandatory)),
    Column("①修了/必要", lambda r: _fraction(r.mandatory)),
    Column("②DXリーダー必須研修（%）", lambda r: _percent(r.leaders)),
    Column("②修了/必要", lambda r: _fraction(r.leaders)),
    Column("③選択研修（%）", lambda r: _percent(r.electives)),
    Column("③受講/提供", lambda r: _fraction(r.electives)),
    Column("④改善活動（件）", lambda r: r.improvements),
]

COVERAGE_COLUMNS = [
    Column("所属コード", lambda r: r.department.code),
    Column("所属", lambda r: r.department.name),
    Column("人数", lambda r: r.headcount),
    Column("該当者数", lambda r: len(r.holders)),
    Column("配置", lambda r: "配置済" if r.covered else "未配置"),
]

TREND_COLUMNS = [
    Column("年度", lambda p: p.fiscal_year),
    Column("①階層別必須研修（%）", lambda p: _percent(p.mandatory)),
    Column("①修了/必要", lambda p: _fraction(p.mandatory)),
    Column("②DXリーダー必須研修（%）", lambda p: _percent(p.leaders)),
    Column("③選択研修（%）", lambda p: _percent(p.electives)),
]

PEOPLE_COLUMNS = [
    Column("職員番号", lambda line: line.staff.number),
    Column("氏名", lambda line: line.staff.full_name),
    Column("DXリーダー", lambda line: line.is_leader),
    Column("必要", lambda line: line.required),
    Column("修了", lambda line: line.done),
    Column("未修了の研修", lambda line: "、".join(line.missing)),
]
