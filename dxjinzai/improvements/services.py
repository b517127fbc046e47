"""The only writers of improvement activities and their award recommendations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.improvements import rules
from dxjinzai.improvements.models import (
    Improvement,
    InHouseSystem,
    Milestone,
    Project,
    ProjectIssue,
    Proposal,
    ProposalDecision,
)
from dxjinzai.lib.files import material_problem
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body, Department, StaffMember


@transaction.atomic
def improvement_create(
    *,
    actor: Actor,
    body: Body,
    department: Department,
    fiscal_year: int,
    title: str,
    summary: str,
    today: date,
) -> Improvement:
    improvement = Improvement(body=body, reported_by=acting_user(actor))
    _fill(improvement, department, fiscal_year, title, summary, today)
    improvement.save()
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=improvement)
    return improvement


def _fill(
    improvement: Improvement,
    department: Department,
    fiscal_year: int,
    title: str,
    summary: str,
    today: date,
) -> None:
    if department.body_id != improvement.body_id:
        raise ValidationError({"department": "この団体の所属を選んでください。"})
    if fiscal_year > fiscal_year_of(today):
        raise ValidationError({"fiscal_year": "先の年度の取組は登録できません。"})
    improvement.department = department
    improvement.fiscal_year = fiscal_year
    improvement.title = title.strip()
    improvement.summary = summary.strip()
    improvement.full_clean()


EDITED_FIELDS = ["department", "fiscal_year", "title", "summary"]


@transaction.atomic
def improvement_update(
    *,
    actor: Actor,
    improvement: Improvement,
    department: Department,
    fiscal_year: int,
    title: str,
    summary: str,
    today: date,
) -> Improvement:
    before = snapshot(improvement, EDITED_FIELDS)
    _fill(improvement, department, fiscal_year, title, summary, today)
    improvement.save()
    audit_record(
        actor=actor,
        body=improvement.body,
        action=AuditAction.UPDATE,
        target=improvement,
        changes=diff(before, snapshot(improvement, EDITED_FIELDS)),
    )
    return improvement


@transaction.atomic
def improvement_delete(*, actor: Actor, improvement: Improvement) -> None:
    """An entry made by mistake may go; one recommended for the award may not (the
    recommendation rests on it)."""
    if improvement.award_recommended_on:
        raise ValidationError("表彰に推薦済みの取組は削除できません。内容の修正はできます。")
    audit_record(actor=actor, body=improvement.body, action=AuditAction.DELETE, target=improvement)
    improvement.delete()


@transaction.atomic
def improvement_recommend(
    *, actor: Actor, improvement: Improvement, note: str, today: date
) -> Improvement:
    """The DX division recommends an outstanding activity for the award (クレドアワード)."""
    if improvement.award_recommended_on:
        raise ValidationError("この取組はすでに表彰に推薦されています。")
    improvement.award_recommended_on = today
    improvement.award_note = note.strip()
    improvement.save(update_fields=["award_recommended_on", "award_note"])
    audit_record(
        actor=actor,
        body=improvement.body,
        action=AuditAction.UPDATE,
        target=improvement,
        changes={"award_recommended_on": ["", today.isoformat()]},
    )
    return improvement


# --- The register of in-house systems (滋賀県) ---------------------------------------------

SYSTEM_FIELDS = [
    "name",
    "kind",
    "department",
    "builders",
    "supporting_expert",
    "went_live_on",
    "users",
    "hours_saved_per_year",
    "status",
    "note",
]


@transaction.atomic
def system_save(
    *, actor: Actor, body: Body, today: date, system: InHouseSystem | None = None, **fields: Any
) -> InHouseSystem:
    """Register a system staff built, or correct one (a stop is a correction of its state)."""
    created = system is None
    system = system or InHouseSystem(body=body)
    before = {} if created else snapshot(system, SYSTEM_FIELDS)
    for name, value in fields.items():
        setattr(system, name, value)
    department = fields.get("department")
    if department is not None and department.body_id != body.pk:
        raise ValidationError({"department": "この団体の所属を選んでください。"})
    if system.went_live_on and system.went_live_on > today:
        raise ValidationError(
            {"went_live_on": "稼働を始めたシステムを登録します（稼働開始日は今日まで）。"}
        )
    system.full_clean()
    system.save()
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=system,
        changes=None if created else diff(before, snapshot(system, SYSTEM_FIELDS)),
    )
    return system


@transaction.atomic
def system_delete(*, actor: Actor, system: InHouseSystem) -> None:
    """Remove a system registered by mistake (a system that stopped is marked 停止 instead)."""
    audit_record(actor=actor, body=system.body, action=AuditAction.DELETE, target=system)
    system.delete()


# --- Improvement projects and proposals (真岡市, 袋井市) -------------------------------------

PROJECT_FIELDS = ["name", "theme", "fiscal_year", "description", "partners"]


@transaction.atomic
def project_save(
    *,
    actor: Actor,
    body: Body,
    project: Project | None = None,
    member_numbers: list[str],
    **fields: Any,
) -> Project:
    """Start a project with its team (staff of several divisions, given by 職員番号), or
    correct it."""
    members = list(StaffMember.unscoped.filter(body=body, number__in=member_numbers))
    if unknown := sorted(set(member_numbers) - {m.number for m in members}):
        raise ValidationError(
            {"member_numbers": f"この団体にない職員番号です：{'、'.join(unknown)}"}
        )
    before = None if project is None else snapshot(project, PROJECT_FIELDS)
    project = project or Project(body=body)
    for name, value in fields.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    project.members.set(members)
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
        target=project,
        changes=None if before is None else diff(before, snapshot(project, PROJECT_FIELDS)),
    )
    return project


@transaction.atomic
def milestone_add(*, actor: Actor, project: Project, title: str, due_on: date) -> Milestone:
    milestone = Milestone(body=project.body, project=project, title=title.strip(), due_on=due_on)
    milestone.full_clean()
    milestone.save()
    audit_record(actor=actor, body=project.body, action=AuditAction.CREATE, target=milestone)
    return milestone


def _update_audited(actor: Actor, record: Any, **values: Any) -> Any:
    """Correct some fields of a record, checked and audited with before → after."""
    names = list(values)
    before = snapshot(record, names)
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    record.save(update_fields=names)
    audit_record(
        actor=actor,
        body=record.body,
        action=AuditAction.UPDATE,
        target=record,
        changes=diff(before, snapshot(record, names)),
    )
    return record


@transaction.atomic
def milestone_update(*, actor: Actor, milestone: Milestone, title: str, due_on: date) -> Milestone:
    """Correct a milestone's name or its day (a plan moves)."""
    return _update_audited(actor, milestone, title=title.strip(), due_on=due_on)


@transaction.atomic
def milestone_delete(*, actor: Actor, milestone: Milestone) -> None:
    audit_record(actor=actor, body=milestone.body, action=AuditAction.DELETE, target=milestone)
    milestone.delete()


@transaction.atomic
def project_issues_add(*, actor: Actor, project: Project, titles: list[str]) -> list[ProjectIssue]:
    """Put the issues a workshop found on the project's board, one per line as typed."""
    issues = [
        ProjectIssue(body=project.body, project=project, title=title.strip())
        for title in titles
        if title.strip()
    ]
    for issue in issues:
        issue.full_clean()
        issue.save()
        audit_record(actor=actor, body=project.body, action=AuditAction.CREATE, target=issue)
    return issues


@transaction.atomic
def project_issue_update(
    *, actor: Actor, issue: ProjectIssue, title: str, detail: str
) -> ProjectIssue:
    return _update_audited(actor, issue, title=title.strip(), detail=detail.strip())


@transaction.atomic
def project_issue_delete(*, actor: Actor, issue: ProjectIssue) -> None:
    """An issue raised by mistake goes; the proposals that named it stay, without it."""
    audit_record(actor=actor, body=issue.body, action=AuditAction.DELETE, target=issue)
    issue.delete()


@transaction.atomic
def milestone_done(*, actor: Actor, milestone: Milestone, today: date) -> Milestone:
    """Mark a milestone reached today, or take the mark back (a click made by mistake)."""
    before = str(milestone.done_on or "")
    milestone.done_on = None if milestone.done_on else today
    milestone.save(update_fields=["done_on"])
    audit_record(
        actor=actor,
        body=milestone.body,
        action=AuditAction.UPDATE,
        target=milestone,
        changes={"done_on": [before, str(milestone.done_on or "")]},
    )
    return milestone


PROPOSAL_FIELDS = [
    "project",
    "department",
    "team",
    "title",
    "summary",
    "current_flow",
    "new_flow",
    "expected_hours_per_year",
    "expected_basis",
    "presented_on",
    "audience",
]


@transaction.atomic
def proposal_save(
    *, actor: Actor, body: Body, proposal: Proposal | None = None, **fields: Any
) -> Proposal:
    """File a proposal (or correct it): the current and new flows, with their diagrams as
    files, and the effect expected, stated how."""
    for name in ("current_flow_file", "new_flow_file"):
        upload = fields.pop(name, None)
        if upload and (problem := material_problem(upload)):
            raise ValidationError({name: problem})
        if upload:
            fields[name] = upload
    if fields["department"].body_id != body.pk:
        raise ValidationError({"department": "この団体の所属を選んでください。"})
    project = fields.get("project")
    if project is not None and project.body_id != body.pk:
        raise ValidationError({"project": "この団体のプロジェクトを選んでください。"})
    issues = list(fields.pop("issues", []))
    if problem := rules.issue_problem({i.project_id for i in issues}, getattr(project, "pk", None)):
        raise ValidationError({"issues": problem})
    before = None if proposal is None else snapshot(proposal, PROPOSAL_FIELDS)
    issues_before = [] if proposal is None else _issue_titles(proposal)
    proposal = proposal or Proposal(body=body)
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save()
    proposal.issues.set(issues)
    changes = None
    if before is not None:
        changes = diff(before, snapshot(proposal, PROPOSAL_FIELDS))
        if issues_before != (issues_after := _issue_titles(proposal)):
            changes["issues"] = ["、".join(issues_before), "、".join(issues_after)]
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
        target=proposal,
        changes=changes,
    )
    if proposal.improvement is not None:
        _sync_improvement(actor, proposal)
    return proposal


def _issue_titles(proposal: Proposal) -> list[str]:
    return [issue.title for issue in proposal.issues.order_by("pk")]


DECISION_FIELDS = ["decision", "decided_on", "reviewer", "decision_reason"]


@transaction.atomic
def proposal_decide(
    *,
    actor: Actor,
    proposal: Proposal,
    decision: str,
    decided_on: date | None,
    reviewer: str,
    decision_reason: str,
) -> Proposal:
    """Record the executives' decision (or correct it). An adopted proposal becomes its
    division's improvement of the decision's fiscal year (④); taken back, it stops being
    one, unless it was recommended for the award."""
    if problems := rules.decision_problem(decision, decided_on, proposal.presented_on):
        raise ValidationError(problems)
    before = snapshot(proposal, DECISION_FIELDS)
    proposal.decision, proposal.decided_on = decision, decided_on
    proposal.reviewer, proposal.decision_reason = reviewer.strip(), decision_reason.strip()
    proposal.save(update_fields=DECISION_FIELDS)
    _sync_improvement(actor, proposal)
    audit_record(
        actor=actor,
        body=proposal.body,
        action=AuditAction.UPDATE,
        target=proposal,
        changes=diff(before, snapshot(proposal, DECISION_FIELDS)),
    )
    return proposal


def _sync_improvement(actor: Actor, proposal: Proposal) -> None:
    counts = rules.counts_as_improvement(proposal.decision)
    improvement = proposal.improvement
    if counts and proposal.decided_on is not None:
        made: dict[str, Any] = dict(
            department=proposal.department,
            fiscal_year=fiscal_year_of(proposal.decided_on),
            title=proposal.title,
            summary=proposal.summary,
            today=proposal.decided_on,
        )
        if improvement is None:
            proposal.improvement = improvement_create(actor=actor, body=proposal.body, **made)
            proposal.save(update_fields=["improvement"])
        else:
            improvement_update(actor=actor, improvement=improvement, **made)
    elif improvement is not None:
        proposal.improvement = None
        proposal.save(update_fields=["improvement"])
        improvement_delete(actor=actor, improvement=improvement)


EFFECT_FIELDS = [
    "implementation",
    "measured_hours_per_year",
    "measured_on",
    "measured_basis",
    "spread_note",
]


@transaction.atomic
def proposal_effect(
    *,
    actor: Actor,
    proposal: Proposal,
    spread_to: list[Department],
    **fields: Any,
) -> Proposal:
    """What was carried out, the effect measured (about a year after the decision) and the
    divisions that adopted it too (横展開)."""
    problems = rules.effect_problem(
        decision=proposal.decision,
        implementation=fields["implementation"],
        measured_hours=fields.get("measured_hours_per_year"),
        measured_on=fields.get("measured_on"),
        decided_on=proposal.decided_on,
    )
    if problems:
        raise ValidationError(problems)
    if any(d.body_id != proposal.body_id for d in spread_to):
        raise ValidationError({"spread_to": "この団体の所属を選んでください。"})
    before = snapshot(proposal, EFFECT_FIELDS)
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save()
    proposal.spread_to.set(spread_to)
    audit_record(
        actor=actor,
        body=proposal.body,
        action=AuditAction.UPDATE,
        target=proposal,
        changes=diff(before, snapshot(proposal, EFFECT_FIELDS)),
    )
    return proposal


@transaction.atomic
def proposal_delete(*, actor: Actor, proposal: Proposal) -> None:
    """A proposal filed by mistake goes while it has not been decided."""
    if proposal.decision != ProposalDecision.PENDING:
        raise ValidationError("審査の済んだ提案は削除できません。内容の修正はできます。")
    audit_record(actor=actor, body=proposal.body, action=AuditAction.DELETE, target=proposal)
    proposal.delete()
