"""The shared pool: assignments within 1.0 FTE, burden charges from the records, and who
sees what."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.organizations.access import access_for_user
from dxjinzai.sharing import selectors, services

COST = {"給料": 300_000, "手当": 60_000, "共済費等": 55_000, "旅費": 5_000, "退職手当": 40_000}


@pytest.fixture
def member(cast):
    return services.pool_member_create(
        actor=None,
        staff=cast.staff["P.member"],
        display_name="共通 次郎",
        fields=["データ利活用"],
        profile="データ分析の専門人材",
        joined_on=date(2026, 4, 1),
    )


def _assign(cast, member, host="A", **fields):
    values: dict[str, Any] = {
        "start": date(2026, 4, 1),
        "share": Decimal("0.5"),
        "legal_basis": "dispatch",
    } | fields
    return services.assignment_create(actor=None, member=member, host=cast.bodies[host], **values)


def test_never_more_than_one_fte_on_any_day(cast, member):
    _assign(cast, member, "A")
    _assign(cast, member, "B", start=date(2026, 4, 1), end=date(2026, 9, 30))
    with pytest.raises(ValidationError, match=r"2026年10月1日.*1\.0を超えます"):
        _assign(cast, member, "B", start=date(2026, 10, 1), share=Decimal("0.6"))
    with pytest.raises(ValidationError, match="期間が重なっています"):
        _assign(cast, member, "A", start=date(2026, 6, 1))
    with pytest.raises(ValidationError, match="連携協議会の他の団体"):
        _assign(cast, member, "F", share=Decimal("0.1"))
    with pytest.raises(ValidationError, match=r"0より大きく1\.0以下"):
        _assign(cast, member, "B", start=date(2026, 10, 1), share=Decimal("0"))
    # A share change for B is a new term after the first ends.
    _assign(cast, member, "B", start=date(2026, 10, 1), share=Decimal("0.3"))
    assert selectors.current_load(member, date(2026, 11, 1)) == Decimal("0.8")


def test_burden_charge_from_the_records_mid_month_start(cast, member):
    # B from 16 April at 0.5: April is 15 of 30 days; the retirement allowance stays with P.
    _assign(cast, member, "B", start=date(2026, 4, 16))
    for month in (4, 5):
        services.monthly_cost_set(actor=None, member=member, year=2026, month=month, items=COST)
    access = access_for_user(cast.users["B.hr"])
    [line] = selectors.charges(access, cast.bodies["B"], fiscal_year=2026)
    agreed = 300_000 + 60_000 + 55_000 + 5_000
    april, may = line.statement.lines[:2]
    assert (april.covered_days, april.days_in_month, april.amount) == (15, 30, agreed * 15 // 60)
    assert may.amount == agreed // 2  # 210,000
    assert april.amount == 105_000
    # Months without a recorded cost charge 0 until the employer records them, and say so.
    assert line.statement.total == 105_000 + 210_000
    assert april.note == "15日分の日割り" and may.note == ""
    june = line.statement.lines[2]
    assert (june.amount, june.cost_recorded) == (0, False)
    assert "費用が未登録のため0円" in june.note
    assert line.statement.months_covered == "2026年4月〜2027年3月の配属分（12か月）"


def test_the_charges_page_names_its_months_notes_and_years_in_wareki(cast, member, client_as):
    _assign(cast, member, "B", start=date(2026, 4, 1), end=date(2026, 9, 30))
    services.monthly_cost_set(actor=None, member=member, year=2026, month=4, items=COST)
    page = client_as("P.hr").get(
        reverse("charge_list", args=[cast.bodies["P"].code]), {"fiscal_year": 2026}
    )
    html = page.content.decode()
    assert "月別明細：2026年4月〜2026年9月の配属分（6か月）" in html
    assert html.count("この月の費用が未登録のため0円です") == 5  # May to September
    assert "年度（西暦）" not in html
    assert '<option value="2026" selected>令和8年度（2026年度）</option>' in html


def test_partners_see_profiles_not_the_employers_records(cast, member, client_as):
    _assign(cast, member, "A")
    services.monthly_cost_set(actor=None, member=member, year=2026, month=4, items=COST)
    listing = client_as("A.staff").get(reverse("pool_list", args=[cast.bodies["A"].code]))
    assert (
        "共通 次郎" in listing.content.decode()
        and "データ分析の専門人材" in listing.content.decode()
    )
    detail = reverse("pool_member_detail", args=[cast.bodies["P"].code, member.pk])
    assert client_as("A.hr").get(detail).status_code == 404
    assert client_as("P.hr").get(detail).status_code == 200
    assert "300,000円" in client_as("P.hr").get(detail).content.decode()
    charges = client_as("A.hr").get(
        reverse("charge_list", args=[cast.bodies["A"].code]), {"fiscal_year": 2026}
    )
    # April in full at 0.5 of 420,000 yen agreed: 210,000 yen, owed by A to P.
    assert "支払う負担金：210,000円" in charges.content.decode()
    employer = client_as("P.hr").get(
        reverse("charge_list", args=[cast.bodies["P"].code]), {"fiscal_year": 2026}
    )
    assert "受け取る負担金：210,000円" in employer.content.decode()
    assert (
        client_as("F.admin").get(reverse("charge_list", args=[cast.bodies["A"].code])).status_code
        == 404
    )


def test_an_assignment_stays_within_the_agreement(cast, member):
    with pytest.raises(ValidationError, match="協定等の日付より前"):
        _assign(cast, member, "A", agreement_date=date(2026, 4, 10))
    with pytest.raises(ValidationError, match=r"協定等の期間の終わり（2027年3月31日）まで"):
        _assign(cast, member, "A", agreement_until=date(2027, 3, 31))
    with pytest.raises(ValidationError, match="協定等の期間の終わり"):
        _assign(cast, member, "A", end=date(2027, 6, 30), agreement_until=date(2027, 3, 31))
    made = _assign(cast, member, "A", end=date(2027, 3, 31), agreement_until=date(2027, 3, 31))
    assert made.agreement_until == date(2027, 3, 31)


def test_partners_see_a_specialists_qualifications_not_the_records(cast, member, client_as):
    from dxjinzai.skills.models import Qualification
    from dxjinzai.skills.services import qualification_holding_create

    qualification = Qualification.objects.get(name="応用情報技術者試験")
    qualification_holding_create(
        actor=None,
        staff=member.staff,
        qualification=qualification,
        acquired_on=date(2020, 6, 1),
        today=date(2026, 11, 26),
    )
    page = client_as("A.staff").get(reverse("pool_list", args=[cast.bodies["A"].code]))
    assert qualification.name in page.content.decode()
    # Another consortium's village does not see the pool at all.
    other = client_as("F.admin").get(reverse("pool_list", args=[cast.bodies["F"].code]))
    assert qualification.name not in other.content.decode()
