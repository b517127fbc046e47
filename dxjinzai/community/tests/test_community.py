"""The community: who sees which community, registration across bodies with its rules, the
roster and attendance, the .ics and the calendar feed, posts and comments, and the
DX推進チャレンジャー count read from attendance."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dxjinzai.community import rules, selectors, services
from dxjinzai.community.models import Community, Registration
from dxjinzai.community.testing import build_community_cast
from dxjinzai.core import clock
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.access import access_for_user


def _visible(cast, key):
    return set(
        Community.objects.visible_to(access_for_user(cast.users[key])).values_list(
            "name", flat=True
        )
    )


def test_a_member_sees_their_bodys_and_their_consortiums_communities_only(cast):
    build_community_cast(cast)
    assert _visible(cast, "A.staff") == {"DX推進コミュニティ", "甲市DX勉強会"}
    assert _visible(cast, "B.staff") == {"DX推進コミュニティ"}
    assert _visible(cast, "P.operator") == {"DX推進コミュニティ"}
    assert _visible(cast, "F.admin") == set()
    assert _visible(cast, "P.expert") == set()


def test_registration_rules():
    now = clock.now()
    assert rules.registration_problem(now=now, starts_at=now, capacity=None, registered=0)
    assert "定員（2人）" in str(
        rules.registration_problem(
            now=now, starts_at=now + timedelta(hours=1), capacity=2, registered=2
        )
    )
    assert (
        rules.registration_problem(
            now=now, starts_at=now + timedelta(hours=1), capacity=2, registered=1
        )
        is None
    )


def test_register_once_cancel_before_the_start(cast):
    made = build_community_cast(cast)
    event, now = made["event"], clock.now()
    with pytest.raises(ValidationError, match="すでに登録"):
        services.event_register(actor=None, event=event, staff=cast.staff["B.member"], now=now)
    with pytest.raises(ValidationError, match="開始した"):
        services.event_cancel(actor=None, registration=made["registration"], now=event.starts_at)
    services.event_cancel(actor=None, registration=made["registration"], now=now)
    assert not Registration.unscoped.exists()


def test_the_roster_is_the_organisers_and_the_persons_own(cast):
    made = build_community_cast(cast)
    event = made["event"]
    assert selectors.roster(access_for_user(cast.users["A.hr"]), event).count() == 1
    assert selectors.roster(access_for_user(cast.users["B.staff"]), event).count() == 1
    assert selectors.roster(access_for_user(cast.users["A.staff"]), event).count() == 0
    assert selectors.roster(access_for_user(cast.users["B.admin"]), event).count() == 0


def test_another_towns_member_registers_and_downloads_the_ics(cast, client_as):
    made = build_community_cast(cast)
    event = made["event"]
    client = client_as("A.staff")
    assert client.post(reverse("event_register", args=[event.pk])).status_code == 302
    ics = client.get(reverse("event_ics", args=[event.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert "SUMMARY:勉強会：ローコード勉強会" in text and "DTSTART" in text and "DTSTAMP" in text
    own = made["own"]
    assert client_as("B.staff").get(reverse("community_detail", args=[own.pk])).status_code == 404


def test_the_community_feed_by_its_secret(cast, client):
    made = build_community_cast(cast)
    url = reverse("community_calendar", args=[made["forum"].calendar_token])
    response = client.get(url)
    assert response.status_code == 200 and "ローコード勉強会" in response.content.decode()
    assert client.get(reverse("community_calendar", args=["nope"])).status_code == 404


def test_attendance_and_the_challenger_count(cast, client_as):
    made = build_community_cast(cast)
    event = made["event"]
    services.event_register(actor=None, event=event, staff=cast.staff["A.member"], now=clock.now())
    mine = Registration.unscoped.get(staff=cast.staff["A.member"])
    response = client_as("A.hr").post(
        reverse("event_attendance", args=[event.pk]), {"attended": [str(mine.pk)]}
    )
    assert response.status_code == 302
    assert list(Registration.unscoped.filter(attended=True)) == [mine]
    year = fiscal_year_of(timezone.localdate(event.starts_at))
    body = cast.bodies["A"].pk
    assert selectors.challengers_by_year({body}) == {year: 1}
    # A forum (not a study meeting) does not count; a second study meeting counts no one twice.
    later = services.event_save(
        actor=None,
        community=made["forum"],
        kind="study",
        title="第2回",
        starts_at=event.starts_at + timedelta(days=7),
        ends_at=event.ends_at + timedelta(days=7),
        place="オンライン",
        agenda="",
        capacity=None,
    )
    again = services.event_register(
        actor=None, event=later, staff=cast.staff["A.member"], now=clock.now()
    )
    services.attendance_record(actor=None, event=later, attended_ids={again.pk})
    assert selectors.challengers_by_year({body}) == {year: 1}


def test_posts_and_comments_are_corrected_by_their_authors(cast, client_as):
    made = build_community_cast(cast)
    post, comment = made["post"], made["comment"]
    assert client_as("B.staff").get(reverse("post_edit", args=[post.pk])).status_code == 403
    page = client_as("B.staff").get(reverse("post_detail", args=[post.pk])).content.decode()
    assert "参考にします" in page and "乙町 職員 次郎" in page
    response = client_as("A.staff").post(
        reverse("community_detail", args=[made["forum"].pk]),
        {"kind": "exam", "title": "ITパスポートの試験日", "text": "受験しましょう", "url": ""},
    )
    assert response.status_code == 302
    assert (
        client_as("B.staff").post(reverse("comment_delete", args=[comment.pk])).status_code == 302
    )


def test_a_target_counts_challengers_from_attendance(cast):
    from dxjinzai.plans import services as plans
    from dxjinzai.plans.selectors import target_progress

    made = build_community_cast(cast)
    event = made["event"]
    registration = services.event_register(
        actor=None, event=event, staff=cast.staff["A.member"], now=clock.now()
    )
    services.attendance_record(actor=None, event=event, attended_ids={registration.pk})
    year = fiscal_year_of(timezone.localdate(event.starts_at))
    target = plans.target_create(
        actor=None,
        body=cast.bodies["A"],
        name="DX推進チャレンジャー",
        metric="challengers",
        yearly_targets={year: 10},
        cumulative=True,
    )
    lines = {
        line.fiscal_year: line.actual for line in target_progress(target, today=clock.today()).lines
    }
    assert lines[year] == 1  # 乙町's registrant is not 甲市's challenger


def test_a_corrected_post_shows_its_history_in_japanese(cast, client_as):
    made = build_community_cast(cast)
    post = made["post"]
    client = client_as("A.staff")
    url = reverse("post_edit", args=[post.pk])
    client.post(
        url, {"kind": "practice", "title": "題名を直しました", "text": post.text, "url": ""}
    )
    page = client.get(url).content.decode()
    assert "題名：申請フォームを内製しました → 題名を直しました" in page
