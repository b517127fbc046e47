"""What waits in sharing (registered in ready()): support requests not yet taken, for the
support centre; burden charges of the last fiscal year not yet invoiced, for the employer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.lib.fiscal import (
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_of,
    fiscal_year_start,
)
from dxjinzai.organizations.attention import Item, Waiting, first_of, waiting_kind
from dxjinzai.organizations.models import Body
from dxjinzai.sharing.models import Assignment, ChargeSettlement, SupportRequest, SupportStatus


def waiting_support(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    centres = access.body_ids_with(Perm.RUN_SUPPORT)
    if not centres:
        return
    filed = SupportRequest.objects.visible_to(access).filter(
        centre_id__in=centres, status=SupportStatus.FILED
    )
    yield waiting_kind(
        "支援依頼（受付待ち）",
        filed.select_related("centre", "body").order_by("desired_from", "pk"),
        limit,
        list_url=lambda s: reverse("support_list", args=[s.centre.url_key]) + "?status=filed",
        item=lambda s: Item(
            key=f"sharing.support:{s.pk}",
            title=f"{s.body.name}：{s.theme}",
            url=reverse("support_detail", args=[s.centre.url_key, s.pk]),
            due=s.desired_from,
        ),
    )


def charges_to_invoice(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    """Hosts that had a shared specialist last fiscal year and have not been invoiced the
    year's burden charge (a charge is invoiced once the year, and its costs, are complete)."""
    employers = access.body_ids_with(Perm.MANAGE_SHARING)
    if not employers:
        return
    year = fiscal_year_of(today) - 1
    pairs = set(
        Assignment.objects.visible_to(access)
        .filter(body_id__in=employers, start__lte=fiscal_year_end(year))
        .filter(Q(end__isnull=True) | Q(end__gte=fiscal_year_start(year)))
        .exclude(host_id__in=employers)
        .values_list("body_id", "host_id")
    )
    invoiced = set(
        ChargeSettlement.objects.visible_to(access)
        .filter(body_id__in=employers, fiscal_year=year)
        .values_list("body_id", "host_id")
    )
    to_invoice = sorted(pairs - invoiced)
    if not to_invoice:
        return
    bodies = Body.objects.in_bulk({pk for pair in to_invoice for pk in pair})
    label = fiscal_year_label(year)
    yield Waiting(
        f"{label}の負担金（未請求）",
        len(to_invoice),
        reverse("charge_list", args=[bodies[to_invoice[0][0]].url_key]) + f"?fiscal_year={year}",
        items=tuple(
            Item(
                key=f"sharing.invoice:{employer}:{host}:{year}",
                title=f"{bodies[host].name}への{label}の負担金",
                url=reverse("charge_statement_issued", args=[bodies[employer].url_key, year, host]),
            )
            for employer, host in first_of(to_invoice, limit)
        ),
    )
