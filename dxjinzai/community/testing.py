"""A consortium community run by the test cast's 甲市 with a study meeting tomorrow and a
post, and a community 甲市 keeps to itself: used by the access matrix and page tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from typing import cast as cast_as

from django.core.files.uploadedfile import SimpleUploadedFile

from dxjinzai.community import services
from dxjinzai.core import clock
from dxjinzai.organizations.testing import Cast


def cast_as_user(user: object) -> Any:
    return cast_as(Any, user)


def build_community_cast(cast: Cast) -> dict[str, Any]:
    now = clock.now()
    body = cast.bodies["A"]
    forum = services.community_save(
        actor=None,
        body=body,
        name="DX推進コミュニティ",
        description="連携協議会の職員が学び合う場",
        reach="consortium",
    )
    own = services.community_save(
        actor=None, body=body, name="甲市DX勉強会", description="", reach="body"
    )
    event = services.event_save(
        actor=None,
        community=forum,
        kind="study",
        title="ローコード勉強会",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=2),
        place="オンライン",
        agenda="1. 事例紹介\n2. ハンズオン",
        capacity=30,
        material=SimpleUploadedFile("資料.pdf", b"%PDF-1.4\n%material\n"),
    )
    registration = services.event_register(
        actor=None, event=event, staff=cast.staff["B.member"], now=now
    )
    post = services.post_save(
        actor=cast_as_user(cast.users["A.staff"]),
        community=forum,
        author_label="甲市 職員 次郎",
        kind="practice",
        title="申請フォームを内製しました",
        text="ノーコードで作りました。",
        url="",
    )
    comment = services.comment_add(
        actor=cast_as_user(cast.users["B.staff"]),
        post=post,
        author_label="乙町 職員 次郎",
        text="参考にします",
    )
    return {
        "forum": forum,
        "own": own,
        "event": event,
        "registration": registration,
        "post": post,
        "comment": comment,
    }
