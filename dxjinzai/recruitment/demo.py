"""Demo data of recruitment, in 中野区's shape (CASES.md case 6) at 浜松市: two postings with
windows of 21 and 14 days, 150 applicants through 民間求人サービスA and 50 through
民間求人サービスB, taken through the stages to 3 + 2 hires; and a third posting open today,
with applicants waiting to be screened and an interview waiting for the demo head's scores."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dxjinzai.lib.fiscal import add_years, fiscal_year_of, fiscal_year_start
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.rules import AppointmentKind, FixedTermBasis
from dxjinzai.recruitment import services
from dxjinzai.recruitment.models import Applicant, Posting, RegularCategory, Stage

CHANNEL_A, CHANNEL_B, OWN = "民間求人サービスA", "民間求人サービスB", "自団体のページ"
CRITERIA = [("コミュニケーション能力", 3), ("DX推進の経験", 2), ("意欲・姿勢", 1)]
FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["翔", "葵", "蓮", "陽菜", "湊", "結衣", "悠真", "凛", "大和", "美咲"]


# (title, footing, window in days, closed how many days ago, head-count, applicants by channel,
#  how many reach each later stage: screening, 1st, final, offered, hired)
CLOSED_POSTINGS = [
    (
        "DX推進マネージャー（係長級）",
        {"appointment_kind": AppointmentKind.FIXED_TERM, "fixed_term_basis": FixedTermBasis.ART3_2},
        21,
        45,
        3,
        {CHANNEL_A: 100, CHANNEL_B: 30},
        (40, 15, 6, 4, 3),
    ),
    (
        "デジタル区分 行政職（主任級）",
        {"appointment_kind": AppointmentKind.REGULAR, "category": RegularCategory.DIGITAL},
        14,
        30,
        2,
        {CHANNEL_A: 50, CHANNEL_B: 20},
        (25, 10, 4, 2, 2),
    ),
]


def build_recruitment_demo(*, bodies: dict[str, Body], now: datetime) -> None:
    body = bodies["hamamatsu"]
    head = get_user_model().objects.get(username="hamamatsu-head")
    hr = get_user_model().objects.get(username="hamamatsu-hr")
    number = 0
    for order, (title, footing, window, closed_ago, head_count, channels, reached) in enumerate(
        CLOSED_POSTINGS, start=1
    ):
        closes_at = _at(now.date() - timedelta(days=closed_ago))
        posting = _posting(
            body, title, footing, closes_at - timedelta(days=window), closes_at, head_count
        )
        # The channels' applicants mixed as they arrived, the same way on every build.
        arrivals = [channel for channel, count in channels.items() for _ in range(count)]
        random.Random(head_count).shuffle(arrivals)
        applicants = []
        for channel in arrivals:
            number += 1
            at = posting.opens_at + timedelta(hours=number % (window * 24))
            applicants.append(_apply(posting, number, channel, at))
        _through_the_stages(applicants, reached, hr, now, numbers=f"R{order}")
    _open_posting(body, now, head, number)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(17, 0)))


def _posting(
    body: Body,
    title: str,
    footing: dict[str, Any],
    opens_at: datetime,
    closes_at: datetime,
    head_count: int,
) -> Posting:
    posting = services.posting_save(
        actor=None,
        body=body,
        title=title,
        head_count=head_count,
        duties="全庁のDX推進（業務改革、システムの企画・調達、職員の育成）",
        requirements="民間企業等でのデジタル分野の実務経験（3年以上）",
        pay_range="月額 300,000円〜420,000円（経験に応じて決定）",
        channels=[OWN, CHANNEL_A, CHANNEL_B],
        questions=["これまでのDX推進の経験", "浜松市で取り組みたいこと"],
        message="市民の暮らしを、デジタルの力で一緒に変えていきましょう。",
        opens_at=opens_at,
        closes_at=closes_at,
        **footing,
    )
    services.criteria_save(actor=None, posting=posting, lines=CRITERIA)
    return services.posting_publish(actor=None, posting=posting, published=True)


def _apply(posting: Posting, number: int, channel: str, at: datetime) -> Applicant:
    applicant = services.applicant_apply(
        posting=posting,
        now=at,
        remote_address=None,
        family_name=FAMILY[number % len(FAMILY)],
        given_name=f"{GIVEN[number // len(FAMILY) % len(GIVEN)]}{number}",
        family_name_kana="デモ",
        given_name_kana="オウボ",
        birth_date=date(1975 + number % 25, 1 + number % 12, 1 + number % 28),
        email=f"applicant{number}@example.com",
        channel=channel,
        answers=[],
        cv=SimpleUploadedFile(f"経歴書{number}.pdf", b"%PDF-1.4\n%demo cv\n"),
    )
    services.applicant_confirm(token=applicant.token, now=at)
    return applicant


def _through_the_stages(
    applicants: list[Applicant], reached: tuple[int, ...], hr: Any, now: datetime, *, numbers: str
) -> None:
    """The first n applicants reach each stage (as listed); the rest of each stage is
    rejected there; the hires are made through the hiring service."""
    screening, first, final, offered, hired = reached
    stages = [
        (Stage.SCREENING, screening),
        (Stage.FIRST_INTERVIEW, first),
        (Stage.FINAL_INTERVIEW, final),
        (Stage.OFFERED, offered),
    ]
    for stage, count in stages:
        _move(hr, applicants[:count], stage)
    _move(hr, applicants[screening:], Stage.REJECTED)
    # Those who reached a stage but not the next end there, rejected.
    for count, following in ((screening, first), (first, final), (final, offered)):
        _move(hr, applicants[following:count], Stage.REJECTED)
    _move(hr, applicants[hired:offered], Stage.DECLINED)
    start = fiscal_year_start(fiscal_year_of(now.date()) + 1)
    for index, applicant in enumerate(applicants[:hired]):
        services.applicant_hire(
            actor=hr,
            applicant=applicant,
            # Staff numbers from the posting's place, not its id: the same on every build.
            number=f"{numbers}{index + 1:03d}",
            hire_date=start,
            end_date=add_years(start, 3) - timedelta(days=1)
            if applicant.posting.appointment_kind == AppointmentKind.FIXED_TERM
            else None,
        )


def _move(hr: Any, applicants: list[Applicant], stage: str) -> None:
    if applicants:
        services.applicants_move(actor=hr, applicants=applicants, to_stage=stage)


def _open_posting(body: Body, now: datetime, head: Any, number: int) -> None:
    """A posting open today: eight applications waiting to be screened, and one applicant
    interviewed yesterday whose score sheet waits for the demo head."""
    posting = _posting(
        body,
        "データ利活用アドバイザー（会計年度任用）",
        {"appointment_kind": AppointmentKind.FISCAL_YEAR},
        now - timedelta(days=5),
        now + timedelta(days=16),
        1,
    )
    applicants = [
        _apply(posting, number + i, OWN if i % 2 else CHANNEL_A, now - timedelta(days=4, hours=i))
        for i in range(1, 10)
    ]
    interviewed = applicants[0]
    services.applicants_move(actor=None, applicants=[interviewed], to_stage=Stage.FIRST_INTERVIEW)
    services.interview_schedule(
        actor=None,
        applicant=interviewed,
        stage=Stage.FIRST_INTERVIEW,
        starts_at=now - timedelta(days=1),
        panel=[head],
        place="本庁舎 5階 会議室",
    )
