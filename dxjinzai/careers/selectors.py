"""Reads of 挑戦制度 calls and applications, through the scopes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from dxjinzai.careers.models import ChallengeApplication, ChallengeCall, Decision
from dxjinzai.core.access import Access
from dxjinzai.core.selectors import first_or_404
from dxjinzai.organizations.models import Body


def call_list(access: Access, body: Body) -> QuerySet[ChallengeCall]:
    return ChallengeCall.objects.visible_to(access).filter(body=body).order_by("-fiscal_year")


def call_get(access: Access, body: Body, pk: int) -> ChallengeCall:
    return first_or_404(call_list(access, body).filter(pk=pk), "公募が見つかりません。")


def open_call(access: Access, body: Body, today: date) -> ChallengeCall | None:
    return call_list(access, body).filter(opens_on__lte=today, closes_on__gte=today).first()


def application_list(
    access: Access, call: ChallengeCall, *, field: str = "", decision: str = ""
) -> QuerySet[ChallengeApplication]:
    rows = (
        ChallengeApplication.objects.visible_to(access)
        .filter(call=call)
        .select_related("staff__department", "staff__grade")
        .order_by("field", "staff__number")
    )
    if field:
        rows = rows.filter(field=field)
    return rows.filter(decision=decision) if decision else rows


def application_get(access: Access, body: Body, pk: int) -> ChallengeApplication:
    return first_or_404(
        ChallengeApplication.objects.visible_to(access)
        .filter(body=body, pk=pk)
        .select_related("call", "staff"),
        "応募が見つかりません。",
    )


def own_applications(access: Access) -> QuerySet[ChallengeApplication]:
    return (
        ChallengeApplication.objects.visible_to(access)
        .filter(staff_id=access.staff_id)
        .select_related("call")
        .order_by("-call__fiscal_year")
    )


def has_applied(access: Access, call: ChallengeCall) -> bool:
    return own_applications(access).filter(call=call).exists()


def own_application_get(access: Access, pk: int) -> ChallengeApplication:
    return first_or_404(own_applications(access).filter(pk=pk), "応募が見つかりません。")


@dataclass(frozen=True)
class YearCount:
    fiscal_year: int
    field: str
    applied: int
    accepted: int
    call: ChallengeCall


def year_counts(access: Access, body: Body) -> list[YearCount]:
    """Applications (withdrawn ones left out) and decisions per year and field; a field
    offered with no application counts 0. One query for the calls, one for the counts."""
    calls = list(call_list(access, body))
    counted = (
        ChallengeApplication.objects.visible_to(access)
        .filter(call__in=calls)
        .exclude(decision=Decision.WITHDRAWN)
        .values("call_id", "field")
        .annotate(applied=Count("pk"), accepted=Count("pk", filter=Q(decision=Decision.ACCEPTED)))
        .order_by()
    )
    figures = {(row["call_id"], row["field"]): row for row in counted}
    return [
        YearCount(
            call.fiscal_year,
            field,
            figures.get((call.pk, field), {}).get("applied", 0),
            figures.get((call.pk, field), {}).get("accepted", 0),
            call,
        )
        for call in calls
        for field in call.offered_fields
    ]


def field_total(access: Access, body: Body, field: str) -> int:
    """Everyone who ever applied for a field (愛知県: ICT・DX分野, 10 since 2015)."""
    return (
        ChallengeApplication.objects.visible_to(access)
        .filter(body=body, field=field)
        .exclude(decision=Decision.WITHDRAWN)
        .count()
    )
