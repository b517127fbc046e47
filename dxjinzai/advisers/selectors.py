"""Reads of adviser terms, their meetings, boards and reports, always through the scopes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from dxjinzai.advisers.models import (
    AdviserTerm,
    Idea,
    IdeaStatus,
    Issue,
    Meeting,
    Partnership,
    TermReport,
)
from dxjinzai.core.access import Access, Perm
from dxjinzai.core.roles import Role
from dxjinzai.core.selectors import first_or_404
from dxjinzai.organizations.models import Body, RoleGrant


def partnership_list(access: Access, body: Body) -> QuerySet[Partnership]:
    return (
        Partnership.objects.visible_to(access)
        .filter(body=body)
        .annotate(term_count=Count("terms"))
        .order_by("-concluded_on", "pk")
    )


def partnership_get(access: Access, body: Body, pk: int) -> Partnership:
    return first_or_404(partnership_list(access, body).filter(pk=pk), "協定が見つかりません。")


def _terms(access: Access) -> QuerySet[AdviserTerm]:
    return (
        AdviserTerm.objects.visible_to(access)
        .select_related("body", "partnership", "contract", "report", "renewal")
        .annotate(
            meeting_count=Count("meetings", distinct=True),
            issue_count=Count("issues", distinct=True),
            idea_count=Count("ideas", distinct=True),
        )
        .order_by("-starts_on", "pk")
    )


def term_list(access: Access, body: Body, *, theme: str = "") -> QuerySet[AdviserTerm]:
    terms = _terms(access).filter(body=body)
    return terms.filter(theme=theme) if theme else terms


def my_terms(access: Access) -> QuerySet[AdviserTerm]:
    """The terms the viewer holds as adviser, in every body that appointed them."""
    return _terms(access).filter(adviser_id=access.user_id)


def term_get(access: Access, body: Body, pk: int) -> AdviserTerm:
    return first_or_404(term_list(access, body).filter(pk=pk), "任期が見つかりません。")


def can_write_on(access: Access, term: AdviserTerm) -> bool:
    """The body's officers and the term's own adviser log meetings, issues, ideas and the
    report; the rest of the body reads."""
    return access.can(Perm.MANAGE_ADVISERS, term.body_id) or (
        access.user_id is not None and term.adviser_id == access.user_id
    )


def writable_term_get(access: Access, body: Body, pk: int) -> AdviserTerm:
    term = term_get(access, body, pk)
    _check_writes(access, term)
    return term


def _check_writes(access: Access, term: AdviserTerm) -> None:
    """403 for a reader of the term who may not write on it (a stranger got 404 already)."""
    if not can_write_on(access, term):
        raise PermissionDenied("書き込めるのは、このアドバイザー本人と団体の担当者です。")


class _OnTerm(Protocol):
    term: AdviserTerm


R = TypeVar("R", bound=_OnTerm)


def on_writable_term(access: Access, record: R) -> R:
    """The record (a meeting, an issue, an idea) when the viewer may write on its term."""
    _check_writes(access, record.term)
    return record


@dataclass(frozen=True)
class BoardCounts:
    meetings: int
    issues: int
    ideas: int
    adopted: int
    done: int


def board_counts(access: Access, term: AdviserTerm) -> BoardCounts:
    """The figures the term's page and its report state, counted from the records."""
    ideas = (
        Idea.objects.visible_to(access)
        .filter(term=term)
        .aggregate(
            all=Count("pk"),
            adopted=Count("pk", filter=Q(status__in=[IdeaStatus.ADOPTED, IdeaStatus.DONE])),
            done=Count("pk", filter=Q(status=IdeaStatus.DONE)),
        )
    )
    return BoardCounts(
        meetings=Meeting.objects.visible_to(access).filter(term=term).count(),
        issues=Issue.objects.visible_to(access).filter(term=term).count(),
        ideas=ideas["all"],
        adopted=ideas["adopted"],
        done=ideas["done"],
    )


def meeting_list(access: Access, term: AdviserTerm) -> QuerySet[Meeting]:
    return (
        Meeting.objects.visible_to(access)
        .filter(term=term)
        .annotate(
            issue_count=Count("issues", distinct=True), idea_count=Count("ideas", distinct=True)
        )
        .order_by("held_on", "pk")
    )


def meeting_get(access: Access, body: Body, pk: int) -> Meeting:
    return first_or_404(
        Meeting.objects.visible_to(access).filter(body=body, pk=pk).select_related("term"),
        "ミーティングが見つかりません。",
    )


def issue_list(access: Access, term: AdviserTerm) -> QuerySet[Issue]:
    """The term's issues numbered 1, 2, … in the order they were raised (No. on the board)."""
    return (
        Issue.objects.visible_to(access)
        .filter(term=term)
        .select_related("meeting")
        .annotate(
            idea_count=Count("ideas"),
            number=Window(RowNumber(), order_by=F("pk").asc()),
        )
        .order_by("pk")
    )


def issue_numbers(access: Access, term: AdviserTerm) -> dict[int, int]:
    """Each issue's No. on the board, by its id."""
    ids = Issue.objects.visible_to(access).filter(term=term).order_by("pk")
    return {pk: number for number, pk in enumerate(ids.values_list("pk", flat=True), start=1)}


def issue_get(access: Access, body: Body, pk: int) -> Issue:
    return first_or_404(
        Issue.objects.visible_to(access).filter(body=body, pk=pk).select_related("term"),
        "課題が見つかりません。",
    )


def idea_list(access: Access, term: AdviserTerm, *, status: str = "") -> QuerySet[Idea]:
    ideas = (
        Idea.objects.visible_to(access)
        .filter(term=term)
        .select_related("meeting", "owner_department")
        .prefetch_related(Prefetch("issues", queryset=Issue.unscoped.order_by("pk")))
    )
    return ideas.filter(status=status) if status else ideas


def adopted_ideas(access: Access, term: AdviserTerm) -> QuerySet[Idea]:
    """採用 and 実施済: what the town took from the adviser (the report lists them)."""
    return idea_list(access, term).filter(status__in=[IdeaStatus.ADOPTED, IdeaStatus.DONE])


def idea_get(access: Access, body: Body, pk: int) -> Idea:
    return first_or_404(
        Idea.objects.visible_to(access).filter(body=body, pk=pk).select_related("term"),
        "アイデアが見つかりません。",
    )


def can_move_idea(access: Access, idea: Idea) -> bool:
    """The town decides an idea's fate: its officers, or the head of the division that owns
    it (who reports it carried out)."""
    return access.can(Perm.MANAGE_ADVISERS, idea.body_id) or (
        idea.owner_department_id is not None
        and idea.owner_department_id in access.headed_department_ids
    )


def report_of(access: Access, term: AdviserTerm) -> TermReport | None:
    return TermReport.objects.visible_to(access).filter(term=term).first()


def adviser_accounts(body: Body) -> QuerySet[Any]:
    """The accounts holding the 外部アドバイザー role on the body (to appoint to a term)."""
    holders = RoleGrant.objects.filter(body=body, role=Role.ADVISER).values("user_id")
    return get_user_model().objects.filter(pk__in=holders, is_active=True).order_by("username")
