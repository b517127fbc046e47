"""Columns of the training lists as they are exported."""

from __future__ import annotations

from typing import Any

from dxjinzai.core.exports import Column
from dxjinzai.lib.fiscal import fiscal_year_label

COURSE_COLUMNS = [
    Column("研修名", lambda c: c.title),
    Column("形式", lambda c: c.get_mode_display()),
    Column("実施主体", lambda c: c.get_provider_kind_display()),
    Column("実施機関名", lambda c: c.provider),
    Column("時間数", lambda c: c.hours),
    Column("修了に必要な累計時間", lambda c: c.required_hours),
    Column("主催団体", lambda c: c.body.name),
    Column("研修回の数", lambda c: c.session_count),
]

ROSTER_COLUMNS = [
    Column("団体", lambda a: a.staff.body.name),
    Column("職員番号", lambda a: a.staff.number),
    Column("氏名", lambda a: a.staff.full_name),
    Column("所属", lambda a: a.staff.department.name if a.staff.department_id else ""),
    Column("状態", lambda a: a.get_status_display()),
    Column("受講時間", lambda a: a.attended_hours or 0),
    Column("修了日", lambda a: getattr(getattr(a, "completion", None), "completed_on", None)),
]

MISSING_COLUMNS = [
    Column("職員番号", lambda m: m.staff.number),
    Column("氏名", lambda m: m.staff.full_name),
    Column("所属", lambda m: m.staff.department.name if m.staff.department_id else ""),
    Column("職層", lambda m: m.staff.grade.name if m.staff.grade_id else ""),
    Column("研修", lambda m: m.requirement.course.title),
    Column("期限", lambda m: m.status.due),
    Column("状況", lambda m: m.status.label),
]


def requirement_target(r: Any) -> str:
    """Whom a requirement asks: 職層・役割区分・人材像・所属, or 全職員."""
    parts = [
        f"{label}：{value}"
        for label, value in (
            ("職層", r.grade),
            ("役割区分", r.role_class),
            ("人材像", r.talent_type),
            ("所属", r.department),
        )
        if value
    ]
    return " ".join(parts) or "全職員"


REQUIREMENT_COLUMNS = [
    Column("研修", lambda r: r.course.title),
    Column("区分", lambda r: r.get_kind_display()),
    Column("対象", requirement_target),
    Column("適用開始", lambda r: fiscal_year_label(r.from_fiscal_year)),
    Column("修了の要件", lambda r: r.get_recurrence_display()),
    Column("期限", lambda r: f"{r.due_month}月末"),
]
