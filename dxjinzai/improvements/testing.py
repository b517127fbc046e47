"""A project of the test cast's 甲市 with a team from two divisions, a milestone and two
issues on its board, and a proposal answering the first issue, of its digital division presented to the mayor and not yet decided: used by the
access matrix and the app's tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from dxjinzai.core import clock
from dxjinzai.improvements import services
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.testing import Cast


def build_projects_cast(cast: Cast) -> dict[str, Any]:
    today = clock.today()
    body = cast.bodies["A"]
    project = services.project_save(
        actor=None,
        body=body,
        name="窓口DXプロジェクト",
        theme="counter",
        fiscal_year=fiscal_year_of(today),
        description="BPRを学び、窓口の流れを見直す",
        partners="スタートアップ企業",
        member_numbers=[cast.staff["A.member"].number, cast.staff["A.other"].number],
    )
    milestone = services.milestone_add(
        actor=None, project=project, title="幹部への発表", due_on=date(today.year, 12, 20)
    )
    issue, other_issue = services.project_issues_add(
        actor=None,
        project=project,
        titles=["転入届の記入が多い", "窓口の待ち時間が長い"],
    )
    proposal = services.proposal_save(
        actor=None,
        body=body,
        project=project,
        issues=[issue],
        department=cast.departments["A.digital"],
        team="窓口チーム",
        title="転入届のオンライン事前入力",
        summary="来庁前に入力してもらい、窓口の記入を減らす",
        current_flow="来庁 → 用紙に記入 → 職員が入力",
        current_flow_file=SimpleUploadedFile("今の流れ.pdf", b"%PDF-1.4\n%flow\n"),
        new_flow="自宅で入力 → 来庁して確認のみ",
        expected_hours_per_year=600,
        expected_basis="年1,200件 × 30分",
        presented_on=today,
        audience="市長・幹部職員",
    )
    return {
        "project": project,
        "milestone": milestone,
        "proposal": proposal,
        "issue": issue,
        "other_issue": other_issue,
    }
