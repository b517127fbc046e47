"""Money between bodies that share talent (CASES.md cases 1 and 3; issue 6).

Exact arithmetic with Fraction; a yen amount is rounded once, where the rule says.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise


class YenRounding(StrEnum):
    FLOOR = "floor"  # 切り捨て (the default)
    HALF_UP = "half_up"  # 四捨五入
    CEIL = "ceil"  # 切り上げ


def round_yen(amount: Fraction, rounding: YenRounding = YenRounding.FLOOR) -> int:
    if rounding == YenRounding.CEIL:
        return -((-amount.numerator) // amount.denominator)
    if rounding == YenRounding.HALF_UP:
        return int((amount + Fraction(1, 2)) // 1)
    return amount.numerator // amount.denominator


# Cost items of a pooled person's monthly personnel cost (人件費の内訳).
SALARY, ALLOWANCES, CONTRIBUTIONS, TRAVEL, RETIREMENT = (
    "給料",
    "手当",
    "共済費等",
    "旅費",
    "退職手当",
)
# 地方自治法252条の17: the sender keeps paying the retirement allowance unless agreed otherwise.
DEFAULT_AGREED_ITEMS = frozenset({SALARY, ALLOWANCES, CONTRIBUTIONS, TRAVEL})


@dataclass(frozen=True)
class AssignmentTerm:
    """A stretch of one assignment with one share: a share change starts a new term."""

    start: date
    end: date | None
    share: Fraction
    items: frozenset[str] = DEFAULT_AGREED_ITEMS


@dataclass(frozen=True)
class MonthLine:
    year: int
    month: int
    covered_days: int
    days_in_month: int
    amount: int
    # False when the employer has not recorded the month's costs: the line is 0 yen until it
    # does, and the statement says so rather than showing a bare 0.
    cost_recorded: bool = True

    @property
    def note(self) -> str:
        if not self.cost_recorded:
            return "この月の費用が未登録のため0円です（人材の画面で月ごとの費用を登録すると計算します）"
        if self.covered_days < self.days_in_month:
            return f"{self.covered_days}日分の日割り"
        return ""


@dataclass(frozen=True)
class BurdenStatement:
    """負担金の明細: a host's charge for one person and fiscal year, month by month."""

    fiscal_year: int
    lines: list[MonthLine]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def months_covered(self) -> str:
        """Which months the year's total covers: 「2026年4月〜2026年9月（6か月）」."""
        if not self.lines:
            return "配属のあった月はありません"
        first, last = self.lines[0], self.lines[-1]
        return f"{first.year}年{first.month}月〜{last.year}年{last.month}月の配属分（{len(self.lines)}か月）"


def _fiscal_months(fiscal_year: int) -> list[tuple[int, int]]:
    return [(fiscal_year, m) for m in range(4, 13)] + [(fiscal_year + 1, m) for m in range(1, 4)]


def _overlap_days(start: date, end: date | None, first: date, last: date) -> int:
    begin, finish = max(start, first), min(end or last, last)
    return max(0, (finish - begin).days + 1)


def burden_charge_month(
    year: int,
    month: int,
    monthly_cost: Mapping[str, int],
    terms: Sequence[AssignmentTerm],
    rounding: YenRounding = YenRounding.FLOOR,
) -> MonthLine:
    """One month of a burden charge (CASES.md case 1, 広島県 DXShip):
    Σ over the terms of (agreed cost items × share × days covered ÷ days in the month),
    rounded to yen once for the month."""
    days = calendar.monthrange(year, month)[1]
    first, last = date(year, month, 1), date(year, month, days)
    amount = Fraction(0)
    covered_total = 0
    for term in terms:
        covered = _overlap_days(term.start, term.end, first, last)
        if not covered:
            continue
        covered_total += covered
        agreed = sum(cost for item, cost in monthly_cost.items() if item in term.items)
        amount += agreed * term.share * Fraction(covered, days)
    return MonthLine(
        year,
        month,
        covered_total,
        days,
        round_yen(amount, rounding),
        cost_recorded=bool(monthly_cost),
    )


def burden_charge_statement(
    fiscal_year: int,
    monthly_costs: Mapping[tuple[int, int], Mapping[str, int]],
    terms: Sequence[AssignmentTerm],
    rounding: YenRounding = YenRounding.FLOOR,
) -> BurdenStatement:
    """A host's 年度 statement for one pooled person: one line per month with a charge.

    Each month is rounded on its own and the year total is the sum of the monthly lines,
    so the statement adds up as printed.
    """
    _check_terms(terms)
    lines = []
    for year, month in _fiscal_months(fiscal_year):
        line = burden_charge_month(
            year, month, monthly_costs.get((year, month), {}), terms, rounding
        )
        if line.covered_days:
            lines.append(line)
    return BurdenStatement(fiscal_year, lines)


def _check_terms(terms: Sequence[AssignmentTerm]) -> None:
    ordered = sorted(terms, key=lambda t: t.start)
    for term in ordered:
        if not 0 < term.share <= 1:
            raise ValueError("按分割合（FTE）は0より大きく1以下です。")
        if term.end is not None and term.end < term.start:
            raise ValueError("終了日は開始日以降の日付にしてください。")
    for earlier, later in pairwise(ordered):
        if earlier.end is None or earlier.end >= later.start:
            raise ValueError(
                "同じ配属の期間が重なっています。割合の変更は前の期間を終えてから始めてください。"
            )


# --- Cost split of a joint contract (大阪府, case 3) ----------------------------------------


class SplitRule(StrEnum):
    EQUAL = "equal"  # 均等割
    POPULATION = "population"  # 人口割
    USAGE = "usage"  # 利用割（支援を受けた時間）
    BASE_PLUS_USAGE = "base_plus_usage"  # 均等割 + 利用割


@dataclass(frozen=True)
class Participant:
    key: str  # e.g. 団体コード; also the tie-break order
    population: int = 0
    usage_hours: Fraction = Fraction(0)


def split_cost(
    total: int,
    participants: Sequence[Participant],
    rule: SplitRule,
    *,
    base_share: Fraction = Fraction(0),
) -> dict[str, int]:
    """Each participant's share of a joint contract, adding up to `total` exactly
    (CASES.md case 3, 大阪版デジタル人材シェアリング).

    Exact quotas are computed first; each is floored and the yen left over go one by one to
    the largest fractional remainders (largest-remainder method), ties to the earlier key.
    For BASE_PLUS_USAGE, `base_share` of the total is split equally and the rest by usage,
    and the two parts are rounded together, once.
    """
    if not participants:
        raise ValueError("参加団体がありません。")
    if total < 0:
        raise ValueError("総額は0円以上です。")
    quotas = _quotas(total, participants, rule, base_share)
    floors = {key: q.numerator // q.denominator for key, q in quotas.items()}
    left = total - sum(floors.values())
    by_remainder = sorted(quotas, key=lambda key: (-(quotas[key] - floors[key]), key))
    for key in by_remainder[:left]:
        floors[key] += 1
    return floors


def _quotas(
    total: int, participants: Sequence[Participant], rule: SplitRule, base_share: Fraction
) -> dict[str, Fraction]:
    count = len(participants)
    if rule == SplitRule.EQUAL:
        return {p.key: Fraction(total, count) for p in participants}
    if rule == SplitRule.POPULATION:
        return _proportional(Fraction(total), {p.key: Fraction(p.population) for p in participants})
    usage = {p.key: Fraction(p.usage_hours) for p in participants}
    if rule == SplitRule.USAGE:
        return _proportional(Fraction(total), usage)
    if not 0 <= base_share <= 1:
        raise ValueError("均等割の割合は0以上1以下です。")
    base = Fraction(total) * base_share
    by_usage = _proportional(Fraction(total) - base, usage)
    return {p.key: base / count + by_usage[p.key] for p in participants}


def _proportional(amount: Fraction, weights: dict[str, Fraction]) -> dict[str, Fraction]:
    whole = sum(weights.values())
    if whole <= 0:
        raise ValueError("按分の基準（人口・利用時間）の合計が0です。")
    return {key: amount * weight / whole for key, weight in weights.items()}


# --- Working-time shares of one person (issue 6: no more than 1.0 FTE on any day) ----------


@dataclass(frozen=True)
class Share:
    start: date
    end: date | None
    fte: Fraction


def first_overloaded_day(shares: Sequence[Share], limit: Fraction = Fraction(1)) -> date | None:
    """The first day on which a person's assignments add up to more than `limit` FTE, or None.

    A sweep over the days shares start and end: the total changes only there.
    """
    changes: dict[date, Fraction] = {}
    for share in shares:
        changes[share.start] = changes.get(share.start, Fraction(0)) + share.fte
        if share.end is not None:
            after = date.fromordinal(share.end.toordinal() + 1)
            changes[after] = changes.get(after, Fraction(0)) - share.fte
    total = Fraction(0)
    for day in sorted(changes):
        total += changes[day]
        if total > limit:
            return day
    return None


def fiscal_years_changed_by_end(
    old_end: date | None, new_end: date | None, fiscal_year_of: Callable[[date], int]
) -> tuple[int, int | None]:
    """The fiscal years whose burden charge changes when a term's end moves from `old_end`
    to `new_end` (None: open-ended): from the year of the first day that changes to the
    year of the last (None: every later year)."""
    ends = [e for e in (old_end, new_end) if e is not None]
    first_changed = min(ends) + timedelta(days=1)
    last_changed = None if None in (old_end, new_end) else max(ends)
    return fiscal_year_of(first_changed), (fiscal_year_of(last_changed) if last_changed else None)
