"""The access layer: the one module that decides who may see and do what (DESIGN.md).

- A person sees their own record; a department head their department (and the units
  below it); HR officers and admins their body; operators consortium-wide bodies and
  departments, but no other body's staff.
- Another body's object answers 404 (we do not say it exists); a role too weak, 403.
- Every body-owned model has a rule in `scope_queryset`; a model without one raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property, wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from dxjinzai.core import clock
from dxjinzai.organizations.models import (
    Appointment,
    Body,
    ConsortiumMembership,
    Department,
    Grade,
    Role,
    RoleGrant,
    StaffMember,
    WorkDays,
)


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


_EVERY_ROLE = frozenset(Role)

# Which roles in a body grant a permission on that body.
PERMISSIONS: dict[Perm, frozenset[str]] = {
    Perm.VIEW_BODY: _EVERY_ROLE,
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
    }
)

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


ANONYMOUS = Access(user_id=None)


class AccessRequest(HttpRequest):
    """A request as our middleware leaves it (core.middleware.AccessMiddleware): with the
    viewer's Access. Views and helpers type their request with it instead of ignoring the
    attribute."""

    access: Access


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


# --- Scoping of body-owned rows -----------------------------------------------------------


def _active_on(day: date) -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=day)


def _scope_staff(qs: QuerySet, access: Access) -> QuerySet:
    today = clock.today()
    serving_here = Appointment.unscoped.filter(
        Q(body_id__in=access.staff_body_ids) | Q(department_id__in=access.headed_department_ids),
        _active_on(today),
        staff_id=OuterRef("pk"),
    )
    return qs.filter(
        Q(body_id__in=access.staff_body_ids)
        | Q(department_id__in=access.headed_department_ids)
        | Q(pk=access.staff_id)
        | Exists(serving_here)
    )


def _scope_appointments(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(
        Q(body_id__in=access.staff_body_ids)
        | Q(staff__body_id__in=access.staff_body_ids)
        | Q(department_id__in=access.headed_department_ids)
        | Q(staff_id=access.staff_id)
    )


def _scope_organisation(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.VIEW_DEPARTMENTS))


def _scope_audit(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.VIEW_AUDIT))


def _scope_imports(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.MANAGE_STAFF))


def _scope_tokens(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.MANAGE_ACCOUNTS))


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


def _scope_dispatch_requests(qs: QuerySet, access: Access, prefix: str = "") -> QuerySet:
    return qs.filter(
        Q(**{f"{prefix}body_id__in": access.body_ids_with(Perm.MANAGE_DISPATCH)})
        | Q(**{f"{prefix}requester_id__in": access.body_ids_with(Perm.REQUEST_DISPATCH)})
        | Q(**{f"{prefix}expert__user_id": access.user_id})
    )


def _scope_submissions(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.MANAGE_DISPATCH))


def _scope_activities(qs: QuerySet, access: Access) -> QuerySet:
    return _scope_dispatch_requests(qs, access, prefix="request__")


def consortium_peer_ids(access: Access) -> set[int]:
    """Bodies that share a consortium with one the user belongs to (operators included)."""
    from dxjinzai.organizations.models import Consortium

    consortia = Consortium.objects.filter(
        Q(members__in=access.known_body_ids) | Q(operator_id__in=access.known_body_ids)
    )
    members = ConsortiumMembership.objects.filter(consortium__in=consortia)
    return set(members.values_list("body_id", flat=True)) | set(
        consortia.values_list("operator_id", flat=True)
    )


def _scope_shared(qs: QuerySet, access: Access, shared_flag: str) -> QuerySet:
    # Frameworks, courses and joint sessions: the body's own, and what a consortium partner
    # opened to the consortium. They carry no personal data.
    return qs.filter(
        Q(body_id__in=access.known_body_ids)
        | Q(**{shared_flag: True, "body_id__in": consortium_peer_ids(access)})
    )


def _personal(access: Access, staff: str = "staff__") -> Q:
    """A person's own records: their body's HR and admins, their department head, themself."""
    return (
        Q(body_id__in=access.staff_body_ids)
        | Q(**{f"{staff}department_id__in": access.headed_department_ids})
        | Q(**{f"{staff}pk": access.staff_id})
    )


def _scope_personal(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(_personal(access))


def _scope_training_records(
    qs: QuerySet, access: Access, *, staff: str = "staff__", session: str
) -> QuerySet:
    # The organiser of a session sees its roster and records, whichever body the people
    # come from (a joint training's roster is shared by design).
    organiser = Q(**{f"{session}body_id__in": access.body_ids_with(Perm.MANAGE_TALENT)})
    return qs.filter(_personal(access, staff) | organiser)


def _scope_support(qs: QuerySet, access: Access) -> QuerySet:
    allowed = Q(body_id__in=access.body_ids_with(Perm.REQUEST_SUPPORT)) | Q(
        centre_id__in=access.body_ids_with(Perm.RUN_SUPPORT)
    )
    if access.user_id is not None:
        allowed |= Q(member__staff__user_id=access.user_id)
    return qs.filter(allowed)


def _scope_rules() -> dict[type, Callable[[QuerySet, Access], QuerySet]]:
    from dxjinzai.core.models import AccessRecord, ApiToken, AuditEntry, ImportRun
    from dxjinzai.dispatch.models import (
        Activity,
        DispatchRequest,
        DispatchScheme,
        Expert,
        PublicSubmission,
    )
    from dxjinzai.improvements.models import Improvement
    from dxjinzai.plans.models import Certification, CertificationRule, Target
    from dxjinzai.sharing.models import (
        AdviserActivity,
        Assignment,
        ChargeSettlement,
        JointContract,
        MonthlyCost,
        PoolMember,
        SupportRequest,
    )
    from dxjinzai.skills.models import (
        ExamDate,
        Framework,
        QualificationHolding,
        SkillAssessment,
        TalentHolding,
        TalentProfile,
        TalentSearchDocument,
    )
    from dxjinzai.training.models import (
        Application,
        Attendance,
        Completion,
        Course,
        Requirement,
        Session,
        SurveyResponse,
    )

    return {
        StaffMember: _scope_staff,
        Appointment: _scope_appointments,
        # A part-timer's days worked: whoever sees the appointment.
        WorkDays: lambda qs, access: qs.filter(
            appointment__in=_scope_appointments(Appointment.unscoped.all(), access)
        ),
        Department: _scope_organisation,
        Grade: _scope_organisation,
        AuditEntry: _scope_audit,
        AccessRecord: _scope_audit,
        ImportRun: _scope_imports,
        ApiToken: _scope_tokens,
        DispatchScheme: _scope_schemes,
        Expert: _scope_experts,
        DispatchRequest: _scope_dispatch_requests,
        Activity: _scope_activities,
        PublicSubmission: _scope_submissions,
        Framework: lambda qs, access: _scope_shared(qs, access, "shared_with_consortium"),
        TalentHolding: _scope_personal,
        QualificationHolding: _scope_personal,
        TalentProfile: _scope_personal,
        SkillAssessment: _scope_personal,
        TalentSearchDocument: _scope_personal,
        ExamDate: lambda qs, access: qs.filter(body_id__in=access.known_body_ids),
        # Published content of the body (福井県 shows it on its intranet), not personal data.
        Improvement: lambda qs, access: qs.filter(body_id__in=access.known_body_ids),
        # A body's targets are its published plan: every member may read them.
        Target: lambda qs, access: qs.filter(
            Q(body_id__in=access.known_body_ids)
            | Q(consortium_wide=True, body_id__in=consortium_peer_ids(access))
        ),
        CertificationRule: lambda qs, access: qs.filter(body_id__in=access.known_body_ids),
        Certification: _scope_personal,
        # The pool's working profiles are shared with the consortium by design.
        PoolMember: lambda qs, access: qs.filter(
            Q(body_id__in=access.known_body_ids) | Q(body_id__in=consortium_peer_ids(access))
        ),
        # The employer's managers, and the host it serves.
        Assignment: lambda qs, access: qs.filter(
            Q(body_id__in=access.body_ids_with(Perm.MANAGE_SHARING))
            | Q(host_id__in=access.known_body_ids)
        ),
        # An invoice: the employer's managers, and the host's (who owe it).
        ChargeSettlement: lambda qs, access: qs.filter(
            Q(body_id__in=access.body_ids_with(Perm.MANAGE_SHARING))
            | Q(host_id__in=access.body_ids_with(Perm.MANAGE_SHARING))
        ),
        # A support request: the filing body's officers, the centre that runs it, and the
        # specialist assigned to it.
        SupportRequest: _scope_support,
        # A joint contract and its split: the contracting body and every participant.
        JointContract: lambda qs, access: qs.filter(
            Q(body_id__in=access.known_body_ids)
            | Q(participants__body_id__in=access.known_body_ids)
        ).distinct(),
        # An activity: the contracting body and the host it served.
        AdviserActivity: lambda qs, access: qs.filter(
            Q(body_id__in=access.known_body_ids) | Q(host_id__in=access.known_body_ids)
        ),
        # Personnel costs are the employer's data only.
        MonthlyCost: lambda qs, access: qs.filter(
            body_id__in=access.body_ids_with(Perm.MANAGE_SHARING)
        ),
        Course: lambda qs, access: _scope_shared(qs, access, "shared_with_consortium"),
        Session: lambda qs, access: _scope_shared(qs, access, "open_to_consortium"),
        Requirement: lambda qs, access: qs.filter(body_id__in=access.known_body_ids),
        Application: lambda qs, access: _scope_training_records(qs, access, session="session__"),
        Attendance: lambda qs, access: _scope_training_records(
            qs, access, staff="application__staff__", session="application__session__"
        ),
        SurveyResponse: lambda qs, access: _scope_training_records(
            qs, access, staff="application__staff__", session="application__session__"
        ),
        Completion: lambda qs, access: _scope_training_records(
            qs, access, session="application__session__"
        ),
    }


def scope_queryset(qs: QuerySet, access: Access) -> QuerySet:
    """The rows of qs's model that `access` may see. No rule for the model: refuse."""
    if not access.is_authenticated:
        return qs.none()
    try:
        rule = _scope_rules()[qs.model]
    except KeyError:
        raise NotImplementedError(f"{qs.model.__name__} にアクセス規則がありません。") from None
    return rule(qs, access)


# --- Views ---------------------------------------------------------------------------------


def body_for(access: Access, body_key: str, perm: Perm) -> Body:
    """The body named in a URL: 404 unless the user has a role there, 403 without `perm`."""
    body = _body_by_key(body_key)
    if body is None or not access.knows_body(body.pk):
        raise Http404("団体が見つかりません。")
    if not access.can(perm, body.pk):
        raise PermissionDenied("この操作を行う権限がありません。")
    return body


def _body_by_key(body_key: str) -> Body | None:
    if body_key.startswith("x") and body_key[1:].isdigit():
        return Body.objects.filter(pk=int(body_key[1:]), code__isnull=True).first()
    return Body.objects.filter(code=body_key).first()


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


def scheme_view(perm: Perm | None, *, after_object: bool = False) -> Callable:
    """A view of one dispatch scheme (`scheme_id` in the URL). The scheme must be visible
    (else 404); with `perm`, the user must hold it on the scheme's body (else 403). The
    rows shown are scoped by the selectors in every case.

    With `after_object`, the view first loads the object named in the URL (404 for what the
    user may not see, as everywhere) and then calls `require_scheme_perm`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: AccessRequest, scheme_id: int, *args: Any, **kwargs: Any) -> Any:
            from dxjinzai.dispatch.selectors import scheme_get

            access = request.access
            scheme = scheme_get(access, scheme_id)
            if perm is not None and not after_object:
                require_scheme_perm(access, perm, scheme)
            return view(request, scheme, *args, **kwargs)

        wrapper.access_rule = perm or "signed_in"  # type: ignore[attr-defined]
        return wrapper

    return decorate


def require_scheme_perm(access: Access, perm: Perm, scheme: Any) -> None:
    if not access.can(perm, scheme.body_id):
        raise PermissionDenied("この操作を行う権限がありません。")
