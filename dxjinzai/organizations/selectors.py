"""Reads of bodies, departments and staff, always scoped to what the actor may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.audit import change_lines, changes_text
from dxjinzai.core.models import ImportRun
from dxjinzai.core.roles import Role
from dxjinzai.core.selectors import first_or_404
from dxjinzai.lib.text import nfkc
from dxjinzai.organizations.access import body_by_key
from dxjinzai.organizations.models import (
    Appointment,
    Body,
    Consortium,
    ConsortiumMembership,
    Department,
    Grade,
    RoleGrant,
    SignInClaim,
    SingleSignOn,
    StaffMember,
    StaffStatus,
)


def body_list(access: Access) -> QuerySet[Body]:
    """Bodies the actor has any role in, operators seeing their consortia's members."""
    return (
        Body.objects.filter(pk__in=access.known_body_ids)
        .annotate(department_count=Count("departments", distinct=True))
        .order_by("code", "name")
    )


def single_sign_on_of(body: Body) -> SingleSignOn:
    """The body's identity-provider settings, unsaved defaults when none are kept yet."""
    return SingleSignOn.objects.filter(body=body).first() or SingleSignOn(body=body)


def bodies_signing_in_through_a_provider() -> QuerySet[SingleSignOn]:
    """The sign-in page's buttons: every body whose single sign-on is turned on."""
    return SingleSignOn.objects.filter(enabled=True, body__is_active=True).select_related("body")


def enabled_single_sign_on(body_key: str) -> SingleSignOn:
    """A body's single sign-on when turned on; 404 otherwise (the start of a sign-in)."""
    body = body_by_key(body_key)
    return first_or_404(
        bodies_signing_in_through_a_provider().filter(body=body),
        "この団体はシングルサインオンを使っていません。",
    )


def enabled_single_sign_on_of_body(body_id: int) -> SingleSignOn | None:
    return bodies_signing_in_through_a_provider().filter(body_id=body_id).first()


def account_for_identity(sso: SingleSignOn, identity: str) -> Any | None:
    """The active account of the one serving staff member of the body whom the provider's
    claim names (e-mail, case-insensitive, or 職員番号); None when none, or more than one."""
    staff = StaffMember.unscoped.filter(
        body_id=sso.body_id,
        status=StaffStatus.ACTIVE,
        user__isnull=False,
        user__is_active=True,
    ).select_related("user")
    if sso.match_by == SignInClaim.EMAIL:
        staff = staff.filter(email__iexact=identity)
    else:
        staff = staff.filter(number=identity)
    found = list(staff[:2])
    return found[0].user if len(found) == 1 else None


def body_for_form(body: Body) -> Body:
    """A fresh copy of a body the view has already checked, for a form to change: an invalid
    form then leaves the page's own copy (its heading) as it was."""
    return Body.objects.get(pk=body.pk)


def appointment_in_department(
    access: Access, department: Department, pk: int | str | None
) -> Appointment | None:
    """One appointment to the department that the viewer may see, or None."""
    if not str(pk or "").isdigit():
        return None
    return Appointment.objects.visible_to(access).filter(department=department, pk=pk).first()


def consortium_list_operated(access: Access) -> QuerySet[Consortium]:
    return Consortium.objects.filter(operator_id__in=access.body_ids_with(Perm.CREATE_BODY))


def _current_on(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def department_list(
    access: Access, body: Body, *, as_of: date | None = None, q: str = ""
) -> QuerySet[Department]:
    """The body's departments in force on `as_of` (every one, past and future, when None)."""
    departments = Department.objects.visible_to(access).filter(body=body).select_related("parent")
    if as_of is not None:
        departments = departments.filter(_current_on(as_of))
    if q:
        key = nfkc(q).strip()
        departments = departments.filter(Q(code__icontains=key) | Q(name__icontains=q.strip()))
    return departments.annotate(
        staff_count=Count("staff_members", filter=Q(staff_members__status=StaffStatus.ACTIVE))
    ).order_by("code", "-valid_from")


def department_get(access: Access, body: Body, pk: int) -> Department:
    return first_or_404(
        Department.objects.visible_to(access).filter(body=body, pk=pk), "所属が見つかりません。"
    )


def departments_by_id(access: Access, body: Body) -> dict[int, Department]:
    """Every department of the body the viewer may see, past and present, by id."""
    return {d.pk: d for d in Department.objects.visible_to(access).filter(body=body)}


def visible_staff_ids(access: Access, staff_ids: list[int]) -> set[int]:
    """Of these people, those whose records the viewer may see (names shown, others counted)."""
    return set(
        StaffMember.objects.visible_to(access).filter(pk__in=staff_ids).values_list("pk", flat=True)
    )


def grade_list(access: Access, body: Body) -> QuerySet[Grade]:
    return Grade.objects.visible_to(access).filter(body=body).order_by("rank")


@dataclass(frozen=True)
class StaffFilter:
    q: str = ""
    department_id: int | None = None
    grade_id: int | None = None
    status: str = StaffStatus.ACTIVE


def staff_list(
    access: Access, body: Body, filters: StaffFilter | None = None
) -> QuerySet[StaffMember]:
    """Staff of the body the actor may see, filtered; people on concurrent appointment here too."""
    filters = filters or StaffFilter()
    staff = (
        StaffMember.objects.visible_to(access)
        .filter(Q(body=body) | Q(appointments__body=body))
        .distinct()
        .select_related("department", "grade", "body")
    )
    if filters.q:
        staff = staff.filter(_name_or_number_matches(filters.q))
    if filters.department_id:
        staff = staff.filter(
            Q(department_id=filters.department_id)
            | Q(appointments__department_id=filters.department_id)
        )
    if filters.grade_id:
        staff = staff.filter(grade_id=filters.grade_id)
    if filters.status:
        staff = staff.filter(status=filters.status)
    return staff.order_by("body_id", "number")


def _name_or_number_matches(text: str) -> Q:
    condition = Q()
    for word in nfkc(text).split():
        condition &= (
            Q(number__icontains=word)
            | Q(family_name__icontains=word)
            | Q(given_name__icontains=word)
            | Q(family_name_kana__icontains=word)
            | Q(given_name_kana__icontains=word)
        )
    return condition


def staff_get(access: Access, body: Body, number: str) -> StaffMember:
    """One staff member of the body by 職員番号; 404 when not there or not visible."""
    staff = (
        StaffMember.objects.visible_to(access)
        .filter(body=body, number=number)
        .select_related("department", "grade", "body", "user")
        .first()
    )
    if staff is None:
        raise Http404("職員が見つかりません。")
    return staff


def appointment_list_for_staff(access: Access, staff: StaffMember) -> QuerySet[Appointment]:
    return (
        Appointment.objects.visible_to(access)
        .filter(staff=staff)
        .select_related("body", "department", "source_body")
        .order_by("-start_date")
    )


def appointment_get(access: Access, staff: StaffMember, pk: int) -> Appointment:
    return first_or_404(
        appointment_list_for_staff(access, staff).filter(pk=pk), "任用・配置が見つかりません。"
    )


def appointments_ending_soon(
    access: Access, body: Body, *, today: date, within_days: int = 60
) -> QuerySet[Appointment]:
    """Fixed-term and fiscal-year appointments whose term ends soon: HR must act on them."""
    return (
        Appointment.objects.visible_to(access)
        .filter(body=body, end_date__gte=today, end_date__lte=today + timedelta(days=within_days))
        .select_related("staff", "department")
        .order_by("end_date")
    )


def staff_without_department(access: Access, body: Body) -> QuerySet[StaffMember]:
    return StaffMember.objects.visible_to(access).filter(
        body=body, status=StaffStatus.ACTIVE, department__isnull=True
    )


def own_staff_record(access: Access) -> StaffMember | None:
    if access.staff_id is None:
        return None
    return (
        StaffMember.objects.visible_to(access)
        .filter(pk=access.staff_id)
        .select_related("body", "department", "grade")
        .first()
    )


def concurrent_members(
    access: Access, department: Department, *, today: date
) -> QuerySet[Appointment]:
    """Who serves in a department today, dedicated or concurrent (長井市's digital office)."""
    return (
        Appointment.objects.visible_to(access)
        .filter(department=department, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("staff", "staff__body")
        .order_by("is_concurrent", "staff__number")
    )


@dataclass(frozen=True)
class PartTimer:
    """A part-time appointee's agreed days a month and the days recorded, month by month."""

    appointment: Appointment
    months: list[tuple[date, Decimal | None]]

    @property
    def recorded_total(self) -> Decimal:
        return sum((days for _, days in self.months if days is not None), Decimal(0))


def part_timers(access: Access, members: QuerySet[Appointment], *, today: date) -> list[PartTimer]:
    """Those among the members with agreed days a month (外部アドバイザー etc.), with their
    days worked over the last six months."""
    from dxjinzai.organizations.models import WorkDays

    months = [_months_before(today, n) for n in range(5, -1, -1)]
    chosen = [a for a in members if a.days_per_month is not None]
    recorded = {
        (w.appointment_id, w.year, w.month): w.days
        for w in WorkDays.objects.visible_to(access).filter(appointment__in=chosen)
    }
    return [
        PartTimer(a, [(m, recorded.get((a.pk, m.year, m.month))) for m in months]) for a in chosen
    ]


def _months_before(today: date, n: int) -> date:
    index = today.year * 12 + today.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class BodyAttention:
    """What an HR officer or admin of one body should look at today."""

    body: Body
    active_staff: int
    departments: int
    ending_soon: list[Appointment]
    without_department: int


def attention_for_hr(access: Access, *, today: date) -> list[BodyAttention]:
    panels = []
    for body in Body.objects.filter(pk__in=access.staff_body_ids).order_by("code"):
        panels.append(
            BodyAttention(
                body=body,
                active_staff=StaffMember.objects.visible_to(access)
                .filter(body=body, status=StaffStatus.ACTIVE)
                .count(),
                departments=department_list(access, body, as_of=today).count(),
                ending_soon=list(appointments_ending_soon(access, body, today=today)[:10]),
                without_department=staff_without_department(access, body).count(),
            )
        )
    return panels


def headed_departments(access: Access, *, today: date) -> QuerySet[Department]:
    return (
        Department.objects.visible_to(access)
        .filter(pk__in=access.headed_department_ids)
        .filter(_current_on(today))
        .select_related("body")
        .annotate(
            staff_count=Count("staff_members", filter=Q(staff_members__status=StaffStatus.ACTIVE))
        )
    )


def consortium_overview(access: Access) -> QuerySet[Body]:
    """Operators' view: each member body with its head-count (an aggregate, no names)."""
    return (
        Body.objects.filter(consortia__operator_id__in=access.body_ids_with(Perm.CREATE_BODY))
        .distinct()
        .annotate(
            active_staff=Count(
                "staff_members",
                filter=Q(staff_members__status=StaffStatus.ACTIVE),
                distinct=True,
            )
        )
        .order_by("code")
    )


@dataclass
class Account:
    """A sign-in account as a body admin sees it: who, which staff record, which roles here."""

    user: Any
    staff: StaffMember | None
    grants: list[RoleGrant]


def account_list(access: Access, body: Body) -> list[Account]:
    """Accounts that act in the body: linked to its staff or holding a role there."""
    if not access.can(Perm.MANAGE_ACCOUNTS, body.pk):
        return []
    grants = list(RoleGrant.objects.filter(body=body).select_related("user", "department"))
    staff_by_user = {
        s.user_id: s
        for s in StaffMember.objects.visible_to(access).filter(body=body, user__isnull=False)
    }
    users = {g.user_id: g.user for g in grants} | {
        user.pk: user for user in get_user_model().objects.filter(pk__in=staff_by_user)
    }
    return [
        Account(
            user=user,
            staff=staff_by_user.get(user_id),
            grants=[g for g in grants if g.user_id == user_id],
        )
        for user_id, user in sorted(users.items(), key=lambda item: item[1].username)
    ]


def account_user_get(access: Access, body: Body, pk: int) -> Any:
    """An account acting in the body (its staff's or holding a role there), for its admin."""
    found = next((a.user for a in account_list(access, body) if a.user.pk == pk), None)
    if found is None:
        raise Http404("アカウントが見つかりません。")
    return found


def invited_account_get(access: Access, body: Body, pk: int) -> Any:
    """An account of the body's staff still waiting for its person to set a password."""
    if not access.can(Perm.MANAGE_ACCOUNTS, body.pk):
        raise Http404("アカウントが見つかりません。")
    staff = first_or_404(
        StaffMember.objects.visible_to(access)
        .filter(
            body=body,
            user_id=pk,
            user__is_active=True,
            user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )
        .select_related("user"),
        "招待中のアカウントが見つかりません。",
    )
    return staff.user


def stopped_account_get(access: Access, body: Body, pk: int) -> StaffMember:
    """The staff record of a stopped account of the body (the account is `.user`)."""
    if not access.can(Perm.MANAGE_ACCOUNTS, body.pk):
        raise Http404("アカウントが見つかりません。")
    return first_or_404(
        StaffMember.objects.visible_to(access)
        .filter(body=body, user_id=pk, user__is_active=False)
        .select_related("user"),
        "停止したアカウントが見つかりません。",
    )


def role_grant_get(access: Access, body: Body, pk: int) -> RoleGrant:
    if not access.can(Perm.MANAGE_ACCOUNTS, body.pk):
        raise Http404("権限が見つかりません。")
    return first_or_404(
        RoleGrant.objects.filter(body=body, pk=pk).select_related("user"), "権限が見つかりません。"
    )


def staff_by_number(access: Access, body: Body, number: str) -> StaffMember | None:
    return StaffMember.objects.visible_to(access).filter(body=body, number=number).first()


def import_run_list(access: Access, body: Body) -> QuerySet[ImportRun]:
    return ImportRun.objects.visible_to(access).filter(body=body).order_by("-created_at")


def import_run_get(access: Access, body: Body, pk: int) -> ImportRun:
    return first_or_404(import_run_list(access, body).filter(pk=pk), "取込が見つかりません。")


def import_report_lines(run: ImportRun) -> list[dict[str, Any]]:
    """An import's report as lines: problems first (by row), then the changes made or planned."""
    labels = {"error": "エラー", "warning": "警告"}
    report = run.report or {}
    rejected = report.get("rejected_cells", {})
    lines = [
        {
            "row": p["row"],
            "number": p.get("number", ""),
            "outcome": labels.get(p["level"], p["level"]),
            "column": p["column"],
            "detail": p["message"],
            "original": ",".join(rejected.get(str(p["row"]), [])),
        }
        for p in sorted(run.problems, key=lambda p: p["row"])
    ]
    lines += [
        {
            "row": row,
            "number": number,
            "outcome": "登録",
            "column": "",
            "detail": name,
            "original": "",
        }
        for row, number, name in report.get("created", [])
    ]
    lines += [
        {
            "row": row,
            "number": number,
            "outcome": "更新",
            "column": "、".join(line.label for line in change_lines(changes, StaffMember)),
            "detail": changes_text(changes, StaffMember),
            "original": "",
        }
        for row, number, changes in report.get("updated", [])
    ]
    lines += [
        {
            "row": "",
            "number": number,
            "outcome": "退職",
            "column": "",
            "detail": "ファイルに載っていません",
            "original": "",
        }
        for number in report.get("retired", [])
    ]
    return lines


def partner_body_ids(body: Body) -> set[int]:
    """Bodies that share a consortium with `body` (its operator and fellow members)."""
    consortia = Consortium.objects.filter(Q(members=body) | Q(operator=body))
    members = ConsortiumMembership.objects.filter(consortium__in=consortia)
    partners = set(members.values_list("body_id", flat=True))
    partners |= set(consortia.values_list("operator_id", flat=True))
    return partners - {body.pk}


def moved_heads(access: Access, body_ids: Iterable[int]) -> QuerySet[RoleGrant]:
    """Department-head roles whose holder now sits in another unit (an appointment or the
    import moved them): the role follows only when HR confirms (issue 19 §3). For the
    bodies whose staff the viewer manages."""
    bodies = set(body_ids) & access.body_ids_with(Perm.MANAGE_STAFF)
    return (
        RoleGrant.objects.filter(
            body_id__in=bodies,
            role=Role.DEPT_HEAD,
            department__isnull=False,
            user__staff_record__body_id=F("body_id"),
        )
        .exclude(user__staff_record__department=F("department"))
        .select_related("body", "user", "department", "user__staff_record__department")
        .order_by("body_id", "department__code", "pk")
    )


def moved_head_get(access: Access, body: Body, pk: int) -> RoleGrant:
    return first_or_404(
        moved_heads(access, [body.pk]).filter(pk=pk), "確認を待つ所属長の権限が見つかりません。"
    )
