"""The only writers of bodies, departments, staff, appointments and role grants.

Each service takes keyword-only arguments and the acting user, validates with the
model's rules (the same ones the forms show), writes in one transaction and records
an audit entry.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.template.loader import render_to_string

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.bulk import bulk_update
from dxjinzai.core.mail import mail_after_commit
from dxjinzai.core.models import AuditAction
from dxjinzai.core.password_links import link_hours, password_link
from dxjinzai.core.roles import Role
from dxjinzai.core.sealing import seal
from dxjinzai.core.second_factor import second_factor_remove
from dxjinzai.organizations.import_staging import CREATE as STAGED_CREATE
from dxjinzai.organizations.import_staging import UPDATE as STAGED_UPDATE
from dxjinzai.organizations.models import (
    STAFF_FIELDS,
    Appointment,
    Body,
    Consortium,
    ConsortiumMembership,
    Department,
    Grade,
    RoleGrant,
    SingleSignOn,
    StaffMember,
    StaffStatus,
    WorkDays,
)
from dxjinzai.organizations.rules import (
    appointments_over,
    too_many_retirements,
    too_many_retirements_message,
)
from dxjinzai.organizations.staff_import import WRITTEN_COLUMNS, WRITTEN_FIELDS
from dxjinzai.organizations.staff_import_plan import ImportPlan

STAFF_AUDITED_FIELDS = list(STAFF_FIELDS)
APPOINTMENT_AUDITED_FIELDS = [
    "kind",
    "body",
    "department",
    "fixed_term_basis",
    "specially_needed",
    "source_body",
    "adviser_contract",
    "days_per_month",
    "is_concurrent",
    "title",
    "start_date",
    "end_date",
]
DEPARTMENT_AUDITED_FIELDS = ["code", "name", "parent", "valid_from", "valid_to"]
BODY_AUDITED_FIELDS = [
    "code",
    "name",
    "kana",
    "kind",
    "population",
    "is_active",
    "staff_number_digits",
    "department_code_digits",
    "idle_timeout_minutes",
    "requires_second_factor",
]


def _save_new(instance: Any, *, actor: Actor, body: Body, fields: list[str]) -> Any:
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE,
        target=instance,
        changes=diff({}, snapshot(instance, fields)),
    )
    return instance


def _save_changes(
    instance: Any, changes: dict[str, Any], *, actor: Actor, body: Body, fields: list[str]
) -> Any:
    before = snapshot(instance, fields)
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    changed = diff(before, snapshot(instance, fields))
    if changed:
        audit_record(
            actor=actor, body=body, action=AuditAction.UPDATE, target=instance, changes=changed
        )
    return instance


@transaction.atomic
def consortium_create(*, actor: Actor, name: str, operator: Body) -> Consortium:
    consortium = Consortium(name=name, operator=operator)
    consortium.full_clean()
    consortium.save()
    ConsortiumMembership.objects.create(consortium=consortium, body=operator)
    audit_record(actor=actor, body=operator, action=AuditAction.CREATE, target=consortium)
    return consortium


@transaction.atomic
def body_create(
    *,
    actor: Actor,
    consortium: Consortium | None = None,
    joined_on: date | None = None,
    **fields: Any,
) -> Body:
    """Register a body and, when given, make it a member of the consortium."""
    body = _save_new(Body(**fields), actor=actor, body=None, fields=BODY_AUDITED_FIELDS)  # type: ignore[arg-type]
    if consortium is not None:
        ConsortiumMembership.objects.create(consortium=consortium, body=body, joined_on=joined_on)
    return body


@transaction.atomic
def body_update(*, actor: Actor, body: Body, **changes: Any) -> Body:
    return _save_changes(body, changes, actor=actor, body=body, fields=BODY_AUDITED_FIELDS)


SINGLE_SIGN_ON_AUDITED_FIELDS = [
    "enabled",
    "issuer",
    "client_id",
    "match_by",
    "claim",
    "password_sign_in",
]


@transaction.atomic
def single_sign_on_save(
    *, actor: Actor, sso: SingleSignOn, client_secret: str = "", **changes: Any
) -> SingleSignOn:
    """Keep a body's identity-provider settings. A secret left empty keeps the stored one;
    the audit says that it changed, never what it is."""
    before = snapshot(sso, SINGLE_SIGN_ON_AUDITED_FIELDS) if sso.pk else {}
    for name, value in changes.items():
        setattr(sso, name, value)
    if client_secret:
        sso.client_secret_sealed = seal(client_secret)
    if sso.enabled and not sso.client_secret_sealed:
        raise ValidationError({"client_secret": "クライアントシークレットを入力してください。"})
    if not sso.enabled and not sso.password_sign_in:
        raise ValidationError(
            {
                "password_sign_in": "シングルサインオンを使わないときは、パスワードでのログインを止められません。"
            }
        )
    sso.full_clean()
    sso.save()
    changed = diff(before, snapshot(sso, SINGLE_SIGN_ON_AUDITED_FIELDS))
    if client_secret:
        changed["client_secret"] = ["", "（変更しました）"]
    if changed:
        audit_record(
            actor=actor,
            body=sso.body,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            target=sso,
            changes=changed,
        )
    return sso


@transaction.atomic
def grade_create(
    *, actor: Actor, body: Body, name: str, rank: int, is_manager: bool = False
) -> Grade:
    grade = Grade(body=body, name=name, rank=rank, is_manager=is_manager)
    grade.full_clean()
    grade.save()
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=grade)
    return grade


@transaction.atomic
def department_create(*, actor: Actor, body: Body, **fields: Any) -> Department:
    return _save_new(
        Department(body=body, **fields), actor=actor, body=body, fields=DEPARTMENT_AUDITED_FIELDS
    )


@transaction.atomic
def department_update(*, actor: Actor, department: Department, **changes: Any) -> Department:
    return _save_changes(
        department, changes, actor=actor, body=department.body, fields=DEPARTMENT_AUDITED_FIELDS
    )


@transaction.atomic
def staff_create(*, actor: Actor, body: Body, **fields: Any) -> StaffMember:
    return _save_new(
        StaffMember(body=body, **fields), actor=actor, body=body, fields=STAFF_AUDITED_FIELDS
    )


@transaction.atomic
def staff_update(*, actor: Actor, staff: StaffMember, **changes: Any) -> StaffMember:
    """Correct a staff record. Marked retired, the person's account stops the same day."""
    was_active = staff.status == StaffStatus.ACTIVE
    staff = _save_changes(staff, changes, actor=actor, body=staff.body, fields=STAFF_AUDITED_FIELDS)
    if was_active and staff.status == StaffStatus.RETIRED:
        leavers_accounts_close(actor=actor, body=staff.body, staff_ids=[staff.pk])
    return staff


@transaction.atomic
def leavers_accounts_close(
    *, actor: Actor, body: Body, staff_ids: list[int], reason: str = "退職"
) -> int:
    """The accounts of people who left the body stop the day they leave (they retired, or
    their appointments ended): each is deactivated and its role grants end, all audited
    with the reason (so an API token of theirs stops too). A person who comes back gets
    their account back from the body admin. Returns how many accounts were closed."""
    users = list(get_user_model().objects.filter(staff_record__in=staff_ids, is_active=True))
    for user in users:
        for grant in RoleGrant.objects.filter(user=user).select_related("body"):
            audit_record(
                actor=actor,
                body=grant.body,
                action=AuditAction.DELETE,
                target=grant,
                changes={
                    "role": [grant.get_role_display(), ""],
                    "user": [user.username, f"（{reason}により終了）"],
                },
            )
            grant.delete()
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            body=body,
            action=AuditAction.UPDATE,
            target_type="アカウント",
            target_label=user.username,
            changes={"is_active": ["有効", f"停止（{reason}）"]},
        )
    return len(users)


def ended_appointments_accounts_close(*, today: date) -> int:
    """The nightly job's work: the accounts of people whose appointments have all ended
    (a fixed-term or 会計年度任用 term that was not renewed) stop, as a retirement's do.
    Returns how many accounts were closed."""
    closed = 0
    people = StaffMember.unscoped.filter(
        status=StaffStatus.ACTIVE, user__is_active=True, appointments__isnull=False
    ).distinct()
    ends: dict[int, list[date | None]] = {}
    for staff_id, end in Appointment.unscoped.filter(staff__in=people).values_list(
        "staff_id", "end_date"
    ):
        ends.setdefault(staff_id, []).append(end)
    leavers = [staff_id for staff_id, dates in ends.items() if appointments_over(dates, today)]
    for body in Body.objects.filter(staff_members__in=leavers).distinct():
        with transaction.atomic():
            closed += leavers_accounts_close(
                actor=None,
                body=body,
                staff_ids=list(
                    StaffMember.unscoped.filter(body=body, pk__in=leavers).values_list(
                        "pk", flat=True
                    )
                ),
                reason="任用の終了",
            )
    return closed


@transaction.atomic
def appointment_create(*, actor: Actor, staff: StaffMember, **fields: Any) -> Appointment:
    """Record an appointment; the audit entry goes to the employer, who owns the person."""
    fields.setdefault("body", staff.body)
    return _save_new(
        Appointment(staff=staff, **fields),
        actor=actor,
        body=staff.body,
        fields=APPOINTMENT_AUDITED_FIELDS,
    )


@transaction.atomic
def appointment_update(*, actor: Actor, appointment: Appointment, **changes: Any) -> Appointment:
    return _save_changes(
        appointment,
        changes,
        actor=actor,
        body=appointment.staff.body,
        fields=APPOINTMENT_AUDITED_FIELDS,
    )


@transaction.atomic
def role_grant_create(
    *, actor: Actor, user: Any, body: Body, role: str, department: Department | None = None
) -> RoleGrant:
    grant = RoleGrant(user=user, body=body, role=role, department=department)
    grant.full_clean()
    grant.save()
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE,
        target=grant,
        changes={"role": ["", grant.get_role_display()], "user": ["", user.username]},
    )
    return grant


@transaction.atomic
def role_grant_revoke(*, actor: Actor, grant: RoleGrant) -> None:
    if is_own_admin_grant(grant, acting_user(actor)):
        # A body must not lose its last way to manage accounts by a slip of one's own hand.
        raise ValidationError("自分自身の団体管理者の権限は外せません。")
    audit_record(
        actor=actor,
        body=grant.body,
        action=AuditAction.DELETE,
        target=grant,
        changes={"role": [grant.get_role_display(), ""], "user": [grant.user.username, ""]},
    )
    grant.delete()


@transaction.atomic
def head_grant_follow(*, actor: Actor, grant: RoleGrant) -> RoleGrant:
    """HR confirms that a moved department head heads their new unit: the role moves there
    (audited). Ending it instead is `role_grant_revoke`."""
    staff = grant.user.staff_record
    if staff.department is None:
        raise ValidationError(
            "今の所属がないため、所属長の権限を移せません。権限を外してください。"
        )
    before = grant.department.name if grant.department else ""
    grant.department = staff.department
    grant.full_clean()
    grant.save(update_fields=["department"])
    audit_record(
        actor=actor,
        body=grant.body,
        action=AuditAction.UPDATE,
        target=grant,
        changes={"department": [before, staff.department.name]},
    )
    return grant


def is_own_admin_grant(grant: RoleGrant, user: Any) -> bool:
    return user is not None and grant.user_id == user.pk and grant.role == Role.BODY_ADMIN


@transaction.atomic
def account_create(
    *,
    actor: Actor,
    body: Body,
    staff: StaffMember,
    username: str,
    password: str,
    role: str = "",
    department: Department | None = None,
) -> Any:
    """A sign-in account for a staff member, with an optional role beyond 職員.

    With a password, it must pass the platform's password policy and the admin hands it
    over. Without one, the person is invited by mail (to the staff record's address) and
    sets their own. Either way the account is linked to the staff record, so the person
    sees their own record from the first sign-in.
    """
    errors: dict[str, list[str]] = {}
    if staff.body_id != body.pk:
        errors["staff_number"] = ["この団体の職員ではありません。"]
    elif staff.user_id:
        errors["staff_number"] = ["この職員には既にアカウントがあります。"]
    if get_user_model().objects.filter(username=username).exists():
        errors["username"] = ["このユーザー名は既に使われています。"]
    user = get_user_model()(
        username=username,
        last_name=staff.family_name,
        first_name=staff.given_name,
        email=staff.email,
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            errors["password"] = error.messages
    elif not staff.email:
        errors["password"] = [
            "この職員にはメールアドレスがないため、招待を送れません。初期パスワードを入れるか、"
            "職員の記録にメールアドレスを入れてください。"
        ]
    if errors:
        raise ValidationError(errors)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    staff_update(actor=actor, staff=staff, user=user)
    if role:
        role_grant_create(actor=actor, user=user, body=body, role=role, department=department)
    if not password:
        account_invite(actor=actor, body=body, user=user)
    return user


def account_second_factor_reset(*, actor: Actor, body: Body, user: Any) -> None:
    """The person lost their phone and their recovery codes: the body admin takes the second
    factor away (the person sets a new one at their next sign-in if the body requires it);
    every session of the person ends."""
    second_factor_remove(user)
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.UPDATE,
        target=user,
        changes={"二要素認証": ["設定済み", "リセット"]},
    )


def account_invite(*, actor: Actor, body: Body, user: Any) -> None:
    """Mail the person a link to set their own password (sent once the account is saved),
    again when the first link expired: only while they have none."""
    if user.has_usable_password():
        raise ValidationError("この人はすでにパスワードを設定しています。")
    if not user.email:
        raise ValidationError("メールアドレスがないため、招待を送れません。")
    context = {
        "user": user,
        "body_name": body.name,
        "link": password_link(user),
        "timeout_hours": link_hours(),
    }
    mail_after_commit(
        subject=render_to_string("registration/invitation_subject.txt", context).strip(),
        message=render_to_string("registration/invitation_email.txt", context),
        recipients=[user.email],
    )
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.UPDATE,
        target=user,
        changes={"招待メール": ["", f"送信（{user.email}）"]},
    )


# Roles an account of someone outside the staff may be given: they see their own work only.
EXTERNAL_ACCOUNT_ROLES = (Role.EXPERT, Role.ADVISER)


@transaction.atomic
def external_account_create(
    *, actor: Actor, body: Body, username: str, password: str, full_name: str, role: str
) -> Any:
    """A sign-in for a person outside the staff (an external expert, an adviser), holding
    that one role on the body. Problems are reported by field, like account_create's."""
    if role not in EXTERNAL_ACCOUNT_ROLES:
        raise ValueError(f"not an external role: {role}")
    errors: dict[str, list[str]] = {}
    if get_user_model().objects.filter(username=username).exists():
        errors["username"] = ["このユーザー名は既に使われています。"]
    family, _, given = full_name.strip().partition(" ")
    user = get_user_model()(username=username, last_name=family, first_name=given.strip())
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    role_grant_create(actor=actor, user=user, body=body, role=role)
    return user


@transaction.atomic
def account_reactivate(*, actor: Actor, staff: StaffMember) -> Any:
    """A person who came back (their record active again) signs in with their account once
    more, as 職員 only: any further role is granted anew."""
    if staff.status != StaffStatus.ACTIVE:
        raise ValidationError(
            "在職中の職員のアカウントだけ有効に戻せます。先に職員の状態を直してください。"
        )
    user = staff.user
    if user is None:
        raise ValidationError("この職員にはアカウントがありません。")
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        body=staff.body,
        action=AuditAction.UPDATE,
        target_type="アカウント",
        target_label=user.username,
        changes={"is_active": ["停止", "有効"]},
    )
    return user


_STAFF_TABLE = StaffMember._meta.db_table


@transaction.atomic
def staff_import_apply(
    *,
    actor: Actor,
    body: Body,
    plan: ImportPlan,
    only_valid: bool,
    source: str,
    confirm_retirements: bool = False,
) -> dict[str, int]:
    """Write an import plan in one transaction, with one audit entry summing it up.

    A plan with errors is written only when the user chose to import the valid rows; the
    rejected rows are then left out, and the report says why. A complete file that would
    retire more than a tenth of the active staff is written only when confirmed. The rows
    come from the plan's staged rows, in two statements whatever their number.
    """
    if plan.has_errors and not only_valid:
        raise ValidationError("エラーのある行があるため、取り込みませんでした。")
    retiring = len(plan.retires)
    if too_many_retirements(retiring, plan.active_before) and not confirm_retirements:
        raise ValidationError(too_many_retirements_message(retiring, plan.active_before))
    counts = plan.counts()
    _create_staged_staff(body, plan)
    _update_staged_staff(plan)
    bulk_update(
        _STAFF_TABLE, ["status"], ((StaffStatus.RETIRED, staff_id) for staff_id, _ in plan.retires)
    )
    # The people the complete file retired sign in no more, from today.
    leavers_accounts_close(
        actor=actor, body=body, staff_ids=[staff_id for staff_id, _ in plan.retires]
    )
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.IMPORT,
        target_type="職員の取込",
        target_label=f"{source}（登録{counts['created']}件・更新{counts['updated']}件・退職{counts['retired']}件）",
        changes={key: ["", str(value)] for key, value in counts.items()},
    )
    return counts


def _create_staged_staff(body: Body, plan: ImportPlan) -> None:
    columns = ", ".join(WRITTEN_COLUMNS)
    staged = ", ".join(WRITTEN_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_STAFF_TABLE} (body_id, number, status, {columns}) "
            f"SELECT %s, number, %s, {staged} FROM {plan.staging.table} "
            "WHERE ok = 1 AND action = %s ORDER BY file_row",
            [body.pk, StaffStatus.ACTIVE, STAGED_CREATE],
        )


def _update_staged_staff(plan: ImportPlan) -> None:
    """Existing staff get only the fields whose columns the file has (and are active again)."""
    kept = [
        f"{column} = s.{name}"
        for column, name in zip(WRITTEN_COLUMNS, WRITTEN_FIELDS, strict=True)
        if name in plan.fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_STAFF_TABLE} SET {', '.join(['status = %s', *kept])} "
            f"FROM {plan.staging.table} s "
            f"WHERE {_STAFF_TABLE}.id = s.staff_id AND s.ok = 1 AND s.action = %s",
            [StaffStatus.ACTIVE, STAGED_UPDATE],
        )


@transaction.atomic
def work_days_record(
    *, actor: Actor, appointment: Appointment, year: int, month: int, days: Decimal, today: date
) -> WorkDays:
    """A part-timer's days worked in a month (recorded again, the figure is replaced)."""
    if not 1 <= month <= 12:
        raise ValidationError("月は1〜12で指定してください。")
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    if first > today:
        raise ValidationError("先の月の勤務日数は記録できません。")
    if not 0 <= days <= last.day:
        raise ValidationError(f"勤務日数は0〜{last.day}日で入力してください。")
    if appointment.start_date > last or (appointment.end_date and appointment.end_date < first):
        raise ValidationError(f"{year}年{month}月はこの任用の期間外です。")
    record, _ = WorkDays.unscoped.update_or_create(
        appointment=appointment,
        year=year,
        month=month,
        defaults={"body": appointment.body, "days": days},
    )
    audit_record(
        actor=actor,
        body=appointment.body,
        action=AuditAction.UPDATE,
        target=record,
        changes={f"{year}-{month:02d}": ["", str(days)]},
    )
    return record
