"""The only writers of the training cycle: courses, sessions, applications, attendance,
completions (and what they grant), surveys and requirements."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.actor import Actor
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.organizations.models import Body, Department, Grade, StaffMember
from dxjinzai.organizations.selectors import partner_body_ids
from dxjinzai.skills.models import (
    HoldingSource,
    Level,
    Qualification,
    RoleClass,
    SkillItem,
    TalentType,
)
from dxjinzai.skills.search import search_document_refresh
from dxjinzai.skills.services import qualification_grant, talent_grant
from dxjinzai.training.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Completion,
    CompletionSource,
    Course,
    Recurrence,
    Requirement,
    Session,
    SurveyResponse,
)
from dxjinzai.training.rules import completion_day

_TAKING_PLACES = (ApplicationStatus.APPLIED, ApplicationStatus.APPROVED)


@transaction.atomic
def course_create(
    *,
    actor: Actor,
    body: Body,
    title: str,
    mode: str,
    provider_kind: str,
    hours: Decimal,
    provider: str = "",
    required_hours: Decimal | None = None,
    description: str = "",
    level: Level | None = None,
    skill_items: Iterable[SkillItem] = (),
    grants_level: Level | None = None,
    grants_talent_type: TalentType | None = None,
    grants_qualification: Qualification | None = None,
    issues_certificate: bool = False,
    shared_with_consortium: bool = False,
) -> Course:
    course = Course(
        body=body,
        title=title,
        mode=mode,
        provider_kind=provider_kind,
        hours=hours,
        provider=provider,
        required_hours=required_hours,
        description=description,
        level=level,
        grants_level=grants_level,
        grants_talent_type=grants_talent_type,
        grants_qualification=grants_qualification,
        issues_certificate=issues_certificate,
        shared_with_consortium=shared_with_consortium,
    )
    _check_course(course)
    course.save()
    course.skill_items.set(skill_items)
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=course)
    return course


def _check_course(course: Course) -> None:
    others = Course.unscoped.filter(body_id=course.body_id, title=course.title)
    if others.exclude(pk=course.pk).exists():
        raise ValidationError({"title": "同じ名前の研修がすでに登録されています。"})
    if course.required_hours is not None and course.required_hours <= 0:
        raise ValidationError({"required_hours": "累計時間は0より大きくしてください。"})
    course.full_clean()


COURSE_EDITED_FIELDS = [
    "title",
    "mode",
    "provider_kind",
    "hours",
    "provider",
    "required_hours",
    "description",
    "level",
    "grants_level",
    "grants_talent_type",
    "grants_qualification",
    "issues_certificate",
    "shared_with_consortium",
]


@transaction.atomic
def course_update(
    *,
    actor: Actor,
    course: Course,
    title: str,
    mode: str,
    provider_kind: str,
    hours: Decimal,
    provider: str = "",
    required_hours: Decimal | None = None,
    description: str = "",
    level: Level | None = None,
    skill_items: Iterable[SkillItem] = (),
    grants_level: Level | None = None,
    grants_talent_type: TalentType | None = None,
    grants_qualification: Qualification | None = None,
    issues_certificate: bool = False,
    shared_with_consortium: bool = False,
) -> Course:
    """Correct a course. What it granted on completions already recorded stays granted;
    the new grants apply to completions recorded from now on."""
    before = snapshot(course, COURSE_EDITED_FIELDS)
    course.title = title
    course.mode = mode
    course.provider_kind = provider_kind
    course.hours = hours
    course.provider = provider
    course.required_hours = required_hours
    course.description = description
    course.level = level
    course.grants_level = grants_level
    course.grants_talent_type = grants_talent_type
    course.grants_qualification = grants_qualification
    course.issues_certificate = issues_certificate
    course.shared_with_consortium = shared_with_consortium
    _check_course(course)
    course.save()
    course.skill_items.set(skill_items)
    audit_record(
        actor=actor,
        body=course.body,
        action=AuditAction.UPDATE,
        target=course,
        changes=diff(before, snapshot(course, COURSE_EDITED_FIELDS)),
    )
    return course


@transaction.atomic
def course_delete(*, actor: Actor, course: Course) -> None:
    """Delete a course registered by mistake. Refused once anything rests on it: its
    sessions (and their applications), its requirements or its completions."""
    dependants = {
        "研修回": course.sessions.count(),
        "受講要件": course.requirements.count(),
        "修了記録": course.completions.count(),
    }
    held = [f"{name}{count}件" for name, count in dependants.items() if count]
    if held:
        raise ValidationError(
            f"この研修には{'、'.join(held)}があるため削除できません。"
            "先にそれらを削除するか、研修の内容を修正してください。"
        )
    audit_record(actor=actor, body=course.body, action=AuditAction.DELETE, target=course)
    course.delete()


@transaction.atomic
def session_create(*, actor: Actor, course: Course, **fields: Any) -> Session:
    session = Session(body=course.body, course=course, **fields)
    _check_session(session)
    session.save()
    audit_record(actor=actor, body=course.body, action=AuditAction.CREATE, target=session)
    return session


def _check_session(session: Session) -> None:
    errors = {}
    if session.ends_on < session.starts_on:
        errors["ends_on"] = "終了日は開始日以降にしてください。"
    # On-demand sessions (動画・eラーニング) take applications while they run.
    if session.application_deadline > session.ends_on:
        errors["application_deadline"] = "申込締切日は終了日までにしてください。"
    if not session.capacity:
        errors["capacity"] = "定員は1人以上にしてください。"
    if session.pk:
        errors |= _session_change_errors(session)
    if errors:
        raise ValidationError(errors)
    session.full_clean()


def _session_change_errors(session: Session) -> dict[str, str]:
    """What a correction may not do to the people already on the roster."""
    errors = {}
    taking = Application.unscoped.filter(session=session, status__in=_TAKING_PLACES)
    if session.capacity and session.capacity < taking.count():
        errors["capacity"] = (
            f"申込済み・受講決定の人が{taking.count()}人いるため、定員をそれより少なくできません。"
        )
    if not session.open_to_consortium and taking.exclude(body_id=session.body_id).exists():
        errors["open_to_consortium"] = (
            "他の団体の職員が申し込んでいるため、合同研修をやめられません。"
            "先にその申込を取り消してください。"
        )
    return errors


SESSION_EDITED_FIELDS = [
    "name",
    "starts_on",
    "ends_on",
    "application_deadline",
    "capacity",
    "place",
    "url",
    "open_to_consortium",
]


@transaction.atomic
def session_update(
    *,
    actor: Actor,
    session: Session,
    name: str,
    starts_on: date,
    ends_on: date,
    application_deadline: date,
    capacity: int,
    place: str = "",
    url: str = "",
    open_to_consortium: bool = False,
) -> Session:
    """Correct a session's dates, place or capacity; the roster is kept."""
    before = snapshot(session, SESSION_EDITED_FIELDS)
    session.name = name
    session.starts_on = starts_on
    session.ends_on = ends_on
    session.application_deadline = application_deadline
    session.capacity = capacity
    session.place = place
    session.url = url
    session.open_to_consortium = open_to_consortium
    _check_session(session)
    session.save()
    audit_record(
        actor=actor,
        body=session.body,
        action=AuditAction.UPDATE,
        target=session,
        changes=diff(before, snapshot(session, SESSION_EDITED_FIELDS)),
    )
    return session


@transaction.atomic
def session_delete(*, actor: Actor, session: Session) -> None:
    """Delete a session nobody has applied for (one with applications is corrected, or its
    applications cancelled first: they are people's records)."""
    applications = Application.unscoped.filter(session=session).count()
    if applications:
        raise ValidationError(
            f"この研修回には申込が{applications}件あるため削除できません。"
            "日程の変更は「研修回を修正する」から行えます。"
        )
    audit_record(actor=actor, body=session.body, action=AuditAction.DELETE, target=session)
    session.delete()


def may_join(session: Session, staff: StaffMember) -> bool:
    """The organiser's own staff, or a consortium partner's when the session is joint."""
    if staff.body_id == session.body_id:
        return True
    return session.open_to_consortium and session.body_id in partner_body_ids(staff.body)


@transaction.atomic
def application_create(
    *, actor: Actor, session: Session, staff: StaffMember, today: date, nominated: bool = False
) -> Application:
    """Apply (or nominate someone); the person's body's HR then approves."""
    session = Session.unscoped.select_for_update().get(pk=session.pk)
    if not may_join(session, staff):
        raise ValidationError("この研修回には申し込めません（対象の団体ではありません）。")
    if today > session.application_deadline:
        raise ValidationError(
            f"申込締切日（{session.application_deadline:%Y年%-m月%-d日}）を過ぎています。"
        )
    if Application.unscoped.filter(session=session, staff=staff).exists():
        raise ValidationError(f"{staff.full_name}さんはすでにこの研修回に申し込んでいます。")
    taken = Application.unscoped.filter(session=session, status__in=_TAKING_PLACES).count()
    if taken >= session.capacity:
        raise ValidationError(f"定員（{session.capacity}人）に達しているため申し込めません。")
    application = Application.unscoped.create(
        body=staff.body,
        session=session,
        staff=staff,
        nominated_by=actor if nominated else None,
        applied_on=today,
    )
    audit_record(actor=actor, body=staff.body, action=AuditAction.CREATE, target=application)
    return application


@transaction.atomic
def application_decide(
    *, actor: Actor, application: Application, approve: bool, today: date
) -> Application:
    if application.status != ApplicationStatus.APPLIED:
        raise ValidationError("承認待ちの申込だけを決定できます。")
    application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    application.decided_on = today
    application.save(update_fields=["status", "decided_on"])
    audit_record(
        actor=actor,
        body=application.body,
        action=AuditAction.UPDATE,
        target=application,
        changes={"status": [ApplicationStatus.APPLIED.label, application.get_status_display()]},
    )
    return application


@transaction.atomic
def application_cancel(*, actor: Actor, application: Application, today: date) -> Application:
    """The person withdraws their application (or HR does for them) until the session
    starts; the place is freed. A decided refusal or a past session is not cancelled."""
    if application.status not in _TAKING_PLACES:
        raise ValidationError("承認待ちか受講決定の申込だけを取り消せます。")
    if today >= application.session.starts_on:
        raise ValidationError("研修回が始まった後は取り消せません。人事担当にご相談ください。")
    before = application.get_status_display()
    application.status = ApplicationStatus.CANCELLED
    application.save(update_fields=["status"])
    audit_record(
        actor=actor,
        body=application.body,
        action=AuditAction.UPDATE,
        target=application,
        changes={"status": [before, application.get_status_display()]},
    )
    return application


def attendance_errors(
    application: Application, attended_on: date, hours: Decimal, today: date
) -> list[str]:
    session = application.session
    errors = []
    if attended_on > today:
        errors.append("受講日に未来の日付は指定できません。")
    if application.status != ApplicationStatus.APPROVED:
        errors.append(f"{application.staff.full_name}さんはこの研修回の受講者ではありません。")
    if not session.starts_on <= attended_on <= session.ends_on:
        errors.append(
            f"受講日は研修回の期間（{session.starts_on:%Y-%m-%d}〜{session.ends_on:%Y-%m-%d}）内にしてください。"
        )
    if hours <= 0 or hours > 24:
        errors.append("時間は0より大きく24以下にしてください。")
    return errors


@transaction.atomic
def attendance_record(
    *, actor: Actor, application: Application, attended_on: date, hours: Decimal, today: date
) -> Attendance:
    """Record a day's attendance; a course with required hours completes when they are met."""
    errors = attendance_errors(application, attended_on, hours, today)
    if Attendance.unscoped.filter(application=application, attended_on=attended_on).exists():
        errors.append(f"{attended_on:%Y-%m-%d}の受講はすでに記録されています。")
    if errors:
        raise ValidationError(errors)
    attendance = Attendance.unscoped.create(
        body=application.body, application=application, attended_on=attended_on, hours=hours
    )
    audit_record(actor=actor, body=application.body, action=AuditAction.CREATE, target=attendance)
    _complete_when_hours_reached(actor, application, today)
    return attendance


def _complete_when_hours_reached(actor: Actor, application: Application, today: date) -> None:
    required = application.session.course.required_hours
    if required is None or Completion.unscoped.filter(application=application).exists():
        return
    days = list(
        Attendance.unscoped.filter(application=application).values_list("attended_on", "hours")
    )
    reached_on = completion_day(days, required)
    if reached_on is not None:
        completion_record(
            actor=actor,
            application=application,
            completed_on=reached_on,
            hours=sum((hours for _, hours in days), Decimal(0)),
            today=today,
        )


@transaction.atomic
def completion_record(
    *,
    actor: Actor,
    application: Application,
    completed_on: date,
    today: date,
    hours: Decimal | None = None,
) -> Completion:
    """A participant completed the session's course; what the course grants follows."""
    session = application.session
    errors = []
    if application.status != ApplicationStatus.APPROVED:
        errors.append(f"{application.staff.full_name}さんはこの研修回の受講者ではありません。")
    if completed_on > today:
        errors.append("修了日に未来の日付は指定できません。")
    if completed_on < session.starts_on:
        errors.append(f"修了日が研修回の開始日（{session.starts_on:%Y-%m-%d}）より前です。")
    if Completion.unscoped.filter(application=application).exists():
        errors.append("この受講はすでに修了として記録されています。")
    if errors:
        raise ValidationError(errors)
    return _completion_create(
        actor=actor,
        staff=application.staff,
        course=session.course,
        completed_on=completed_on,
        hours=session.course.hours if hours is None else hours,
        source=CompletionSource.SESSION,
        application=application,
    )


@transaction.atomic
def completion_import(
    *,
    actor: Actor,
    staff: StaffMember,
    course: Course,
    completed_on: date,
    hours: Decimal,
    note: str = "",
) -> Completion:
    """A completion from a file (training taken before the platform, or elsewhere)."""
    if Completion.unscoped.filter(staff=staff, course=course, completed_on=completed_on).exists():
        raise ValidationError("同じ人・研修・修了日の記録がすでにあります。")
    return _completion_create(
        actor=actor,
        staff=staff,
        course=course,
        completed_on=completed_on,
        hours=hours,
        source=CompletionSource.IMPORT,
        note=note,
    )


def _completion_create(
    *,
    actor: Actor,
    staff: StaffMember,
    course: Course,
    completed_on: date,
    hours: Decimal,
    source: str,
    application: Application | None = None,
    note: str = "",
) -> Completion:
    completion = Completion.unscoped.create(
        body=staff.body,
        staff=staff,
        course=course,
        application=application,
        completed_on=completed_on,
        hours=hours,
        source=source,
        note=note,
    )
    audit_record(actor=actor, body=staff.body, action=AuditAction.CREATE, target=completion)
    completion_grant(actor=actor, completion=completion)
    return completion


def completion_grant(*, actor: Actor, completion: Completion) -> list[Any]:
    """What completing the course gives: its level, talent type and qualification, each
    recorded with the course as its source (a holding already there is left as it is).
    Its skill items are evidence read from the completion itself."""
    # Read afresh: what the course grants now, not what a caller's copy said.
    course = Course.unscoped.select_related(
        "grants_level", "grants_talent_type", "grants_qualification"
    ).get(pk=completion.course_id)
    staff = completion.staff
    note = f"研修「{course.title}」修了（{completion.completed_on:%Y-%m-%d}）"
    granted: list[Any] = talent_grant(
        actor=actor,
        staff=staff,
        since=completion.completed_on,
        source=HoldingSource.COURSE,
        source_note=note,
        talent_type=course.grants_talent_type,
        level=course.grants_level,
    )
    if course.grants_qualification is not None:
        holding = qualification_grant(
            actor=actor,
            staff=staff,
            qualification=course.grants_qualification,
            acquired_on=completion.completed_on,
            source=HoldingSource.COURSE,
            source_note=note,
        )
        if holding is not None:
            granted.append(holding)
    search_document_refresh(staff)
    return granted


@transaction.atomic
def survey_answer(
    *,
    actor: Actor,
    application: Application,
    comprehension: int,
    usefulness: int,
    comment: str,
    today: date,
) -> SurveyResponse:
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError("受講した研修回のアンケートだけに回答できます。")
    if today < application.session.starts_on:
        raise ValidationError("アンケートには研修の開始後に回答してください。")
    if SurveyResponse.unscoped.filter(application=application).exists():
        raise ValidationError("このアンケートにはすでに回答しています。")
    response = SurveyResponse(
        body=application.body,
        application=application,
        comprehension=comprehension,
        usefulness=usefulness,
        comment=comment,
        answered_on=today,
    )
    response.full_clean()
    response.save()
    audit_record(actor=actor, body=application.body, action=AuditAction.CREATE, target=response)
    return response


@transaction.atomic
def requirement_create(
    *,
    actor: Actor,
    body: Body,
    course: Course,
    kind: str,
    from_fiscal_year: int,
    recurrence: str = Recurrence.ONCE,
    due_month: int = 3,
    grade: Grade | None = None,
    role_class: RoleClass | None = None,
    talent_type: TalentType | None = None,
    department: Department | None = None,
) -> Requirement:
    requirement = Requirement(
        body=body,
        course=course,
        kind=kind,
        from_fiscal_year=from_fiscal_year,
        recurrence=recurrence,
        due_month=due_month,
        grade=grade,
        role_class=role_class,
        talent_type=talent_type,
        department=department,
    )
    for name, related in (("grade", grade), ("department", department)):
        if related is not None and related.body_id != body.pk:
            raise ValidationError({name: "この団体のものを選んでください。"})
    requirement.full_clean()
    requirement.save()
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=requirement)
    return requirement


REQUIREMENT_EDITED_FIELDS = [
    "course",
    "kind",
    "from_fiscal_year",
    "recurrence",
    "due_month",
    "grade",
    "role_class",
    "talent_type",
    "department",
]


@transaction.atomic
def requirement_update(
    *,
    actor: Actor,
    requirement: Requirement,
    course: Course,
    kind: str,
    from_fiscal_year: int,
    recurrence: str = Recurrence.ONCE,
    due_month: int = 3,
    grade: Grade | None = None,
    role_class: RoleClass | None = None,
    talent_type: TalentType | None = None,
    department: Department | None = None,
) -> Requirement:
    """Correct a requirement; who lacks what is computed again from the records."""
    before = snapshot(requirement, REQUIREMENT_EDITED_FIELDS)
    for name, related in (("grade", grade), ("department", department)):
        if related is not None and related.body_id != requirement.body_id:
            raise ValidationError({name: "この団体のものを選んでください。"})
    requirement.course = course
    requirement.kind = kind
    requirement.from_fiscal_year = from_fiscal_year
    requirement.recurrence = recurrence
    requirement.due_month = due_month
    requirement.grade = grade
    requirement.role_class = role_class
    requirement.talent_type = talent_type
    requirement.department = department
    requirement.full_clean()
    requirement.save()
    audit_record(
        actor=actor,
        body=requirement.body,
        action=AuditAction.UPDATE,
        target=requirement,
        changes=diff(before, snapshot(requirement, REQUIREMENT_EDITED_FIELDS)),
    )
    return requirement


@transaction.atomic
def requirement_delete(*, actor: Actor, requirement: Requirement) -> None:
    """A requirement is a rule, not a record of anyone: it may be deleted (audited); the
    completions it counted stay, and the lists of who lacks what no longer ask for it."""
    audit_record(actor=actor, body=requirement.body, action=AuditAction.DELETE, target=requirement)
    requirement.delete()
