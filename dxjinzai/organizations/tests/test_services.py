"""Services validate bad input with Japanese messages at the field and write nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.organizations import services
from dxjinzai.organizations.models import (
    Appointment,
    Body,
    BodyKind,
    Department,
    RoleGrant,
    StaffMember,
)
from dxjinzai.organizations.rules import AppointmentKind, FixedTermBasis


def _staff_fields(**overrides):
    fields = {
        "number": "10001",
        "family_name": "山田",
        "given_name": "太郎",
        "family_name_kana": "ヤマダ",
        "given_name_kana": "タロウ",
    }
    return fields | overrides


def _field_errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_staff_create_records_an_audit_entry_with_the_values(cast):
    body = cast.bodies["A"]
    actor = cast.users["A.hr"]
    staff = services.staff_create(actor=actor, body=body, **_staff_fields())
    entry = AuditEntry.unscoped.filter(target_id=str(staff.pk), action=AuditAction.CREATE).get()
    assert entry.body == body
    assert entry.actor == actor
    assert entry.changes["family_name"] == ["", "山田"]


def test_staff_update_records_before_and_after(cast):
    staff = cast.staff["A.member"]
    services.staff_update(actor=cast.users["A.hr"], staff=staff, family_name="新姓")
    entry = AuditEntry.unscoped.filter(target_id=str(staff.pk), action=AuditAction.UPDATE).latest(
        "id"
    )
    assert entry.changes == {"family_name": ["職員", "新姓"]}


def test_duplicate_staff_number_in_a_body_is_refused(cast):
    before = StaffMember.unscoped.count()
    with pytest.raises(ValidationError) as excinfo:
        services.staff_create(
            actor=None, body=cast.bodies["A"], **_staff_fields(number=cast.staff["A.member"].number)
        )
    assert _field_errors(excinfo)["number"] == ["この職員番号は既にこの団体で使われています。"]
    assert StaffMember.unscoped.count() == before


def test_same_staff_number_in_another_body_is_fine(cast):
    services.staff_create(actor=None, body=cast.bodies["A"], **_staff_fields(number="77777"))
    staff = services.staff_create(
        actor=None, body=cast.bodies["B"], **_staff_fields(number="77777")
    )
    assert staff.number == "77777"


def test_fullwidth_digits_in_staff_number_are_normalised_and_leading_zeros_kept(cast):
    staff = services.staff_create(
        actor=None, body=cast.bodies["A"], **_staff_fields(number="００７７")
    )
    assert staff.number == "0077"


def test_duplicate_after_normalisation_is_caught(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.staff_create(
            actor=None, body=cast.bodies["A"], **_staff_fields(number="００００４")
        )
    assert "number" in _field_errors(excinfo)


@pytest.mark.parametrize("kana", ["やまだ", "山田", "Yamada"])
def test_furigana_must_be_katakana(cast, kana):
    with pytest.raises(ValidationError) as excinfo:
        services.staff_create(
            actor=None, body=cast.bodies["A"], **_staff_fields(family_name_kana=kana)
        )
    assert _field_errors(excinfo)["family_name_kana"] == [
        "フリガナは全角カタカナで入力してください。"
    ]


def test_names_are_stored_as_entered_but_trimmed(cast):
    staff = services.staff_create(
        actor=None, body=cast.bodies["A"], **_staff_fields(family_name=" 髙橋 ", given_name="ﾀﾛｳ")
    )
    assert (staff.family_name, staff.given_name) == ("髙橋", "ﾀﾛｳ")


def test_department_of_another_body_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.staff_create(
            actor=None,
            body=cast.bodies["A"],
            **_staff_fields(department=cast.departments["B.digital"]),
        )
    assert "department" in _field_errors(excinfo)


def test_appointment_past_its_legal_cap_is_refused_and_nothing_saved(cast):
    staff = cast.staff["A.member"]
    before = Appointment.unscoped.count()
    with pytest.raises(ValidationError) as excinfo:
        services.appointment_create(
            actor=None,
            staff=staff,
            kind=AppointmentKind.FIXED_TERM,
            fixed_term_basis=FixedTermBasis.ART4,
            start_date=date(2025, 4, 1),
            end_date=date(2029, 3, 31),
        )
    assert "任期は3年以内" in _field_errors(excinfo)["end_date"][0]
    assert Appointment.unscoped.count() == before


def test_secondment_needs_the_sending_body(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.appointment_create(
            actor=None,
            staff=cast.staff["P.member"],
            body=cast.bodies["A"],
            kind=AppointmentKind.SECONDMENT_IN,
            start_date=date(2026, 4, 1),
        )
    assert "source_body" in _field_errors(excinfo)


def test_external_adviser_with_days_per_month(cast):
    appointment = services.appointment_create(
        actor=None,
        staff=cast.staff["A.other"],
        department=cast.departments["A.digital"],
        kind=AppointmentKind.EXTERNAL_ADVISER,
        adviser_contract="commission",
        days_per_month=4,
        start_date=date(2026, 4, 1),
        end_date=date(2027, 3, 31),
    )
    assert appointment.days_per_month == 4
    with pytest.raises(ValidationError) as excinfo:
        services.appointment_create(
            actor=None,
            staff=cast.staff["A.other"],
            kind=AppointmentKind.EXTERNAL_ADVISER,
            start_date=date(2026, 4, 1),
            days_per_month=40,
        )
    errors = _field_errors(excinfo)
    assert {"adviser_contract", "days_per_month"} <= set(errors)


def test_concurrent_appointment_to_another_bodys_office(cast):
    """長井市: staff on concurrent appointment to an office; here across bodies."""
    appointment = services.appointment_create(
        actor=None,
        staff=cast.staff["A.member"],
        body=cast.bodies["B"],
        department=cast.departments["B.digital"],
        kind=AppointmentKind.REGULAR,
        is_concurrent=True,
        start_date=date(2026, 4, 1),
    )
    assert appointment.body == cast.bodies["B"]
    with pytest.raises(ValidationError) as excinfo:
        services.appointment_create(
            actor=None,
            staff=cast.staff["A.member"],
            body=cast.bodies["B"],
            department=cast.departments["A.digital"],
            kind=AppointmentKind.REGULAR,
            start_date=date(2026, 4, 1),
        )
    assert "department" in _field_errors(excinfo)


def test_department_valid_to_before_valid_from_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.department_create(
            actor=None,
            body=cast.bodies["A"],
            code="0300",
            name="新設課",
            valid_from=date(2026, 4, 1),
            valid_to=date(2026, 3, 1),
        )
    assert _field_errors(excinfo)["valid_to"] == ["廃止日は設置日以降の日付にしてください。"]
    assert not Department.unscoped.filter(code="0300").exists()


def test_reorganisation_keeps_history_under_the_same_code(cast):
    body = cast.bodies["A"]
    old = cast.departments["A.general"]
    services.department_update(actor=None, department=old, valid_to=date(2026, 3, 31))
    new = services.department_create(
        actor=None, body=body, code="0100", name="総務企画課", valid_from=date(2026, 4, 1)
    )
    assert new.code == old.code
    with pytest.raises(ValidationError) as excinfo:
        services.department_create(
            actor=None, body=body, code="０１００", name="重複", valid_from=date(2026, 5, 1)
        )
    assert "同じ期間" in _field_errors(excinfo)["code"][0]


def test_body_code_check_digit_is_validated_and_five_digits_completed(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.body_create(actor=None, code="393020", name="丁町", kind=BodyKind.MUNICIPALITY)
    assert "検査数字" in _field_errors(excinfo)["code"][0]
    body = services.body_create(actor=None, code="39302", name="丁町", kind=BodyKind.MUNICIPALITY)
    assert body.code == "393029"


def test_municipality_needs_a_code_but_a_school_does_not(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.body_create(actor=None, code="", name="無コード市", kind=BodyKind.MUNICIPALITY)
    assert "code" in _field_errors(excinfo)
    school = services.body_create(actor=None, code="", name="県立高校", kind=BodyKind.SCHOOL)
    assert school.code is None
    assert school.url_key == f"x{school.pk}"
    assert Body.objects.filter(name="県立高校").count() == 1


def test_dept_head_grant_needs_a_department_of_the_same_body(cast):
    user = cast.users["A.staff"]
    with pytest.raises(ValidationError):
        services.role_grant_create(actor=None, user=user, body=cast.bodies["A"], role="dept_head")
    with pytest.raises(ValidationError):
        services.role_grant_create(
            actor=None,
            user=user,
            body=cast.bodies["A"],
            role="dept_head",
            department=cast.departments["B.digital"],
        )
    assert not RoleGrant.objects.filter(user=user, role="dept_head").exists()


def test_operator_role_only_on_an_operating_body(cast):
    with pytest.raises(ValidationError):
        services.role_grant_create(
            actor=None, user=cast.users["A.staff"], body=cast.bodies["A"], role="operator"
        )
