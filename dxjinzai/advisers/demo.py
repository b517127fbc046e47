"""三宅町's advisers (CASES.md case 5), on the standalone demo town: a partner firm under a
comprehensive agreement; the DX adviser's first term with its 7 meetings, 84 issues and 173
ideas (the seed's 第1弾成果), renewed and now near its end; 業務効率化 (documents), converted
to a contract; EBPM, 人事・採用戦略 and 広報戦略 advisers. No random draw: the same town
gets the same board on every build. Adviser and firm names are fictitious."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from dxjinzai.advisers import rules, services
from dxjinzai.advisers.models import AdviserTerm, Idea, IdeaStatus, Issue, Partnership
from dxjinzai.core.roles import Role
from dxjinzai.organizations.models import Body, Department, StaffMember
from dxjinzai.organizations.services import external_account_create

# The seed: 「DXアドバイザーとの7回のミーティング … 84個の課題と173個の解決アイデアを創出」.
FIRST_TERM_MEETINGS = 7
FIRST_TERM_ISSUES = 84
FIRST_TERM_IDEAS = 173

_PLACES = [
    "窓口",
    "電話対応",
    "庁内会議",
    "文書の保管",
    "申請の受付",
    "庁内の連絡",
    "施設の予約",
    "広報",
    "支払の事務",
    "勤怠の管理",
    "議会の資料",
    "住民への通知",
]
_PROBLEMS = [
    "紙の書類が多い",
    "同じ内容を何度も転記している",
    "担当者しか手順を知らない",
    "探すのに時間がかかる",
    "確認の押印が多い",
    "問い合わせが特定の時期に集中する",
    "様式が課ごとに違う",
]
_SOLUTIONS = [
    "オンラインの申請フォームにする",
    "共有フォルダの置き場所と名前の規則を決める",
    "手順書を作って全員で見直す",
    "よくある質問をホームページに載せる",
    "チャットで連絡し、回覧をやめる",
    "表計算の様式を一つにそろえる",
    "押印を廃止し、決裁を電子で回す",
]
# How the town decided the first term's ideas, by their order (a fixed pattern of 10).
_DECISIONS = [
    IdeaStatus.DONE,
    IdeaStatus.ADOPTED,
    IdeaStatus.CONSIDERING,
    IdeaStatus.DROPPED,
    IdeaStatus.DONE,
    IdeaStatus.PROPOSED,
    IdeaStatus.ADOPTED,
    IdeaStatus.DONE,
    IdeaStatus.CONSIDERING,
    IdeaStatus.DROPPED,
]


def build_advisers_demo(
    *, body: Body, staff: list[StaffMember], password: str, today: date
) -> list[tuple[str, str]]:
    """The town's advisers; returns the adviser's demo account (username, what it is)."""
    partnership = services.partnership_save(
        actor=None,
        body=body,
        partner="複業人材マッチング株式会社（架空）",
        concluded_on=date(2021, 8, 1),
        scope="まちづくり包括連携協定：複業人材の紹介、プロジェクトの進め方の助言",
    )
    adviser = external_account_create(
        actor=None,
        body=body,
        username="miyake-adviser",
        password=password,
        full_name="小野 真司",
        role=Role.ADVISER,
    )
    departments = list(Department.unscoped.filter(body=body).order_by("code"))
    digital = staff[2].department  # the demo head's unit
    assert digital is not None, "the demo head sits in the digital unit"
    first = _dx_first_term(body, partnership, adviser, departments, digital, today)
    _dx_second_term(first, today)
    _other_advisers(body, partnership, today)
    return [("miyake-adviser", f"{body.name} 外部アドバイザー（DXアドバイザー 小野 真司）")]


def _term(body: Body, partnership: Partnership, starts_on: date, **fields: Any) -> AdviserTerm:
    return services.term_save(
        actor=None,
        body=body,
        partnership=partnership,
        starts_on=starts_on,
        ends_on=rules.default_term_end(starts_on),
        **fields,
    )


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=17)))


def _dx_first_term(
    body: Body,
    partnership: Partnership,
    adviser: Any,
    departments: list[Department],
    digital: Department,
    today: date,
) -> AdviserTerm:
    """The first DX term, about a year and a half ago: seven meetings of twelve issues each,
    two ideas an issue and a third for five of them (84 issues, 173 ideas)."""
    starts_on = today - timedelta(days=540)
    term = _term(
        body,
        partnership,
        starts_on,
        title="DXアドバイザー",
        theme="dx",
        adviser_name="小野 真司",
        adviser=adviser,
        fee=480_000,
    )
    per_meeting = FIRST_TERM_ISSUES // FIRST_TERM_MEETINGS
    for m in range(FIRST_TERM_MEETINGS):
        services.meeting_save(
            actor=None,
            term=term,
            held_on=starts_on + timedelta(days=7 + 16 * m),
            attendees="小野 真司、政策推進課、各課の若手職員",
            minutes=f"第{m + 1}回：業務の困りごとの洗い出しと解決の案出し（DX講座と合わせて実施）",
            issue_lines=[_issue_title(m * per_meeting + k) for k in range(per_meeting)],
        )
    _ideas_for(term, departments, digital)
    _report(
        term, "7回のミーティングとDX講座を通じて、課題84件と解決アイデア173件を出しました。", today
    )
    return term


def _issue_title(n: int) -> str:
    return f"{_PLACES[n % len(_PLACES)]}：{_PROBLEMS[n % len(_PROBLEMS)]}"


def _ideas_for(term: AdviserTerm, departments: list[Department], digital: Department) -> None:
    """Two ideas an issue, three for the first five (2 × 84 + 5 = 173), in the meeting that
    raised the issue; the town's decisions and owners follow the ideas' order."""
    with_three = FIRST_TERM_IDEAS - 2 * FIRST_TERM_ISSUES
    order = 0
    issues = Issue.unscoped.filter(term=term).select_related("meeting").order_by("pk")
    for i, issue in enumerate(issues):
        for _ in range(3 if i < with_three else 2):
            idea = services.idea_save(
                actor=None,
                term=term,
                title=_SOLUTIONS[order % len(_SOLUTIONS)],
                issues=[issue],
                meeting=issue.meeting,
                owner_department=digital
                if order % 4 == 0
                else departments[order % len(departments)],
            )
            _decide(idea, _DECISIONS[order % len(_DECISIONS)])
            order += 1


def _decide(idea: Idea, status: IdeaStatus) -> None:
    """Walk the idea to its state the way the town would (each step audited)."""
    path = {
        IdeaStatus.PROPOSED: [],
        IdeaStatus.CONSIDERING: [IdeaStatus.CONSIDERING],
        IdeaStatus.ADOPTED: [IdeaStatus.CONSIDERING, IdeaStatus.ADOPTED],
        IdeaStatus.DONE: [IdeaStatus.CONSIDERING, IdeaStatus.ADOPTED, IdeaStatus.DONE],
        IdeaStatus.DROPPED: [IdeaStatus.CONSIDERING, IdeaStatus.DROPPED],
    }[status]
    for step in path:
        services.idea_move(actor=None, idea=idea, status=step)


def _report(term: AdviserTerm, text: str, today: date, *, accept: bool = True) -> None:
    report = services.report_file(actor=None, term=term, text=text, now=_at(term.ends_on))
    if accept:
        services.report_accept(
            actor=None, report=report, today=min(today, term.ends_on + timedelta(days=14))
        )


def _dx_second_term(first: AdviserTerm, today: date) -> None:
    """The first term renewed back to back until one that ends in ten days: the officer is
    told to decide, the adviser to file the report."""
    term = first
    while term.ends_on < today + timedelta(days=10):
        starts_on, ends_on = rules.renewal_dates(term.ends_on)
        if ends_on >= today + timedelta(days=10):
            ends_on = today + timedelta(days=10)
        term = services.term_renew(
            actor=None, term=term, starts_on=starts_on, ends_on=ends_on, fee=480_000
        )
        if term.ends_on < today:
            _report(term, "前期の取組を各課に広げました。", today)
    meeting = services.meeting_save(
        actor=None,
        term=term,
        held_on=term.starts_on + timedelta(days=10),
        attendees="小野 真司、政策推進課",
        minutes="採用したアイデアの進み具合の確認",
        issue_lines=["電子決裁の操作に慣れない職員がいる"],
    )
    issue = Issue.unscoped.get(meeting=meeting)
    services.idea_save(
        actor=None, term=term, title="課ごとに操作の相談役を決める", issues=[issue], meeting=meeting
    )


def _other_advisers(body: Body, partnership: Partnership, today: date) -> None:
    """The other themes of the seed; the documents adviser moved on to a contract."""
    records = _term(
        body,
        partnership,
        today - timedelta(days=420),
        title="業務効率化アドバイザー（文書保管・整理）",
        theme="records",
        adviser_name="森 由紀",
        fee=400_000,
    )
    services.meeting_save(
        actor=None,
        term=records,
        held_on=records.starts_on + timedelta(days=20),
        attendees="森 由紀、総務課",
        minutes="書庫の現状確認。穴あけ式のファイルから個別フォルダへの移し替えを試す。",
        issue_lines=[
            "どこに何の書類があるか担当者しか分からない",
            "保存年限と処分時期が分からない",
        ],
    )
    _report(
        records,
        "個別フォルダへの移し替えと、約500行の一覧（エクセル）を作りました。新しい文書管理システムの導入の前さばきになります。",
        today,
        accept=False,
    )
    services.contract_save(
        actor=None,
        term=records,
        subject="文書管理システム導入に向けた文書の整理の支援",
        amount=1_320_000,
        starts_on=records.ends_on + timedelta(days=1),
        ends_on=records.ends_on + timedelta(days=180),
    )
    for days_ago, title, theme, name in (
        (300, "EBPMアドバイザー", "ebpm", "藤田 健"),
        (200, "人事・採用戦略アドバイザー", "hr_strategy", "石井 彩"),
    ):
        term = _term(
            body,
            partnership,
            today - timedelta(days=days_ago),
            title=title,
            theme=theme,
            adviser_name=name,
            fee=400_000,
        )
        _report(term, f"{title}として4か月の取組をまとめました。", today)
    _term(
        body,
        partnership,
        today - timedelta(days=30),
        title="広報戦略アドバイザー",
        theme="public_relations",
        adviser_name="岡本 美咲",
        fee=400_000,
    )
