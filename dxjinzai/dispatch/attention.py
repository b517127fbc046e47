"""What waits in expert dispatch: requests for the scheme's managers, dates and reports for
the expert (registered in ready())."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.dispatch.models import (
    Activity,
    DispatchRequest,
    DispatchScheme,
    PublicSubmission,
    RequestStatus,
    SubmissionStatus,
)
from dxjinzai.organizations.attention import Waiting


def waiting_requests(access: Access, today: date) -> Iterator[Waiting]:
    managed = access.body_ids_with(Perm.MANAGE_DISPATCH)
    if not managed:
        return
    for scheme in DispatchScheme.objects.visible_to(access).filter(body_id__in=managed):
        received = (
            DispatchRequest.objects.visible_to(access)
            .filter(scheme=scheme, status=RequestStatus.RECEIVED)
            .count()
        )
        url = reverse("dispatch_requests", args=[scheme.pk])
        yield Waiting(f"{scheme.name}：受付した派遣依頼", received, f"{url}?status=received")
        submitted = (
            PublicSubmission.objects.visible_to(access)
            .filter(scheme=scheme, status=SubmissionStatus.REVIEW)
            .count()
        )
        yield Waiting(
            f"{scheme.name}：公開フォームからの依頼（審査待ち）",
            submitted,
            reverse("dispatch_submissions", args=[scheme.pk]),
        )


def waiting_for_the_expert(access: Access, today: date) -> Iterator[Waiting]:
    """An expert's own work: dates to accept (日程の承諾) and activities to report on."""
    if access.user_id is None:
        return
    mine = DispatchRequest.objects.visible_to(access).filter(expert__user_id=access.user_id)
    schemes = DispatchScheme.objects.visible_to(access).filter(pk__in=mine.values("scheme_id"))
    for scheme in schemes:
        url = reverse("dispatch_requests", args=[scheme.pk])
        to_accept = mine.filter(
            scheme=scheme, status=RequestStatus.DECIDED, expert_confirmed_at__isnull=True
        ).count()
        yield Waiting(
            f"{scheme.name}：日程の承諾を待っている派遣", to_accept, f"{url}?status=decided"
        )
        to_report = (
            Activity.objects.visible_to(access)
            .filter(request__scheme=scheme, expert__user_id=access.user_id, reported=False)
            .count()
        )
        yield Waiting(f"{scheme.name}：報告を待っている実績", to_report, f"{url}?status=done")
