"""Pages of improvement projects and proposals (真岡市, 袋井市): the DX division runs the
projects and records the executives' decisions; a division (its head, or HR) files its
proposals and their effect; every member of the body reads them. An adopted proposal is
its division's improvement (④)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, Perm, requires
from dxjinzai.core.exports import Column
from dxjinzai.core.forms import form_errors_text, initial_of, save_with_service
from dxjinzai.core.listing import list_response
from dxjinzai.core.pages import confirm_delete, form_page, posted
from dxjinzai.core.selectors import record_history
from dxjinzai.improvements import rules, selectors, services
from dxjinzai.improvements.forms import (
    DecisionForm,
    EffectForm,
    MilestoneForm,
    ProjectForm,
    ProjectIssueForm,
    ProjectIssuesForm,
    ProposalForm,
)
from dxjinzai.improvements.models import Project, Proposal, ProposalDecision, ProposalStage
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.selectors import department_list

PROJECT_COLUMNS = [
    Column("年度", lambda p: p.fiscal_year),
    Column("プロジェクト名", lambda p: p.name),
    Column("テーマ", lambda p: p.get_theme_display()),
    Column("チームの人数", lambda p: p.member_count),
    Column("外部の参加者", lambda p: p.partners),
    Column("提案の数", lambda p: p.proposal_count),
]

PROPOSAL_COLUMNS = [
    Column("提案名", lambda p: p.title),
    Column("提案した所属", lambda p: p.department.name),
    Column("チーム", lambda p: p.team),
    Column("プロジェクト", lambda p: p.project.name if p.project else ""),
    Column("見込みの削減時間（時間／年）", lambda p: p.expected_hours_per_year),
    Column("見込みの根拠", lambda p: p.expected_basis),
    Column("発表日", lambda p: p.presented_on),
    Column("審査の結果", lambda p: p.get_decision_display()),
    Column("審査日", lambda p: p.decided_on),
    Column("審査した人", lambda p: p.reviewer),
    Column("実施の状況", lambda p: p.get_implementation_display()),
    Column("実績の削減時間（時間／年）", lambda p: p.measured_hours_per_year),
    Column("横展開した所属", lambda p: "、".join(d.name for d in p.spread_to.all())),
    Column("他団体への横展開", lambda p: p.spread_note),
]


# --- Projects ------------------------------------------------------------------------------


@requires(Perm.VIEW_BODY)
def project_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    year = request.GET.get("fiscal_year", "")
    return list_response(
        request,
        template="improvements/project_list.html",
        rows=selectors.project_list(
            request.access, body, fiscal_year=int(year) if year.isdigit() else None
        ),
        columns=PROJECT_COLUMNS,
        export_basename=f"改善プロジェクト_{body.name}",
        body=body,
        context={
            "body": body,
            "fiscal_year": year,
            "can_manage": request.access.can(Perm.MANAGE_TALENT, body.pk),
        },
    )


def _project_page(request: AccessRequest, body: Body, project: Project | None) -> HttpResponse:
    initial: dict[str, Any] = {"fiscal_year": fiscal_year_of(clock.today())}
    if project is not None:
        team = selectors.project_team(request.access, project)
        numbers = [m.number for m in team] if team is not None else []
        initial = initial_of(ProjectForm, project) | {"member_numbers": "\n".join(numbers)}
    form = ProjectForm(posted(request), initial=initial)
    made: list[Project] = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(
            services.project_save(actor=request.user, body=body, project=project, **data)
        ),
    ):
        messages.success(request, f"プロジェクト「{made[0].name}」を保存しました。")
        return redirect("project_detail", body_key=body.url_key, pk=made[0].pk)
    return form_page(
        request,
        form,
        body=body,
        title="改善プロジェクトの登録" if project is None else f"プロジェクトの修正：{project}",
        back=reverse("project_list", args=[body.url_key]),
        history=record_history(project) if project else None,
    )


@requires(Perm.MANAGE_TALENT)
def project_create(request: AccessRequest, body: Body) -> HttpResponse:
    return _project_page(request, body, None)


@requires(Perm.MANAGE_TALENT)
def project_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    return _project_page(request, body, selectors.project_get(request.access, body, pk))


@requires(Perm.VIEW_BODY)
def project_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    project = selectors.project_get(access, body, pk)
    return render(
        request,
        "improvements/project_detail.html",
        {
            "body": body,
            "project": project,
            "team": selectors.project_team(access, project),
            "milestones": selectors.milestone_list(access, project),
            "proposals": _with_stages(selectors.proposal_list(access, body, project=project)),
            "board": selectors.project_board(access, project),
            "can_manage": access.can(Perm.MANAGE_TALENT, body.pk),
            "can_propose": access.can(Perm.REPORT_IMPROVEMENT, body.pk),
            "milestone_form": MilestoneForm(),
            "issues_form": ProjectIssuesForm(),
        },
    )


def _with_stages(proposals: Any) -> list[tuple[Proposal, str]]:
    """The proposals, each with its place on the project's board (提案 … 見送り)."""
    return [
        (p, ProposalStage(rules.proposal_stage(p.decision, p.implementation, p.presented_on)).label)
        for p in proposals
    ]


def _numbered(issues: Any) -> list[tuple[int, Any]]:
    """The issues with their No. on the project's board (the order they were raised)."""
    return list(enumerate(issues, start=1))


ISSUE_COLUMNS = [
    Column("No.", lambda row: row[0]),
    Column("課題", lambda row: row[1].title),
    Column("詳しく", lambda row: row[1].detail),
    Column("解決する提案", lambda row: "、".join(p.title for p in row[1].proposals.all())),
]


@requires(Perm.VIEW_BODY)
def project_issues(request: AccessRequest, body: Body, pk: int) -> HttpResponseBase:
    """The project's issues as a list to download (the board itself is on the project's
    page)."""
    project = selectors.project_get(request.access, body, pk)
    return list_response(
        request,
        template="improvements/project_issues.html",
        rows=_numbered(selectors.project_issue_list(request.access, project)),
        columns=ISSUE_COLUMNS,
        export_basename=f"課題_{project.name}",
        body=body,
        context={
            "body": body,
            "project": project,
            "can_manage": request.access.can(Perm.MANAGE_TALENT, body.pk),
        },
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def project_issues_add(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    project = selectors.project_get(request.access, body, pk)
    form = ProjectIssuesForm(request.POST)
    made: list[Any] = []
    if save_with_service(
        form,
        lambda data: made.extend(
            services.project_issues_add(actor=request.user, project=project, **data)
        ),
    ):
        messages.success(request, f"課題を{len(made)}件登録しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("project_detail", body_key=body.url_key, pk=project.pk)


def _part_edit(
    request: AccessRequest,
    body: Body,
    record: Any,
    form: Any,
    save: Callable[[dict], object],
    *,
    name: str,
) -> HttpResponse:
    """The correction page of a part of a project (an issue, a milestone): back to the
    project's page once saved."""
    project_page = reverse("project_detail", args=[body.url_key, record.project_id])
    if request.method == "POST" and save_with_service(form, save):
        messages.success(request, f"{name}を修正しました。")
        return redirect(project_page)
    return form_page(
        request,
        form,
        body=body,
        title=f"{name}の修正",
        back=project_page,
        history=record_history(record),
    )


def _part_delete(
    request: AccessRequest, body: Body, record: Any, delete: Callable[[], object], *, what: str
) -> HttpResponse:
    project_page = reverse("project_detail", args=[body.url_key, record.project_id])
    return confirm_delete(
        request, body=body, what=what, delete=delete, back=project_page, done=project_page
    )


@requires(Perm.MANAGE_TALENT)
def project_issue_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    issue = selectors.project_issue_get(request.access, body, pk)
    form = ProjectIssueForm(posted(request), initial=initial_of(ProjectIssueForm, issue))
    return _part_edit(
        request,
        body,
        issue,
        form,
        lambda data: services.project_issue_update(actor=request.user, issue=issue, **data),
        name=f"課題「{issue.title}」",
    )


@requires(Perm.MANAGE_TALENT)
def project_issue_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    issue = selectors.project_issue_get(request.access, body, pk)
    return _part_delete(
        request,
        body,
        issue,
        lambda: services.project_issue_delete(actor=request.user, issue=issue),
        what=f"課題「{issue.title}」（この課題を選んだ提案は残ります）",
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def milestone_add(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    project = selectors.project_get(request.access, body, pk)
    form = MilestoneForm(request.POST)
    if save_with_service(
        form, lambda data: services.milestone_add(actor=request.user, project=project, **data)
    ):
        messages.success(request, "節目を追加しました。")
    else:
        messages.error(request, form_errors_text(form))
    return redirect("project_detail", body_key=body.url_key, pk=project.pk)


@requires(Perm.MANAGE_TALENT)
def milestone_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    milestone = selectors.milestone_get(request.access, body, pk)
    form = MilestoneForm(
        posted(request), initial={"title": milestone.title, "due_on": milestone.due_on}
    )
    return _part_edit(
        request,
        body,
        milestone,
        form,
        lambda data: services.milestone_update(actor=request.user, milestone=milestone, **data),
        name=f"節目「{milestone.title}」",
    )


@requires(Perm.MANAGE_TALENT)
def milestone_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    milestone = selectors.milestone_get(request.access, body, pk)
    return _part_delete(
        request,
        body,
        milestone,
        lambda: services.milestone_delete(actor=request.user, milestone=milestone),
        what=f"節目「{milestone.title}」",
    )


@require_POST
@requires(Perm.MANAGE_TALENT)
def milestone_done(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    milestone = selectors.milestone_get(request.access, body, pk)
    services.milestone_done(actor=request.user, milestone=milestone, today=clock.today())
    messages.success(request, f"節目「{milestone.title}」を更新しました。")
    return redirect("project_detail", body_key=body.url_key, pk=milestone.project_id)


# --- Proposals -------------------------------------------------------------------------------


@requires(Perm.VIEW_BODY)
def proposal_list(request: AccessRequest, body: Body) -> HttpResponseBase:
    decision = request.GET.get("decision", "")
    return list_response(
        request,
        template="improvements/proposal_list.html",
        rows=selectors.proposal_list(request.access, body, decision=decision),
        columns=PROPOSAL_COLUMNS,
        export_basename=f"改善提案_{body.name}",
        body=body,
        context={
            "body": body,
            "decision": decision,
            "decisions": ProposalDecision.choices,
            "can_propose": request.access.can(Perm.REPORT_IMPROVEMENT, body.pk),
        },
    )


def _proposal_form(
    request: AccessRequest, body: Body, project_id: Any, **kwargs: Any
) -> ProposalForm:
    access = request.access
    if request.method == "POST":
        project_id = request.POST.get("project")
    return ProposalForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        departments=selectors.reporting_departments(access, body, today=clock.today()),
        projects=selectors.project_list(access, body),
        issues=selectors.issue_choices(access, body, project_id),
        **kwargs,
    )


@requires(Perm.REPORT_IMPROVEMENT)
def proposal_create(request: AccessRequest, body: Body) -> HttpResponse:
    project_id = request.GET.get("project")
    form = _proposal_form(request, body, project_id, initial={"project": project_id})
    made: list[Proposal] = []
    if request.method == "POST" and save_with_service(
        form,
        lambda data: made.append(services.proposal_save(actor=request.user, body=body, **data)),
    ):
        messages.success(request, f"提案「{made[0].title}」を登録しました。")
        return redirect("proposal_detail", body_key=body.url_key, pk=made[0].pk)
    return form_page(
        request,
        form,
        body=body,
        title="改善提案の登録",
        back=reverse("proposal_list", args=[body.url_key]),
        multipart=True,
    )


@requires(Perm.REPORT_IMPROVEMENT)
def proposal_edit(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    proposal = selectors.reportable_proposal_get(request.access, body, pk, today=clock.today())
    form = _proposal_form(
        request, body, proposal.project_id, initial=initial_of(ProposalForm, proposal)
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.proposal_save(
            actor=request.user, body=body, proposal=proposal, **data
        ),
    ):
        messages.success(request, f"提案「{proposal.title}」を修正しました。")
        return redirect("proposal_detail", body_key=body.url_key, pk=proposal.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"提案の修正：{proposal.title}",
        back=reverse("proposal_detail", args=[body.url_key, proposal.pk]),
        multipart=True,
        history=record_history(proposal),
    )


@requires(Perm.REPORT_IMPROVEMENT)
def proposal_delete(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    proposal = selectors.reportable_proposal_get(request.access, body, pk, today=clock.today())
    return confirm_delete(
        request,
        body=body,
        what=f"改善提案「{proposal.title}」",
        delete=lambda: services.proposal_delete(actor=request.user, proposal=proposal),
        back=reverse("proposal_detail", args=[body.url_key, proposal.pk]),
        done=reverse("proposal_list", args=[body.url_key]),
    )


@requires(Perm.VIEW_BODY)
def proposal_detail(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    access = request.access
    today = clock.today()
    proposal = selectors.proposal_get(access, body, pk)
    return render(
        request,
        "improvements/proposal_detail.html",
        {
            "body": body,
            "proposal": proposal,
            "can_decide": access.can(Perm.MANAGE_TALENT, body.pk),
            "can_report": proposal.department_id
            in selectors.reporting_department_ids(access, body, today=today),
            "counts": rules.counts_as_improvement(proposal.decision),
            "effect_due": rules.effect_due(proposal.decided_on, today),
        },
    )


@requires(Perm.MANAGE_TALENT)
def proposal_decide(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    """The executives' decision, recorded by the DX division."""
    proposal = selectors.proposal_get(request.access, body, pk)
    initial = initial_of(DecisionForm, proposal)
    initial["decided_on"] = initial["decided_on"] or clock.today()
    form = DecisionForm(posted(request), initial=initial)
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.proposal_decide(actor=request.user, proposal=proposal, **data),
    ):
        messages.success(
            request, f"提案「{proposal.title}」を「{proposal.get_decision_display()}」としました。"
        )
        return redirect("proposal_detail", body_key=body.url_key, pk=proposal.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"審査の結果：{proposal.title}",
        back=reverse("proposal_detail", args=[body.url_key, proposal.pk]),
        lead="採択（条件付を含む）した提案は、審査日の年度の、提案した所属の業務改善（ダッシュボードの④）になります。",
        history=record_history(proposal),
    )


@requires(Perm.REPORT_IMPROVEMENT)
def proposal_effect(request: AccessRequest, body: Body, pk: int) -> HttpResponse:
    proposal = selectors.reportable_proposal_get(request.access, body, pk, today=clock.today())
    form = EffectForm(
        posted(request),
        departments=department_list(request.access, body, as_of=clock.today()),
        initial=initial_of(EffectForm, proposal),
    )
    if request.method == "POST" and save_with_service(
        form,
        lambda data: services.proposal_effect(actor=request.user, proposal=proposal, **data),
    ):
        messages.success(request, f"提案「{proposal.title}」の実施と効果を記録しました。")
        return redirect("proposal_detail", body_key=body.url_key, pk=proposal.pk)
    return form_page(
        request,
        form,
        body=body,
        title=f"実施と効果：{proposal.title}",
        back=reverse("proposal_detail", args=[body.url_key, proposal.pk]),
        lead="効果は採択から1年ほどたってから、実際の数字で記録します（見込みとは別に残ります）。",
        history=record_history(proposal),
    )


@requires(Perm.VIEW_BODY)
def proposal_file(request: AccessRequest, body: Body, pk: int, which: str) -> FileResponse:
    proposal = selectors.proposal_get(request.access, body, pk)
    field = {"current": proposal.current_flow_file, "new": proposal.new_flow_file}.get(which)
    if not field:
        raise Http404("ファイルはありません。")
    return FileResponse(field.open("rb"), as_attachment=True, filename=Path(field.name).name)
