"""Columns of the skills lists as they are exported."""

from __future__ import annotations

from dxjinzai.core.exports import Column

QUALIFICATION_COLUMNS = [
    Column("資格名", lambda q: q.name),
    Column("区分", lambda q: q.get_category_display()),
    Column("実施団体", lambda q: q.issuer),
    Column("回次あり", lambda q: q.has_sitting),
    Column("番号の例", lambda q: q.number_example),
    Column("有効年数", lambda q: q.validity_years),
    Column("登録元", lambda q: q.body.name if q.body_id else "全国共通"),
]

SEARCH_COLUMNS = [
    Column("職員番号", lambda s: s.number),
    Column("氏名", lambda s: s.full_name),
    Column("所属", lambda s: s.department.name if s.department_id else ""),
    Column("職層", lambda s: s.grade.name if s.grade_id else ""),
]

EXAM_COLUMNS = [
    Column("試験日", lambda e: e.exam_on),
    Column("資格", lambda e: e.qualification.name),
    Column("申込締切日", lambda e: e.application_until),
    Column("備考", lambda e: e.note),
]


FRAMEWORK_COLUMNS = [
    Column("名称", lambda f: f.name),
    Column("作成団体", lambda f: f.body.name if f.body_id else ""),
    Column("種別", lambda f: "国の参考標準" if f.is_reference else "団体の方針"),
    Column("共有", lambda f: "連携協議会で共有" if f.shared_with_consortium else "団体内のみ"),
]
