"""Calendar feeds: a person's private address with their sessions, exams and dispatch dates,
a body's feed of joint sessions; valid iCalendar (parsed back), revocable, nobody else's."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from dxjinzai.core import clock
from dxjinzai.dispatch.testing import build_dispatch_cast
from dxjinzai.reminders.models import BodyCalendar, ReminderSettings
from dxjinzai.subsidies.testing import build_subsidy_cast
from dxjinzai.training import services as training
from dxjinzai.training.testing import build_training_cast

TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _feed(client, url: str) -> dict[str, tuple[date, date]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    return {
        str(event["SUMMARY"]): (event.decoded("DTSTART"), event.decoded("DTEND"))
        for event in calendar.walk("VEVENT")
    }


def _person_feed_url(client) -> str:
    assert client.post(reverse("calendar_renew")).status_code == 302
    user_id = int(client.session["_auth_user_id"])
    token = ReminderSettings.objects.get(user_id=user_id).calendar_token
    return reverse("person_calendar", args=[token])


def test_the_person_feed_holds_my_sessions_and_exams_and_no_one_elses(cast, client_as, client):
    made = build_training_cast(cast, today=TODAY)
    training.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["A.unit"], today=TODAY
    )
    build_subsidy_cast(cast)
    url = _person_feed_url(client_as("A.staff"))
    events = _feed(client_as(None), url)
    # Two days from 12/19: an all-day entry ends the day after its last day.
    assert events["研修：DX特別研修 合同グループA"] == (date(2026, 12, 19), date(2026, 12, 21))
    assert events["研修：情報セキュリティ研修 第1回"] == (date(2026, 11, 26), date(2026, 11, 27))
    assert events["受験：ITパスポート試験"] == (date(2026, 11, 1), date(2026, 11, 2))
    assert len(events) == 3, events


def test_the_expert_feed_holds_the_dispatch_dates(cast, client_as):
    build_dispatch_cast(cast)
    url = _person_feed_url(client_as("P.expert"))
    events = _feed(client_as(None), url)
    assert events == {
        "専門家派遣：甲市「職員向けデータ活用研修」": (date(2026, 12, 10), date(2026, 12, 11))
    }


def test_a_renewed_or_revoked_address_stops_working(cast, client_as):
    client = client_as("A.staff")
    first = _person_feed_url(client)
    second = _person_feed_url(client)
    anonymous = client_as(None)
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200
    client = client_as("A.staff")
    assert client.post(reverse("calendar_revoke")).status_code == 302
    assert client_as(None).get(second).status_code == 404
    assert client_as(None).get(reverse("person_calendar", args=["x" * 43])).status_code == 404


def test_a_deactivated_account_has_no_feed(cast, client_as):
    url = _person_feed_url(client_as("A.staff"))
    user = cast.users["A.staff"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client_as(None).get(url).status_code == 404


def test_the_body_feed_holds_the_joint_sessions_only(cast, client_as):
    made = build_training_cast(cast, today=TODAY)
    client = client_as("A.hr")
    assert (
        client.post(reverse("body_calendar_renew", args=[cast.bodies["A"].code])).status_code == 302
    )
    token = BodyCalendar.unscoped.get(body=cast.bodies["A"]).token
    settings_page = client.get(reverse("reminder_settings")).content.decode()
    assert reverse("body_calendar", args=[token]) in settings_page
    events = _feed(client_as(None), reverse("body_calendar", args=[token]))
    # The prefecture's session open to the consortium; not the town's own closed one.
    assert set(events) == {"研修：DX特別研修 合同グループA（テスト県）"}
    assert events["研修：DX特別研修 合同グループA（テスト県）"][0] == made.joint_session.starts_on
    # Another consortium's body sees none of it.
    client = client_as("F.hr")
    client.post(reverse("body_calendar_renew", args=[cast.bodies["F"].code]))
    other = BodyCalendar.unscoped.get(body=cast.bodies["F"]).token
    assert _feed(client_as(None), reverse("body_calendar", args=[other])) == {}


def test_revoking_the_body_feed_is_audited_and_final(cast, client_as):
    from dxjinzai.core.models import AuditEntry

    client = client_as("A.hr")
    body_key = cast.bodies["A"].code
    client.post(reverse("body_calendar_renew", args=[body_key]))
    token = BodyCalendar.unscoped.get(body=cast.bodies["A"]).token
    client.post(reverse("body_calendar_revoke", args=[body_key]))
    assert client_as(None).get(reverse("body_calendar", args=[token])).status_code == 404
    kinds = list(
        AuditEntry.unscoped.filter(body=cast.bodies["A"], target_type__contains="カレンダー")
        .order_by("at")
        .values_list("action", flat=True)
    )
    assert kinds == ["create", "delete"]


def test_the_digest_can_be_turned_off_and_on(cast, client_as):
    user = cast.users["A.staff"]
    user.email = "a-staff@example.lg.jp"
    user.save(update_fields=["email"])
    client = client_as("A.staff")
    page = client.get(reverse("reminder_settings")).content.decode()
    assert "毎朝、新しい対応待ちをメールで受け取る" in page
    client.post(reverse("reminder_settings"), {})
    assert ReminderSettings.objects.get(user=user).digest is False
    client.post(reverse("reminder_settings"), {"digest": "on"})
    assert ReminderSettings.objects.get(user=user).digest is True


def test_without_an_address_the_page_says_no_mail_can_come(cast, client_as):
    page = client_as("A.staff").get(reverse("reminder_settings")).content.decode()
    assert "メールアドレスが登録されていないため" in page


def test_the_feed_reaches_back_one_year(cast, client_as):
    made = build_training_cast(cast, today=TODAY - timedelta(days=400))
    url = _person_feed_url(client_as("A.staff"))
    assert made.member_joint.session.ends_on < TODAY - timedelta(days=365)
    assert _feed(client_as(None), url) == {}
