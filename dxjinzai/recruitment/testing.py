"""A posting of the test cast's 甲市, open now, with its score sheet, and one confirmed
applicant who reached the first interview: used by the access matrix and page tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from dxjinzai.core import clock
from dxjinzai.organizations.rules import AppointmentKind
from dxjinzai.organizations.testing import Cast
from dxjinzai.recruitment import services
from dxjinzai.recruitment.models import Applicant, Posting, PostingStatus

CHANNELS = ["自団体のページ", "民間求人サービスA", "民間求人サービスB"]


def pdf(name: str = "経歴書.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%cv\n", content_type="application/pdf")


def open_posting(cast: Cast, **changes: Any) -> Posting:
    now = clock.now()
    fields: dict[str, Any] = {
        "title": "DX推進マネージャー（係長級）",
        "appointment_kind": AppointmentKind.FIXED_TERM,
        "fixed_term_basis": "art3_2",
        "head_count": 2,
        "duties": "全庁のDX推進",
        "requirements": "民間でのDX推進の経験5年以上",
        "pay_range": "月額 320,000円〜410,000円",
        "channels": CHANNELS,
        "questions": ["志望の動機"],
        "opens_at": now - timedelta(days=3),
        "closes_at": now + timedelta(days=18),
    } | changes
    posting = services.posting_save(actor=None, body=cast.bodies["A"], **fields)
    services.criteria_save(
        actor=None, posting=posting, lines=[("コミュニケーション能力", 3), ("専門性", 2)]
    )
    return services.posting_publish(actor=None, posting=posting, published=True)


def apply(posting: Posting, number: int = 1, **changes: Any) -> Applicant:
    fields: dict[str, Any] = {
        "family_name": "応募",
        "given_name": f"{number}郎",
        "family_name_kana": "オウボ",
        "given_name_kana": "ロウ",
        "birth_date": date(1985, 4, number % 28 + 1),
        "email": f"applicant{number}@example.com",
        "phone": "090-0000-0000",
        "channel": CHANNELS[0],
        "answers": [{"question": "志望の動機", "answer": "地域のDXに貢献したい"}],
        "cv": pdf(),
    } | changes
    fields.setdefault("remote_address", f"192.0.2.{number % 250}")
    return services.applicant_apply(posting=posting, now=clock.now(), **fields)


def build_recruitment_cast(cast: Cast) -> dict[str, Any]:
    """The posting and an applicant at the first interview, with 所属 長太郎 (A.head) on the
    panel; an existing build is found again."""
    posting = Posting.unscoped.filter(body=cast.bodies["A"], status=PostingStatus.PUBLISHED).first()
    if posting is None:
        posting = open_posting(cast)
        applicant = apply(posting)
        services.applicant_confirm(token=applicant.token, now=clock.now())
        services.applicants_move(actor=None, applicants=[applicant], to_stage="screening")
        services.applicants_move(actor=None, applicants=[applicant], to_stage="interview_1")
        services.interview_schedule(
            actor=None,
            applicant=applicant,
            stage="interview_1",
            starts_at=clock.now() - timedelta(hours=2),
            panel=[cast.users["A.head"]],
            place="本庁舎 会議室A",
        )
    applicant = Applicant.unscoped.filter(posting=posting).order_by("pk").first()
    return {"posting": posting, "applicant": applicant, "interview": applicant.interviews.first()}
