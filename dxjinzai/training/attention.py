"""Training applications waiting for HR's approval (registered in ready())."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.organizations.attention import Waiting
from dxjinzai.training.models import Application, ApplicationStatus


def waiting_applications(access: Access, today: date) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_TALENT)
    if not bodies:
        return
    waiting = Application.objects.visible_to(access).filter(
        body_id__in=bodies, status=ApplicationStatus.APPLIED, session__starts_on__gte=today
    )
    first = waiting.select_related("session").order_by("session__starts_on").first()
    if first is not None:
        yield Waiting(
            "承認待ちの受講申込（最も近い研修回から）",
            waiting.count(),
            reverse("session_detail", args=[first.session_id]),
        )
