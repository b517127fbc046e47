"""Sessions (issue 19 §4): a person sees where they are signed in and ends the others; a
password changed ends the others; a session idle longer than the body allows signs out."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dxjinzai.core.models import SignedInSession
from dxjinzai.core.sessions import LAST_ACTIVITY, idle_expired, needs_touch
from dxjinzai.organizations import services as organizations

PASSWORD = "kasumigaseki-2026-aki"


def test_the_idle_rule():
    assert not idle_expired(None, 10_000, 60)
    assert not idle_expired(1_000, 1_060, 60)  # exactly the limit: still signed in
    assert idle_expired(1_000, 1_061, 60)
    assert needs_touch(None, 5) and needs_touch(0, 60) and not needs_touch(0, 59)


def _signed_in(cast, key: str, agent: str) -> Client:
    """A browser of its own, signed in through the login page (as a person does)."""
    user = cast.users[key]
    user.refresh_from_db()
    if not user.check_password(PASSWORD):  # a new password would end the earlier sessions
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    browser = Client(HTTP_USER_AGENT=agent)
    response = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return browser


def test_a_person_sees_their_sessions_and_ends_the_other(cast):
    office = _signed_in(cast, "A.hr", "Mozilla/5.0 (Windows NT 10.0) 庁内PC")
    shared = _signed_in(cast, "A.hr", "Mozilla/5.0 (X11) 共用PC")
    _signed_in(cast, "A.head", "Mozilla/5.0 所属長のPC")
    page = office.get(reverse("my_sessions")).content.decode()
    assert "庁内PC" in page and "共用PC" in page and "所属長のPC" not in page
    assert page.count("終了する<span") == 1  # not the one in use
    other = SignedInSession.objects.get(user_agent__contains="共用PC")
    office.post(reverse("session_end", args=[other.pk]))
    assert shared.get(reverse("home")).status_code == 302  # back to the login page
    assert office.get(reverse("home")).status_code == 200
    # Someone else's session is not theirs to end.
    heads = SignedInSession.objects.get(user_agent__contains="所属長のPC")
    assert office.post(reverse("session_end", args=[heads.pk])).status_code == 404


def test_a_changed_password_ends_the_other_sessions(cast):
    office = _signed_in(cast, "A.hr", "庁内PC")
    home = _signed_in(cast, "A.hr", "在宅PC")
    office.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "numazu-2027-haru-dx",
            "new_password2": "numazu-2027-haru-dx",
        },
    )
    assert office.get(reverse("home")).status_code == 200
    assert home.get(reverse("home")).status_code == 302
    assert list(SignedInSession.objects.values_list("user_agent", flat=True)) == ["庁内PC"]


def test_logging_out_removes_the_session_from_the_list(cast):
    office = _signed_in(cast, "A.hr", "庁内PC")
    office.post(reverse("logout"))
    assert not SignedInSession.objects.exists()


@pytest.mark.parametrize(("minutes", "idle", "signed_in"), [(30, 29, True), (30, 31, False)])
def test_a_session_idle_longer_than_the_body_allows_signs_out(cast, minutes, idle, signed_in):
    organizations.body_update(actor=None, body=cast.bodies["A"], idle_timeout_minutes=minutes)
    office = _signed_in(cast, "A.hr", "庁内PC")
    session = office.session
    session[LAST_ACTIVITY] = session[LAST_ACTIVITY] - idle * 60
    session.save()
    assert (office.get(reverse("home")).status_code == 200) is signed_in
    assert SignedInSession.objects.exists() is signed_in


def test_a_person_of_several_bodies_gets_the_shortest_limit(cast):
    from dxjinzai.core.access import directory

    organizations.body_update(actor=None, body=cast.bodies["P"], idle_timeout_minutes=60)
    assert directory().idle_timeout_seconds(cast.users["A.hr"]) == 8 * 3600
    assert directory().idle_timeout_seconds(cast.users["P.operator"]) == 3600
