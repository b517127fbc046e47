"""Correcting the pool: a member's entry is corrected and withdrawn (not deleted: charges
rest on it), and a term's end is moved unless that would change a charge already invoiced."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.models import AuditEntry
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.sharing import services
from dxjinzai.sharing.rules import fiscal_years_changed_by_end

TODAY = date(2026, 11, 26)


@pytest.fixture
def term(cast):
    member = services.pool_member_create(
        actor=None,
        staff=cast.staff["A.other"],
        display_name="共通 四郎",
        fields=["データ利活用"],
        profile="",
        joined_on=date(2025, 4, 1),
    )
    return services.assignment_create(
        actor=None,
        member=member,
        host=cast.bodies["B"],
        start=date(2025, 4, 1),
        share=Decimal("0.5"),
        legal_basis="dispatch",
    )


def test_the_years_a_moved_end_changes():
    # Ending an open term on 2026-09-30 changes FY2026 (from October) and every later year.
    assert fiscal_years_changed_by_end(None, date(2026, 9, 30), fiscal_year_of) == (2026, None)
    # Extending from 2026-03-31 to 2027-06-30 changes FY2026 and FY2027.
    assert fiscal_years_changed_by_end(date(2026, 3, 31), date(2027, 6, 30), fiscal_year_of) == (
        2026,
        2027,
    )
    # Shortening within a year changes only that year.
    assert fiscal_years_changed_by_end(date(2027, 3, 31), date(2026, 12, 31), fiscal_year_of) == (
        2027 - 1,
        2026,
    )


def test_a_term_ends_and_the_member_is_then_withdrawn(cast, term):
    member = term.member
    with pytest.raises(ValidationError, match="配属中の期間があるため登録を外せません"):
        services.pool_member_withdraw(actor=None, member=member, today=TODAY)
    services.assignment_end_set(actor=None, assignment=term, end=date(2026, 9, 30))
    services.pool_member_withdraw(actor=cast.users["A.hr"], member=member, today=TODAY)
    member.refresh_from_db()
    assert member.is_active is False
    entry = AuditEntry.unscoped.filter(
        target_type=term._meta.verbose_name, target_id=str(term.pk)
    ).latest("pk")
    assert entry.changes == {"end": ["", "2026-09-30"]}


def test_an_invoiced_year_is_not_changed_by_moving_the_end(cast, term):
    services.charge_invoice(
        actor=None,
        employer=cast.bodies["A"],
        host=cast.bodies["B"],
        fiscal_year=2025,
        amount=1_000_000,
        on=date(2026, 4, 10),
        today=TODAY,
    )
    # Ending in FY2026 leaves the invoiced FY2025 as it was: allowed.
    services.assignment_end_set(actor=None, assignment=term, end=date(2026, 9, 30))
    # Ending back in FY2025 would change the invoiced year: refused, with the year named.
    with pytest.raises(ValidationError, match="令和7年度の負担金はすでに請求済み"):
        services.assignment_end_set(actor=None, assignment=term, end=date(2025, 12, 31))


def test_the_end_is_moved_and_the_entry_corrected_on_the_pages(cast, term, client_as):
    code = cast.bodies["A"].code
    client = client_as("A.hr")
    client.post(reverse("assignment_end", args=[code, term.pk]), {"end": "2026-12-31"})
    term.refresh_from_db()
    assert term.end == date(2026, 12, 31)
    response = client.post(
        reverse("pool_member_edit", args=[code, term.member_id]),
        {
            "display_name": "共通 四郎（データ）",
            "specialties": ["データ利活用"],
            "joined_on": "2025-04-01",
        },
    )
    assert response.status_code == 302
    term.member.refresh_from_db()
    assert term.member.display_name == "共通 四郎（データ）"


def _contract(cast):
    return services.joint_contract_create(
        actor=None,
        body=cast.bodies["A"],
        name="DXアドバイザー共同契約",
        fiscal_year=2026,
        total_cost=1_000_000,
        split_rule="equal",
        participants=[cast.bodies["A"], cast.bodies["B"]],
    )


def test_a_contract_is_corrected_and_its_split_follows(cast):
    contract = _contract(cast)
    services.joint_contract_update(
        actor=cast.users["A.hr"],
        contract=contract,
        name="DXアドバイザー共同契約（R8）",
        fiscal_year=2026,
        total_cost=1_200_000,
        split_rule="equal",
        participants=[cast.bodies["A"], cast.bodies["B"]],
    )
    from dxjinzai.sharing.selectors import contract_split

    assert [line.amount for line in contract_split(contract)] == [600_000, 600_000]
    entry = AuditEntry.unscoped.filter(
        target_type=contract._meta.verbose_name, target_id=str(contract.pk)
    ).latest("pk")
    assert entry.changes["total_cost"] == ["1000000", "1200000"]


def test_a_participant_with_recorded_usage_stays(cast):
    contract = _contract(cast)
    services.contract_usage_set(
        actor=None, contract=contract, participant=cast.bodies["B"], hours=Decimal("12.5")
    )
    with pytest.raises(ValidationError, match="乙町は利用の記録があるため参加団体から外せません"):
        services.joint_contract_update(
            actor=None,
            contract=contract,
            name=contract.name,
            fiscal_year=2026,
            total_cost=1_000_000,
            split_rule="equal",
            participants=[cast.bodies["A"]],
        )


def test_a_new_contract_and_a_new_member_land_on_their_pages(cast, client_as):
    from dxjinzai.sharing.models import JointContract, PoolMember

    code = cast.bodies["A"].code
    client = client_as("A.hr")
    response = client.post(
        reverse("contract_create", args=[code]),
        {
            "name": "共同調達",
            "fiscal_year": "2026",
            "total_cost": "300000",
            "split_rule": "equal",
            "base_percent": "0",
            "participants": [cast.bodies["A"].pk, cast.bodies["B"].pk],
        },
    )
    contract = JointContract.unscoped.get(name="共同調達")
    assert response["Location"] == reverse("contract_detail", args=[code, contract.pk])
    response = client.post(
        reverse("pool_member_create", args=[code]),
        {
            "number": cast.staff["A.unit"].number,
            "specialties": ["データ利活用"],
            "joined_on": "2026-04-01",
        },
    )
    member = PoolMember.unscoped.get(staff=cast.staff["A.unit"])
    assert response["Location"] == reverse("pool_member_detail", args=[code, member.pk])
