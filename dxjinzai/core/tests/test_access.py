"""The access layer: fail-closed scoping and who sees which staff record."""

from datetime import date

import pytest
from django.urls import reverse

from dxjinzai.core.access import ANONYMOUS
from dxjinzai.core.models import AuditEntry
from dxjinzai.core.scoping import UnscopedQueryError
from dxjinzai.organizations import selectors, services
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.models import Appointment, Department, Grade, StaffMember
from dxjinzai.organizations.rules import AppointmentKind


@pytest.mark.parametrize("model", [StaffMember, Appointment, Department, Grade, AuditEntry])
def test_a_query_without_scope_raises(model, db):
    with pytest.raises(UnscopedQueryError):
        model.objects.all()
    with pytest.raises(UnscopedQueryError):
        model.objects.filter(pk=1)


def test_anonymous_sees_nothing(cast):
    assert not StaffMember.objects.visible_to(ANONYMOUS).exists()


def _visible_numbers(cast, user_key, body_key="A"):
    access = access_for_user(cast.users[user_key])
    return {
        (s.body.name, s.number)
        for s in StaffMember.objects.visible_to(access).select_related("body")
        if body_key is None or s.body_id == cast.bodies[body_key].pk
    }


def test_hr_officer_sees_the_whole_body_and_nothing_else(cast):
    access = access_for_user(cast.users["A.hr"])
    bodies = set(StaffMember.objects.visible_to(access).values_list("body_id", flat=True))
    assert bodies == {cast.bodies["A"].pk}
    assert StaffMember.objects.visible_to(access).count() == 6


def test_department_head_sees_the_department_and_the_units_below(cast):
    numbers = {n for _, n in _visible_numbers(cast, "A.head", body_key=None)}
    # head and member sit in デジタル推進課, unit in the デジタル推進係 below it
    assert numbers == {"00003", "00004", "00005"}


def test_staff_member_sees_only_themself(cast):
    assert _visible_numbers(cast, "A.staff", body_key=None) == {("甲市", "00004")}


def test_operator_sees_no_staff_of_member_bodies(cast):
    access = access_for_user(cast.users["P.operator"])
    assert not StaffMember.objects.visible_to(access).exists()
    assert access.knows_body(cast.bodies["A"].pk)
    assert not access.knows_body(cast.bodies["F"].pk)


def test_concurrent_appointment_shares_the_person_with_the_host_body(cast):
    """A person serving another body's office is visible to that body's HR while it lasts."""
    person = cast.staff["A.member"]
    b_hr = access_for_user(cast.users["B.hr"])
    assert not StaffMember.objects.visible_to(b_hr).filter(pk=person.pk).exists()
    services.appointment_create(
        actor=None,
        staff=person,
        body=cast.bodies["B"],
        department=cast.departments["B.digital"],
        kind=AppointmentKind.REGULAR,
        is_concurrent=True,
        start_date=date(2024, 4, 1),
    )
    assert StaffMember.objects.visible_to(b_hr).filter(pk=person.pk).exists()
    listed = selectors.staff_list(b_hr, cast.bodies["B"])
    assert person in listed
    ended = Appointment.unscoped.get(staff=person, body=cast.bodies["B"])
    services.appointment_update(actor=None, appointment=ended, end_date=date(2025, 3, 31))
    assert not StaffMember.objects.visible_to(b_hr).filter(pk=person.pk).exists()


def test_staff_detail_of_someone_else_is_404_for_a_staff_member(cast, client_as):
    body = cast.bodies["A"]
    client = client_as("A.staff")
    own = reverse("staff_detail", args=[body.code, cast.staff["A.member"].number])
    other = reverse("staff_detail", args=[body.code, cast.staff["A.other"].number])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404


def test_department_head_cannot_open_a_record_outside_the_department(cast, client_as):
    body = cast.bodies["A"]
    client = client_as("A.head")
    assert client.get(reverse("staff_detail", args=[body.code, "00005"])).status_code == 200
    assert client.get(reverse("staff_detail", args=[body.code, "00006"])).status_code == 404


def test_staff_list_of_department_head_shows_only_the_department(cast, client_as):
    response = client_as("A.head").get(reverse("staff_list", args=[cast.bodies["A"].code]))
    html = response.content.decode()
    assert "職員 次郎" in html and "係員 三郎" in html
    assert "総務 四郎" not in html and "人事 花子" not in html


def test_another_bodys_department_id_in_a_url_is_404(cast, client_as):
    url = reverse("department_edit", args=[cast.bodies["A"].code, cast.departments["B.digital"].pk])
    assert client_as("A.hr").get(url).status_code == 404


def test_another_bodys_appointment_id_in_a_url_is_404(cast, client_as):
    url = reverse(
        "appointment_edit",
        args=[
            cast.bodies["A"].code,
            cast.staff["A.member"].number,
            cast.appointments["B.member"].pk,
        ],
    )
    assert client_as("A.hr").get(url).status_code == 404


def test_unknown_body_code_is_404_not_500(cast, client_as):
    assert client_as("A.hr").get("/b/999999/staff/").status_code == 404
    assert client_as("A.hr").get("/b/xabc/").status_code == 404


def test_posting_to_a_foreign_body_writes_nothing(cast, client_as):
    before = StaffMember.unscoped.count()
    response = client_as("F.hr").post(
        reverse("staff_create", args=[cast.bodies["A"].code]),
        {
            "number": "99999",
            "family_name": "侵入",
            "given_name": "者",
            "family_name_kana": "シンニュウ",
            "given_name_kana": "シャ",
            "status": "active",
        },
    )
    assert response.status_code == 404
    assert StaffMember.unscoped.count() == before
