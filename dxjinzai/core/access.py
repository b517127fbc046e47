"""The access layer: the one module that decides who may see and do what (DESIGN.md).

- A person sees their own record; a department head their department (and the units
  below it); HR officers and admins their body; operators consortium-wide bodies and
  departments, but no other body's staff.
- Another body's object answers 404 (we do not say it exists); a role too weak, 403.
- Which rows of a model a viewer sees is the model's app's rule (core.scoping holds the
  registry; each app's scopes.py the rules); a model without one raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, wraps
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from dxjinzai.core.roles import Role


class Perm(StrEnum):
    VIEW_BODY = "view_body"
    MANAGE_BODY = "manage_body"
    CREATE_BODY = "create_body"
    VIEW_DEPARTMENTS = "view_departments"
    MANAGE_DEPARTMENTS = "manage_departments"
    VIEW_STAFF_LIST = "view_staff_list"
    MANAGE_STAFF = "manage_staff"
    VIEW_AUDIT = "view_audit"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_DISPATCH = "manage_dispatch"
    REQUEST_DISPATCH = "request_dispatch"
    VIEW_PAYEE = "view_payee"
    MANAGE_TALENT = "manage_talent"
    NOMINATE_TRAINING = "nominate_training"
    REPORT_IMPROVEMENT = "report_improvement"
    RECOMMEND_AWARD = "recommend_award"
    CERTIFY = "certify"
    MANAGE_SHARING = "manage_sharing"
    REQUEST_SUPPORT = "request_support"
    RUN_SUPPORT = "run_support"
    MANAGE_RECRUITMENT = "manage_recruitment"
    MANAGE_ADVISERS = "manage_advisers"
    VIEW_ADVISERS = "view_advisers"


_EVERY_ROLE = frozenset(Role)

# Which roles in a body grant a permission on that body.
PERMISSIONS: dict[Perm, frozenset[str]] = {
    # An adviser works on their own terms only (VIEW_ADVISERS), not in the body's pages.
    Perm.VIEW_BODY: _EVERY_ROLE - {Role.ADVISER},
    Perm.MANAGE_BODY: frozenset({Role.OPERATOR, Role.BODY_ADMIN}),
    Perm.CREATE_BODY: frozenset({Role.OPERATOR}),
    Perm.VIEW_DEPARTMENTS: frozenset(
        {Role.OPERATOR, Role.BODY_ADMIN, Role.HR_OFFICER, Role.DEPT_HEAD, Role.STAFF}
    ),
    Perm.MANAGE_DEPARTMENTS: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER}),
    Perm.VIEW_STAFF_LIST: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER, Role.DEPT_HEAD}),
    Perm.MANAGE_STAFF: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER}),
    Perm.VIEW_AUDIT: frozenset({Role.BODY_ADMIN}),
    Perm.MANAGE_ACCOUNTS: frozenset({Role.BODY_ADMIN}),
    # On the scheme's body (the prefecture): its DX division runs the expert scheme.
    Perm.MANAGE_DISPATCH: frozenset({Role.OPERATOR, Role.BODY_ADMIN}),
    # On a requesting member body.
    Perm.REQUEST_DISPATCH: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER, Role.DEPT_HEAD}),
    # Payee and bank details: the scheme's paying officers only.
    Perm.VIEW_PAYEE: frozenset({Role.BODY_ADMIN}),
    # Frameworks, the qualification catalogue, courses, sessions, approvals and records.
    Perm.MANAGE_TALENT: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER}),
    # Putting someone forward for a training: HR, or a department head for their people
    # (the staff scope limits a head to their own department).
    Perm.NOMINATE_TRAINING: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER, Role.DEPT_HEAD}),
    # A division's improvement activities: its head (for their units) or HR records them;
    # the DX division (operators, body admins) recommends outstanding ones for an award.
    Perm.REPORT_IMPROVEMENT: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER, Role.DEPT_HEAD}),
    Perm.RECOMMEND_AWARD: frozenset({Role.OPERATOR, Role.BODY_ADMIN}),
    # Approving a DX人材認定 or an award: the body's authorised officer (its admin).
    Perm.CERTIFY: frozenset({Role.BODY_ADMIN}),
    # The employer's pool: its members, assignments and personnel costs; on a host body,
    # the charges it owes.
    Perm.MANAGE_SHARING: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER}),
    # Support requests (愛媛県): a member body's officers file them; the operator's DX
    # division runs the support centre (triage, assignment) on the operator body.
    Perm.REQUEST_SUPPORT: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER, Role.DEPT_HEAD}),
    Perm.RUN_SUPPORT: frozenset({Role.OPERATOR}),
    # Job postings and their applicants (personal data of people outside the body): the
    # body's HR and admins only, never the operator; a panel member sees the applicants
    # they interview (recruitment.scopes).
    Perm.MANAGE_RECRUITMENT: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER}),
    # Advisers on fixed terms (三宅町): the body's officers appoint, renew and convert them
    # and accept their reports; the adviser writes on their own terms (advisers.selectors).
    Perm.MANAGE_ADVISERS: frozenset({Role.BODY_ADMIN, Role.HR_OFFICER}),
    # The advisers' pages: the body reads them; an adviser, the terms they hold (scopes).
    Perm.VIEW_ADVISERS: _EVERY_ROLE,
}

CHANGING_PERMISSIONS = frozenset(
    {
        Perm.MANAGE_BODY,
        Perm.CREATE_BODY,
        Perm.MANAGE_DEPARTMENTS,
        Perm.MANAGE_STAFF,
        Perm.MANAGE_ACCOUNTS,
        Perm.MANAGE_DISPATCH,
        Perm.REQUEST_DISPATCH,
        Perm.MANAGE_TALENT,
        Perm.NOMINATE_TRAINING,
        Perm.REPORT_IMPROVEMENT,
        Perm.RECOMMEND_AWARD,
        Perm.CERTIFY,
        Perm.MANAGE_SHARING,
        Perm.REQUEST_SUPPORT,
        Perm.RUN_SUPPORT,
        Perm.MANAGE_RECRUITMENT,
        Perm.MANAGE_ADVISERS,
    }
)

# People from outside the body who work with it: never offered its internal sections.
EXTERNAL_ROLES = frozenset({Role.EXPERT, Role.ADVISER})

# Roles that see every staff member of their body.
_BODY_WIDE_STAFF_ROLES = frozenset({Role.BODY_ADMIN, Role.HR_OFFICER})


@dataclass(frozen=True)
class Access:
    """What one user may reach, computed once per request."""

    user_id: int | None
    # body id -> the roles the user holds there (operator reach included).
    roles_by_body: dict[int, frozenset[str]] = field(default_factory=dict)
    # Departments the user heads, with every unit below them.
    headed_department_ids: frozenset[int] = frozenset()
    staff_id: int | None = None
    # An API token with the read scope: every permission to change anything is withheld.
    read_only: bool = False
    # What a request works out once from these roles and reads several times (the bodies of
    # the user's consortia); an Access lives one request, so nothing here goes stale.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def roles_in(self, body_id: int) -> frozenset[str]:
        return self.roles_by_body.get(body_id, frozenset())

    def knows_body(self, body_id: int) -> bool:
        return bool(self.roles_in(body_id))

    def can(self, perm: Perm, body_id: int) -> bool:
        if self.read_only and perm in CHANGING_PERMISSIONS:
            return False
        return bool(self.roles_in(body_id) & PERMISSIONS[perm])

    def body_ids_with(self, perm: Perm) -> set[int]:
        return {body_id for body_id in self.roles_by_body if self.can(perm, body_id)}

    @cached_property
    def known_body_ids(self) -> frozenset[int]:
        return frozenset(self.roles_by_body)

    @cached_property
    def staff_body_ids(self) -> frozenset[int]:
        """Bodies whose whole staff the user sees."""
        return frozenset(
            body_id
            for body_id, roles in self.roles_by_body.items()
            if roles & _BODY_WIDE_STAFF_ROLES
        )

    @property
    def is_operator(self) -> bool:
        return any(Role.OPERATOR in roles for roles in self.roles_by_body.values())

    def holds(self, role: str) -> bool:
        """Whether the user holds the role in any body."""
        return any(role in roles for roles in self.roles_by_body.values())

    @property
    def is_external_only(self) -> bool:
        """An external expert's or adviser's account: the platform shows them their own
        dispatches or terms, not the bodies' internal pages."""
        held = set().union(*self.roles_by_body.values()) if self.roles_by_body else set()
        return bool(held) and held <= EXTERNAL_ROLES and self.staff_id is None

    @property
    def is_adviser(self) -> bool:
        return self.holds(Role.ADVISER)


ANONYMOUS = Access(user_id=None)


class AccessRequest(HttpRequest):
    """A request as our middleware leaves it (core.middleware.AccessMiddleware): with the
    viewer's Access. Views and helpers type their request with it instead of ignoring the
    attribute."""

    access: Access


class Directory(Protocol):
    """What the access layer asks of the domain: who holds which roles where, and which
    body a URL names. The organisations app provides it (OrganizationsConfig.ready), so
    core imports no domain app."""

    def access_for_user(self, user: Any) -> Access: ...

    def body_by_key(self, body_key: str) -> Any | None: ...

    def bodies(self, body_ids: Iterable[int]) -> QuerySet: ...

    def role_holders(self, roles: Iterable[str]) -> QuerySet: ...

    def is_own_staff_number(self, access: Access, body: Any, number: str) -> bool: ...

    def idle_timeout_seconds(self, user: Any) -> int: ...

    def second_factor_required(self, user: Any) -> bool: ...

    def password_sign_in_allowed(self, user: Any) -> bool: ...


_directory: Directory | None = None


def use_directory(directory: Directory) -> None:
    global _directory
    _directory = directory


def directory() -> Directory:
    if _directory is None:
        raise RuntimeError("団体の台帳（Directory）が登録されていません。")
    return _directory


# --- Views ---------------------------------------------------------------------------------


def body_for(access: Access, body_key: str, perm: Perm) -> Any:
    """The body named in a URL: 404 unless the user has a role there, 403 without `perm`."""
    body = directory().body_by_key(body_key)
    if body is None or not access.knows_body(body.pk):
        raise Http404("団体が見つかりません。")
    if not access.can(perm, body.pk):
        raise PermissionDenied("この操作を行う権限がありません。")
    return body


def requires(perm: Perm) -> Callable:
    """Declare that a body view (with a `body_key` URL argument) needs `perm` on that body.

    The body is resolved and checked before the view runs and passed as `body`.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: AccessRequest, body_key: str, *args: Any, **kwargs: Any) -> Any:
            body = body_for(request.access, body_key, perm)
            return view(request, body, *args, **kwargs)

        wrapper.access_rule = perm  # type: ignore[attr-defined]
        return wrapper

    return decorate


def any_signed_in_user(view: Callable) -> Callable:
    """Mark a view every signed-in user may open; it shows only what selectors allow."""
    view.access_rule = "signed_in"  # type: ignore[attr-defined]
    return view


def operator_only(view: Callable) -> Callable:
    """Consortium-level views (no body in the URL): only operators."""

    @wraps(view)
    def wrapper(request: AccessRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.access.is_operator:
            raise PermissionDenied("運営者のみが行える操作です。")
        return view(request, *args, **kwargs)

    wrapper.access_rule = Perm.CREATE_BODY  # type: ignore[attr-defined]
    return wrapper


def access_for_token(token: Any) -> Access:
    """What an API token may reach: its own body's staff data, as an HR officer would, and
    nothing it may change unless its scope is write."""
    return Access(
        user_id=token.created_by_id,
        roles_by_body={token.body_id: frozenset({Role.HR_OFFICER})},
        read_only=token.scope != "write",
    )
