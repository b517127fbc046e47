"""Reading the exam-fee subsidy: the scheme of a year, applications as each viewer may see
them, the budget's figures and the year's statistics."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from dxjinzai.core.access import Access
from dxjinzai.organizations.models import Body
from dxjinzai.subsidies.models import (
    COMMITTED,
    PAYABLE,
    ApplicationStatus,
    SubsidyApplication,
    SubsidyScheme,
)


def scheme_of(access: Access, body: Body, fiscal_year: int) -> SubsidyScheme | None:
    return (
        SubsidyScheme.objects.visible_to(access)
        .filter(body=body, fiscal_year=fiscal_year)
        .prefetch_related("qualifications")
        .first()
    )


def applications(
    access: Access, scheme: SubsidyScheme, *, status: str = ""
) -> QuerySet[SubsidyApplication]:
    rows = (
        SubsidyApplication.objects.visible_to(access)
        .filter(scheme=scheme)
        .select_related("staff", "staff__department", "qualification", "payment")
        .order_by("-applied_on", "-pk")
    )
    return rows.filter(status=status) if status else rows


def payable(access: Access, scheme: SubsidyScheme) -> QuerySet[SubsidyApplication]:
    return applications(access, scheme).filter(status__in=PAYABLE)


def payable_chosen(
    access: Access, scheme: SubsidyScheme, ids: list[int]
) -> list[SubsidyApplication]:
    """Of the applications awaiting payment, those the officer ticked."""
    return list(payable(access, scheme).filter(pk__in=ids))


def application_get(access: Access, body: Body, pk: int) -> SubsidyApplication:
    found = (
        SubsidyApplication.objects.visible_to(access)
        .filter(body=body, pk=pk)
        .select_related("scheme", "staff", "qualification")
        .first()
    )
    if found is None:
        raise Http404("申請が見つかりません。")
    return found


def own_applications(access: Access) -> QuerySet[SubsidyApplication]:
    """The viewer's own applications (My page), newest first."""
    return (
        SubsidyApplication.objects.visible_to(access)
        .filter(staff_id=access.staff_id)
        .select_related("qualification", "scheme")
        .order_by("-applied_on", "-pk")
    )


def own_application_get(access: Access, pk: int) -> SubsidyApplication:
    found = own_applications(access).filter(pk=pk).select_related("staff", "body").first()
    if found is None:
        raise Http404("申請が見つかりません。")
    return found


@dataclass(frozen=True)
class Budget:
    budget: int
    committed: int
    paid: int

    @property
    def left(self) -> int:
        return self.budget - self.committed


def budget_of(access: Access, scheme: SubsidyScheme) -> Budget:
    """The year's budget beside what was promised (approved and later) and paid; HR sees
    every application of its body, so the sums are the body's."""
    sums = (
        SubsidyApplication.objects.visible_to(access)
        .filter(scheme=scheme)
        .aggregate(
            committed=Sum("amount", filter=Q(status__in=COMMITTED)),
            paid=Sum("amount", filter=Q(status=ApplicationStatus.PAID)),
        )
    )
    return Budget(scheme.budget, sums["committed"] or 0, sums["paid"] or 0)


@dataclass(frozen=True)
class QualificationYear:
    name: str
    applications: int
    passed: int
    reported: int
    paid_yen: int

    @property
    def pass_rate(self) -> Decimal | None:
        """Passes among the results reported; None before any result."""
        if not self.reported:
            return None
        return (Decimal(100) * self.passed / self.reported).quantize(Decimal("0.1"))


def year_statistics(access: Access, scheme: SubsidyScheme) -> list[QualificationYear]:
    """Per qualification: applications (withdrawn and refused left out), passes, results
    reported, and yen paid. One query."""
    counted = (
        SubsidyApplication.objects.visible_to(access)
        .filter(scheme=scheme)
        .exclude(status__in=[ApplicationStatus.WITHDRAWN, ApplicationStatus.REFUSED])
    )
    rows = (
        counted.values("qualification__name")
        .annotate(
            n_applied=Count("pk"),
            n_passed=Count("pk", filter=Q(passed=True)),
            n_reported=Count("pk", filter=Q(passed__isnull=False)),
            paid_yen=Sum("amount", filter=Q(status=ApplicationStatus.PAID)),
        )
        .order_by("qualification__name")
    )
    return [
        QualificationYear(
            row["qualification__name"],
            row["n_applied"],
            row["n_passed"],
            row["n_reported"],
            row["paid_yen"] or 0,
        )
        for row in rows
    ]
