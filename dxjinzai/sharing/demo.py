"""Demo data of talent sharing: two specialists the prefecture hired for the pool, serving
towns half-time with their personnel costs recorded, and a joint adviser contract whose
cost the towns share by the hours of support they received."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_start
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.sharing import services

MONTHLY_COST = {
    "給料": 380_000,
    "手当": 95_000,
    "共済費等": 72_000,
    "旅費": 8_000,
    "退職手当": 45_000,
}


# 愛媛県's five fields; each specialist's terms: (host, share, first month, last month)
# counted from April (0) — one serves two towns at once, one's share changes in October.
Term = tuple[str, str, int, int | None]
SPECIALISTS: list[tuple[list[str], list[Term]]] = [
    (["データ利活用"], [("matsuzaki", "0.5", 0, None)]),
    (["デザイン思考・UI/UX", "広報・マーケティング"], [("kawanehon", "0.5", 0, None)]),
    (["システム・セキュリティ"], [("mishima", "0.5", 0, None), ("matsuzaki", "0.3", 0, None)]),
    (["官民共創"], [("hamamatsu", "0.5", 0, 5), ("hamamatsu", "0.8", 6, None)]),
    (["データ利活用", "システム・セキュリティ"], [("kawanehon", "0.4", 0, None)]),
    (["広報・マーケティング"], [("mishima", "0.5", 2, None)]),
    (["デザイン思考・UI/UX"], [("hamamatsu", "0.5", 0, None)]),
    (["官民共創", "データ利活用"], [("matsuzaki", "0.2", 0, None)]),
]


def _month_start(start: date, months: int) -> date:
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def _month_end(start: date, months: int) -> date:
    return _month_start(start, months + 1) - timedelta(days=1)


def build_sharing_demo(
    *, bodies: dict[str, Body], staff_by_body: dict[str, list[StaffMember]], today: date
) -> None:
    pref = bodies["pref"]
    year = fiscal_year_of(today)
    start = fiscal_year_start(year)
    for index, (fields, terms) in enumerate(SPECIALISTS):
        staff = staff_by_body["pref"][-(index + 1)]
        member = services.pool_member_create(
            actor=None,
            staff=staff,
            display_name=staff.full_name,
            fields=fields,
            profile=f"{'・'.join(fields)}の専門人材",
            joined_on=start,
        )
        for number, (town, share, from_month, to_month) in enumerate(terms, start=1):
            services.assignment_create(
                actor=None,
                member=member,
                host=bodies[town],
                start=_month_start(start, from_month),
                end=_month_end(start, to_month) if to_month else None,
                share=Decimal(share),
                legal_basis="dispatch",
                agreement_number=f"静デ協第{index + 1}-{number}号",
                agreement_date=start,
            )
        month = start
        while month <= today:
            services.monthly_cost_set(
                actor=None, member=member, year=month.year, month=month.month, items=MONTHLY_COST
            )
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    _support_requests(bodies, today)
    contract = services.joint_contract_create(
        actor=None,
        body=pref,
        name="DXアドバイザー業務（共同契約）",
        fiscal_year=year,
        total_cost=6_600_000,
        split_rule="base_plus_usage",
        base_percent=30,
        participants=[bodies[slug] for slug in ("mishima", "matsuzaki", "kawanehon")],
    )
    for host, kind, hours, people in (
        ("mishima", "training", "3", 40),
        ("mishima", "consultation", "1.5", 2),
        ("matsuzaki", "standardisation", "2", 6),
        ("kawanehon", "hands_on", "2.5", 8),
        ("kawanehon", "consultation", "1", 1),
    ):
        services.adviser_activity_record(
            actor=None,
            contract=contract,
            host=bodies[host],
            kind=kind,
            day=max(start, date(today.year, today.month, 1)),
            hours=Decimal(hours),
            participants=people,
            today=today,
        )


def _support_requests(bodies: dict[str, Body], today: date) -> None:
    """Three requests to the support centre: one closed, one under way, one just filed."""
    from dxjinzai.sharing.models import PoolMember

    members = list(PoolMember.unscoped.order_by("pk"))
    filed_on = today - timedelta(days=30)
    for slug, theme, field, member, replies, close in (
        (
            "mishima",
            "窓口の予約をオンライン化したい",
            "デザイン思考・UI/UX",
            members[1],
            ["予約の流れを一緒に整理しましょう。来週の打合せで現状を伺います。"],
            True,
        ),
        (
            "matsuzaki",
            "庁内ネットワークの更新に向けた仕様の確認",
            "システム・セキュリティ",
            members[2],
            ["仕様書の案を拝見しました。分離の方式について確認したい点があります。"],
            False,
        ),
        ("kawanehon", "観光データを施策に活かしたい", "データ利活用", None, [], False),
    ):
        request = services.support_request_file(
            actor=None,
            body=bodies[slug],
            theme=theme,
            field=field,
            urgency="normal",
            desired_from=today,
            desired_until=today + timedelta(days=90),
            detail=f"{theme}。担当者だけでは進め方が分からないため、専門人材の支援をお願いします。",
            today=filed_on if close else today,
        )
        if member is not None:
            services.support_assign(actor=None, request=request, member=member)
        for text in replies:
            services.support_reply(
                actor=None,
                request=request,
                author_label=f"{member.display_name}（専門人材）" if member else "",
                text=text,
            )
        if close:
            services.support_close(actor=None, request=request, today=today)
