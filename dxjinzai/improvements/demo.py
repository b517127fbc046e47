"""Improvement projects and proposals on the demo prefecture (真岡市's DX変革プロジェクト,
CASES.md case 9): last year's project with 12 members and this year's with 20, three teams
each; last year's proposals decided (two adopted, one not), one of them measured a year on
and adopted by another division; this year's presented and waiting for the decision. No
random draw, and every date relative to today."""

from __future__ import annotations

from datetime import date, timedelta

from dxjinzai.improvements import services
from dxjinzai.improvements.models import Project
from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_start
from dxjinzai.organizations.models import Body, Department, StaffMember

TEAMS = ("窓口チーム", "内部事務チーム", "外部連携チーム")
THEMES = ("counter", "internal", "external")
PROPOSALS = [
    (
        "転入手続のオンライン事前入力",
        "来庁 → 用紙に記入 → 職員が入力",
        "自宅で入力 → 来庁して確認のみ",
        600,
        "年1,200件 × 30分",
    ),
    (
        "出張旅費の精算の電子化",
        "紙の精算書 → 押印 → 会計課で入力",
        "電子申請 → 電子決裁 → 自動連携",
        900,
        "年3,600件 × 15分",
    ),
    (
        "企業との実証実験の窓口一本化",
        "各課が個別に受付",
        "DX推進室が一括して受付・調整",
        120,
        "年40件 × 3時間",
    ),
]


def build_projects_demo(*, body: Body, staff: list[StaffMember], today: date) -> None:
    year = fiscal_year_of(today)
    people = staff[4:]
    last = _project(body, people[:12], year - 1, "DX変革プロジェクト（第1期）")
    current = _project(body, people[12:32], year, "DX変革プロジェクト（第2期）")
    services.milestone_add(
        actor=None,
        project=current,
        title="BPR研修",
        due_on=fiscal_year_start(year) + timedelta(days=60),
    )
    services.milestone_add(
        actor=None, project=current, title="市長と全職員への発表", due_on=today + timedelta(days=30)
    )
    departments = list(Department.unscoped.filter(body=body, parent__isnull=False).order_by("code"))
    presented = fiscal_year_start(year - 1) + timedelta(days=200)
    for n, (title, current_flow, new_flow, hours, basis) in enumerate(PROPOSALS):
        proposal = services.proposal_save(
            actor=None,
            body=body,
            project=last,
            department=departments[n * 3 % len(departments)],
            team=TEAMS[n],
            title=title,
            summary=f"{TEAMS[n]}の提案",
            current_flow=current_flow,
            new_flow=new_flow,
            expected_hours_per_year=hours,
            expected_basis=basis,
            presented_on=presented,
            audience="市長・幹部職員・全職員（オンライン配信）",
        )
        services.proposal_decide(
            actor=None,
            proposal=proposal,
            decision=("adopted", "conditional", "rejected")[n],
            decided_on=presented + timedelta(days=14),
            reviewer="市長（幹部会議）",
            decision_reason=("", "費用を次年度予算で確保できれば実施", "他の手段で対応済み")[n],
        )
        if n == 0:
            services.proposal_effect(
                actor=None,
                proposal=proposal,
                spread_to=[departments[1 % len(departments)]],
                implementation="done",
                measured_hours_per_year=540,
                measured_on=min(today, presented + timedelta(days=380)),
                measured_basis="1年間の件数 × 1件あたりの短縮時間（実測）",
                spread_note="",
            )
    for n, team in enumerate(TEAMS):
        services.proposal_save(
            actor=None,
            body=body,
            project=current,
            department=departments[(n * 3 + 2) % len(departments)],
            team=team,
            title=f"{team}の提案（第2期）",
            summary="発表の準備中",
            current_flow="（作成中）",
            new_flow="（作成中）",
            expected_hours_per_year=100 * (n + 1),
            expected_basis="試算中",
        )


def _project(body: Body, members: list[StaffMember], year: int, name: str) -> Project:
    return services.project_save(
        actor=None,
        body=body,
        name=name,
        theme="internal",
        fiscal_year=year,
        description="有志の職員がBPRを学び、チームで業務の見直しを提案する",
        partners="地元のスタートアップ企業",
        member_numbers=[person.number for person in members],
    )
