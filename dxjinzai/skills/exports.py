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
