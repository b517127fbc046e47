"""Who sees the rows of the dispatch app's models (registered in DispatchConfig.ready)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.scoping import ScopeRule, bodies_where
from dxjinzai.dispatch.models import (
    Activity,
    DispatchRequest,
    DispatchScheme,
    Expert,
    PublicSubmission,
)


def _scope_schemes(qs: QuerySet, access: Access) -> QuerySet:
    # A scheme's name and rules are public information of the prefecture.
    return qs


def _scope_experts(qs: QuerySet, access: Access) -> QuerySet:
    assigned_to_us = Q(requests__requester_id__in=access.body_ids_with(Perm.REQUEST_DISPATCH))
    return qs.filter(
        Q(body_id__in=access.body_ids_with(Perm.MANAGE_DISPATCH))
        | assigned_to_us
        | Q(user_id=access.user_id)
    ).distinct()


def _scope_requests(qs: QuerySet, access: Access, prefix: str = "") -> QuerySet:
    # The scheme's managers, the requesting body, and the expert assigned.
    return qs.filter(
        Q(**{f"{prefix}body_id__in": access.body_ids_with(Perm.MANAGE_DISPATCH)})
        | Q(**{f"{prefix}requester_id__in": access.body_ids_with(Perm.REQUEST_DISPATCH)})
        | Q(**{f"{prefix}expert__user_id": access.user_id})
    )


def _scope_activities(qs: QuerySet, access: Access) -> QuerySet:
    return _scope_requests(qs, access, prefix="request__")


SCOPE_RULES: dict[type, ScopeRule] = {
    DispatchScheme: _scope_schemes,
    Expert: _scope_experts,
    DispatchRequest: _scope_requests,
    Activity: _scope_activities,
    # The public form's submissions: the scheme's managers, before they become requests.
    PublicSubmission: bodies_where(Perm.MANAGE_DISPATCH),
}
