"""The demo consortium's forum (滋賀県's DX推進コミュニティ, 広島県's CDOフォーラム): run by the
prefecture for every body of the consortium; two past events attended by staff of every
body, one to come with registration open, and posts with comments. No random draw."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from dxjinzai.community import services
from dxjinzai.community.models import Community, Event
from dxjinzai.core import clock
from dxjinzai.organizations.models import Body, StaffMember


def build_community_demo(
    *, pref: Body, staff_by_body: dict[str, list[StaffMember]], now: datetime
) -> None:
    forum = services.community_save(
        actor=None,
        body=pref,
        name="しずおかDX推進コミュニティ",
        description="県と市町の職員が、勉強会・フォーラムで学び合い、取組を紹介し合う場です。",
        reach="consortium",
    )
    # The first people after each body's demo accounts come to the events.
    people = [person for staff in staff_by_body.values() for person in staff[4:7]]
    for days_ago, kind, title in (
        (60, "study", "ローコード勉強会（第1回）"),
        (20, "forum", "DXフォーラム"),
    ):
        event = _event(forum, now - timedelta(days=days_ago), kind, title)
        registrations = [
            services.event_register(
                actor=None, event=event, staff=person, now=event.starts_at - timedelta(days=3)
            )
            for person in people
        ]
        # Most came; the last of each body's three did not.
        came = {r.pk for n, r in enumerate(registrations) if n % 3 != 2}
        services.attendance_record(actor=None, event=event, attended_ids=came)
    upcoming = _event(forum, now + timedelta(days=14), "study", "生成AI活用勉強会")
    for person in people[:5]:
        services.event_register(actor=None, event=upcoming, staff=person, now=now)
    _posts(forum, staff_by_body)


def _event(forum: Community, day: datetime, kind: str, title: str) -> Event:
    starts_at = timezone.make_aware(datetime.combine(clock.date_of(day), time(14, 0)))
    return services.event_save(
        actor=None,
        community=forum,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        place="オンライン（LGWAN-ASPの会議システム）",
        agenda="1. 事例の紹介（県・市町）\n2. グループでの意見交換",
        capacity=100,
    )


def _posts(forum: Community, staff_by_body: dict[str, list[StaffMember]]) -> None:
    hamamatsu = staff_by_body["hamamatsu"][4]
    post = services.post_save(
        actor=None,
        community=forum,
        author_label=f"浜松市 {hamamatsu.full_name}",
        kind="practice",
        title="施設予約の受付フォームをノーコードで作りました",
        text="紙の申込書をやめ、受付から集計までを自動にしました。作り方を共有します。",
        url="",
    )
    mishima = staff_by_body["mishima"][4]
    services.comment_add(
        actor=None,
        post=post,
        author_label=f"三島市 {mishima.full_name}",
        text="同じ様式を使わせてください。",
    )
    services.post_save(
        actor=None,
        community=forum,
        author_label="静岡県 DX推進課",
        kind="exam",
        title="ITパスポート試験の案内",
        text="受験料補助の対象です。申込はマイページから。",
        url="",
    )
