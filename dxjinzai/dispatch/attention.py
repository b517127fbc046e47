"""What waits in expert dispatch: requests for the scheme's managers, dates and reports for
the expert (registered in ready()). Each kind is read for every scheme at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.roles import Role
from dxjinzai.dispatch.models import (
    Activity,
    DispatchRequest,
    PublicSubmission,
    RequestStatus,
    SubmissionStatus,
)
from dxjinzai.lib.fiscal import wareki
from dxjinzai.organizations.attention import Item, Waiting, waiting_kind


def waiting_requests(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    managed = access.body_ids_with(Perm.MANAGE_DISPATCH)
    if not managed:
        return
    received = DispatchRequest.objects.visible_to(access).filter(
        scheme__body_id__in=managed, status=RequestStatus.RECEIVED
    )
    yield waiting_kind(
        "専門家派遣：受付した派遣依頼",
        received.select_related("requester").order_by("desired_date", "pk"),
        limit,
        list_url=lambda r: reverse("dispatch_requests", args=[r.scheme_id]) + "?status=received",
        item=lambda r: Item(
            key=f"dispatch.received:{r.pk}",
            title=f"{r.requester.name}：{r.theme}（希望日 {wareki(r.desired_date)}）",
            url=reverse("dispatch_request_detail", args=[r.scheme_id, r.pk]),
            due=r.desired_date,
        ),
    )
    submitted = PublicSubmission.objects.visible_to(access).filter(
        scheme__body_id__in=managed, status=SubmissionStatus.REVIEW
    )
    yield waiting_kind(
        "専門家派遣：公開フォームからの依頼（審査待ち）",
        submitted.order_by("desired_date", "pk"),
        limit,
        list_url=lambda s: reverse("dispatch_submissions", args=[s.scheme_id]),
        item=lambda s: Item(
            key=f"dispatch.submission:{s.pk}",
            title=f"{s.organisation}：{s.theme}（希望日 {wareki(s.desired_date)}）",
            url=reverse("dispatch_submissions", args=[s.scheme_id]),
            due=s.desired_date,
        ),
    )


def waiting_for_the_expert(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    """An expert's own work: dates to accept (日程の承諾) and activities to report on."""
    if not access.holds(Role.EXPERT):
        return
    to_accept = DispatchRequest.objects.visible_to(access).filter(
        expert__user_id=access.user_id,
        status=RequestStatus.DECIDED,
        expert_confirmed_at__isnull=True,
    )
    yield waiting_kind(
        "専門家派遣：日程の承諾を待っている派遣",
        to_accept.select_related("requester").order_by("decided_date", "pk"),
        limit,
        list_url=lambda r: reverse("dispatch_requests", args=[r.scheme_id]) + "?status=decided",
        item=lambda r: Item(
            key=f"dispatch.accept:{r.pk}",
            title=f"{r.requester.name}：{r.theme}（{_day(r.decided_date)}）",
            url=reverse("dispatch_request_detail", args=[r.scheme_id, r.pk]),
            due=r.decided_date,
        ),
    )
    to_report = Activity.objects.visible_to(access).filter(
        expert__user_id=access.user_id, reported=False
    )
    yield waiting_kind(
        "専門家派遣：報告を待っている実績",
        to_report.select_related("request__requester").order_by("day", "pk"),
        limit,
        list_url=lambda a: (
            reverse("dispatch_requests", args=[a.request.scheme_id]) + "?status=done"
        ),
        item=lambda a: Item(
            key=f"dispatch.report:{a.pk}",
            title=f"{a.request.requester.name}：{a.request.theme}（{wareki(a.day)}実施）",
            url=reverse("dispatch_activity_report", args=[a.request.scheme_id, a.pk]),
            due=a.day,
        ),
    )


def _day(day: date | None) -> str:
    return wareki(day) if day else "日付未定"
