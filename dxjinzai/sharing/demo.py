"""Demo data of talent sharing: two specialists the prefecture hired for the pool, serving
towns half-time with their personnel costs recorded, and a joint adviser contract whose
cost the towns share by the hours of support they received."""

from __future__ import annotations

from datetime import date
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


def build_sharing_demo(
    *, bodies: dict[str, Body], staff_by_body: dict[str, list[StaffMember]], today: date
) -> None:
    pref = bodies["pref"]
    year = fiscal_year_of(today)
    start = fiscal_year_start(year)
    specialists = [
        ("データ利活用の専門人材", ["データ利活用"], "matsuzaki"),
        (
            "デザイン思考・UI/UXの専門人材",
            ["デザイン思考・UI/UX", "広報・マーケティング"],
            "kawanehon",
        ),
    ]
    for index, (profile, fields, town) in enumerate(specialists):
        staff = staff_by_body["pref"][-(index + 1)]
        member = services.pool_member_create(
            actor=None,
            staff=staff,
            display_name=staff.full_name,
            fields=fields,
            profile=profile,
            joined_on=start,
        )
        services.assignment_create(
            actor=None,
            member=member,
            host=bodies[town],
            start=start,
            share=Decimal("0.5"),
            legal_basis="dispatch",
            agreement_number=f"静デ協第{index + 1}号",
            agreement_date=start,
        )
        month = start
        while month <= today:
            services.monthly_cost_set(
                actor=None, member=member, year=month.year, month=month.month, items=MONTHLY_COST
            )
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
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
