"""Reads of recruitment, always through the access layer (the public pages read published
postings only): postings, applicants with their filters, a panel member's interviews, the
side-by-side comparison, and the funnel of a posting and the body's fiscal year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from statistics import median
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.selectors import first_or_404
from dxjinzai.lib.fiscal import fiscal_year_start
from dxjinzai.organizations.models import Body
from dxjinzai.recruitment.models import (
    Applicant,
    Criterion,
    Interview,
    PipelineSetting,
    Posting,
    PostingPhoto,
    PostingStatus,
    ScoreSheet,
    Stage,
    StageMove,
)
from dxjinzai.recruitment.rules import (
    OPEN_STAGES,
    days_to_offer,
    is_open,
    panel_score,
    pipeline,
    weighted_score,
)

# --- Public ----------------------------------------------------------------------------


def open_postings(body: Body, now: datetime) -> list[Posting]:
    """What the public list of a body shows: its published postings open today, and the
    consortium's joint postings it takes part in."""
    published = Posting.unscoped.filter(
        Q(body=body) | Q(joint_bodies=body), status=PostingStatus.PUBLISHED
    ).distinct()
    return [p for p in published.order_by("closes_at") if is_open(p.opens_at, p.closes_at, now)]


def photos_of(posting: Posting) -> QuerySet[PostingPhoto]:
    """A posting's photos: public with the posting, managed by its HR."""
    return PostingPhoto.unscoped.filter(posting=posting)


def public_photo_get(pk: int) -> PostingPhoto:
    return first_or_404(
        PostingPhoto.unscoped.filter(pk=pk, posting__status=PostingStatus.PUBLISHED),
        "写真が見つかりません。",
    )


def photo_get(access: Access, posting: Posting, pk: int) -> PostingPhoto:
    return first_or_404(
        PostingPhoto.objects.visible_to(access).filter(posting=posting, pk=pk),
        "写真が見つかりません。",
    )


def joint_candidates(body: Body) -> QuerySet[Body]:
    """The bodies a joint posting may name: members of the consortia the body runs."""
    return Body.objects.filter(consortia__operator=body).distinct().order_by("code")


def public_posting_get(pk: int) -> Posting:
    """A published posting (open or not: a closed one says so); drafts do not exist here."""
    return first_or_404(
        Posting.unscoped.filter(status=PostingStatus.PUBLISHED, pk=pk).select_related(
            "body", "grade"
        ),
        "求人が見つかりません。",
    )


# --- Postings and applicants -----------------------------------------------------------


def posting_list(access: Access, body: Body) -> QuerySet[Posting]:
    return (
        Posting.objects.visible_to(access)
        .filter(body=body)
        .annotate(
            applicant_count=Count("applicants"),
            hired_count=Count("applicants", filter=Q(applicants__stage=Stage.HIRED)),
        )
        .select_related("grade")
    )


def posting_get(access: Access, body: Body, pk: int) -> Posting:
    if not access.can(Perm.MANAGE_RECRUITMENT, body.pk):
        raise Http404("求人が見つかりません。")
    return first_or_404(
        Posting.objects.visible_to(access).filter(body=body, pk=pk).select_related("grade"),
        "求人が見つかりません。",
    )


def criteria_of(posting: Posting) -> list[Criterion]:
    return list(Criterion.unscoped.filter(posting=posting))


def applicant_list(
    access: Access, posting: Posting, *, stage: str = "", channel: str = ""
) -> QuerySet[Applicant]:
    rows = Applicant.objects.visible_to(access).filter(posting=posting)
    if stage:
        rows = rows.filter(stage=stage)
    if channel:
        rows = rows.filter(channel=channel)
    return rows.order_by("pk")


def applicant_get(access: Access, body: Body, pk: int) -> Applicant:
    return first_or_404(
        Applicant.objects.visible_to(access)
        .filter(body=body, pk=pk)
        .select_related("posting", "staff"),
        "応募者が見つかりません。",
    )


def applicants_chosen(access: Access, posting: Posting, ids: list[int]) -> list[Applicant]:
    """The applicants ticked on the list: only those of this posting the viewer may see."""
    return list(applicant_list(access, posting).filter(pk__in=ids))


def pipeline_of(body: Body) -> list[tuple[str, str]]:
    """The body's stages in order with their names (recruitment.rules.pipeline); the names
    are no one's personal data, so the panel reads them too."""
    setting = PipelineSetting.unscoped.filter(body=body).first()
    return pipeline(setting.labels, setting.unused) if setting else pipeline({}, [])


def board(
    applicants: QuerySet[Applicant], stages: list[tuple[str, str]]
) -> list[tuple[str, list[Applicant]]]:
    """The board: each stage of the body's pipeline with its applicants."""
    by_stage: dict[str, list[Applicant]] = defaultdict(list)
    for applicant in applicants:
        by_stage[applicant.stage].append(applicant)
    return [(label, by_stage[stage]) for stage, label in stages]


def moves_of(access: Access, applicant: Applicant) -> QuerySet[StageMove]:
    return (
        StageMove.objects.visible_to(access).filter(applicant=applicant).select_related("moved_by")
    )


def interviews_of(access: Access, applicant: Applicant) -> QuerySet[Interview]:
    return (
        Interview.objects.visible_to(access).filter(applicant=applicant).prefetch_related("panel")
    )


def hr_interview_get(access: Access, body: Body, pk: int) -> Interview:
    """An interview of the body, for its HR to correct."""
    if not access.can(Perm.MANAGE_RECRUITMENT, body.pk):
        raise Http404("面接が見つかりません。")
    return first_or_404(
        Interview.objects.visible_to(access)
        .filter(body=body, pk=pk)
        .select_related("applicant__posting"),
        "面接が見つかりません。",
    )


def my_interviews(access: Access) -> QuerySet[Interview]:
    """A panel member's interviews, the coming ones first."""
    return (
        Interview.objects.visible_to(access)
        .filter(panel=access.user_id)
        .select_related("applicant__posting", "body")
        .order_by("starts_at")
    )


def interview_get(access: Access, pk: int) -> Interview:
    return first_or_404(
        Interview.objects.visible_to(access)
        .filter(pk=pk)
        .select_related("applicant__posting", "body"),
        "面接が見つかりません。",
    )


def sits_on_panel(interview: Interview, access: Access) -> bool:
    return access.user_id is not None and interview.panel.filter(pk=access.user_id).exists()


def sheet_of(interview: Interview, member: Any) -> ScoreSheet | None:
    return ScoreSheet.unscoped.filter(interview=interview, member=member).first()


def panel_candidates(body: Body) -> QuerySet:
    """Accounts that may sit on the body's panels: its staff with an account."""
    return (
        get_user_model()
        .objects.filter(staff_record__body=body)
        .order_by("last_name", "first_name", "username")
    )


def next_interview_times(applicants: list[Applicant]) -> dict[int, str]:
    """Each applicant's next interview as a message states it (for {面接日時})."""
    times: dict[int, str] = {}
    interviews = Interview.unscoped.filter(applicant__in=applicants).order_by("starts_at")
    for interview in interviews:
        local = timezone.localtime(interview.starts_at)
        times.setdefault(interview.applicant_id, f"{local:%Y年%-m月%-d日 %H:%M}")
    return times


# --- Scores and comparison -------------------------------------------------------------


@dataclass
class Scored:
    """An applicant's scores: the mean per criterion over every sheet, and the total (the
    mean of each sheet's weighted score, recruitment.rules)."""

    applicant: Applicant
    per_criterion: list[Decimal | None]  # in the criteria's order
    total: Decimal | None
    sheets: int


def scores_of(
    access: Access, applicants: list[Applicant], criteria: list[Criterion]
) -> list[Scored]:
    sheets: dict[int, list[ScoreSheet]] = defaultdict(list)
    for sheet in (
        ScoreSheet.objects.visible_to(access)
        .filter(interview__applicant__in=applicants)
        .select_related("interview")
    ):
        sheets[sheet.interview.applicant_id].append(sheet)
    weights = {c.pk: c.weight for c in criteria}
    scored = []
    for applicant in applicants:
        own = sheets[applicant.pk]
        per_criterion = [_mean([s.scores.get(str(c.pk)) for s in own]) for c in criteria]
        totals = [
            weighted_score((weights[int(k)], v) for k, v in s.scores.items() if int(k) in weights)
            for s in own
        ]
        scored.append(Scored(applicant, per_criterion, panel_score(totals), len(own)))
    return scored


@dataclass(frozen=True)
class Comparison:
    """Applicants side by side: one row per criterion and per question, a cell each."""

    scored: list[Scored]
    criterion_rows: list[tuple[Criterion, list[Decimal | None]]]
    answer_rows: list[tuple[str, list[str]]]


def comparison(access: Access, posting: Posting, applicants: list[Applicant]) -> Comparison:
    criteria = criteria_of(posting)
    scored = scores_of(access, applicants, criteria)
    return Comparison(
        scored=scored,
        criterion_rows=[(c, [s.per_criterion[i] for s in scored]) for i, c in enumerate(criteria)],
        answer_rows=[
            (question, [_answer(a, question) for a in applicants]) for question in posting.questions
        ],
    )


def _answer(applicant: Applicant, question: str) -> str:
    return next((a["answer"] for a in applicant.answers if a.get("question") == question), "")


def _mean(values: list[int | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    return (Decimal(sum(present)) / len(present)).quantize(Decimal("0.01"))


# --- Funnel and statistics -------------------------------------------------------------


@dataclass
class Funnel:
    """How many applicants reached each stage, per channel and in all."""

    stages: list[str]
    by_channel: dict[str, list[int]] = field(default_factory=dict)
    total: list[int] = field(default_factory=list)
    hired: dict[str, int] = field(default_factory=dict)
    median_days_to_offer: float | None = None


def funnel(access: Access, posting: Posting) -> Funnel:
    """Applicants who reached each stage, per channel: the furthest stage each one's moves
    reached counts for it and every stage before it (a rejection after an interview still
    counts the interview; one invited straight to an interview passed the screening).
    Also the hires and the median days from the window's close to an offer."""
    applicants = list(Applicant.objects.visible_to(access).filter(posting=posting))
    names = dict(pipeline_of(posting.body))
    stages = [s for s in [*OPEN_STAGES, Stage.HIRED] if s in names]
    order = {stage: index for index, stage in enumerate(stages)}
    furthest: dict[int, int] = defaultdict(int)
    offered_on: dict[int, datetime] = {}
    for move in StageMove.objects.visible_to(access).filter(applicant__posting=posting):
        if move.to_stage in order:
            furthest[move.applicant_id] = max(furthest[move.applicant_id], order[move.to_stage])
        if move.to_stage == Stage.OFFERED:
            offered_on.setdefault(move.applicant_id, move.at)
    result = Funnel(stages=[names[s] for s in stages])
    channels = sorted({a.channel for a in applicants}, key=_channel_order(posting))
    for channel in channels:
        mine = [a for a in applicants if a.channel == channel]
        result.by_channel[channel] = [
            sum(1 for a in mine if furthest[a.pk] >= index) for index in range(len(stages))
        ]
        result.hired[channel] = sum(1 for a in mine if a.stage == Stage.HIRED)
    result.total = [
        sum(counts[i] for counts in result.by_channel.values()) for i in range(len(stages))
    ]
    closed_on = timezone.localtime(posting.closes_at).date()
    days = [days_to_offer(closed_on, timezone.localtime(at).date()) for at in offered_on.values()]
    result.median_days_to_offer = median(days) if days else None
    return result


def _channel_order(posting: Posting) -> Any:
    order = {name: i for i, name in enumerate(posting.channels)}
    return lambda channel: (order.get(channel, len(order)), channel)


# --- The fiscal year -------------------------------------------------------------------


@dataclass(frozen=True)
class YearLine:
    """One posting whose window closed in the fiscal year, with its figures."""

    posting: Posting
    applicants: int
    hired: int


def year_summary(access: Access, body: Body, fiscal_year: int) -> list[YearLine]:
    """The body's postings whose window closed in the fiscal year (in Japan's dates)."""
    postings = posting_list(access, body).filter(
        closes_at__gte=_start_of(fiscal_year_start(fiscal_year)),
        closes_at__lt=_start_of(fiscal_year_start(fiscal_year + 1)),
    )
    return [
        YearLine(p, p.applicant_count, p.hired_count)  # type: ignore[attr-defined]
        for p in postings.order_by("closes_at", "pk")
    ]


@dataclass(frozen=True)
class BodyYear:
    """A member body's recruitment of the fiscal year, in counts only (no one's name)."""

    body: Body
    postings: int
    applicants: int
    hired: int


def consortium_summary(access: Access, fiscal_year: int) -> list[BodyYear]:
    """For the operator: each body of the consortia it runs, with its postings, applicants
    and hires of the fiscal year. Aggregates only: applicants stay their body's HR's."""
    bodies = (
        Body.objects.filter(
            Q(consortia__operator_id__in=access.body_ids_with(Perm.CREATE_BODY))
            | Q(pk__in=access.body_ids_with(Perm.CREATE_BODY))
        )
        .distinct()
        .order_by("code")
    )
    closed_in_year = Q(
        closes_at__gte=_start_of(fiscal_year_start(fiscal_year)),
        closes_at__lt=_start_of(fiscal_year_start(fiscal_year + 1)),
    )
    counts = {
        row["body_id"]: row
        for row in Posting.unscoped.filter(closed_in_year, body__in=bodies)
        .values("body_id")
        .annotate(
            n_postings=Count("pk", distinct=True),
            n_applicants=Count("applicants", distinct=True),
            n_hired=Count("applicants", filter=Q(applicants__stage=Stage.HIRED), distinct=True),
        )
    }
    return [
        BodyYear(
            body,
            counts.get(body.pk, {}).get("n_postings", 0),
            counts.get(body.pk, {}).get("n_applicants", 0),
            counts.get(body.pk, {}).get("n_hired", 0),
        )
        for body in bodies
    ]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
