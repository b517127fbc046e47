"""What waits in the advisers app (registered in ready()): for the body's officers, terms
ending within 30 days with nothing decided and reports to accept; for an adviser, the
report of a term ending within two weeks or ended; for a division head, adopted ideas their
division is to carry out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from dxjinzai.advisers.models import AdviserTerm, Idea, IdeaStatus, TermReport
from dxjinzai.advisers.rules import ENDING_WARNING_DAYS, REPORT_DUE_DAYS_BEFORE_END
from dxjinzai.core.access import Access, Perm
from dxjinzai.organizations.attention import Item, Waiting, waiting_kind


def _term_item(prefix: str, term: AdviserTerm) -> Item:
    return Item(
        key=f"advisers.{prefix}:{term.pk}",
        title=f"{term.title}（{term.adviser_name}）",
        url=reverse("term_detail", args=[term.body.url_key, term.pk]),
        due=term.ends_on,
    )


def waiting_in_advisers(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_ADVISERS)
    if bodies:
        yield from _for_officers(access, bodies, today, limit)
    if access.user_id is not None and access.is_adviser:
        due = (
            AdviserTerm.objects.visible_to(access)
            .filter(
                adviser_id=access.user_id,
                ends_on__lte=today + timedelta(days=REPORT_DUE_DAYS_BEFORE_END),
                report__isnull=True,
            )
            .select_related("body")
            .order_by("ends_on", "pk")
        )
        yield waiting_kind(
            "アドバイザー：任期の報告の提出",
            due,
            limit,
            list_url=lambda t: reverse("my_terms"),
            item=lambda t: _term_item("report_due", t),
        )
    if access.headed_department_ids:
        ideas = (
            Idea.objects.visible_to(access)
            .filter(owner_department_id__in=access.headed_department_ids, status=IdeaStatus.ADOPTED)
            .select_related("body", "term")
            .order_by("pk")
        )
        yield waiting_kind(
            "アドバイザー：担当所属で実施する採用アイデア",
            ideas,
            limit,
            list_url=lambda i: reverse("term_board", args=[i.body.url_key, i.term_id]),
            item=lambda i: Item(
                key=f"advisers.adopted:{i.pk}",
                title=i.title,
                url=reverse("term_board", args=[i.body.url_key, i.term_id]) + f"#idea-{i.pk}",
            ),
        )


def _for_officers(
    access: Access, bodies: set[int], today: date, limit: int | None
) -> Iterator[Waiting]:
    ending = (
        AdviserTerm.objects.visible_to(access)
        .filter(
            body_id__in=bodies,
            ends_on__gte=today,
            ends_on__lte=today + timedelta(days=ENDING_WARNING_DAYS),
            renewal__isnull=True,
            contract__isnull=True,
        )
        .select_related("body")
        .order_by("ends_on", "pk")
    )
    yield waiting_kind(
        f"アドバイザー：{ENDING_WARNING_DAYS}日以内に終わる任期（更新・移行の判断）",
        ending,
        limit,
        list_url=lambda t: reverse("term_list", args=[t.body.url_key]),
        item=lambda t: _term_item("ending", t),
    )
    to_accept = (
        TermReport.objects.visible_to(access)
        .filter(body_id__in=bodies, accepted_on__isnull=True)
        .select_related("term__body")
        .order_by("filed_at", "pk")
    )
    yield waiting_kind(
        "アドバイザー：受理を待っている任期の報告",
        to_accept,
        limit,
        list_url=lambda r: reverse("term_list", args=[r.term.body.url_key]),
        item=lambda r: _term_item("report", r.term),
    )
