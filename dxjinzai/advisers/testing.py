"""An adviser of the test cast's 甲市 ("A.adviser", role 外部アドバイザー) on a term with a
meeting, two issues, an idea and a filed report; and a second adviser of 乙町 ("B.adviser"),
who must see none of it. Used by the access matrix and the app's page tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dxjinzai.advisers import services
from dxjinzai.core import clock
from dxjinzai.core.roles import Role
from dxjinzai.organizations.services import role_grant_create
from dxjinzai.organizations.testing import CAST_PASSWORD, Cast


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%material\n", content_type="application/pdf")


def adviser_user(cast: Cast, key: str) -> Any:
    """The cast's adviser of a body ("A.adviser"), made on first use."""
    if key not in cast.users:
        user = get_user_model().objects.create_user(
            username=key.lower().replace(".", "-"), password=CAST_PASSWORD
        )
        role_grant_create(
            actor=None, user=user, body=cast.bodies[key.split(".")[0]], role=Role.ADVISER
        )
        cast.users[key] = user
    return cast.users[key]


def build_advisers_cast(cast: Cast) -> dict[str, Any]:
    today = clock.today()
    body = cast.bodies["A"]
    partnership = services.partnership_save(
        actor=None,
        body=body,
        partner="複業人材紹介株式会社",
        concluded_on=date(2024, 4, 1),
        scope="複業人材の紹介",
    )
    term = services.term_save(
        actor=None,
        body=body,
        partnership=partnership,
        title="DXアドバイザー",
        theme="dx",
        adviser_name="外部 一子",
        adviser=adviser_user(cast, "A.adviser"),
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=20),
        fee=400_000,
    )
    meeting = services.meeting_save(
        actor=None,
        term=term,
        held_on=today - timedelta(days=90),
        attendees="外部 一子、政策推進課",
        minutes="第1回",
        attachment=pdf("第1回資料.pdf"),
        issue_lines=["紙の申請が多い", "会議資料の印刷が多い"],
    )
    issues = list(term.issues.order_by("pk"))
    idea = services.idea_save(
        actor=None,
        term=term,
        title="申請のオンライン化",
        issues=issues[:1],
        meeting=meeting,
        owner_department=cast.departments["A.digital"],
    )
    report = services.report_file(
        actor=None,
        term=term,
        text="4か月の取組の報告です。",
        attachment=pdf("報告資料.pdf"),
        now=timezone.make_aware(datetime.combine(today, datetime.min.time())),
    )
    adviser_user(cast, "B.adviser")
    return {
        "partnership": partnership,
        "term": term,
        "meeting": meeting,
        "issue": issues[1],
        "idea": idea,
        "report": report,
    }
