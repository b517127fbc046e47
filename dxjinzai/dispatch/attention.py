"""The dispatch requests waiting for the scheme's managers (registered in ready())."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.dispatch.models import (
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
