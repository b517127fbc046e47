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
]

COVERAGE_COLUMNS = [
    Column("所属コード", lambda r: r.department.code),
    Column("所属", lambda r: r.department.name),
    Column("人数", lambda r: r.headcount),
    Column("該当者数", lambda r: len(r.holders)),
    Column("配置", lambda r: "配置済" if r.covered else "未配置"),
]
