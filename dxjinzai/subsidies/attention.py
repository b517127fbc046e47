"""What waits in the exam-fee subsidy (registered in ready()): for HR, applications to decide
and to pay; for the person, results to report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.lib.fiscal import wareki
from dxjinzai.organizations.attention import Item, Waiting, waiting_kind
from dxjinzai.subsidies.models import PAYABLE, ApplicationStatus, SubsidyApplication


def waiting_subsidies(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_TALENT)
    if bodies:
        hr = SubsidyApplication.objects.visible_to(access).filter(body_id__in=bodies)
        yield _for_hr(
            "受験料補助：承認待ちの申請",
            hr.filter(status=ApplicationStatus.APPLIED),
            "subsidy_home",
            "decide",
            limit,
        )
        yield _for_hr(
            "受験料補助：支払待ちの申請",
            hr.filter(status__in=PAYABLE),
            "subsidy_payments",
            "pay",
            limit,
        )
    if access.staff_id is not None:
        to_report = SubsidyApplication.objects.visible_to(access).filter(
            staff_id=access.staff_id, status=ApplicationStatus.APPROVED, exam_on__lte=today
        )
        yield waiting_kind(
            "受験料補助：結果の報告",
            to_report.select_related("qualification").order_by("exam_on", "pk"),
            limit,
            list_url=lambda a: reverse("my_subsidies"),
            item=lambda a: Item(
                key=f"subsidies.report:{a.pk}",
                title=f"{a.qualification.name}（{wareki(a.exam_on)}受験）",
                url=reverse("my_subsidy_result", args=[a.pk]),
                due=a.exam_on,
            ),
        )


def _for_hr(
    label: str, waiting: QuerySet[SubsidyApplication], page: str, step: str, limit: int | None
) -> Waiting:
    return waiting_kind(
        label,
        waiting.select_related("body", "staff", "qualification").order_by("exam_on", "pk"),
        limit,
        list_url=lambda a: reverse(page, args=[a.body.url_key]),
        item=lambda a: Item(
            key=f"subsidies.{step}:{a.pk}",
            title=f"{a.staff.full_name}：{a.qualification.name}（{wareki(a.exam_on)}受験）",
            url=reverse(page, args=[a.body.url_key]),
            due=a.exam_on,
        ),
    )
