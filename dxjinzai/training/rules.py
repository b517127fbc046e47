"""Rules of the training cycle (issue 4), pure functions over plain values.

- Who a requirement applies to (つくば市: by 職層; 福井県: by 役割区分; 真岡市: by 所属).
- When it is due, and whether a person has done it, is still to do it, or is overdue.
- When a multi-session course completes (金沢市: about 200 hours, May to November).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_of, fiscal_year_start


class RequirementLike(Protocol):
    role_class_id: int | None
    grade_id: int | None
    talent_type_id: int | None
    department_id: int | None
    from_fiscal_year: int
    recurrence: str
    due_month: int


@dataclass(frozen=True)
class PersonFacts:
    """What requirements look at: a person's grade, department (with the units above it),
    and the talent types and role classes they hold."""

    grade_id: int | None
    department_ids: frozenset[int]
    talent_type_ids: frozenset[int] = frozenset()
    role_class_ids: frozenset[int] = frozenset()


class RequirementState(StrEnum):
    DONE = "done"
    PENDING = "pending"
    OVERDUE = "overdue"


STATE_LABELS = {
    RequirementState.DONE: "修了",
    RequirementState.PENDING: "未修了（期限前）",
    RequirementState.OVERDUE: "期限超過",
}


@dataclass(frozen=True)
class RequirementStatus:
    state: RequirementState
    due: date
    completed_on: date | None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def requirement_applies(
    requirement: RequirementLike, person: PersonFacts, fiscal_year: int
) -> bool:
    """Every criterion the rule names must match; a rule naming none applies to everyone."""
    if fiscal_year < requirement.from_fiscal_year:
        return False
    if requirement.grade_id is not None and requirement.grade_id != person.grade_id:
        return False
    if (
        requirement.department_id is not None
        and requirement.department_id not in person.department_ids
    ):
        return False
    if (
        requirement.talent_type_id is not None
        and requirement.talent_type_id not in person.talent_type_ids
    ):
        return False
    return requirement.role_class_id is None or requirement.role_class_id in person.role_class_ids


def due_date(fiscal_year: int, due_month: int) -> date:
    """The last day of `due_month` within the fiscal year (April–March)."""
    year = fiscal_year if due_month >= 4 else fiscal_year + 1
    return date(year, due_month, calendar.monthrange(year, due_month)[1])


def requirement_status(
    requirement: RequirementLike,
    *,
    fiscal_year: int,
    completed_on: Iterable[date],
    today: date,
    applies_since: date | None = None,
) -> RequirementStatus:
    """Done, still to do, or overdue, for one person in one fiscal year.

    A yearly rule needs a completion inside that fiscal year. A once rule is done by any
    completion up to the year's end, and falls due in the first year it applied to the
    person: the rule's first year, or the year they came under it (`applies_since`, e.g.
    their hire or promotion) if later, so a newcomer is not overdue on their first day.
    """
    dates = sorted(completed_on)
    if requirement.recurrence == "yearly":
        window_start = fiscal_year_start(fiscal_year)
        due = due_date(fiscal_year, requirement.due_month)
    else:
        window_start = date.min
        first_year = requirement.from_fiscal_year
        if applies_since is not None:
            first_year = max(first_year, fiscal_year_of(applies_since))
        due = due_date(first_year, requirement.due_month)
    inside = [d for d in dates if window_start <= d <= fiscal_year_end(fiscal_year)]
    if inside:
        return RequirementStatus(RequirementState.DONE, due, inside[-1])
    state = RequirementState.OVERDUE if today > due else RequirementState.PENDING
    return RequirementStatus(state, due, None)


def cumulative_hours(attended: Iterable[Decimal]) -> Decimal:
    return sum(attended, Decimal(0))


def completion_day(attendance: Iterable[tuple[date, Decimal]], required: Decimal) -> date | None:
    """The day a participant's attended hours first reach the course's required hours."""
    total = Decimal(0)
    for day, hours in sorted(attendance):
        total += hours
        if total >= required:
            return day
    return None
