"""The exam-fee subsidy's arithmetic (CASES.md case 18: 豊田市), pure functions over yen."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.db import models


class Rounding(models.TextChoices):
    FLOOR = "floor", "切り捨て"
    HALF_UP = "half_up", "四捨五入"
    CEIL = "ceil", "切り上げ"


_DECIMAL_ROUNDING: dict[str, str] = {
    Rounding.FLOOR: ROUND_FLOOR,
    Rounding.HALF_UP: ROUND_HALF_UP,
    Rounding.CEIL: ROUND_CEILING,
}


def subsidy_amount(
    fee: int, rate: Decimal, rounding: str = Rounding.FLOOR, cap_left: int | None = None
) -> int:
    """The subsidy for one exam: fee × rate, rounded to the yen as the scheme says, and no
    more than what is left of the person's yearly cap. 7,501 yen at 1/2 is 3,750 yen floored
    and 3,751 yen rounded half up."""
    amount = int((Decimal(fee) * rate).quantize(Decimal(1), rounding=_DECIMAL_ROUNDING[rounding]))
    if cap_left is not None:
        amount = min(amount, max(0, cap_left))
    return amount


def budget_problem(amount: int, budget: int, committed: int) -> str | None:
    """Whether an approval of `amount` fits what is left of the year's budget."""
    left = budget - committed
    if amount > left:
        return (
            f"予算を超えるため承認できません（予算{budget:,}円、承認済み{committed:,}円、"
            f"残り{left:,}円に対して補助額{amount:,}円）。"
        )
    return None
