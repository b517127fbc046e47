"""Who sees the rows of the sharing app's models (registered in SharingConfig.ready)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.scoping import ScopeRule, bodies_where
from dxjinzai.organizations.access import consortium_peer_ids
from dxjinzai.sharing.models import (
    AdviserActivity,
    Assignment,
    ChargeSettlement,
    JointContract,
    MonthlyCost,
    PoolMember,
    SupportRequest,
)


def _scope_pool(qs: QuerySet, access: Access) -> QuerySet:
    # The pool's working profiles are shared with the consortium by design.
    return qs.filter(
        Q(body_id__in=access.known_body_ids) | Q(body_id__in=consortium_peer_ids(access))
    )


def _scope_assignments(qs: QuerySet, access: Access) -> QuerySet:
    # The employer's managers, and the host it serves.
    return qs.filter(
        Q(body_id__in=access.body_ids_with(Perm.MANAGE_SHARING))
        | Q(host_id__in=access.known_body_ids)
    )


def _scope_settlements(qs: QuerySet, access: Access) -> QuerySet:
    # An invoice: the employer's managers, and the host's (who owe it).
    return qs.filter(
        Q(body_id__in=access.body_ids_with(Perm.MANAGE_SHARING))
        | Q(host_id__in=access.body_ids_with(Perm.MANAGE_SHARING))
    )


def _scope_support(qs: QuerySet, access: Access) -> QuerySet:
    # The filing body's officers, the centre that runs it, and the specialist assigned.
    allowed = Q(body_id__in=access.body_ids_with(Perm.REQUEST_SUPPORT)) | Q(
        centre_id__in=access.body_ids_with(Perm.RUN_SUPPORT)
    )
    if access.user_id is not None:
        allowed |= Q(member__staff__user_id=access.user_id)
    return qs.filter(allowed)


def _scope_contracts(qs: QuerySet, access: Access) -> QuerySet:
    # A joint contract and its split: the contracting body and every participant.
    return qs.filter(
        Q(body_id__in=access.known_body_ids) | Q(participants__body_id__in=access.known_body_ids)
    ).distinct()


def _scope_adviser_activities(qs: QuerySet, access: Access) -> QuerySet:
    # An activity: the contracting body and the host it served.
    return qs.filter(Q(body_id__in=access.known_body_ids) | Q(host_id__in=access.known_body_ids))


SCOPE_RULES: dict[type, ScopeRule] = {
    PoolMember: _scope_pool,
    Assignment: _scope_assignments,
    ChargeSettlement: _scope_settlements,
    SupportRequest: _scope_support,
    JointContract: _scope_contracts,
    AdviserActivity: _scope_adviser_activities,
    # Personnel costs are the employer's data only.
    MonthlyCost: bodies_where(Perm.MANAGE_SHARING),
}
