"""Support requests waiting for the support centre (registered in ready())."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.organizations.attention import Waiting
from dxjinzai.sharing.models import SupportRequest, SupportStatus


def waiting_support(access: Access, today: date) -> Iterator[Waiting]:
    for centre_id in sorted(access.body_ids_with(Perm.RUN_SUPPORT)):
        filed = SupportRequest.objects.visible_to(access).filter(
            centre_id=centre_id, status=SupportStatus.FILED
        )
        first = filed.select_related("centre").first()
        if first is not None:
            url = reverse("support_list", args=[first.centre.url_key])
            yield Waiting("支援依頼（受付待ち）", filed.count(), f"{url}?status=filed")
