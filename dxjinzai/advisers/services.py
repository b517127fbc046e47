"""The only writers of adviser terms, contracts, meetings, issues, ideas and reports.
Each write is audited; each correction records what changed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.advisers import rules
from dxjinzai.advisers.models import (
    AdviserContract,
    AdviserTerm,
    Idea,
    IdeaStatus,
    Issue,
    Meeting,
    Partnership,
    TermReport,
)
from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.core.roles import Role
from dxjinzai.lib.files import material_problem
from dxjinzai.organizations.models import Body, RoleGrant
from dxjinzai.organizations.services import external_account_create

# Issues typed one per line in a meeting's form: a line longer than this is a paragraph.
ISSUE_TITLE_MAX = 200


def _save_audited(
    instance: Any, *, actor: Actor, fields: list[str], before: dict[str, str] | None
) -> None:
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        body=instance.body,
        action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
        target=instance,
        changes=None if before is None else diff(before, snapshot(instance, fields)),
    )


def _delete_audited(instance: Any, *, actor: Actor) -> None:
    audit_record(actor=actor, body=instance.body, action=AuditAction.DELETE, target=instance)
    instance.delete()


def _material(upload: Any, field: str) -> None:
    if upload and (problem := material_problem(upload)):
        raise ValidationError({field: problem})


# --- 包括連携協定 -------------------------------------------------------------------------

PARTNERSHIP_FIELDS = ["partner", "concluded_on", "scope"]


@transaction.atomic
def partnership_save(
    *, actor: Actor, body: Body, partnership: Partnership | None = None, **fields: Any
) -> Partnership:
    before = None if partnership is None else snapshot(partnership, PARTNERSHIP_FIELDS)
    partnership = partnership or Partnership(body=body)
    for name, value in fields.items():
        setattr(partnership, name, value)
    _save_audited(partnership, actor=actor, fields=PARTNERSHIP_FIELDS, before=before)
    return partnership


# --- Terms ------------------------------------------------------------------------------

TERM_FIELDS = [
    "partnership",
    "title",
    "theme",
    "adviser_name",
    "adviser",
    "starts_on",
    "ends_on",
    "fee",
    "note",
]


@transaction.atomic
def term_save(
    *,
    actor: Actor,
    body: Body,
    term: AdviserTerm | None = None,
    new_username: str = "",
    new_password: str = "",
    **fields: Any,
) -> AdviserTerm:
    """Appoint an adviser (or correct a term). Without an end date the term runs the usual
    four months. A sign-in may be made for the adviser on the way: it holds the role
    外部アドバイザー on this body and sees nothing but its own terms."""
    before = None if term is None else snapshot(term, TERM_FIELDS)
    term = term or AdviserTerm(body=body)
    for name, value in fields.items():
        setattr(term, name, value)
    if term.starts_on and not term.ends_on:
        term.ends_on = rules.default_term_end(term.starts_on)
    _check_term(term, body)
    if new_username:
        term.adviser = external_account_create(
            actor=actor,
            body=body,
            username=new_username,
            password=new_password,
            full_name=term.adviser_name,
            role=Role.ADVISER,
        )
    _save_audited(term, actor=actor, fields=TERM_FIELDS, before=before)
    return term


def _check_term(term: AdviserTerm, body: Body) -> None:
    if term.partnership is not None and term.partnership.body_id != body.pk:
        raise ValidationError({"partnership": "この団体の協定を選んでください。"})
    if (
        term.adviser is not None
        and not RoleGrant.objects.filter(user=term.adviser, body=body, role=Role.ADVISER).exists()
    ):
        raise ValidationError(
            {"adviser": "この団体の外部アドバイザーのアカウントを選んでください。"}
        )
    problem = (
        term.starts_on and term.ends_on and rules.term_dates_problem(term.starts_on, term.ends_on)
    )
    if problem:
        raise ValidationError({"ends_on": problem})


@transaction.atomic
def term_delete(*, actor: Actor, term: AdviserTerm) -> None:
    """A term entered by mistake may go while nothing rests on it."""
    held = [
        label
        for label, present in (
            ("ミーティング", term.meetings.exists()),
            ("課題", term.issues.exists()),
            ("解決アイデア", term.ideas.exists()),
            ("報告", TermReport.unscoped.filter(term=term).exists()),
            ("業務委託", AdviserContract.unscoped.filter(term=term).exists()),
            ("更新後の任期", AdviserTerm.unscoped.filter(previous=term).exists()),
        )
        if present
    ]
    if held:
        raise ValidationError(
            f"{'・'.join(held)}が登録されているため削除できません。内容の修正はできます。"
        )
    _delete_audited(term, actor=actor)


@transaction.atomic
def term_renew(
    *, actor: Actor, term: AdviserTerm, starts_on: date, ends_on: date, fee: int
) -> AdviserTerm:
    """The next term of the same adviser on the same theme; the earlier one keeps its
    meetings, board and report."""
    if AdviserTerm.unscoped.filter(previous=term).exists():
        raise ValidationError("この任期はすでに更新されています。")
    if AdviserContract.unscoped.filter(term=term).exists():
        raise ValidationError("業務委託へ移行した任期は更新できません。")
    if starts_on <= term.ends_on:
        raise ValidationError(
            {"starts_on": "更新後の任期は前の任期の終了日より後に始めてください。"}
        )
    renewed = AdviserTerm(
        body=term.body,
        partnership=term.partnership,
        adviser_name=term.adviser_name,
        adviser=term.adviser,
        theme=term.theme,
        title=term.title,
        starts_on=starts_on,
        ends_on=ends_on,
        fee=fee,
        previous=term,
    )
    _check_term(renewed, term.body)
    _save_audited(renewed, actor=actor, fields=TERM_FIELDS, before=None)
    return renewed


CONTRACT_FIELDS = ["subject", "amount", "starts_on", "ends_on"]


@transaction.atomic
def contract_save(
    *,
    actor: Actor,
    term: AdviserTerm,
    contract: AdviserContract | None = None,
    subject: str,
    amount: int,
    starts_on: date,
    ends_on: date,
) -> AdviserContract:
    """Convert an adviser to a contract (業務委託), or correct the contract. The term and
    its history stay as they were."""
    if problems := rules.contract_problem(term.starts_on, starts_on, ends_on, amount):
        raise ValidationError(problems)
    if contract is None and AdviserContract.unscoped.filter(term=term).exists():
        raise ValidationError("この任期はすでに業務委託へ移行しています。")
    before = None if contract is None else snapshot(contract, CONTRACT_FIELDS)
    contract = contract or AdviserContract(body=term.body, term=term)
    contract.subject, contract.amount = subject.strip(), amount
    contract.starts_on, contract.ends_on = starts_on, ends_on
    _save_audited(contract, actor=actor, fields=CONTRACT_FIELDS, before=before)
    return contract


# --- Meetings, issues and ideas -----------------------------------------------------------

MEETING_FIELDS = ["held_on", "attendees", "minutes", "attachment_name"]


@transaction.atomic
def meeting_save(
    *,
    actor: Actor,
    term: AdviserTerm,
    meeting: Meeting | None = None,
    held_on: date,
    attendees: str,
    minutes: str = "",
    attachment: Any = None,
    issue_lines: list[str] | None = None,
) -> Meeting:
    """Log a meeting (or correct it), with the issues it raised typed one per line."""
    _material(attachment, "attachment")
    if held_on < term.starts_on:
        raise ValidationError({"held_on": "任期の開始日より前のミーティングは登録できません。"})
    lines = [line.strip() for line in issue_lines or [] if line.strip()]
    if any(len(line) > ISSUE_TITLE_MAX for line in lines):
        raise ValidationError({"issue_lines": f"課題は1件{ISSUE_TITLE_MAX}文字以内です。"})
    before = None if meeting is None else snapshot(meeting, MEETING_FIELDS)
    meeting = meeting or Meeting(body=term.body, term=term)
    meeting.held_on, meeting.attendees, meeting.minutes = held_on, attendees.strip(), minutes
    if attachment:
        meeting.attachment, meeting.attachment_name = attachment, attachment.name[:200]
    _save_audited(meeting, actor=actor, fields=MEETING_FIELDS, before=before)
    for line in lines:
        issue_save(actor=actor, term=term, title=line, meeting=meeting)
    return meeting


@transaction.atomic
def meeting_delete(*, actor: Actor, meeting: Meeting) -> None:
    """A meeting logged by mistake goes; the issues and ideas it raised stay on the board."""
    _delete_audited(meeting, actor=actor)


ISSUE_FIELDS = ["title", "detail", "meeting"]


def _same_term(meeting: Meeting | None, term: AdviserTerm) -> None:
    if meeting is not None and meeting.term_id != term.pk:
        raise ValidationError({"meeting": "この任期のミーティングを選んでください。"})


@transaction.atomic
def issue_save(
    *,
    actor: Actor,
    term: AdviserTerm,
    issue: Issue | None = None,
    title: str,
    detail: str = "",
    meeting: Meeting | None = None,
) -> Issue:
    _same_term(meeting, term)
    before = None if issue is None else snapshot(issue, ISSUE_FIELDS)
    issue = issue or Issue(body=term.body, term=term)
    issue.title, issue.detail, issue.meeting = title.strip(), detail, meeting
    _save_audited(issue, actor=actor, fields=ISSUE_FIELDS, before=before)
    return issue


@transaction.atomic
def issue_delete(*, actor: Actor, issue: Issue) -> None:
    if issue.ideas.exists():
        raise ValidationError(
            "解決アイデアが結びついている課題は削除できません。先にアイデアから外してください。"
        )
    _delete_audited(issue, actor=actor)


IDEA_FIELDS = ["title", "detail", "meeting", "owner_department"]


@transaction.atomic
def idea_save(
    *,
    actor: Actor,
    term: AdviserTerm,
    idea: Idea | None = None,
    title: str,
    issues: list[Issue],
    detail: str = "",
    meeting: Meeting | None = None,
    **owner: Any,
) -> Idea:
    """Post an idea answering one or more of the term's issues (or correct it). The owner
    division is the town's to set: pass `owner_department` only for its officers."""
    _same_term(meeting, term)
    if not issues:
        raise ValidationError({"issues": "解決する課題を1つ以上選んでください。"})
    if any(issue.term_id != term.pk for issue in issues):
        raise ValidationError({"issues": "この任期の課題を選んでください。"})
    department = owner.get("owner_department")
    if department is not None and department.body_id != term.body_id:
        raise ValidationError({"owner_department": "この団体の所属を選んでください。"})
    before = None if idea is None else snapshot(idea, IDEA_FIELDS)
    idea = idea or Idea(body=term.body, term=term)
    idea.title, idea.detail, idea.meeting = title.strip(), detail, meeting
    if "owner_department" in owner:
        idea.owner_department = department
    _save_audited(idea, actor=actor, fields=IDEA_FIELDS, before=before)
    idea.issues.set(issues)
    return idea


@transaction.atomic
def idea_move(*, actor: Actor, idea: Idea, status: str) -> Idea:
    if problem := rules.idea_move_problem(idea.status, status):
        raise ValidationError(problem)
    before = idea.get_status_display()
    idea.status = status
    idea.save(update_fields=["status"])
    audit_record(
        actor=actor,
        body=idea.body,
        action=AuditAction.UPDATE,
        target=idea,
        changes={"status": [before, idea.get_status_display()]},
    )
    return idea


@transaction.atomic
def idea_delete(*, actor: Actor, idea: Idea) -> None:
    """An idea posted by mistake goes while the town has not yet taken it up."""
    if idea.status != IdeaStatus.PROPOSED:
        raise ValidationError("検討を始めたアイデアは削除できません。見送りにしてください。")
    _delete_audited(idea, actor=actor)


# --- The term's report ----------------------------------------------------------------------

REPORT_FIELDS = ["text", "attachment_name"]


@transaction.atomic
def report_file(
    *, actor: Actor, term: AdviserTerm, text: str, now: datetime, attachment: Any = None
) -> TermReport:
    """File the term's report, or correct it until the town accepts it."""
    _material(attachment, "attachment")
    if not text.strip():
        raise ValidationError({"text": "報告を入力してください。"})
    report = TermReport.unscoped.filter(term=term).first()
    if report is not None and report.accepted_on:
        raise ValidationError("受理された報告は修正できません。")
    before = None if report is None else snapshot(report, REPORT_FIELDS)
    report = report or TermReport(body=term.body, term=term)
    report.text, report.filed_at, report.filed_by = text.strip(), now, acting_user(actor)
    if attachment:
        report.attachment, report.attachment_name = attachment, attachment.name[:200]
    _save_audited(report, actor=actor, fields=REPORT_FIELDS, before=before)
    return report


@transaction.atomic
def report_accept(*, actor: Actor, report: TermReport, today: date) -> TermReport:
    if report.accepted_on:
        raise ValidationError("この報告はすでに受理されています。")
    report.accepted_on, report.accepted_by = today, acting_user(actor)
    report.save(update_fields=["accepted_on", "accepted_by"])
    audit_record(
        actor=actor,
        body=report.body,
        action=AuditAction.UPDATE,
        target=report,
        changes={"accepted_on": ["", today.isoformat()]},
    )
    return report
