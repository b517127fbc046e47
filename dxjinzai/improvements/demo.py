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


# The issues each period's BPR workshops found; proposal n answers the issues listed for it.
ISSUES = [
    "転入の手続で、同じことを何枚もの用紙に書いてもらっている",
    "窓口の待ち時間が繁忙期に1時間を超える",
    "出張旅費の精算書を紙で回し、押印に日数がかかる",
    "会計課が精算書の内容を手で入力し直している",
    "企業からの実証実験の相談が、どの課に行くか決まっていない",
    "庁内の照会・回答がメールと紙に分かれている",
]
ANSWERS = [(0, 1), (2, 3), (4,)]
CURRENT_ISSUES = [
    "会議録の作成に、1回あたり3時間かかっている",
    "施設予約の問い合わせが電話に集中している",
    "補助金の申請書の不備が多く、差し戻しが続く",
    "庁内の照会・回答がメールと紙に分かれている",
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
    issues = services.project_issues_add(actor=None, project=last, titles=ISSUES)
    current_issues = services.project_issues_add(actor=None, project=current, titles=CURRENT_ISSUES)
    for n, (title, current_flow, new_flow, hours, basis) in enumerate(PROPOSALS):
        proposal = services.proposal_save(
            actor=None,
            body=body,
            project=last,
            issues=[issues[i] for i in ANSWERS[n]],
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
            issues=[current_issues[n]],
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


# 袋井市 (CASES.md case 16): the BPR workshop of R2–R5, 24 staff a year, 3 improvements a year
# proposed, reviewed by the executives and adopted (12 over the four years).
FUKUROI_YEARS = (2020, 2021, 2022, 2023)
FUKUROI_COHORT = 24
FUKUROI_ADOPTED_A_YEAR = 3


def build_workshop_demo(*, body: Body, staff: list[StaffMember]) -> None:
    """Each year's workshop as a project of its cohort, with its three adopted proposals."""
    people = staff[4:]
    departments = list(Department.unscoped.filter(body=body, parent__isnull=False).order_by("code"))
    for n, year in enumerate(FUKUROI_YEARS):
        start = n * FUKUROI_COHORT % max(1, len(people))
        cohort = (people[start:] + people[:start])[:FUKUROI_COHORT]
        project = services.project_save(
            actor=None,
            body=body,
            name=f"BPRワークショップ研修（{year}年度）",
            theme="internal",
            fiscal_year=year,
            description="研修で学んだBPRの手法で、所属の業務を見直して提案する",
            partners="",
            member_numbers=[person.number for person in cohort],
        )
        decided = date(year, 12, 10)
        for k in range(FUKUROI_ADOPTED_A_YEAR):
            proposal = services.proposal_save(
                actor=None,
                body=body,
                project=project,
                department=departments[(n * 3 + k) % len(departments)],
                team=f"第{k + 1}班",
                title=f"{year}年度 第{k + 1}班の業務改善",
                summary="ワークショップで見直した業務の流れ",
                current_flow="紙と手作業",
                new_flow="様式の統一と電子化",
                expected_hours_per_year=120,
                expected_basis="年480件 × 15分",
                presented_on=decided - timedelta(days=14),
                audience="市長・副市長・部長",
            )
            services.proposal_decide(
                actor=None,
                proposal=proposal,
                decision="adopted",
                decided_on=decided,
                reviewer="市長（幹部会議）",
                decision_reason="実現できるものから実施",
            )
