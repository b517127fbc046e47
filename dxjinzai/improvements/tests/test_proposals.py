"""Improvement projects and proposals (真岡市, 袋井市): a team given by 職員番号, a proposal
with its flows, the executives' decision that makes it its division's improvement (④ of
福井県's dashboard, and the KPI 「業務改善の件数」), the effect a year later and 横展開."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxjinzai.core.models import AuditEntry
from dxjinzai.dashboards.aggregates import division_scores
from dxjinzai.improvements import rules, selectors, services
from dxjinzai.improvements.models import Improvement, Proposal
from dxjinzai.improvements.testing import build_projects_cast
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.plans import services as plans
from dxjinzai.plans.selectors import target_progress


def test_rules_of_decision_and_effect():
    assert rules.counts_as_improvement("adopted") and rules.counts_as_improvement("conditional")
    assert not rules.counts_as_improvement("rejected")
    assert rules.decision_problem("adopted", None, None) == {
        "decided_on": "審査日を入力してください。"
    }
    assert (
        "発表日以降"
        in rules.decision_problem("adopted", date(2026, 1, 1), date(2026, 2, 1))["decided_on"]
    )
    assert rules.decision_problem("pending", None, None) == {}
    decided = date(2025, 10, 1)
    assert not rules.effect_due(decided, date(2026, 9, 30))
    assert rules.effect_due(decided, date(2026, 10, 1))
    assert "implementation" in rules.effect_problem(
        decision="rejected",
        implementation="done",
        measured_hours=None,
        measured_on=None,
        decided_on=decided,
    )
    assert "measured_on" in rules.effect_problem(
        decision="adopted",
        implementation="done",
        measured_hours=500,
        measured_on=date(2025, 9, 1),
        decided_on=decided,
    )


def test_the_team_is_given_by_staff_numbers_of_the_body(cast):
    made = build_projects_cast(cast)
    assert {m.number for m in made["project"].members.all()} == {"00004", "00006"}
    with pytest.raises(ValidationError) as error:
        services.project_save(
            actor=None,
            body=cast.bodies["A"],
            project=made["project"],
            member_numbers=["00004", "99999"],
        )
    assert "99999" in str(error.value)


def test_a_disguised_flow_file_is_refused(cast):
    made = build_projects_cast(cast)
    proposal = made["proposal"]
    with pytest.raises(ValidationError) as error:
        services.proposal_save(
            actor=None,
            body=proposal.body,
            proposal=proposal,
            department=proposal.department,
            new_flow_file=SimpleUploadedFile("新しい流れ.pdf", b"MZ not a pdf"),
        )
    assert "new_flow_file" in error.value.message_dict


def _decide(proposal, decision, day):
    return services.proposal_decide(
        actor=None,
        proposal=proposal,
        decision=decision,
        decided_on=day,
        reviewer="市長（幹部会議）",
        decision_reason="",
    )


def test_adoption_makes_the_divisions_improvement_and_moves_the_kpi(cast):
    made = build_projects_cast(cast)
    proposal, body = made["proposal"], cast.bodies["A"]
    day = proposal.presented_on
    year = fiscal_year_of(day)
    target = plans.target_create(
        actor=None,
        body=body,
        name="業務改善の件数",
        metric="improvements",
        yearly_targets={year: 3},
        unit="件",
    )
    before = {line.fiscal_year: line.actual for line in target_progress(target, today=day).lines}
    _decide(proposal, "conditional", day)
    improvement = Improvement.unscoped.get(proposal=proposal)
    assert (improvement.department, improvement.fiscal_year) == (proposal.department, year)
    after = {line.fiscal_year: line.actual for line in target_progress(target, today=day).lines}
    assert after[year] == (before[year] or 0) + 1
    scores = division_scores(
        body, fiscal_year=year, on=day, tiered=[], for_leaders=[], electives=[], leader_class=None
    )
    digital = next(row for row in scores if row.department == proposal.department)
    assert digital.improvements == 1
    # Taken back, it is no longer an improvement; recommended for the award, it stays one.
    _decide(proposal, "rejected", day)
    assert not Improvement.unscoped.exists()
    _decide(proposal, "adopted", day)
    services.improvement_recommend(
        actor=None, improvement=Proposal.unscoped.get().improvement, note="", today=day
    )
    with pytest.raises(ValidationError, match="表彰に推薦済み"):
        _decide(Proposal.unscoped.get(), "rejected", day)
    assert Proposal.unscoped.get().decision == "adopted"


def test_the_effect_a_year_later_and_the_divisions_that_adopted_it(cast):
    made = build_projects_cast(cast)
    proposal = _decide(made["proposal"], "adopted", made["proposal"].presented_on)
    with pytest.raises(ValidationError) as error:
        services.proposal_effect(
            actor=None,
            proposal=proposal,
            spread_to=[],
            implementation="in_progress",
            measured_hours_per_year=420,
            measured_on=proposal.decided_on + timedelta(days=365),
            measured_basis="",
        )
    assert "measured_hours_per_year" in error.value.message_dict
    services.proposal_effect(
        actor=None,
        proposal=proposal,
        spread_to=[cast.departments["A.general"]],
        implementation="done",
        measured_hours_per_year=420,
        measured_on=proposal.decided_on + timedelta(days=365),
        measured_basis="1年間の処理件数 × 短縮時間（実測）",
        spread_note="乙町が同じ様式を採用",
    )
    proposal.refresh_from_db()
    assert proposal.measured_hours_per_year == 420
    assert list(proposal.spread_to.all()) == [cast.departments["A.general"]]
    with pytest.raises(ValidationError, match="審査の済んだ"):
        services.proposal_delete(actor=None, proposal=proposal)


def test_a_head_files_for_their_own_units_only(cast, client_as):
    made = build_projects_cast(cast)
    code = cast.bodies["A"].code
    head = client_as("A.head")
    form = head.get(reverse("proposal_create", args=[code])).content.decode()
    assert "デジタル推進課" in form and "総務課" not in form
    other = services.proposal_save(
        actor=None,
        body=cast.bodies["A"],
        department=cast.departments["A.general"],
        title="押印の廃止",
        summary="s",
        current_flow="c",
        new_flow="n",
        expected_hours_per_year=10,
        expected_basis="b",
    )
    assert head.get(reverse("proposal_edit", args=[code, other.pk])).status_code == 403
    assert head.get(reverse("proposal_edit", args=[code, made["proposal"].pk])).status_code == 200


def test_the_decision_page_and_the_lists_download(cast, client_as):
    made = build_projects_cast(cast)
    code, proposal = cast.bodies["A"].code, made["proposal"]
    hr = client_as("A.hr")
    response = hr.post(
        reverse("proposal_decide", args=[code, proposal.pk]),
        {
            "decision": "adopted",
            "decided_on": proposal.presented_on.isoformat(),
            "reviewer": "市長",
            "decision_reason": "",
        },
    )
    assert response.status_code == 302
    page = hr.get(reverse("proposal_detail", args=[code, proposal.pk])).content.decode()
    assert "業務改善（④）に数えています" in page
    for name, header in (("project_list", "年度"), ("proposal_list", "提案名")):
        data = hr.get(reverse(name, args=[code]) + "?export=csv")
        text = b"".join(data.streaming_content).decode("utf-8-sig")
        assert text.splitlines()[0].startswith(header), name


def test_dx_certification_asks_for_the_project_and_an_adopted_proposal(cast):
    """真岡市: DX人材認定 of those who did BPR in the project, judged on their activity."""
    from dxjinzai.organizations.access import access_for_user
    from dxjinzai.plans.selectors import candidates

    made = build_projects_cast(cast)
    rule = plans.certification_rule_create(
        actor=None,
        body=cast.bodies["A"],
        name="DX人材認定（BPR実践）",
        requires_project=True,
        requires_adopted_proposal=True,
        needs_evaluation=True,
    )
    admin = access_for_user(cast.users["A.admin"])

    def unmet(key):
        found = candidates(admin, rule, today=made["proposal"].presented_on)
        return next(c.unmet for c in found if c.staff == cast.staff[key])

    assert unmet("A.head") == [
        "改善プロジェクトに参加していない",
        "参加したプロジェクトから採択された提案がない",
    ]
    assert unmet("A.member") == ["参加したプロジェクトから採択された提案がない"]
    _decide(made["proposal"], "adopted", made["proposal"].presented_on)
    assert unmet("A.member") == [] and unmet("A.other") == []


def test_the_persons_record_shows_their_projects_and_adopted_proposals(cast, client_as):
    made = build_projects_cast(cast)
    _decide(made["proposal"], "adopted", made["proposal"].presented_on)
    page = client_as("A.staff").get(reverse("my_page")).content.decode()
    assert "参加した改善プロジェクト" in page
    assert "窓口DXプロジェクト" in page and "転入届のオンライン事前入力" in page
    # Someone outside the team has no such part on their page.
    assert (
        "参加した改善プロジェクト"
        not in client_as("A.head").get(reverse("my_page")).content.decode()
    )


def test_the_team_is_named_to_the_bodys_people_not_to_the_operator(cast, client_as):
    made = build_projects_cast(cast)
    url = reverse("project_detail", args=[cast.bodies["A"].code, made["project"].pk])
    assert "職員 次郎" in client_as("A.staff").get(url).content.decode()
    page = client_as("P.operator").get(url).content.decode()
    assert "職員 次郎" not in page and "チーム（2人" in page


def test_a_proposals_place_on_its_projects_board():
    """提案 → 検討中 → 採用 → 実施済 / 見送り, read from the proposal's own fields."""
    presented = date(2026, 6, 1)
    assert rules.proposal_stage("pending", "not_started", None) == "proposed"
    assert rules.proposal_stage("pending", "not_started", presented) == "considering"
    assert rules.proposal_stage("adopted", "in_progress", presented) == "adopted"
    assert rules.proposal_stage("conditional", "not_started", presented) == "adopted"
    assert rules.proposal_stage("adopted", "done", presented) == "done"
    assert rules.proposal_stage("adopted", "stopped", presented) == "dropped"
    assert rules.proposal_stage("rejected", "not_started", presented) == "dropped"
    assert rules.issue_problem(set(), None) is None
    assert rules.issue_problem({7}, 7) is None
    assert "プロジェクトを選んで" in (rules.issue_problem({7}, None) or "")
    assert "選んだプロジェクトの課題" in (rules.issue_problem({7, 8}, 7) or "")


def test_the_projects_board_counts_its_issues_and_proposals(cast):
    from dxjinzai.organizations.access import access_for_user

    made = build_projects_cast(cast)
    admin = access_for_user(cast.users["A.admin"])
    board = selectors.project_board(admin, made["project"])
    assert (board.issues, board.unanswered, board.proposals) == (2, 1, 1)
    assert dict(board.by_stage) == {"提案": 0, "検討中": 1, "採用": 0, "実施済": 0, "見送り": 0}
    _decide(made["proposal"], "adopted", made["proposal"].presented_on)
    services.project_issues_add(actor=None, project=made["project"], titles=["", "紙の台帳"])
    board = selectors.project_board(admin, made["project"])
    assert (board.issues, board.unanswered) == (3, 2)
    assert dict(board.by_stage)["採用"] == 1 and dict(board.by_stage)["検討中"] == 0


def test_a_proposal_answers_issues_of_its_own_project_only(cast):
    made = build_projects_cast(cast)
    other_project = services.project_save(
        actor=None,
        body=cast.bodies["A"],
        name="内部事務プロジェクト",
        theme="internal",
        fiscal_year=made["project"].fiscal_year,
        member_numbers=[],
    )
    (foreign_issue,) = services.project_issues_add(
        actor=None, project=other_project, titles=["決裁が紙"]
    )
    fields = dict(
        actor=None,
        body=cast.bodies["A"],
        proposal=made["proposal"],
        department=cast.departments["A.digital"],
        title="転入届のオンライン事前入力",
        summary="s",
        current_flow="c",
        new_flow="n",
        expected_hours_per_year=600,
        expected_basis="b",
    )
    with pytest.raises(ValidationError, match="選んだプロジェクトの課題"):
        services.proposal_save(project=made["project"], issues=[foreign_issue], **fields)
    services.proposal_save(
        project=made["project"], issues=[made["issue"], made["other_issue"]], **fields
    )
    assert set(made["proposal"].issues.all()) == {made["issue"], made["other_issue"]}
    entry = AuditEntry.unscoped.filter(target_id=str(made["proposal"].pk)).latest("pk")
    assert entry.changes["issues"] == [
        "転入届の記入が多い",
        "転入届の記入が多い、窓口の待ち時間が長い",
    ]


def test_the_dx_division_keeps_the_board_and_the_milestones(cast, client_as):
    made = build_projects_cast(cast)
    code, project = cast.bodies["A"].code, made["project"]
    hr = client_as("A.hr")
    response = hr.post(
        reverse("project_issues_add", args=[code, project.pk]),
        {"titles": "押印が多い\n\n  照会が紙で回る  \n"},
    )
    assert response.status_code == 302
    assert list(project.issues.values_list("title", flat=True)) == [
        "転入届の記入が多い",
        "窓口の待ち時間が長い",
        "押印が多い",
        "照会が紙で回る",
    ]
    page = hr.get(reverse("project_detail", args=[code, project.pk])).content.decode()
    assert "課題 <strong>4</strong>件" in page and "提案のない課題 <strong>3</strong>件" in page
    issue = made["other_issue"]
    hr.post(
        reverse("project_issue_edit", args=[code, issue.pk]),
        {"title": "窓口の待ち時間が繁忙期に長い", "detail": "3月・4月"},
    )
    issue.refresh_from_db()
    assert (issue.title, issue.detail) == ("窓口の待ち時間が繁忙期に長い", "3月・4月")
    export = hr.get(reverse("project_issues", args=[code, project.pk]) + "?export=csv")
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0] == "No.,課題,詳しく,解決する提案"
    assert rows[1] == "1,転入届の記入が多い,,転入届のオンライン事前入力"
    hr.post(reverse("project_issue_delete", args=[code, made["issue"].pk]))
    assert not project.issues.filter(pk=made["issue"].pk).exists()
    assert made["proposal"].issues.count() == 0
    milestone = made["milestone"]
    hr.post(
        reverse("milestone_edit", args=[code, milestone.pk]),
        {"title": "市長への発表", "due_on": "2026-12-24"},
    )
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("市長への発表", date(2026, 12, 24))
    hr.post(reverse("milestone_delete", args=[code, milestone.pk]))
    assert not project.milestones.exists()


def test_the_proposal_form_offers_its_projects_issues(cast, client_as):
    made = build_projects_cast(cast)
    code, project = cast.bodies["A"].code, made["project"]
    hr = client_as("A.hr")
    with_project = hr.get(reverse("proposal_create", args=[code]) + f"?project={project.pk}")
    assert "窓口の待ち時間が長い" in with_project.content.decode()
    without = hr.get(reverse("proposal_create", args=[code])).content.decode()
    assert "窓口の待ち時間が長い" not in without
