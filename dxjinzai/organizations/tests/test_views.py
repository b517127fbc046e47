"""The organisation pages: forms call the services, errors show at the fields, lists filter."""

from datetime import date

from django.urls import reverse

from dxjinzai.core.models import AuditEntry
from dxjinzai.organizations.models import Appointment, Department, StaffMember


def _staff_post(**overrides):
    data = {
        "number": "20001",
        "family_name": "新規",
        "given_name": "太郎",
        "family_name_kana": "シンキ",
        "given_name_kana": "タロウ",
        "status": "active",
    }
    return data | overrides


def test_hr_creates_staff_and_is_sent_to_the_record(cast, client_as):
    body = cast.bodies["A"]
    response = client_as("A.hr").post(reverse("staff_create", args=[body.code]), _staff_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_detail", args=[body.code, "20001"])
    assert StaffMember.unscoped.filter(body=body, number="20001").exists()


def test_staff_form_shows_japanese_errors_and_saves_nothing(cast, client_as):
    body = cast.bodies["A"]
    before = StaffMember.unscoped.count()
    response = client_as("A.hr").post(
        reverse("staff_create", args=[body.code]),
        _staff_post(number="00004", family_name_kana="しんき", email="not-an-address"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "この職員番号は既にこの団体で使われています。" in html
    assert "フリガナは全角カタカナで入力してください。" in html
    assert "有効なメールアドレスを入力してください。" in html
    assert 'aria-invalid="true"' in html
    assert StaffMember.unscoped.count() == before


def test_edit_staff_changes_and_audits(cast, client_as):
    body = cast.bodies["A"]
    staff = cast.staff["A.member"]
    response = client_as("A.hr").post(
        reverse("staff_edit", args=[body.code, staff.number]),
        _staff_post(number=staff.number, family_name="改姓", family_name_kana="カイセイ"),
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.family_name == "改姓"
    entry = AuditEntry.unscoped.filter(target_id=str(staff.pk)).latest("id")
    assert entry.changes["family_name"] == ["職員", "改姓"]


def test_appointment_over_cap_shows_error_at_end_date(cast, client_as):
    body = cast.bodies["A"]
    staff = cast.staff["A.member"]
    url = reverse("appointment_create", args=[body.code, staff.number])
    data = {
        "kind": "fixed_term",
        "body": body.pk,
        "fixed_term_basis": "art4",
        "start_date": "2025-04-01",
        "end_date": "2029-03-31",
    }
    response = client_as("A.hr").post(url, data)
    assert "任期は3年以内です" in response.content.decode()
    assert not Appointment.unscoped.filter(staff=staff, kind="fixed_term").exists()
    response = client_as("A.hr").post(url, data | {"specially_needed": "on"})
    assert response.status_code == 302
    assert Appointment.unscoped.filter(staff=staff, kind="fixed_term").exists()


def test_appointment_edit_saves(cast, client_as):
    body = cast.bodies["A"]
    appointment = cast.appointments["A.member"]
    url = reverse("appointment_edit", args=[body.code, "00004", appointment.pk])
    response = client_as("A.admin").post(
        url,
        {"kind": "regular", "body": body.pk, "start_date": "2015-04-01", "end_date": "2027-03-31"},
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.end_date == date(2027, 3, 31)


def test_department_create_and_edit(cast, client_as):
    body = cast.bodies["A"]
    client = client_as("A.hr")
    response = client.post(
        reverse("department_create", args=[body.code]),
        {"code": "０３００", "name": "情報政策課", "valid_from": "2026-04-01"},
    )
    assert response.status_code == 302
    department = Department.unscoped.get(body=body, code="0300")
    response = client.post(
        reverse("department_edit", args=[body.code, department.pk]),
        {
            "code": "0300",
            "name": "情報政策課",
            "valid_from": "2026-04-01",
            "valid_to": "2026-03-01",
        },
    )
    assert "廃止日は設置日以降の日付にしてください。" in response.content.decode()


def test_department_list_as_of_a_date_hides_closed_units(cast, client_as):
    body = cast.bodies["A"]
    client = client_as("A.hr")
    client.post(
        reverse("department_create", args=[body.code]),
        {"code": "0900", "name": "旧情報課", "valid_from": "2010-04-01", "valid_to": "2020-03-31"},
    )
    url = reverse("department_list", args=[body.code])
    row = "<td>0900</td>"
    assert row not in client.get(url).content.decode()
    assert row in client.get(url + "?as_of=2015-04-01").content.decode()
    assert row in client.get(url + "?include_closed=on").content.decode()


def test_staff_list_filters_by_department_and_htmx_gets_only_the_results(cast, client_as):
    body = cast.bodies["A"]
    url = (
        reverse("staff_list", args=[body.code]) + f"?department={cast.departments['A.general'].pk}"
    )
    response = client_as("A.hr").get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "総務 四郎" in html and "職員 次郎" not in html


def test_staff_list_paginates(cast, client_as):
    body = cast.bodies["A"]
    response = client_as("A.hr").get(reverse("staff_list", args=[body.code]) + "?page=99")
    assert "全6件中" in response.content.decode()


def test_body_edit_by_admin(cast, client_as):
    body = cast.bodies["A"]
    response = client_as("A.admin").post(
        reverse("body_edit", args=[body.code]),
        {
            "code": body.code,
            "name": "甲市",
            "kana": "コウシ",
            "kind": "municipality",
            "population": "120000",
        },
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.population == 120000


def test_operator_registers_a_member_body(cast, client_as):
    response = client_as("P.operator").post(
        reverse("body_create"), {"code": "39302", "name": "丁町", "kind": "municipality"}
    )
    assert response.status_code == 302
    assert cast.consortia["C"].members.filter(code="393029").exists()


def test_department_members_lists_dedicated_and_concurrent(cast, client_as):
    from dxjinzai.organizations import services

    services.appointment_create(
        actor=None,
        staff=cast.staff["A.other"],
        department=cast.departments["A.digital"],
        kind="regular",
        is_concurrent=True,
        start_date=date(2024, 4, 1),
    )
    url = reverse(
        "department_members", args=[cast.bodies["A"].code, cast.departments["A.digital"].pk]
    )
    html = client_as("A.hr").get(url).content.decode()
    assert "総務 四郎" in html and "兼務・併任" in html and "職員 次郎" in html


def test_home_shows_appointments_ending_soon_to_hr_only(cast, client_as):
    from datetime import timedelta

    from dxjinzai.organizations import services

    services.appointment_update(
        actor=None,
        appointment=cast.appointments["A.other"],
        end_date=date.today() + timedelta(days=10),
    )
    html = client_as("A.hr").get(reverse("home")).content.decode()
    ending = html[html.index("60日以内に任期が終わる任用・配置") :]
    assert "総務 四郎" in ending
    assert (
        "60日以内に任期が終わる" not in client_as("A.staff").get(reverse("home")).content.decode()
    )


def test_the_staff_page_shows_the_records_history_to_hr(cast, client_as):
    from dxjinzai.organizations import services

    member = cast.staff["A.member"]
    services.staff_update(actor=cast.users["A.hr"], staff=member, family_name="改姓")
    url = reverse("staff_detail", args=[cast.bodies["A"].code, member.number])
    page = client_as("A.hr").get(url).content.decode()
    assert "氏：職員 → 改姓" in page
    assert "変更の履歴" not in client_as("A.staff").get(url).content.decode()


def test_the_staff_page_shows_the_employment_kind(cast, client_as):
    from dxjinzai.organizations import services

    member = cast.staff["A.member"]
    services.staff_update(actor=None, staff=member, employment_kind="fixed_term")
    url = reverse("staff_detail", args=[cast.bodies["A"].code, member.number])
    assert "<dt>雇用区分</dt><dd>任期付</dd>" in client_as("A.hr").get(url).content.decode()
