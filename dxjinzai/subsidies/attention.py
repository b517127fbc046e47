"""What waits in the exam-fee subsidy (registered in ready()): for HR, applications to decide
and to pay; for the person, results to report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.organizations.attention import Waiting
from dxjinzai.organizations.models import Body
from dxjinzai.subsidies.models import PAYABLE, ApplicationStatus, SubsidyApplication


def waiting_subsidies(access: Access, today: date) -> Iterator[Waiting]:
    yield from _for_hr(access)
    if access.staff_id is not None:
        to_report = (
            SubsidyApplication.objects.visible_to(access)
            .filter(staff_id=access.staff_id, status=ApplicationStatus.APPROVED, exam_on__lte=today)
            .count()
        )
        yield Waiting("受験料補助：結果の報告", to_report, reverse("my_subsidies"))


def _for_hr(access: Access) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_TALENT)
    if not bodies:
        return
    counts = (
        SubsidyApplication.objects.visible_to(access)
        .filter(body_id__in=bodies)
        .values("body_id")
        .annotate(
            to_decide=Count("pk", filter=Q(status=ApplicationStatus.APPLIED)),
            to_pay=Count("pk", filter=Q(status__in=PAYABLE)),
        )
    )
    keys = {body.pk: body.url_key for body in Body.objects.filter(pk__in=bodies)}
    for row in counts:
        key = keys[row["body_id"]]
        yield Waiting(
            "受験料補助：承認待ちの申請", row["to_decide"], reverse("subsidy_home", args=[key])
        )
        yield Waiting(
            "受験料補助：支払待ちの申請", row["to_pay"], reverse("subsidy_payments", args=[key])
        )
