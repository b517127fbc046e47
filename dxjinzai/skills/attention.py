"""What waits in skills (registered in ready()): the person's qualifications that expire
within 90 days and have not been renewed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from dxjinzai.core.access import Access
from dxjinzai.lib.fiscal import wareki
from dxjinzai.organizations.attention import Item, Waiting, waiting_kind
from dxjinzai.skills.models import QualificationHolding

EXPIRY_NOTICE = timedelta(days=90)


def expiring_qualifications(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    if access.staff_id is None:
        return
    mine = QualificationHolding.objects.visible_to(access).filter(staff_id=access.staff_id)
    renewed = mine.filter(qualification_id=OuterRef("qualification_id")).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=OuterRef("expires_on"))
    )
    expiring = mine.filter(expires_on__gte=today, expires_on__lte=today + EXPIRY_NOTICE).exclude(
        Exists(renewed)
    )
    my_page = reverse("my_page")
    yield waiting_kind(
        "90日以内に有効期限が来る資格",
        expiring.select_related("qualification").order_by("expires_on", "pk"),
        limit,
        list_url=lambda h: my_page,
        item=lambda h: Item(
            key=f"skills.expiring:{h.pk}",
            title=f"{h.qualification.name}（有効期限 {wareki(h.expires_on)}）",
            url=my_page,
            due=h.expires_on,
        ),
    )
