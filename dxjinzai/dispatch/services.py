"""The only writers of expert dispatch: experts, requests, assignment, activities."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.actor import Actor
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.mail import mail_after_commit
from dxjinzai.core.models import AuditAction
from dxjinzai.dispatch.load import expert_load, unavailable_on
from dxjinzai.dispatch.models import (
    Activity,
    DispatchRequest,
    DispatchScheme,
    Expert,
    ExpertUnavailableDay,
    PublicSubmission,
    RequestStatus,
    SubmissionStatus,
)
from dxjinzai.dispatch.rules import activity_date_problem
from dxjinzai.organizations.models import Body, Consortium, ConsortiumMembership
from dxjinzai.organizations.services import body_create

# Which status may follow which (issue 7): 受付 → 調整中 → 派遣決定 → 実施済 → 報告済,
# with 取下げ / 不成立 possible until the activity took place.
TRANSITIONS: dict[str, set[str]] = {
    RequestStatus.RECEIVED: {
        RequestStatus.ARRANGING,
        RequestStatus.WITHDRAWN,
        RequestStatus.FAILED,
    },
    RequestStatus.ARRANGING: {RequestStatus.DECIDED, RequestStatus.WITHDRAWN, RequestStatus.FAILED},
    RequestStatus.DECIDED: {
        RequestStatus.ARRANGING,
        RequestStatus.DONE,
        RequestStatus.WITHDRAWN,
        RequestStatus.FAILED,
    },
    RequestStatus.DONE: {RequestStatus.REPORTED},
    RequestStatus.REPORTED: set(),
    RequestStatus.WITHDRAWN: set(),
    RequestStatus.FAILED: set(),
}


@transaction.atomic
def expert_create(
    *,
    actor: Actor,
    scheme: DispatchScheme,
    skill_items: Any = (),
    qualifications: Any = (),
    **fields: Any,
) -> Expert:
    expert = Expert(body=scheme.body, scheme=scheme, **fields)
    _check_fields(scheme, expert.fields, "fields")
    expert.full_clean()
    expert.save()
    expert.skill_items.set(skill_items)
    expert.qualifications.set(qualifications)
    audit_record(actor=actor, body=scheme.body, action=AuditAction.CREATE, target=expert)
    return expert


EXPERT_EDITED_FIELDS = [
    "name",
    "kana",
    "affiliation",
    "fields",
    "areas",
    "online",
    "onsite",
    "monthly_cap",
    "yearly_cap",
    "honorarium_eligible",
    "payee_name",
    "bank_account",
]
# Payee details are the paying officers' to read; the audit log says they changed, not to what.
_MASKED = ("payee_name", "bank_account")


@transaction.atomic
def expert_update(
    *,
    actor: Actor,
    expert: Expert,
    name: str,
    fields: list[str],
    kana: str = "",
    affiliation: str = "",
    skill_items: Any = (),
    qualifications: Any = (),
    areas: str = "",
    online: bool = True,
    onsite: bool = True,
    monthly_cap: int = 4,
    yearly_cap: int = 20,
    honorarium_eligible: bool = True,
    payee_name: str = "",
    bank_account: str = "",
) -> Expert:
    """Correct the registry entry; requests already assigned keep the expert."""
    before = snapshot(expert, EXPERT_EDITED_FIELDS)
    expert.name = name
    expert.kana = kana
    expert.affiliation = affiliation
    expert.fields = fields
    expert.areas = areas
    expert.online = online
    expert.onsite = onsite
    expert.monthly_cap = monthly_cap
    expert.yearly_cap = yearly_cap
    expert.honorarium_eligible = honorarium_eligible
    expert.payee_name = payee_name
    expert.bank_account = bank_account
    _check_fields(expert.scheme, expert.fields, "fields")
    expert.full_clean()
    expert.save()
    expert.skill_items.set(skill_items)
    expert.qualifications.set(qualifications)
    changes = diff(before, snapshot(expert, EXPERT_EDITED_FIELDS))
    for name_ in _MASKED:
        if name_ in changes:
            changes[name_] = ["", "（変更あり）"]
    audit_record(
        actor=actor, body=expert.body, action=AuditAction.UPDATE, target=expert, changes=changes
    )
    return expert


@transaction.atomic
def expert_withdraw(*, actor: Actor, expert: Expert) -> Expert:
    """Take an expert off the registry (登録を外す): no new requests are matched to them.
    The record stays (activities and honoraria rest on it). Refused while a request still
    waits for them (派遣決定 not yet carried out)."""
    if not expert.is_active:
        raise ValidationError("すでに登録を外しています。")
    waiting = DispatchRequest.unscoped.filter(
        expert=expert, status__in=[RequestStatus.ARRANGING, RequestStatus.DECIDED]
    ).count()
    if waiting:
        raise ValidationError(
            f"調整中・派遣決定の依頼が{waiting}件あるため登録を外せません。先に担当を替えてください。"
        )
    expert.is_active = False
    expert.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        body=expert.body,
        action=AuditAction.UPDATE,
        target=expert,
        changes={"is_active": ["登録中", "登録を外した"]},
    )
    return expert


def _dates_errors(first: date | None, alternatives: Sequence[date], today: date) -> dict[str, str]:
    """Every choice in the future and no day given twice."""
    errors: dict[str, str] = {}
    if first and first < today:
        errors["desired_date"] = "希望日に過去の日付は指定できません。"
    if any(day < today for day in alternatives):
        errors["alternative_dates"] = "第2・第3希望日に過去の日付は指定できません。"
    elif len({first, *alternatives}) != len(alternatives) + 1:
        errors["alternative_dates"] = "同じ日を2回指定しています。別の日を選んでください。"
    return errors


@transaction.atomic
def request_create(
    *,
    actor: Actor,
    scheme: DispatchScheme,
    requester: Body,
    today: date,
    alternative_dates: Sequence[date] = (),
    **fields: Any,
) -> DispatchRequest:
    """A member body's request. Only bodies of the operator's consortium may file."""
    if not ConsortiumMembership.objects.filter(
        consortium__operator=scheme.body, body=requester
    ).exists():
        raise ValidationError(
            "この団体は派遣制度の対象ではありません（連携協議会の参加団体のみ依頼できます）。"
        )
    alternatives = list(alternative_dates)
    dispatch_request = DispatchRequest(
        body=scheme.body,
        scheme=scheme,
        requester=requester,
        alternative_dates=[day.isoformat() for day in alternatives],
        received_on=today,
        **fields,
    )
    errors = _dates_errors(dispatch_request.desired_date, alternatives, today)
    if not dispatch_request.fields:
        errors["fields"] = "必要な専門分野を1つ以上選んでください。"
    if errors:
        raise ValidationError(errors)
    _check_fields(scheme, dispatch_request.fields, "fields")
    dispatch_request.full_clean()
    dispatch_request.save()
    audit_record(actor=actor, body=requester, action=AuditAction.CREATE, target=dispatch_request)
    return dispatch_request


def _check_fields(scheme: DispatchScheme, chosen: list[str], field: str) -> None:
    unknown = [name for name in chosen if name not in scheme.fields_catalogue]
    if unknown:
        raise ValidationError({field: f"専門分野「{'、'.join(unknown)}」はこの制度にありません。"})


@transaction.atomic
def request_transition(
    *, actor: Actor, dispatch_request: DispatchRequest, status: str
) -> DispatchRequest:
    """Move a request along its status flow; audited, and the requester is told by e-mail."""
    current = dispatch_request.status
    if status not in RequestStatus.values:
        raise ValidationError("変更後の状態を選んでください。")
    if status not in TRANSITIONS[current]:
        raise ValidationError(
            f"「{RequestStatus(current).label}」から「{RequestStatus(status).label}」には変更できません。"
        )
    if status == RequestStatus.DECIDED and dispatch_request.expert_id is None:
        raise ValidationError("派遣する専門家を決めてから「派遣決定」にしてください。")
    dispatch_request.status = status
    dispatch_request.save(update_fields=["status"])
    audit_record(
        actor=actor,
        body=dispatch_request.body,
        action=AuditAction.UPDATE,
        target=dispatch_request,
        changes={"status": [RequestStatus(current).label, RequestStatus(status).label]},
    )
    _notify(
        dispatch_request,
        f"派遣依頼「{dispatch_request.theme}」は「{RequestStatus(status).label}」になりました。",
    )
    return dispatch_request


def _notify(dispatch_request: DispatchRequest, message: str) -> None:
    recipients = [dispatch_request.contact_email]
    if (
        dispatch_request.expert
        and dispatch_request.expert.user
        and dispatch_request.expert.user.email
    ):
        recipients.append(dispatch_request.expert.user.email)
    mail_after_commit(
        subject=f"【{dispatch_request.scheme.name}】{message[:40]}",
        message=message,
        recipients=recipients,
    )


def first_possible_date(dispatch_request: DispatchRequest, expert: Expert) -> date:
    """The requester's earliest choice on which the expert is free and within their caps;
    when there is none, the reason for the first choice."""
    problems = []
    for day in dispatch_request.desired_dates:
        problem = _cannot_go_on(dispatch_request, expert, day)
        if problem is None:
            return day
        problems.append(problem)
    raise ValidationError({"expert": problems[0] if len(problems) == 1 else "、".join(problems)})


def _cannot_go_on(dispatch_request: DispatchRequest, expert: Expert, day: date) -> str | None:
    if unavailable_on(expert, day):
        return f"{expert.name}さんは{day:%Y年%-m月%-d日}に対応できません"
    month, year = expert_load(expert, day, exclude=dispatch_request)
    if month >= expert.monthly_cap:
        return f"{expert.name}さんは{day:%Y年%-m月}の上限（{expert.monthly_cap}件）に達しています"
    if year >= expert.yearly_cap:
        return f"{expert.name}さんはこの年度の上限（{expert.yearly_cap}件）に達しています"
    return None


@transaction.atomic
def request_assign(
    *, actor: Actor, dispatch_request: DispatchRequest, expert: Expert
) -> DispatchRequest:
    """Decide the expert of a request: within their caps and on a day they are available."""
    if expert.scheme_id != dispatch_request.scheme_id or not expert.is_active:
        raise ValidationError({"expert": "この制度に登録中の専門家から選んでください。"})
    day = first_possible_date(dispatch_request, expert)
    if dispatch_request.status == RequestStatus.RECEIVED:
        request_transition(
            actor=actor, dispatch_request=dispatch_request, status=RequestStatus.ARRANGING
        )
    before = snapshot(dispatch_request, ["expert", "decided_date"])
    dispatch_request.expert = expert
    dispatch_request.decided_date = day
    dispatch_request.save(update_fields=["expert", "decided_date"])
    audit_record(
        actor=actor,
        body=dispatch_request.body,
        action=AuditAction.UPDATE,
        target=dispatch_request,
        changes=diff(before, snapshot(dispatch_request, ["expert"])),
    )
    if dispatch_request.status != RequestStatus.DECIDED:
        request_transition(
            actor=actor, dispatch_request=dispatch_request, status=RequestStatus.DECIDED
        )
    return dispatch_request


@transaction.atomic
def activity_record(*, actor: Actor, dispatch_request: DispatchRequest, **fields: Any) -> Activity:
    """Record what took place; the request becomes 実施済."""
    if dispatch_request.status not in (RequestStatus.DECIDED, RequestStatus.DONE):
        raise ValidationError("派遣決定の後に実績を登録してください。")
    if problem := activity_date_problem(
        day=fields["day"],
        decided_date=dispatch_request.decided_date,
        awaits_expert_acceptance=dispatch_request.awaits_expert_acceptance,
    ):
        raise ValidationError({"day": problem})
    activity = Activity(
        body=dispatch_request.body,
        request=dispatch_request,
        expert=dispatch_request.expert,
        **fields,
    )
    activity.full_clean()
    activity.save()
    audit_record(
        actor=actor, body=dispatch_request.body, action=AuditAction.CREATE, target=activity
    )
    if dispatch_request.status == RequestStatus.DECIDED:
        request_transition(
            actor=actor, dispatch_request=dispatch_request, status=RequestStatus.DONE
        )
    return activity


@transaction.atomic
def activity_report(*, actor: Actor, activity: Activity, report: str) -> Activity:
    """The expert's report; once every activity of the request is reported, it is 報告済."""
    if not report.strip():
        raise ValidationError({"report": "報告内容を入力してください。"})
    activity.report = report.strip()
    activity.reported = True
    activity.save(update_fields=["report", "reported"])
    audit_record(actor=actor, body=activity.body, action=AuditAction.UPDATE, target=activity)
    dispatch_request = activity.request
    if (
        dispatch_request.status == RequestStatus.DONE
        and not dispatch_request.activities.filter(reported=False).exists()
    ):
        request_transition(
            actor=actor, dispatch_request=dispatch_request, status=RequestStatus.REPORTED
        )
    return activity


@transaction.atomic
def activities_mark_paid(
    *, actor: Actor, scheme: DispatchScheme, activity_ids: list[int], paid_on: date, today: date
) -> int:
    """The paying officer records that the honoraria of these activities were paid.
    Only reported activities can be paid, each once; one problem and nothing is saved."""
    if not activity_ids:
        raise ValidationError("支払済にする派遣実績を選んでください。")
    if paid_on > today:
        raise ValidationError("支払日に未来の日付は指定できません。")
    activities = list(
        Activity.unscoped.filter(request__scheme=scheme, pk__in=activity_ids)
        .select_related("expert")
        .order_by("day")
    )
    if len(activities) != len(set(activity_ids)):
        raise ValidationError("この制度の派遣実績ではないものが含まれています。")
    problems = (
        [
            f"{a.day:%Y-%m-%d} {a.expert.name}：専門家の報告がまだのため支払えません。"
            for a in activities
            if not a.reported
        ]
        + [
            f"{a.day:%Y-%m-%d} {a.expert.name}：{a.paid_on:%Y-%m-%d}に支払済です。"
            for a in activities
            if a.paid_on
        ]
        + [
            f"{a.day:%Y-%m-%d} {a.expert.name}：支払日が実施日より前です。"
            for a in activities
            if paid_on < a.day
        ]
    )
    if problems:
        raise ValidationError(problems)
    for activity in activities:
        activity.paid_on = paid_on
        activity.save(update_fields=["paid_on"])
        audit_record(
            actor=actor,
            body=scheme.body,
            action=AuditAction.UPDATE,
            target=activity,
            changes={"paid_on": ["", paid_on.isoformat()]},
        )
    return len(activities)


@transaction.atomic
def batch_confirm(*, actor: Actor, proposal: list[tuple[DispatchRequest, Expert]]) -> int:
    """Confirm an optimal assignment the operator reviewed: each pair goes through
    `request_assign`, so every cap and availability is checked again; all or nothing."""
    for dispatch_request, expert in proposal:
        request_assign(actor=actor, dispatch_request=dispatch_request, expert=expert)
    return len(proposal)


# --- The public request form ----------------------------------------------------------------

PUBLIC_SUBMISSIONS_PER_HOUR = 5
DUPLICATE_WINDOW = timedelta(minutes=1)


@transaction.atomic
def public_submission_create(
    *,
    scheme: DispatchScheme,
    remote_address: str | None,
    now: datetime,
    alternative_dates: Sequence[date] = (),
    **fields: Any,
) -> PublicSubmission:
    """A request from someone without an account; it waits for e-mail confirmation.

    The answer never depends on who is already registered, so the form reveals nothing."""
    alternatives = list(alternative_dates)
    errors = _dates_errors(fields.get("desired_date"), alternatives, now.date())
    if not fields.get("fields"):
        errors["fields"] = "必要な専門分野を1つ以上選んでください。"
    fields["alternative_dates"] = [day.isoformat() for day in alternatives]
    if errors:
        raise ValidationError(errors)
    _check_fields(scheme, fields["fields"], "fields")
    recent = PublicSubmission.unscoped.filter(
        scheme=scheme, created_at__gte=now - timedelta(hours=1)
    )
    if recent.filter(
        contact_email__iexact=fields["contact_email"],
        theme=fields["theme"],
        created_at__gte=now - DUPLICATE_WINDOW,
    ).exists():
        raise ValidationError("同じ内容の依頼を続けて送信しています。確認メールをご確認ください。")
    if (
        remote_address
        and recent.filter(remote_address=remote_address).count() >= PUBLIC_SUBMISSIONS_PER_HOUR
    ):
        raise ValidationError(
            "短い時間に送信が続いたため受け付けられませんでした。時間をおいてお試しください。"
        )
    submission = PublicSubmission(
        body=scheme.body,
        scheme=scheme,
        token=secrets.token_urlsafe(32),
        remote_address=remote_address,
        **fields,
    )
    submission.full_clean()
    submission.save()
    return submission


def public_submission_mail_confirmation(submission: PublicSubmission, confirm_url: str) -> None:
    mail_after_commit(
        subject=f"【{submission.scheme.name}】依頼内容の確認",
        message=(
            f"{submission.contact_name} 様\n\n専門家派遣のご依頼を受け付けるため、次のURLを開いて"
            f"メールアドレスを確認してください。\n{confirm_url}\n\n"
            "お心当たりのない場合は、このメールを破棄してください。"
        ),
        recipients=[submission.contact_email],
    )


@transaction.atomic
def public_submission_confirm(*, token: str) -> PublicSubmission | None:
    submission = PublicSubmission.unscoped.select_for_update().filter(token=token).first()
    if submission is None:
        return None
    if submission.status == SubmissionStatus.UNCONFIRMED:
        submission.status = SubmissionStatus.REVIEW
        submission.save(update_fields=["status"])
    return submission


@transaction.atomic
def public_submission_accept(*, actor: Actor, submission: PublicSubmission) -> DispatchRequest:
    """The operator accepts a new requester: it joins the consortium as a body of its kind,
    and its request enters the normal flow."""
    if submission.status != SubmissionStatus.REVIEW:
        raise ValidationError("メール確認が済んだ依頼だけ受け付けられます。")
    consortium = Consortium.objects.filter(operator=submission.scheme.body).first()
    requester = Body.objects.filter(
        name=submission.organisation, kind=submission.organisation_kind, consortia=consortium
    ).first() or body_create(
        actor=actor,
        consortium=consortium,
        name=submission.organisation,
        kind=submission.organisation_kind,
    )
    dispatch_request = request_create(
        actor=actor,
        scheme=submission.scheme,
        requester=requester,
        today=submission.created_at.date(),
        contact_name=submission.contact_name,
        contact_email=submission.contact_email,
        theme=submission.theme,
        fields=submission.fields,
        desired_date=submission.desired_date,
        alternative_dates=[date.fromisoformat(d) for d in submission.alternative_dates],
        online=submission.online,
        place=submission.place,
        expected_minutes=submission.expected_minutes,
        participants=submission.participants,
    )
    submission.status = SubmissionStatus.ACCEPTED
    submission.request = dispatch_request
    submission.save(update_fields=["status", "request"])
    return dispatch_request


@transaction.atomic
def public_submission_reject(*, actor: Actor, submission: PublicSubmission) -> None:
    submission.status = SubmissionStatus.REJECTED
    submission.save(update_fields=["status"])
    audit_record(
        actor=actor,
        body=submission.body,
        action=AuditAction.UPDATE,
        target=submission,
        changes={"status": ["", SubmissionStatus.REJECTED.label]},
    )


@transaction.atomic
def request_expert_confirm(
    *, actor: Actor, dispatch_request: DispatchRequest, now: datetime
) -> DispatchRequest:
    """The decided expert accepts the date (日程の承諾)."""
    expert = dispatch_request.expert
    if expert is None or expert.user_id is None or expert.user_id != getattr(actor, "pk", None):
        raise ValidationError("この依頼の専門家だけが日程を承諾できます。")
    if dispatch_request.status != RequestStatus.DECIDED:
        raise ValidationError("派遣決定の依頼だけ日程を承諾できます。")
    dispatch_request.expert_confirmed_at = now
    dispatch_request.save(update_fields=["expert_confirmed_at"])
    audit_record(
        actor=actor,
        body=dispatch_request.body,
        action=AuditAction.UPDATE,
        target=dispatch_request,
        changes={"expert_confirmed_at": ["", str(now)]},
    )
    _notify(dispatch_request, f"専門家が「{dispatch_request.theme}」の日程を承諾しました。")
    return dispatch_request


@transaction.atomic
def scheme_update(*, actor: Actor, scheme: DispatchScheme, **changes: Any) -> DispatchScheme:
    before = snapshot(scheme, list(changes))
    for name, value in changes.items():
        setattr(scheme, name, value)
    scheme.full_clean()
    scheme.save()
    audit_record(
        actor=actor,
        body=scheme.body,
        action=AuditAction.UPDATE,
        target=scheme,
        changes=diff(before, snapshot(scheme, list(changes))),
    )
    return scheme


@transaction.atomic
def expert_set_unavailable_days(*, actor: Actor, expert: Expert, days: list[date]) -> None:
    """Replace the days an expert cannot go; a day already decided for them is refused."""
    taken = {
        dispatch_request.scheduled_date
        for dispatch_request in DispatchRequest.unscoped.filter(
            expert=expert, status=RequestStatus.DECIDED
        )
    }
    clash = sorted(taken & set(days))
    if clash:
        raise ValidationError(
            {
                "unavailable_days": f"{'、'.join(d.isoformat() for d in clash)} は派遣が決まっています。先に調整してください。"
            }
        )
    ExpertUnavailableDay.objects.filter(expert=expert).delete()
    ExpertUnavailableDay.objects.bulk_create(
        ExpertUnavailableDay(expert=expert, day=day) for day in days
    )
    audit_record(
        actor=actor,
        body=expert.body,
        action=AuditAction.UPDATE,
        target=expert,
        changes={"unavailable_days": ["", "、".join(d.isoformat() for d in days)]},
    )
