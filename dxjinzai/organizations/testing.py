"""The shared cast of every test (DESIGN.md): two municipalities of one consortium plus the
prefecture, each with an admin, an HR officer, a department head and staff, and a foreign
body (another prefecture's village) with its own people.

Built through the services, like the demo. Keys: "P" (the prefecture, operator), "A" and
"B" (member municipalities), "F" (the foreign village).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model

from dxjinzai.lib.bodycode import normalize_body_code
from dxjinzai.organizations import services
from dxjinzai.organizations.models import (
    Appointment,
    Body,
    BodyKind,
    Consortium,
    Department,
    Role,
    StaffMember,
)
from dxjinzai.organizations.rules import AppointmentKind

CAST_PASSWORD = "cast-password-2026"

_BODIES = {
    "P": ("39000", "テスト県", "テストケン", BodyKind.PREFECTURE),
    "A": ("39201", "甲市", "コウシ", BodyKind.MUNICIPALITY),
    "B": ("39301", "乙町", "オツチョウ", BodyKind.MUNICIPALITY),
    "Q": ("38000", "他県", "タケン", BodyKind.PREFECTURE),
    "F": ("38401", "丙村", "ヘイムラ", BodyKind.MUNICIPALITY),
}


@dataclass
class Cast:
    bodies: dict[str, Body] = field(default_factory=dict)
    consortia: dict[str, Consortium] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    staff: dict[str, StaffMember] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    appointments: dict[str, Appointment] = field(default_factory=dict)


def build_cast() -> Cast:
    cast = Cast()
    for key, (first_five, name, kana, kind) in _BODIES.items():
        cast.bodies[key] = services.body_create(
            actor=None, code=normalize_body_code(first_five), name=name, kana=kana, kind=kind
        )
    cast.consortia["C"] = _consortium(
        "テスト県連携協議会", cast.bodies["P"], cast.bodies["A"], cast.bodies["B"]
    )
    cast.consortia["D"] = _consortium("他県連携協議会", cast.bodies["Q"], cast.bodies["F"])
    for key in ("P", "A", "B", "F"):
        _populate(cast, key)
    _user(cast, "P.operator", cast.bodies["P"], Role.OPERATOR)
    _user(cast, "P.expert", cast.bodies["P"], Role.EXPERT)
    return cast


def _consortium(name: str, operator: Body, *members: Body) -> Consortium:
    consortium = services.consortium_create(actor=None, name=name, operator=operator)
    for member in members:
        consortium.members.add(member)
    return consortium


def _populate(cast: Cast, key: str) -> None:
    body = cast.bodies[key]
    opened = date(2020, 4, 1)
    grade = services.grade_create(actor=None, body=body, name="主事・主任級", rank=1)
    services.grade_create(actor=None, body=body, name="課長級", rank=5, is_manager=True)
    general = services.department_create(
        actor=None, body=body, code="0100", name="総務課", valid_from=opened
    )
    digital = services.department_create(
        actor=None, body=body, code="0200", name="デジタル推進課", valid_from=opened
    )
    unit = services.department_create(
        actor=None, body=body, code="0201", name="デジタル推進係", parent=digital, valid_from=opened
    )
    cast.departments.update(
        {f"{key}.general": general, f"{key}.digital": digital, f"{key}.unit": unit}
    )
    people = {
        "admin": ("00001", "管理", "一郎", "カンリ", "イチロウ", general),
        "hr": ("00002", "人事", "花子", "ジンジ", "ハナコ", general),
        "head": ("00003", "所属", "長太郎", "ショゾク", "チョウタロウ", digital),
        "member": ("00004", "職員", "次郎", "ショクイン", "ジロウ", digital),
        "unit": ("00005", "係員", "三郎", "カカリイン", "サブロウ", unit),
        "other": ("00006", "総務", "四郎", "ソウム", "シロウ", general),
    }
    for role_key, (number, family, given, family_kana, given_kana, department) in people.items():
        staff = services.staff_create(
            actor=None,
            body=body,
            number=number,
            family_name=family,
            given_name=given,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            grade=grade,
            department=department,
            hire_date=date(2015, 4, 1),
        )
        cast.staff[f"{key}.{role_key}"] = staff
        cast.appointments[f"{key}.{role_key}"] = services.appointment_create(
            actor=None,
            staff=staff,
            department=department,
            kind=AppointmentKind.REGULAR,
            start_date=date(2015, 4, 1),
        )
    _user(cast, f"{key}.admin", body, Role.BODY_ADMIN, staff=cast.staff[f"{key}.admin"])
    _user(cast, f"{key}.hr", body, Role.HR_OFFICER, staff=cast.staff[f"{key}.hr"])
    _user(
        cast,
        f"{key}.head",
        body,
        Role.DEPT_HEAD,
        staff=cast.staff[f"{key}.head"],
        department=digital,
    )
    _user(cast, f"{key}.staff", body, None, staff=cast.staff[f"{key}.member"])


def _user(
    cast: Cast,
    key: str,
    body: Body,
    role: str | None,
    *,
    staff: StaffMember | None = None,
    department: Department | None = None,
) -> None:
    user = get_user_model().objects.create_user(
        username=key.lower().replace(".", "-"), password=CAST_PASSWORD
    )
    if staff is not None:
        services.staff_update(actor=None, staff=staff, user=user)
    if role is not None:
        services.role_grant_create(
            actor=None, user=user, body=body, role=role, department=department
        )
    cast.users[key] = user
