"""Accounts follow the personnel record (issue 19 §3): a person retired on their page or by
a complete import signs in no more from that day, their role grants end, each audited, and
an API token they issued stops."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.contrib.auth import get_user_model
from django.urls import reverse

from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.core.services import api_token_authenticate, api_token_create
from dxjinzai.organizations import selectors, services
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.import_jobs import staff_import_start
from dxjinzai.organizations.models import RoleGrant, StaffMember, StaffStatus


def _user(cast, key):
    return get_user_model().objects.get(pk=cast.users[key].pk)


def test_retired_on_the_page_the_account_and_its_grants_stop(cast, client_as):
    hr = _user(cast, "A.hr")
    _, raw = api_token_create(actor=hr, body=cast.bodies["A"], name="連携", scope="read")
    assert api_token_authenticate(raw) is not None
    services.staff_update(
        actor=cast.users["A.admin"], staff=cast.staff["A.hr"], status=StaffStatus.RETIRED
    )
    hr.refresh_from_db()
    assert not hr.is_active
    assert not RoleGrant.objects.filter(user=hr).exists()
    assert not access_for_user(hr).is_authenticated
    assert api_token_authenticate(raw) is None
    closed = AuditEntry.unscoped.filter(target_type="アカウント", target_label=hr.username)
    assert closed.get().changes == {"is_active": ["有効", "停止（退職）"]}
    assert AuditEntry.unscoped.filter(
        action=AuditAction.DELETE, changes__user=[hr.username, "（退職により終了）"]
    ).exists()
    # The signed-in session stops working at the next request.
    assert client_as("A.hr").get(reverse("home")).status_code == 302


def test_a_complete_import_that_retires_a_person_stops_their_account(cast):
    rows = [["職員番号", "氏", "名", "氏フリガナ", "名フリガナ"]]
    for key in ("A.admin", "A.hr", "A.head", "A.unit", "A.other"):  # A.member is left out
        staff = cast.staff[key]
        rows.append(
            [
                staff.number,
                staff.family_name,
                staff.given_name,
                staff.family_name_kana,
                staff.given_name_kana,
            ]
        )
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    staff_import_start(
        actor=cast.users["A.hr"],
        body=cast.bodies["A"],
        filename="staff.csv",
        data=buffer.getvalue().encode(),
        complete=True,
        confirm_retirements=True,
    )
    member = StaffMember.unscoped.get(pk=cast.staff["A.member"].pk)
    assert member.status == StaffStatus.RETIRED
    assert not _user(cast, "A.staff").is_active
    assert _user(cast, "A.head").is_active  # the others keep theirs


def test_a_person_back_in_service_gets_their_account_back_as_staff(cast, client_as):
    services.staff_update(actor=None, staff=cast.staff["A.hr"], status=StaffStatus.RETIRED)
    admin = client_as("A.admin")
    url = reverse("account_reactivate", args=[cast.bodies["A"].code, cast.users["A.hr"].pk])
    admin.post(url)
    assert not _user(cast, "A.hr").is_active  # still retired: refused
    services.staff_update(actor=None, staff=cast.staff["A.hr"], status=StaffStatus.ACTIVE)
    page = admin.get(reverse("account_list", args=[cast.bodies["A"].code])).content.decode()
    assert "停止" in page and "有効に戻す" in page
    admin.post(url)
    hr = _user(cast, "A.hr")
    assert hr.is_active and not RoleGrant.objects.filter(user=hr).exists()


def test_the_rule_of_appointments_that_are_over():
    from dxjinzai.organizations.rules import appointments_over

    today = date(2027, 4, 1)
    assert appointments_over([date(2027, 3, 31)], today)  # the term's last day was yesterday
    assert not appointments_over([date(2027, 4, 1)], today)  # today is still its last day
    assert not appointments_over([date(2027, 3, 31), None], today)  # another runs on
    assert not appointments_over([], today)  # nothing recorded: not taken for a leaver


def test_the_nightly_job_stops_the_accounts_of_people_whose_appointments_ended(cast):
    from dxjinzai.organizations.tasks import close_accounts_of_ended_appointments

    # A 会計年度任用 term not renewed.
    services.appointment_update(
        actor=None, appointment=cast.appointments["A.hr"], end_date=date(2026, 3, 31)
    )
    hr, head = _user(cast, "A.hr"), _user(cast, "A.head")
    assert services.ended_appointments_accounts_close(today=date(2026, 3, 31)) == 0
    result = close_accounts_of_ended_appointments.call()
    assert result == {"closed": 1}
    hr.refresh_from_db()
    assert not hr.is_active and not RoleGrant.objects.filter(user=hr).exists()
    assert AuditEntry.unscoped.get(target_type="アカウント", target_label=hr.username).changes == {
        "is_active": ["有効", "停止（任用の終了）"]
    }
    head.refresh_from_db()
    assert head.is_active  # an open-ended appointment
    # A second night finds nothing more to close.
    assert services.ended_appointments_accounts_close(today=date(2026, 4, 2)) == 0


def _move_the_head(cast):
    return services.staff_update(
        actor=None, staff=cast.staff["A.head"], department=cast.departments["A.general"]
    )


def test_a_moved_head_keeps_the_old_unit_until_hr_confirms(cast, client_as):
    """Issue 19 §3: a department head moved to 総務課 still heads デジタル推進課 until HR
    says whether the role follows; HR's inbox asks."""
    from dxjinzai.organizations.attention import waiting_for

    _move_the_head(cast)
    head = _user(cast, "A.head")
    grant = RoleGrant.objects.get(user=head, role="dept_head")
    assert grant.department == cast.departments["A.digital"]  # nothing moved by itself
    hr = access_for_user(cast.users["A.hr"])
    waiting = {w.label: w for w in waiting_for(hr, today=date(2026, 11, 29))}
    assert waiting["異動した所属長の権限（確認待ち）"].count == 1
    code = cast.bodies["A"].code
    page = client_as("A.hr").get(reverse("head_moves", args=[code])).content.decode()
    assert "所属 長太郎" in page and "デジタル推進課" in page and "総務課" in page
    client_as("A.hr").post(
        reverse("head_move_confirm", args=[code, grant.pk]), {"decision": "follow"}
    )
    grant.refresh_from_db()
    assert grant.department == cast.departments["A.general"]
    assert AuditEntry.unscoped.filter(
        target_id=str(grant.pk), changes__department=["デジタル推進課", "総務課"]
    ).exists()
    assert not selectors.moved_heads(hr, [cast.bodies["A"].pk]).exists()


def test_hr_ends_the_role_of_a_head_who_moved_to_a_post_without_it(cast, client_as):
    _move_the_head(cast)
    grant = RoleGrant.objects.get(user=_user(cast, "A.head"), role="dept_head")
    code = cast.bodies["A"].code
    client_as("A.hr").post(reverse("head_move_confirm", args=[code, grant.pk]), {"decision": "end"})
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
