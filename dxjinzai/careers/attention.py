"""What waits in 挑戦制度 (registered in ready()): for HR, applications not yet decided."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from dxjinzai.careers.models import ChallengeApplication, Decision
from dxjinzai.core.access import Access, Perm
from dxjinzai.organizations.attention import Item, Waiting, waiting_kind


def waiting_in_careers(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_STAFF)
    if not bodies:
        return
    pending = (
        ChallengeApplication.objects.visible_to(access)
        .filter(body_id__in=bodies, decision=Decision.PENDING)
        .select_related("body", "call", "staff")
        .order_by("submitted_on", "pk")
    )
    yield waiting_kind(
        "挑戦制度：結果を待っている応募",
        pending,
        limit,
        list_url=lambda a: reverse("challenge_detail", args=[a.body.url_key, a.call_id]),
        item=lambda a: Item(
            key=f"careers.application:{a.pk}",
            title=f"{a.staff.full_name}：{a.field}（{a.call.fiscal_year}年度）",
            url=reverse("challenge_detail", args=[a.body.url_key, a.call_id])
            + f"#application-{a.pk}",
            due=a.call.closes_on,
        ),
    )
