"""The columns of the organisation lists, shared by the pages and their downloads."""

from decimal import Decimal

from dxjinzai.core.exports import Column

BODY_COLUMNS = [
    Column("団体コード", lambda b: b.code or ""),
    Column("名称", lambda b: b.name),
    Column("フリガナ", lambda b: b.kana),
    Column("種別", lambda b: b.get_kind_display()),
    Column("人口", lambda b: b.population),
    Column("所属数", lambda b: b.department_count),
]

DEPARTMENT_COLUMNS = [
    Column("所属コード", lambda d: d.code),
    Column("所属名", lambda d: d.name),
    Column("上位所属", lambda d: d.parent.name if d.parent else ""),
    Column("設置日", lambda d: d.valid_from),
    Column("廃止日", lambda d: d.valid_to),
    Column("在職職員数", lambda d: d.staff_count),
]

STAFF_COLUMNS = [
    Column("職員番号", lambda s: s.number),
    Column("氏", lambda s: s.family_name),
    Column("名", lambda s: s.given_name),
    Column("氏フリガナ", lambda s: s.family_name_kana),
    Column("名フリガナ", lambda s: s.given_name_kana),
    Column("所属コード", lambda s: s.department.code if s.department else ""),
    Column("所属", lambda s: s.department.name if s.department else ""),
    Column("職層", lambda s: s.grade.name if s.grade else ""),
    Column("メールアドレス", lambda s: s.email),
    Column("雇用区分", lambda s: s.get_employment_kind_display()),
    Column("採用日", lambda s: s.hire_date),
    Column("在職状況", lambda s: s.get_status_display()),
]

ACCOUNT_COLUMNS = [
    Column("ユーザー名", lambda a: a.user.username),
    Column("氏名", lambda a: f"{a.user.last_name} {a.user.first_name}".strip()),
    Column("職員番号", lambda a: a.staff.number if a.staff else ""),
    Column(
        "権限",
        lambda a: (
            "、".join(
                g.get_role_display() + (f"（{g.department.name}）" if g.department else "")
                for g in a.grants
            )
            or "職員"
        ),
    ),
    Column("有効", lambda a: a.user.is_active),
]

IMPORT_RUN_COLUMNS = [
    Column("受付日時", lambda r: r.created_at),
    Column("ファイル名", lambda r: r.filename),
    Column("種類", lambda r: r.kind_label),
    Column("状態", lambda r: r.get_status_display()),
    Column("確認のみ", lambda r: bool(r.options.get("dry_run"))),
    Column("行数", lambda r: r.counts.get("total", "")),
    Column("登録", lambda r: r.counts.get("created", "")),
    Column("更新", lambda r: r.counts.get("updated", "")),
    Column("退職", lambda r: r.counts.get("retired", "")),
    Column("エラー行", lambda r: r.counts.get("rejected", "")),
    Column("結果", lambda r: r.message),
]

# The report of one import: every problem and every change, one line each.
IMPORT_REPORT_COLUMNS = [
    Column("行", lambda line: line["row"]),
    Column("職員番号", lambda line: line["number"]),
    Column("結果", lambda line: line["outcome"]),
    Column("列", lambda line: line["column"]),
    Column("内容", lambda line: line["detail"]),
    Column("元の行（エラーの行）", lambda line: line["original"]),
]


def member_columns(recorded_days: dict[int, Decimal]) -> list[Column]:
    """A department's members as exported; `recorded_days` gives, for part-timers, the days
    worked over the last six months."""
    return [
        Column("職員番号", lambda a: a.staff.number),
        Column("氏名", lambda a: a.staff.full_name),
        Column("所属団体", lambda a: a.staff.body.name),
        Column("任用区分", lambda a: a.get_kind_display()),
        Column("専任・兼務", lambda a: "兼務・併任" if a.is_concurrent else "専任"),
        Column("職名", lambda a: a.title),
        Column("月あたり勤務日数（取り決め）", lambda a: a.days_per_month or ""),
        Column("直近6か月の勤務日数", lambda a: recorded_days.get(a.pk, "")),
        Column("開始日", lambda a: a.start_date),
        Column("終了日", lambda a: a.end_date or ""),
    ]
