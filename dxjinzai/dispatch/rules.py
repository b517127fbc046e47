"""Money and statistics of expert dispatch (CASES.md case 4: 静岡県 ICTエキスパート派遣).

Pure functions over integers (yen, minutes): no floats touch money.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dxjinzai.lib.fiscal import fiscal_year_of

MINUTES_IN_A_DAY = 24 * 60


class Rounding(StrEnum):
    """What happens to a started unit of time under the hourly rate."""

    DOWN = "down"  # not paid (the default: only completed units are paid)
    UP = "up"  # paid in full
    HALF_UP = "half_up"  # paid when at least half of it was worked


@dataclass(frozen=True)
class HonorariumRule:
    """A scheme's honorarium rule; the defaults are Shizuoka's (case 4): an activity of
    4 hours or more pays 20,000 yen; under 4 hours pays 5,000 yen per hour.

    Under the threshold, time is counted in units of `unit_minutes` (30 by default, so
    1 h 45 min is three and a half half-hours → 3 units → 7,500 yen with DOWN).
    """

    threshold_minutes: int = 4 * 60
    amount_at_threshold: int = 20_000
    hourly_amount: int = 5_000
    unit_minutes: int = 30
    rounding: Rounding = Rounding.DOWN


SHIZUOKA_HONORARIUM = HonorariumRule()


class ActivityLengthError(ValueError):
    pass


def honorarium(minutes: int, rule: HonorariumRule = SHIZUOKA_HONORARIUM) -> int:
    """The honorarium in yen for one activity of `minutes` (CASES.md case 4)."""
    if not 0 < minutes <= MINUTES_IN_A_DAY:
        raise ActivityLengthError("活動時間は0分より長く24時間以内で入力してください。")
    if minutes >= rule.threshold_minutes:
        return rule.amount_at_threshold
    units = _units(minutes, rule.unit_minutes, rule.rounding)
    # hourly_amount × units × unit_minutes / 60, in integers: exact for 30- or 15-minute units.
    return rule.hourly_amount * units * rule.unit_minutes // 60


def _units(minutes: int, unit: int, rounding: Rounding) -> int:
    whole, rest = divmod(minutes, unit)
    if rounding == Rounding.UP and rest:
        return whole + 1
    if rounding == Rounding.HALF_UP and rest * 2 >= unit:
        return whole + 1
    return whole


WITHHOLDING_THRESHOLD = 1_000_000


def withholding_tax(payment: int) -> int:
    """源泉徴収税額 on a fee (所得税法204条1項, with 復興特別所得税): 10.21% of the payment,
    and 20.42% on the part of one payment over 1,000,000 yen; yen below one are dropped.

    Travel paid directly to a carrier or hotel is not part of `payment` (the caller
    leaves it out).
    """
    if payment < 0:
        raise ValueError("支払額は0円以上です。")
    if payment <= WITHHOLDING_THRESHOLD:
        return payment * 1021 // 10_000
    # 102,100 yen is 10.21% of the first 1,000,000 yen, exactly.
    return 102_100 + (payment - WITHHOLDING_THRESHOLD) * 2042 // 10_000


@dataclass(frozen=True)
class ActivityFact:
    """What the yearly statistics need of one activity (派遣実績の1件)."""

    day: date
    requester_id: int
    expert_id: int


@dataclass(frozen=True)
class YearStatistics:
    """One row of Shizuoka's table: 派遣団体数 / 派遣件数 / 派遣人数."""

    fiscal_year: int
    bodies_served: int
    dispatches: int
    experts: int


def yearly_statistics(activities: Iterable[ActivityFact]) -> list[YearStatistics]:
    """Per fiscal year: distinct requesters with at least one activity, the number of
    activities, and distinct experts who went (CASES.md case 4)."""
    years: dict[int, tuple[set[int], int, set[int]]] = {}
    for activity in activities:
        bodies, count, experts = years.setdefault(fiscal_year_of(activity.day), (set(), 0, set()))
        bodies.add(activity.requester_id)
        experts.add(activity.expert_id)
        years[fiscal_year_of(activity.day)] = (bodies, count + 1, experts)
    return [
        YearStatistics(year, len(bodies), count, len(experts))
        for year, (bodies, count, experts) in sorted(years.items())
    ]


class TravelRule(StrEnum):
    ACTUAL = "actual"  # 実費: the amount recorded for the activity
    FIXED = "fixed"  # 定額: one amount per activity
    DISTANCE_BAND = "distance_band"  # 距離区分: an amount by the distance travelled


@dataclass(frozen=True)
class TravelScheme:
    rule: TravelRule = TravelRule.ACTUAL
    fixed_amount: int = 0
    # (up to km, amount) in increasing distance; beyond the last band, the last amount.
    bands: tuple[tuple[int, int], ...] = ()


def travel_cost(
    scheme: TravelScheme, *, recorded: int, distance_km: int | None, online: bool
) -> int:
    """Travel paid for one activity under the scheme's rule (CASES.md case 4: the
    prefecture's travel rules). An online activity has no travel."""
    if online:
        return 0
    if scheme.rule == TravelRule.FIXED:
        return scheme.fixed_amount
    if scheme.rule == TravelRule.DISTANCE_BAND:
        if distance_km is None:
            raise ValueError("距離区分の旅費には移動距離（km）が必要です。")
        for up_to, amount in scheme.bands:
            if distance_km <= up_to:
                return amount
        return scheme.bands[-1][1] if scheme.bands else 0
    return recorded


def activity_date_problem(
    *, day: date, decided_date: date | None, awaits_expert_acceptance: bool
) -> str | None:
    """Whether an activity (実績) may be recorded for this day; the message if not.

    An activity becomes payable, so it must rest on an agreed dispatch: an expert with an
    account accepts the date first (日程の承諾; an expert without one is arranged with by
    the office, who records the outcome), and nothing is recorded before the decided date (a
    rescheduled dispatch moves the request's date first, so the statement and the
    statistics show the day it took place)."""
    if awaits_expert_acceptance:
        return "専門家がまだ日程を承諾していません。承諾の後に実績を登録してください。"
    if decided_date is not None and day < decided_date:
        return (
            f"実施日（{day:%Y年%-m月%-d日}）が実施予定日（{decided_date:%Y年%-m月%-d日}）より前です。"
            "日程が変わったときは、先に依頼の実施予定日を変更してください。"
        )
    return None
