"""Reads of expert dispatch, scoped to what the actor may see; suggestions and statistics."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db.models import Avg, QuerySet
from django.http import Http404

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.selectors import first_or_404
from dxjinzai.dispatch.load import expert_load, unavailable_on
from dxjinzai.dispatch.matching import MatchProblem
from dxjinzai.dispatch.models import (
    Activity,
    DispatchRequest,
    DispatchScheme,
    Expert,
    ExpertUnavailableDay,
    PublicSubmission,
    RequestStatus,
    SubmissionStatus,
)
from dxjinzai.dispatch.rules import (
    ActivityFact,
    YearStatistics,
    honorarium,
    travel_cost,
    withholding_tax,
    yearly_statistics,
)
from dxjinzai.organizations.models import Body


def scheme_get(access: Access, pk: int) -> DispatchScheme:
    return first_or_404(
        DispatchScheme.objects.visible_to(access).filter(pk=pk).select_related("body"),
        "派遣制度が見つかりません。",
    )


def scheme_for_form(scheme: DispatchScheme) -> DispatchScheme:
    """A fresh copy of a scheme the view has already checked, for a form to change: an
    invalid form then leaves the page's own copy as it was."""
    return DispatchScheme.unscoped.get(pk=scheme.pk)


def requester_bodies(access: Access, scheme: DispatchScheme) -> QuerySet[Body]:
    """Bodies the user may file a request for: their own member bodies, or, for the scheme's
    managers, every member (requests that arrive by e-mail are entered by the operator)."""
    members = Body.objects.filter(consortia__operator=scheme.body).exclude(pk=scheme.body_id)
    if not access.can(Perm.MANAGE_DISPATCH, scheme.body_id):
        members = members.filter(pk__in=access.body_ids_with(Perm.REQUEST_DISPATCH))
    return members.distinct().order_by("code", "name")


def may_request(access: Access, scheme: DispatchScheme) -> bool:
    return requester_bodies(access, scheme).exists()


def unavailable_days(expert: Expert) -> list[date]:
    """The days an expert said they cannot go, in order."""
    return list(expert.unavailable_days.order_by("day").values_list("day", flat=True))


def scheme_list(access: Access) -> QuerySet[DispatchScheme]:
    return DispatchScheme.objects.visible_to(access).select_related("body").order_by("pk")


def request_list(
    access: Access, scheme: DispatchScheme, *, status: str = ""
) -> QuerySet[DispatchRequest]:
    requests = (
        DispatchRequest.objects.visible_to(access)
        .filter(scheme=scheme)
        .select_related("requester", "expert")
        .order_by("-received_on", "-created_at")
    )
    return requests.filter(status=status) if status else requests


def request_get(access: Access, scheme: DispatchScheme, pk: int) -> DispatchRequest:
    return first_or_404(request_list(access, scheme).filter(pk=pk), "派遣依頼が見つかりません。")


def expert_list(access: Access, scheme: DispatchScheme) -> QuerySet[Expert]:
    return (
        Expert.objects.visible_to(access)
        .filter(scheme=scheme)
        .prefetch_related("qualifications", "skill_items")
        .order_by("kana", "name")
    )


def expert_get(access: Access, scheme: DispatchScheme, pk: int) -> Expert:
    return first_or_404(expert_list(access, scheme).filter(pk=pk), "専門家が見つかりません。")


def activity_list(access: Access, dispatch_request: DispatchRequest) -> QuerySet[Activity]:
    return Activity.objects.visible_to(access).filter(request=dispatch_request).order_by("day")


# --- Suggestions and the batch problem ------------------------------------------------------


@dataclass
class Suggestion:
    expert: Expert
    score: float
    reasons: list[str] = field(default_factory=list)


def match_score(
    dispatch_request: DispatchRequest, expert: Expert, feedback: float | None
) -> tuple[float, list[str]]:
    """How well an expert fits a request (docs: dispatch/README.md): one point per requested
    field the expert covers, plus a tenth of their average feedback (1–5)."""
    covered = [name for name in dispatch_request.fields if name in expert.fields]
    reasons = (
        [f"分野：{'、'.join(covered)}（{len(covered)}/{len(dispatch_request.fields)}）"]
        if covered
        else []
    )
    score = float(len(covered))
    if feedback is not None:
        score += feedback / 10
        reasons.append(f"過去の評価 平均{feedback:.1f}")
    return score, reasons


def _feedback_by_expert(access: Access, experts: Iterable[Expert]) -> dict[int, float]:
    rows = (
        Activity.objects.visible_to(access)
        .filter(expert__in=list(experts), feedback_score__isnull=False)
        .values("expert_id")
        .annotate(average=Avg("feedback_score"))
    )
    return {row["expert_id"]: float(row["average"]) for row in rows}


def suggestions(access: Access, dispatch_request: DispatchRequest) -> list[Suggestion]:
    """Experts ranked for one request, with the reasons; those who cannot go are left out."""
    experts = list(
        Expert.objects.visible_to(access).filter(scheme=dispatch_request.scheme, is_active=True)
    )
    feedback = _feedback_by_expert(access, experts)
    ranked = []
    for expert in experts:
        score, reasons = match_score(dispatch_request, expert, feedback.get(expert.pk))
        if not score or not _can_go(dispatch_request, expert, reasons):
            continue
        ranked.append(Suggestion(expert, score, reasons))
    return sorted(ranked, key=lambda s: (-s.score, s.expert.kana))


def _reachable(dispatch_request: DispatchRequest, expert: Expert) -> bool:
    """The expert works the way the request asks: online, or on site."""
    return expert.online if dispatch_request.online else expert.onsite


def _can_go(dispatch_request: DispatchRequest, expert: Expert, reasons: list[str]) -> bool:
    if not _reachable(dispatch_request, expert):
        return False
    reasons.append(
        "オンライン対応可"
        if dispatch_request.online
        else f"訪問可（対応地域：{expert.areas or '指定なし'}）"
    )
    for choice, day in enumerate(dispatch_request.desired_dates, start=1):
        if unavailable_on(expert, day):
            continue
        month, year = expert_load(expert, day, exclude=dispatch_request)
        if month >= expert.monthly_cap or year >= expert.yearly_cap:
            continue
        reasons.append(
            f"第{choice}希望の{day:%-m月%-d日}は対応可、残り枠 月{expert.monthly_cap - month}件・年度{expert.yearly_cap - year}件"
        )
        return True
    return False


@dataclass
class Batch:
    requests: list[DispatchRequest]
    experts: list[Expert]
    problem: MatchProblem


def batch_problem(access: Access, scheme: DispatchScheme) -> Batch:
    """Every open request (受付・調整中) against every active expert: scores, availability
    (free on at least one of the requester's dates; confirming picks the first such date)
    and what is left of each expert's cap (the smaller of month and year, for simplicity
    over the batch: a batch rarely spans months)."""
    requests = list(
        request_list(access, scheme).filter(
            status__in=[RequestStatus.RECEIVED, RequestStatus.ARRANGING]
        )
    )
    experts = list(Expert.objects.visible_to(access).filter(scheme=scheme, is_active=True))
    feedback = _feedback_by_expert(access, experts)
    scores = np.zeros((len(requests), len(experts)))
    allowed = np.zeros((len(requests), len(experts)), dtype=bool)
    capacity = np.zeros(len(experts), dtype=int)
    # Read once for the whole batch: per pair it would be requests × experts queries.
    unavailable = set(
        ExpertUnavailableDay.objects.filter(expert__in=experts).values_list("expert_id", "day")
    )
    for j, expert in enumerate(experts):
        month, year = expert_load(expert, requests[0].desired_date) if requests else (0, 0)
        capacity[j] = max(0, min(expert.monthly_cap - month, expert.yearly_cap - year))
        for i, dispatch_request in enumerate(requests):
            scores[i, j], _ = match_score(dispatch_request, expert, feedback.get(expert.pk))
            allowed[i, j] = _reachable(dispatch_request, expert) and any(
                (expert.pk, day) not in unavailable for day in dispatch_request.desired_dates
            )
    return Batch(requests, experts, MatchProblem(scores=scores, allowed=allowed, capacity=capacity))


# --- Statistics and payments ----------------------------------------------------------------


def statistics(access: Access, scheme: DispatchScheme) -> list[YearStatistics]:
    """The seed's table for a scheme, from its activity records (CASES.md case 4)."""
    facts = (
        ActivityFact(day=day, requester_id=requester_id, expert_id=expert_id)
        for day, requester_id, expert_id in Activity.objects.visible_to(access)
        .filter(request__scheme=scheme)
        .values_list("day", "request__requester_id", "expert_id")
    )
    return yearly_statistics(facts)


@dataclass(frozen=True)
class PaymentLine:
    activity: Activity
    honorarium: int
    travel: int
    withholding: int

    @property
    def net(self) -> int:
        return self.honorarium + self.travel - self.withholding


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def payment_lines(
    access: Access,
    scheme: DispatchScheme,
    *,
    first: date,
    last: date,
    expert: Expert | None = None,
) -> list[PaymentLine]:
    """Reported activities of a period with honorarium, travel and withholding per payment.

    Travel paid directly to a carrier or hotel is not paid to the expert and not taxed; an
    expert not eligible for honoraria (a public servant paid by their body) gets none.
    """
    activities = (
        Activity.objects.visible_to(access)
        .filter(request__scheme=scheme, reported=True, day__gte=first, day__lte=last)
        .select_related("expert", "request__requester")
        .order_by("expert__kana", "day")
    )
    if expert is not None:
        activities = activities.filter(expert=expert)
    rule, travel_scheme = scheme.honorarium_rule(), scheme.travel_scheme()
    lines = []
    for activity in activities:
        fee = honorarium(activity.minutes, rule) if activity.expert.honorarium_eligible else 0
        travel = travel_cost(
            travel_scheme,
            recorded=activity.travel_amount,
            distance_km=activity.distance_km,
            online=activity.request.online,
        )
        if activity.travel_paid_to_carrier:
            travel = 0
        lines.append(PaymentLine(activity, fee, travel, withholding_tax(fee + travel)))
    return lines


def activity_for_expert(
    access: Access, scheme: DispatchScheme, pk: int, *, user: object
) -> Activity:
    """An activity the signed-in expert took part in (404 for anyone else's)."""
    activity = (
        Activity.objects.visible_to(access)
        .filter(request__scheme=scheme, pk=pk, expert__user=user)
        .select_related("request")
        .first()
    )
    if activity is None:
        raise Http404("派遣実績が見つかりません。")
    return activity


def public_scheme_get(pk: int) -> DispatchScheme:
    """A scheme for its public form: its name and fields are public information."""
    return first_or_404(DispatchScheme.unscoped.filter(pk=pk), "派遣制度が見つかりません。")


def public_scheme_list() -> list[DispatchScheme]:
    """Every scheme, for the links to their public forms (names are public information)."""
    return list(DispatchScheme.unscoped.select_related("body").order_by("pk"))


def submission_list(access: Access, scheme: DispatchScheme) -> QuerySet[PublicSubmission]:
    return (
        PublicSubmission.objects.visible_to(access)
        .filter(scheme=scheme)
        .exclude(status=SubmissionStatus.UNCONFIRMED)
        .order_by("status", "-created_at")
    )


def submission_get(access: Access, scheme: DispatchScheme, pk: int) -> PublicSubmission:
    return first_or_404(
        PublicSubmission.objects.visible_to(access).filter(scheme=scheme, pk=pk),
        "依頼が見つかりません。",
    )


def unreported_activities(
    access: Access, scheme: DispatchScheme, *, first: date, last: date
) -> QuerySet[Activity]:
    """Activities of the period that cannot be paid yet: the expert has not reported."""
    return (
        Activity.objects.visible_to(access)
        .filter(request__scheme=scheme, reported=False, day__gte=first, day__lte=last)
        .select_related("expert", "request__requester")
        .order_by("day")
    )


def own_expert(access: Access, scheme: DispatchScheme) -> Expert | None:
    """The signed-in user's own registry entry in the scheme, if they are an expert."""
    return Expert.objects.visible_to(access).filter(scheme=scheme, user_id=access.user_id).first()
