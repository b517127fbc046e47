"""Joint contracts (大阪府): the participants' shares add up to the total, to the yen."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.sharing import selectors, services


def _contract(cast, rule="equal", total=1_000_001, **extra):
    return services.joint_contract_create(
        actor=None,
        body=cast.bodies["P"],
        name="DXアドバイザー共同契約",
        fiscal_year=2026,
        total_cost=total,
        split_rule=rule,
        participants=[cast.bodies["A"], cast.bodies["B"]],
        **extra,
    )


def _amounts(contract):
    return {line.body.name: line.amount for line in selectors.contract_split(contract)}


def test_equal_split_gives_the_odd_yen_to_the_earlier_code(cast):
    assert _amounts(_contract(cast)) == {"甲市": 500_001, "乙町": 500_000}


def test_usage_split_by_hours_of_support(cast):
    contract = _contract(cast, rule="usage")
    services.contract_usage_set(
        actor=None, contract=contract, participant=cast.bodies["A"], hours=Decimal(3)
    )
    services.contract_usage_set(
        actor=None, contract=contract, participant=cast.bodies["B"], hours=Decimal(1)
    )
    # 1,000,001 × 3/4 = 750,000.75 and × 1/4 = 250,000.25: the yen left goes to the larger remainder.
    assert _amounts(contract) == {"甲市": 750_001, "乙町": 250_000}


def test_base_plus_usage_adds_up_exactly(cast):
    contract = _contract(cast, rule="base_plus_usage", total=999_999, base_percent=30)
    services.contract_usage_set(
        actor=None, contract=contract, participant=cast.bodies["A"], hours=Decimal(1)
    )
    services.contract_usage_set(
        actor=None, contract=contract, participant=cast.bodies["B"], hours=Decimal(2)
    )
    amounts = _amounts(contract)
    assert sum(amounts.values()) == 999_999
    # 30% equally (149,999.85 each) + 70% by usage (233,333.1 and 466,666.2).
    assert amounts == {"甲市": 383_333, "乙町": 616_666}


def test_bad_input(cast):
    with pytest.raises(ValidationError, match="人口割には"):
        _contract(cast, rule="population")
    with pytest.raises(ValidationError, match="連携協議会の団体"):
        services.joint_contract_create(
            actor=None,
            body=cast.bodies["P"],
            name="x",
            fiscal_year=2026,
            total_cost=1,
            split_rule="equal",
            participants=[cast.bodies["F"]],
        )


def test_participants_see_the_split_others_do_not(cast, client_as):
    contract = _contract(cast)
    url = reverse("contract_detail", args=[cast.bodies["B"].code, contract.pk])
    page = client_as("B.staff").get(url)
    assert page.status_code == 200 and "500,000円" in page.content.decode()
    export = client_as("B.hr").get(url, {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0] == "団体コード,団体,人口,支援を受けた時間,負担額（円）"
    assert (
        client_as("F.admin")
        .get(reverse("contract_detail", args=[cast.bodies["F"].code, contract.pk]))
        .status_code
        == 404
    )
    # Only the contracting body enters usage.
    usage = reverse("contract_usage", args=[cast.bodies["B"].code, contract.pk])
    assert (
        client_as("B.hr")
        .post(usage, {"participant": cast.bodies["B"].pk, "hours": "5"})
        .status_code
        == 403
    )


def test_activity_hours_are_the_usage_the_cost_is_split_by(cast, client_as):
    from datetime import date

    contract = _contract(cast, rule="usage")
    services.contract_usage_set(
        actor=None, contract=contract, participant=cast.bodies["A"], hours=Decimal(50)
    )
    today = date(2026, 11, 26)
    for host, hours in (("A", "3"), ("B", "1")):
        services.adviser_activity_record(
            actor=None,
            contract=contract,
            host=cast.bodies[host],
            kind="hands_on",
            day=date(2026, 10, 1),
            hours=Decimal(hours),
            participants=12,
            today=today,
        )
    # Recorded activities replace the hours entered by hand.
    assert _amounts(contract) == {"甲市": 750_001, "乙町": 250_000}
    with pytest.raises(ValidationError, match="参加団体から"):
        services.adviser_activity_record(
            actor=None,
            contract=contract,
            host=cast.bodies["F"],
            kind="other",
            day=today,
            hours=Decimal(1),
            today=today,
        )
    with pytest.raises(ValidationError, match="24以下"):
        services.adviser_activity_record(
            actor=None,
            contract=contract,
            host=cast.bodies["A"],
            kind="other",
            day=today,
            hours=Decimal(25),
            today=today,
        )
    report = client_as("B.staff").get(
        reverse("activity_list", args=[cast.bodies["B"].code]), {"fiscal_year": 2026}
    )
    rows = report.context["report"]
    assert [(r.host.name, r.kind_label, r.count, r.hours) for r in rows] == [
        ("乙町", "ハンズオン（AI議事録・遠隔窓口・窓口支援など）", 1, Decimal("1.0"))
    ]
