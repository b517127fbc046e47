"""Reads of communities, events, rosters and posts, through the scopes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet

from dxjinzai.community.models import Comment, Community, Event, Post, Registration
from dxjinzai.community.rules import CHALLENGER_EVENT_KIND
from dxjinzai.core import clock
from dxjinzai.core.access import Access, Perm
from dxjinzai.core.selectors import first_or_404
from dxjinzai.lib.fiscal import fiscal_year_of


def community_list(access: Access) -> QuerySet[Community]:
    return (
        Community.objects.visible_to(access)
        .select_related("body")
        .annotate(
            event_count=Count("events", distinct=True), post_count=Count("posts", distinct=True)
        )
        .order_by("body__code", "name")
    )


def community_get(access: Access, pk: int) -> Community:
    return first_or_404(community_list(access).filter(pk=pk), "コミュニティが見つかりません。")


def can_run(access: Access, community: Community) -> bool:
    """The organising body's DX division runs the community: its events and rosters."""
    return access.can(Perm.MANAGE_TALENT, community.body_id)


def check_runs(access: Access, community: Community) -> None:
    if not can_run(access, community):
        raise PermissionDenied("イベントを管理するのは、運営する団体の人事・DX担当です。")


def event_list(access: Access, community: Community) -> QuerySet[Event]:
    return (
        Event.objects.visible_to(access)
        .filter(community=community)
        .annotate(registered=Count("registrations"))
        .order_by("-starts_at", "pk")
    )


def event_get(access: Access, pk: int) -> Event:
    return first_or_404(
        Event.objects.visible_to(access).filter(pk=pk).select_related("community__body"),
        "イベントが見つかりません。",
    )


def registered_count(event: Event) -> int:
    return Registration.unscoped.filter(event=event).count()


def roster(access: Access, event: Event) -> QuerySet[Registration]:
    """Who registered, from every body (the organiser's list)."""
    return (
        Registration.objects.visible_to(access)
        .filter(event=event)
        .select_related("staff__body", "staff__department")
        .order_by("staff__body__code", "staff__number")
    )


def own_registration(access: Access, event: Event) -> Registration | None:
    if access.staff_id is None:
        return None
    return (
        Registration.objects.visible_to(access)
        .filter(event=event, staff_id=access.staff_id)
        .first()
    )


def post_list(access: Access, community: Community) -> QuerySet[Post]:
    return (
        Post.objects.visible_to(access)
        .filter(community=community)
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-pk")
    )


def post_get(access: Access, pk: int) -> Post:
    return first_or_404(
        Post.objects.visible_to(access).filter(pk=pk).select_related("community"),
        "投稿が見つかりません。",
    )


def comments(access: Access, post: Post) -> QuerySet[Comment]:
    return Comment.objects.visible_to(access).filter(post=post)


def comment_get(access: Access, pk: int) -> Comment:
    return first_or_404(
        Comment.objects.visible_to(access).filter(pk=pk).select_related("post__community"),
        "コメントが見つかりません。",
    )


def can_correct(access: Access, row: Any) -> bool:
    """A post or comment is corrected by its author, or removed by the organisers."""
    return (access.user_id is not None and row.author_id == access.user_id) or access.can(
        Perm.MANAGE_TALENT, row.body_id
    )


def upcoming(access: Access, community: Community, now: datetime) -> QuerySet[Event]:
    return event_list(access, community).filter(ends_at__gte=now).order_by("starts_at", "pk")


def calendar_events(token: str) -> tuple[Community, QuerySet[Event]] | None:
    """The community of a calendar secret and its events (the secret is the credential)."""
    community = Community.unscoped.filter(calendar_token=token).first()
    if community is None:
        return None
    return community, Event.unscoped.filter(community=community).order_by("starts_at")


def challengers_by_year(body_ids: set[int]) -> dict[int, int]:
    """滋賀県's DX推進チャレンジャー counted from attendance (rules.CHALLENGER_EVENT_KIND):
    the bodies' staff by the fiscal year of their first attended study meeting."""
    first: dict[int, datetime] = {}
    rows = (
        Registration.unscoped.filter(
            attended=True, staff__body_id__in=body_ids, event__kind=CHALLENGER_EVENT_KIND
        )
        .values_list("staff_id", "event__starts_at")
        .order_by("event__starts_at")
    )
    for staff_id, starts_at in rows:
        first.setdefault(staff_id, starts_at)
    counts: dict[int, int] = {}
    for starts_at in first.values():
        year = fiscal_year_of(clock.date_of(starts_at))
        counts[year] = counts.get(year, 0) + 1
    return counts
