"""Burden charges and cost splits, each against amounts worked by hand."""

from datetime import date
from fractions import Fraction

import pytest

from dxjinzai.sharing.rules import (
    ALLOWANCES,
    CONTRIBUTIONS,
    RETIREMENT,
    SALARY,
    AssignmentTerm,
    Participant,
    SplitRule,
    YenRounding,
    burden_charge_month,
    burden_charge_statement,
    round_yen,
    split_cost,
)

# A specialist's monthly personnel cost: 300,000 + 60,000 + 50,000 = 410,000 agreed,
# plus a retirement allowance accrual the sender keeps by default.
COST = {SALARY: 300_000, ALLOWANCES: 60_000, CONTRIBUTIONS: 50_000, RETIREMENT: 25_000}
HALF = Fraction(1, 2)


def _costs(fiscal_year):
    months = [(fiscal_year, m) for m in range(4, 13)] + [(fiscal_year + 1, m) for m in range(1, 4)]
    return {month: COST for month in months}


def test_full_month_at_half_share_leaves_out_the_retirement_allowance():
    line = burden_charge_month(2023, 4, COST, [AssignmentTerm(date(2023, 4, 1), None, HALF)])
    assert line.amount == 205_000  # 410,000 × 0.5


def test_assignment_starting_mid_month():
    # 16–30 June: 15 of 30 days → 410,000 × 0.5 × 15/30 = 102,500
    line = burden_charge_month(2023, 6, COST, [AssignmentTerm(date(2023, 6, 16), None, HALF)])
    assert (line.covered_days, line.days_in_month, line.amount) == (15, 30, 102_500)


def test_share_change_mid_year():
    terms = [
        AssignmentTerm(date(2023, 4, 1), date(2023, 9, 30), HALF),
        AssignmentTerm(date(2023, 10, 1), None, Fraction(1)),
    ]
    statement = burden_charge_statement(2023, _costs(2023), terms)
    amounts = {(line.year, line.month): line.amount for line in statement.lines}
    assert amounts[(2023, 9)] == 205_000 and amounts[(2023, 10)] == 410_000
    assert statement.total == 6 * 205_000 + 6 * 410_000  # 3,690,000


def test_leap_february_of_fiscal_2023():
    # FY2023 runs to 2024-03-31; February 2024 has 29 days. Until 15 Feb at half share:
    # 410,000 × 0.5 × 15/29 = 106,034.48… → floor 106,034
    terms = [AssignmentTerm(date(2023, 4, 1), date(2024, 2, 15), HALF)]
    statement = burden_charge_statement(2023, _costs(2023), terms)
    february = next(line for line in statement.lines if line.month == 2)
    assert (february.days_in_month, february.covered_days, february.amount) == (29, 15, 106_034)
    assert [line.month for line in statement.lines][-1] == 2
    assert statement.total == 10 * 205_000 + 106_034


def test_rounding_is_configurable_and_applied_per_month():
    terms = [AssignmentTerm(date(2024, 2, 1), date(2024, 2, 15), HALF)]
    assert burden_charge_month(2024, 2, COST, terms).amount == 106_034
    assert burden_charge_month(2024, 2, COST, terms, YenRounding.CEIL).amount == 106_035
    assert burden_charge_month(2024, 2, COST, terms, YenRounding.HALF_UP).amount == 106_034
    assert round_yen(Fraction(5, 2), YenRounding.HALF_UP) == 3


def test_two_hosts_sharing_one_person_pay_the_agreed_cost_between_them():
    host_a = burden_charge_statement(
        2023, _costs(2023), [AssignmentTerm(date(2023, 4, 1), None, HALF)]
    )
    host_b = burden_charge_statement(
        2023, _costs(2023), [AssignmentTerm(date(2023, 4, 1), None, HALF)]
    )
    assert host_a.total + host_b.total == 12 * 410_000


def test_retirement_allowance_when_agreed():
    items = frozenset({SALARY, ALLOWANCES, CONTRIBUTIONS, RETIREMENT})
    line = burden_charge_month(2023, 4, COST, [AssignmentTerm(date(2023, 4, 1), None, HALF, items)])
    assert line.amount == 217_500  # 435,000 × 0.5


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ([AssignmentTerm(date(2023, 4, 1), None, Fraction(3, 2))], "按分割合"),
        ([AssignmentTerm(date(2023, 4, 1), date(2023, 3, 1), HALF)], "終了日"),
        (
            [
                AssignmentTerm(date(2023, 4, 1), date(2023, 10, 1), HALF),
                AssignmentTerm(date(2023, 10, 1), None, HALF),
            ],
            "重なって",
        ),
    ],
)
def test_bad_terms_are_refused(terms, message):
    with pytest.raises(ValueError, match=message):
        burden_charge_statement(2023, _costs(2023), terms)


def test_equal_split_gives_the_leftover_yen_to_the_earliest_key():
    shares = split_cost(
        1_000_000,
        [Participant("273007"), Participant("272027"), Participant("271004")],
        SplitRule.EQUAL,
    )
    assert shares == {"271004": 333_334, "272027": 333_333, "273007": 333_333}
    assert sum(shares.values()) == 1_000_000


def test_population_split_by_largest_remainder():
    # Quotas: 13,000,000 × 100/157 = 8,280,254.78; × 50/157 = 4,140,127.39; × 7/157 = 579,617.83
    # Floors sum to 12,999,998; the 2 yen go to .83 and .78.
    participants = [Participant("A", 100_000), Participant("B", 50_000), Participant("C", 7_000)]
    shares = split_cost(13_000_000, participants, SplitRule.POPULATION)
    assert shares == {"A": 8_280_255, "B": 4_140_127, "C": 579_618}


def test_usage_and_base_plus_usage_split():
    participants = [
        Participant("A", usage_hours=Fraction(10)),
        Participant("B", usage_hours=Fraction(30)),
        Participant("C", usage_hours=Fraction(0)),
    ]
    assert split_cost(1_200_000, participants, SplitRule.USAGE) == {
        "A": 300_000,
        "B": 900_000,
        "C": 0,
    }
    # 30% equally (120,000 each), 70% = 840,000 by usage (210,000 / 630,000 / 0)
    shares = split_cost(
        1_200_000, participants, SplitRule.BASE_PLUS_USAGE, base_share=Fraction(3, 10)
    )
    assert shares == {"A": 330_000, "B": 750_000, "C": 120_000}


def test_split_always_adds_up_to_the_total():
    participants = [
        Participant(str(i), population=p) for i, p in enumerate([7_001, 13_333, 99_999, 1, 54_321])
    ]
    for total in (1, 999, 1_000_001, 12_345_678):
        assert sum(split_cost(total, participants, SplitRule.POPULATION).values()) == total


def test_split_needs_participants_and_weights():
    with pytest.raises(ValueError, match="参加団体"):
        split_cost(100, [], SplitRule.EQUAL)
    with pytest.raises(ValueError, match="合計が0"):
        split_cost(100, [Participant("A")], SplitRule.USAGE)


def test_shares_up_to_one_fte_are_fine_and_the_first_overloaded_day_is_named():
    from dxjinzai.sharing.rules import Share, first_overloaded_day

    half = Fraction(1, 2)
    two_hosts = [
        Share(date(2026, 4, 1), None, half),
        Share(date(2026, 4, 1), date(2026, 9, 30), half),
    ]
    assert first_overloaded_day(two_hosts) is None
    third = Share(date(2026, 9, 1), None, Fraction(1, 4))
    assert first_overloaded_day([*two_hosts, third]) == date(2026, 9, 1)
    # The day after an assignment ends, its share is free again.
    after = Share(date(2026, 10, 1), None, half)
    assert first_overloaded_day([*two_hosts, after]) is None
    touching = Share(date(2026, 9, 30), None, half)
    assert first_overloaded_day([*two_hosts, touching]) == date(2026, 9, 30)
