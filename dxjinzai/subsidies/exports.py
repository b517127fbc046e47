"""The columns of the subsidy's lists and downloads (the payment list is for accounting)."""

from dxjinzai.core.exports import Column

APPLICATION_COLUMNS = [
    Column("申請日", lambda a: a.applied_on),
    Column("職員番号", lambda a: a.staff.number),
    Column("氏名", lambda a: a.staff.full_name),
    Column("所属", lambda a: a.staff.department.name if a.staff.department else ""),
    Column("資格", lambda a: a.qualification.name),
    Column("受験日", lambda a: a.exam_on),
    Column("受験料（円）", lambda a: a.fee),
    Column("補助額（円）", lambda a: a.amount),
    Column("状態", lambda a: a.get_status_display()),
]
PAYMENT_COLUMNS = [
    Column("支払日", lambda a: a.payment.paid_on if a.payment else None),
    Column("支払番号", lambda a: a.payment_id),
    Column("職員番号", lambda a: a.staff.number),
    Column("氏名", lambda a: a.staff.full_name),
    Column("所属", lambda a: a.staff.department.name if a.staff.department else ""),
    Column("資格", lambda a: a.qualification.name),
    Column("受験日", lambda a: a.exam_on),
    Column("受験料（円）", lambda a: a.fee),
    Column("補助額（円）", lambda a: a.amount),
    Column("結果", lambda a: {True: "合格", False: "不合格"}.get(a.passed, "")),
]
STATISTICS_COLUMNS = [
    Column("資格", lambda r: r.name),
    Column("申請", lambda r: r.applications),
    Column("結果の報告", lambda r: r.reported),
    Column("合格", lambda r: r.passed),
    Column("合格率（%）", lambda r: r.pass_rate),
    Column("支払額（円）", lambda r: r.paid_yen),
]
