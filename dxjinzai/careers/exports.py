"""The columns of 挑戦制度's lists, as exported (CSV / XLSX)."""

from __future__ import annotations

from dxjinzai.core.exports import Column

YEAR_COLUMNS = [
    Column("年度", lambda r: r.fiscal_year),
    Column("分野", lambda r: r.field),
    Column("応募", lambda r: r.applied),
    Column("決定", lambda r: r.accepted),
]

APPLICATION_COLUMNS = [
    Column("職員番号", lambda a: a.staff.number),
    Column("氏名", lambda a: a.staff.full_name),
    Column("所属", lambda a: a.staff.department.name if a.staff.department else ""),
    Column("希望する分野", lambda a: a.field),
    Column("志望の理由とキャリアの計画", lambda a: a.statement),
    Column("応募日", lambda a: a.submitted_on),
    Column("結果", lambda a: a.get_decision_display()),
    Column("理由・条件", lambda a: a.reason),
]
