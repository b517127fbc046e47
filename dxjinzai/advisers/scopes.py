"""Who sees the rows of the advisers app (registered in ready()). The body's own people (and
the consortium's operator) read its advisers' terms, meetings and boards; an adviser sees
only the terms they hold, in the body that appointed them, nothing else of the body."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.advisers.models import (
    AdviserContract,
    AdviserTerm,
    Idea,
    Issue,
    Meeting,
    Partnership,
    TermReport,
)
from dxjinzai.core.access import Access
from dxjinzai.core.roles import Role
from dxjinzai.core.scoping import ScopeRule


def member_body_ids(access: Access) -> set[int]:
    """Bodies where the viewer holds a role beyond 外部アドバイザー."""
    return {body_id for body_id, roles in access.roles_by_body.items() if roles - {Role.ADVISER}}


def _terms(access: Access, prefix: str = "") -> Q:
    mine = Q(**{f"{prefix}adviser_id": access.user_id}) if access.user_id else Q(pk__in=[])
    return Q(body_id__in=member_body_ids(access)) | mine


def _scope_terms(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(_terms(access))


def _scope_term_rows(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(_terms(access, "term__"))


def _scope_partnerships(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=member_body_ids(access))


SCOPE_RULES: dict[type, ScopeRule] = {
    Partnership: _scope_partnerships,
    AdviserTerm: _scope_terms,
    AdviserContract: _scope_term_rows,
    Meeting: _scope_term_rows,
    Issue: _scope_term_rows,
    Idea: _scope_term_rows,
    TermReport: _scope_term_rows,
}
