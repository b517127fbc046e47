"""Shizuoka's honoraria, withholding tax by hand-computed examples, and the seed's table."""

from datetime import date

import pytest

from dxjinzai.dispatch.rules import (
    ActivityFact,
    ActivityLengthError,
    HonorariumRule,
    Rounding,
    YearStatistics,
    honorarium,
    withholding_tax,
    yearly_statistics,
)
from dxjinzai.lib.fiscal import fiscal_year_short_label


@pytest.mark.parametrize(
    ("minutes", "yen"),
    [
        (4 * 60, 20_000),  # 4 hours or more: 20,000 yen
        (7 * 60 + 30, 20_000),
        (3 * 60, 15_000),  # under 4 hours: 5,000 yen an hour
        (60, 5_000),
        (90, 7_500),  # half-hours are counted
        (105, 7_500),  # 1 h 45 min: the started half-hour is not paid (DOWN)
        (3 * 60 + 59, 17_500),
        (29, 0),
    ],
)
def test_shizuoka_honorarium(minutes, yen):
    assert honorarium(minutes) == yen


def test_rounding_and_unit_are_configurable():
    hourly_up = HonorariumRule(unit_minutes=60, rounding=Rounding.UP)
    assert honorarium(61, hourly_up) == 10_000
    quarter_half_up = HonorariumRule(unit_minutes=15, rounding=Rounding.HALF_UP)
    # 68 min = 4 quarters + 8 min; 8 ≥ 7.5 → 5 quarters = 75 min → 6,250 yen
    assert honorarium(68, quarter_half_up) == 6_250
    # 67 min = 4 quarters + 7 min; 7 < 7.5 → 4 quarters = 60 min → 5,000 yen
    assert honorarium(67, quarter_half_up) == 5_000


@pytest.mark.parametrize("minutes", [0, -30, 24 * 60 + 1, 25 * 60])
def test_activity_of_zero_or_over_a_day_is_refused(minutes):
    with pytest.raises(ActivityLengthError, match="24時間以内"):
        honorarium(minutes)


@pytest.mark.parametrize(
    ("payment", "tax"),
    [
        (20_000, 2_042),  # 20,000 × 10.21% = 2,042
        (5_000, 510),  # 510.5 → 510 (yen floored)
        (7_500, 765),  # 765.75 → 765
        (1_000_000, 102_100),
        (1_000_001, 102_100),  # 102,100 + 0.2042 → floored
        (1_500_000, 204_200),  # 102,100 + 500,000 × 20.42% = 102,100 + 102,100
        (0, 0),
    ],
)
def test_withholding_tax(payment, tax):
    assert withholding_tax(payment) == tax


# The seed's table (派遣団体数 / 派遣件数 / 派遣人数), H30 to R4.
SHIZUOKA_TABLE = {
    2018: (12, 22, 9),
    2019: (17, 37, 7),
    2020: (14, 43, 7),
    2021: (22, 59, 10),
    2022: (23, 63, 13),
}


def shizuoka_activities() -> list[ActivityFact]:
    """Individual activity records whose statistics are exactly the seed's table."""
    facts = []
    for year, (bodies, dispatches, experts) in SHIZUOKA_TABLE.items():
        for n in range(dispatches):
            month = 4 + n % 12  # spread over the fiscal year, April to March
            day = date(year, month, 1) if month <= 12 else date(year + 1, month - 12, 1)
            facts.append(
                ActivityFact(day=day, requester_id=n % bodies, expert_id=100 + n % experts)
            )
    return facts


def test_statistics_reproduce_the_seed_table_from_records():
    rows = yearly_statistics(shizuoka_activities())
    assert rows == [YearStatistics(y, *figures) for y, figures in SHIZUOKA_TABLE.items()]
    assert [fiscal_year_short_label(r.fiscal_year) for r in rows] == ["H30", "R1", "R2", "R3", "R4"]


def test_an_activity_in_march_counts_for_the_fiscal_year_before():
    rows = yearly_statistics(
        [ActivityFact(date(2020, 3, 31), 1, 1), ActivityFact(date(2020, 4, 1), 1, 1)]
    )
    assert [(r.fiscal_year, r.dispatches) for r in rows] == [(2019, 1), (2020, 1)]


def test_travel_rules():
    from dxjinzai.dispatch.rules import TravelRule, TravelScheme, travel_cost

    actual = TravelScheme()
    fixed = TravelScheme(TravelRule.FIXED, fixed_amount=3_000)
    banded = TravelScheme(TravelRule.DISTANCE_BAND, bands=((25, 1_000), (50, 2_000), (100, 4_000)))
    assert travel_cost(actual, recorded=1_840, distance_km=None, online=False) == 1_840
    assert travel_cost(fixed, recorded=1_840, distance_km=None, online=False) == 3_000
    assert travel_cost(banded, recorded=0, distance_km=25, online=False) == 1_000
    assert travel_cost(banded, recorded=0, distance_km=26, online=False) == 2_000
    assert travel_cost(banded, recorded=0, distance_km=180, online=False) == 4_000
    assert travel_cost(fixed, recorded=0, distance_km=None, online=True) == 0
    with pytest.raises(ValueError, match="移動距離"):
        travel_cost(banded, recorded=0, distance_km=None, online=False)
