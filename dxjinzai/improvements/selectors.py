"""Reads of improvement activities: content every member of the body may read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Prefetch, QuerySet

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.roles import Role
from dxjinzai.core.selectors import first_or_404
from dxjinzai.improvements import rules
from dxjinzai.improvements.models import (
    Improvement,
    InHouseSystem,
    Milestone,
    Project,
    ProjectIssue,
    Proposal,
    ProposalStage,
)
from dxjinzai.organizations.models import Body, Department
from dxjinzai.organizations.selectors import department_list


def improvement_list(
    access: Access,
    body: Body,
    *,
    fiscal_year: int | None = None,
    department: Department | None = None,
) -> QuerySet[Improvement]:
    found = Improvement.objects.visible_to(access).filter(body=body).select_related("department")
    if fiscal_year:
        found = found.filter(fiscal_year=fiscal_year)
    if department is not None:
        found = found.filter(department=department)
    return found


def improvement_get(access: Access, body: Body, pk: int) -> Improvement:
    return first_or_404(improvement_list(access, body).filter(pk=pk), "取組が見つかりません。")


def reporting_departments(access: Access, body: Body, *, today: date) -> QuerySet[Department]:
    """The divisions the viewer may report improvements for: HR and admins any division in
    force, a department head the units they head."""
    departments = department_list(access, body, as_of=today)
    if access.can(Perm.MANAGE_STAFF, body.pk):
        return departments
    return departments.filter(pk__in=access.headed_department_ids)


def reportable_improvement_get(access: Access, body: Body, pk: int, *, today: date) -> Improvement:
    """An improvement the viewer may correct: one of a division they report for (HR and
    admins any, a department head their units). Others' entries are readable (404 only
    when not visible at all) but not theirs to change (403)."""
    improvement = improvement_get(access, body, pk)
    if (
        not reporting_departments(access, body, today=today)
        .filter(pk=improvement.department_id)
        .exists()
    ):
        raise PermissionDenied("この所属の取組を修正できるのは、その所属長と人事担当者です。")
    return improvement


def reporting_department_ids(access: Access, body: Body, *, today: date) -> set[int]:
    return set(reporting_departments(access, body, today=today).values_list("pk", flat=True))


def system_list(
    access: Access, body: Body, *, kind: str = "", status: str = ""
) -> QuerySet[InHouseSystem]:
    rows = InHouseSystem.objects.visible_to(access).filter(body=body).select_related("department")
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    return rows


def system_get(access: Access, body: Body, pk: int) -> InHouseSystem:
    return first_or_404(
        InHouseSystem.objects.visible_to(access).filter(body=body, pk=pk),
        "システムが見つかりません。",
    )


# --- Projects and proposals -----------------------------------------------------------------


def project_list(
    access: Access, body: Body, *, fiscal_year: int | None = None
) -> QuerySet[Project]:
    projects = (
        Project.objects.visible_to(access)
        .filter(body=body)
        .annotate(
            member_count=Count("members", distinct=True),
            proposal_count=Count("proposals", distinct=True),
        )
        .order_by("-fiscal_year", "name")
    )
    return projects.filter(fiscal_year=fiscal_year) if fiscal_year else projects


def project_get(access: Access, body: Body, pk: int) -> Project:
    return first_or_404(project_list(access, body).filter(pk=pk), "プロジェクトが見つかりません。")


def project_team(access: Access, project: Project) -> QuerySet[Any] | None:
    """The team by division then number, for the body's own people (the project is shown
    to all its staff, 真岡市); None for someone who reads the body from outside it (the
    consortium's operator), who sees the team's size only."""
    if not access.roles_in(project.body_id) - {Role.OPERATOR}:
        return None
    return project.members.select_related("department").order_by("department__code", "number")


def milestone_list(access: Access, project: Project) -> QuerySet[Milestone]:
    return Milestone.objects.visible_to(access).filter(project=project)


def milestone_get(access: Access, body: Body, pk: int) -> Milestone:
    return first_or_404(
        Milestone.objects.visible_to(access).filter(body=body, pk=pk), "節目が見つかりません。"
    )


def project_issue_list(access: Access, project: Project) -> QuerySet[ProjectIssue]:
    """The project's issues in the order raised, each with the proposals that answer it."""
    return (
        ProjectIssue.objects.visible_to(access)
        .filter(project=project)
        .prefetch_related(Prefetch("proposals", queryset=Proposal.unscoped.order_by("pk")))
        .order_by("pk")
    )


def project_issue_get(access: Access, body: Body, pk: int) -> ProjectIssue:
    return first_or_404(
        ProjectIssue.objects.visible_to(access).filter(body=body, pk=pk).select_related("project"),
        "課題が見つかりません。",
    )


def issue_choices(access: Access, body: Body, project_id: Any) -> QuerySet[ProjectIssue]:
    """The issues a proposal may answer: those of the project it is filed for (given by the
    form or the page it came from), none while it has no project."""
    project_id = str(project_id or "")
    issues = ProjectIssue.objects.visible_to(access).filter(body=body).order_by("pk")
    return issues.filter(project_id=int(project_id)) if project_id.isdigit() else issues.none()


@dataclass(frozen=True)
class ProjectBoard:
    """The counts of a project's issue → idea board (its ideas are its proposals)."""

    issues: int
    unanswered: int
    proposals: int
    by_stage: list[tuple[str, int]]


def project_board(access: Access, project: Project) -> ProjectBoard:
    issues = project_issue_list(access, project)
    proposals = Proposal.objects.visible_to(access).filter(project=project)
    stages = Counter(
        rules.proposal_stage(decision, implementation, presented_on)
        for decision, implementation, presented_on in proposals.values_list(
            "decision", "implementation", "presented_on"
        )
    )
    return ProjectBoard(
        issues=issues.count(),
        unanswered=issues.filter(proposals=None).count(),
        proposals=sum(stages.values()),
        by_stage=[(label, stages[value]) for value, label in ProposalStage.choices],
    )


def proposal_list(
    access: Access,
    body: Body,
    *,
    project: Project | None = None,
    decision: str = "",
) -> QuerySet[Proposal]:
    proposals = (
        Proposal.objects.visible_to(access)
        .filter(body=body)
        .select_related("department", "project")
        .prefetch_related(Prefetch("spread_to", queryset=Department.unscoped.order_by("code")))
    )
    if project is not None:
        proposals = proposals.filter(project=project)
    return proposals.filter(decision=decision) if decision else proposals


def proposal_get(access: Access, body: Body, pk: int) -> Proposal:
    return first_or_404(proposal_list(access, body).filter(pk=pk), "提案が見つかりません。")


def reportable_proposal_get(access: Access, body: Body, pk: int, *, today: date) -> Proposal:
    """A proposal the viewer may correct: HR and admins any, a department head those of
    the units they head (others read it: 403)."""
    proposal = proposal_get(access, body, pk)
    if proposal.department_id not in reporting_department_ids(access, body, today=today):
        raise PermissionDenied("この所属の提案を修正できるのは、その所属長と人事担当者です。")
    return proposal


def project_memberships(staff_ids: list[int]) -> list[tuple[int, int]]:
    """(staff id, project id) of every project the people were members of, for the rules
    of DX人材認定 (plans); the caller has already chosen the people it may see."""
    through = Project.members.through
    return list(
        through.objects.filter(staffmember_id__in=staff_ids).values_list(
            "staffmember_id", "project_id"
        )
    )


def project_members_by_year(body_ids: set[int]) -> dict[int, int]:
    """The bodies' staff by the fiscal year of the first improvement project they were a
    member of (袋井市's BPR workshop, one project a year: 24 a year, 96 over R2–R5)."""
    firsts = (
        Project.members.through.objects.filter(project__body_id__in=body_ids)
        .values("staffmember_id")
        .annotate(first=Min("project__fiscal_year"))
        .order_by()
    )
    return dict(Counter(row["first"] for row in firsts))


def project_ids_with_adopted_proposals(project_ids: set[int]) -> set[int]:
    return set(
        Proposal.unscoped.filter(
            project_id__in=project_ids, decision__in=["adopted", "conditional"]
        ).values_list("project_id", flat=True)
    )
