"""Who sees the rows of the community app (registered in ready()). A member sees the
communities of their own body and those its owner opened to the consortium they share,
nothing else. A roster (registrations) is the organiser's and the person's own."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.community.models import Comment, Community, Event, Post, Reach, Registration
from dxjinzai.core.access import Access, Perm
from dxjinzai.core.roles import Role
from dxjinzai.core.scoping import ScopeRule
from dxjinzai.organizations.models import Consortium, ConsortiumMembership


def _member_body_ids(access: Access) -> set[int]:
    """The bodies where the viewer works or holds an officer's role: not an outsider's
    (expert, adviser), and for an operator their own prefecture, not the members they
    reach through the consortium (a town's own community stays the town's)."""
    not_members = {Role.EXPERT, Role.ADVISER, Role.OPERATOR}
    own = {body for body, roles in access.roles_by_body.items() if roles - not_members}
    operating = {b for b, roles in access.roles_by_body.items() if Role.OPERATOR in roles}
    if operating:
        operators = Consortium.objects.filter(operator_id__in=operating)
        own |= set(operators.values_list("operator_id", flat=True))
    return own


def readable(access: Access, prefix: str = "") -> Q:
    """Communities (or rows of them, through `prefix`) the viewer may read."""
    own = _member_body_ids(access)
    if not own:
        return Q(pk__in=[])
    # The consortia of those bodies (not of a body the viewer only advises or serves).
    consortia = Consortium.objects.filter(Q(members__in=own) | Q(operator_id__in=own))
    members = ConsortiumMembership.objects.filter(consortium__in=consortia).values("body_id")
    shared = Q(**{f"{prefix}body_id__in": members}) | Q(
        **{f"{prefix}body_id__in": consortia.values("operator_id")}
    )
    return Q(**{f"{prefix}body_id__in": own}) | (Q(**{f"{prefix}reach": Reach.CONSORTIUM}) & shared)


def _scope_communities(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(readable(access))


def _scope_rows(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(readable(access, "community__"))


def _scope_comments(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(readable(access, "post__community__"))


def _scope_registrations(qs: QuerySet, access: Access) -> QuerySet:
    own = Q(staff_id=access.staff_id) if access.staff_id else Q(pk__in=[])
    return qs.filter(Q(body_id__in=access.body_ids_with(Perm.MANAGE_TALENT)) | own)


SCOPE_RULES: dict[type, ScopeRule] = {
    Community: _scope_communities,
    Event: _scope_rows,
    Post: _scope_rows,
    Comment: _scope_comments,
    Registration: _scope_registrations,
}
