"""Who holds which role where: the organisations app's answer to the access layer.

Core's access layer knows roles and permissions but no body, grant or staff record; this
module builds a user's Access from their RoleGrants, consortium reach and staff record, and
is registered as core's directory in OrganizationsConfig.ready().
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Min, Q, QuerySet

from dxjinzai.core.access import ANONYMOUS, Access
from dxjinzai.core.roles import Role
from dxjinzai.organizations.models import (
    Body,
    Consortium,
    ConsortiumMembership,
    Department,
    RoleGrant,
    SingleSignOn,
    StaffMember,
)


def access_for_user(user: Any) -> Access:
    """Build the Access of a user from their role grants and staff record."""
    if not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    roles: dict[int, set[str]] = {}
    headed: set[int] = set()
    grants = RoleGrant.objects.filter(user=user).values_list("body_id", "role", "department_id")
    operator_body_ids = set()
    for body_id, role, department_id in grants:
        roles.setdefault(body_id, set()).add(role)
        if role == Role.DEPT_HEAD and department_id:
            headed.add(department_id)
        if role == Role.OPERATOR:
            operator_body_ids.add(body_id)
    for member_id in _consortium_member_ids(operator_body_ids):
        roles.setdefault(member_id, set()).add(Role.OPERATOR)
    staff = StaffMember.unscoped.filter(user=user, status="active").values("id", "body_id").first()
    if staff:
        roles.setdefault(staff["body_id"], set()).add(Role.STAFF)
    return Access(
        user_id=user.pk,
        roles_by_body={body_id: frozenset(r) for body_id, r in roles.items()},
        headed_department_ids=frozenset(_with_descendants(headed)),
        staff_id=staff["id"] if staff else None,
    )


def _consortium_member_ids(operator_body_ids: set[int]) -> Iterable[int]:
    if not operator_body_ids:
        return []
    return ConsortiumMembership.objects.filter(
        consortium__operator_id__in=operator_body_ids
    ).values_list("body_id", flat=True)


def _with_descendants(department_ids: set[int]) -> set[int]:
    found = set(department_ids)
    frontier = set(department_ids)
    while frontier:
        frontier = (
            set(Department.unscoped.filter(parent_id__in=frontier).values_list("id", flat=True))
            - found
        )
        found |= frontier
    return found


def consortium_peer_ids(access: Access) -> set[int]:
    """Bodies that share a consortium with one the user belongs to (operators included),
    read once per request (several scopes of one page ask)."""
    if "consortium_peers" not in access.memo:
        access.memo["consortium_peers"] = frozenset(_consortium_peer_ids(access))
    return set(access.memo["consortium_peers"])


def _consortium_peer_ids(access: Access) -> set[int]:
    consortia = Consortium.objects.filter(
        Q(members__in=access.known_body_ids) | Q(operator_id__in=access.known_body_ids)
    )
    members = ConsortiumMembership.objects.filter(consortium__in=consortia)
    return set(members.values_list("body_id", flat=True)) | set(
        consortia.values_list("operator_id", flat=True)
    )


def body_by_key(body_key: str) -> Body | None:
    """The body a URL names: its 団体コード, or x<id> for a body without one (Body.url_key)."""
    if body_key.startswith("x") and body_key[1:].isdigit():
        return Body.objects.filter(pk=int(body_key[1:]), code__isnull=True).first()
    return Body.objects.filter(code=body_key).first()


class OrganizationDirectory:
    """What core's access layer asks of bodies, grants and staff (core.access.Directory)."""

    def access_for_user(self, user: Any) -> Access:
        return access_for_user(user)

    def body_by_key(self, body_key: str) -> Body | None:
        return body_by_key(body_key)

    def bodies(self, body_ids: Iterable[int]) -> QuerySet:
        return Body.objects.filter(pk__in=body_ids).order_by("code")

    def role_holders(self, roles: Iterable[str]) -> QuerySet:
        """(user_id, body_id) rows of the grants of `roles`, for a subquery."""
        return RoleGrant.objects.filter(role__in=list(roles))

    def second_factor_required(self, user: Any) -> bool:
        """Whether a body where the person holds a role above 職員 asks for a second factor."""
        access = access_for_user(user)
        above_staff = [b for b, roles in access.roles_by_body.items() if roles - {Role.STAFF}]
        return Body.objects.filter(pk__in=above_staff, requires_second_factor=True).exists()

    def password_sign_in_allowed(self, user: Any) -> bool:
        """False when a body the person works for or holds a role in signs in only through
        its identity provider. Superusers keep their password: the way back in when the
        provider is down."""
        if user.is_superuser:
            return True
        own_bodies = set(RoleGrant.objects.filter(user=user).values_list("body_id", flat=True))
        own_bodies |= set(
            StaffMember.unscoped.filter(user=user, status="active").values_list(
                "body_id", flat=True
            )
        )
        return not SingleSignOn.objects.filter(
            body_id__in=own_bodies, enabled=True, password_sign_in=False
        ).exists()

    def idle_timeout_seconds(self, user: Any) -> int:
        """The shortest idle limit of the bodies where the person holds a role or is staff."""
        access = access_for_user(user)
        body_ids = set(access.roles_by_body)
        minutes = Body.objects.filter(pk__in=body_ids).aggregate(
            shortest=Min("idle_timeout_minutes")
        )["shortest"]
        return settings.SESSION_IDLE_SECONDS if minutes is None else minutes * 60

    def is_own_staff_number(self, access: Access, body: Any, number: str) -> bool:
        own_id = access.staff_id
        return (
            bool(own_id)
            and StaffMember.unscoped.filter(pk=own_id, body=body, number=number).exists()
        )
