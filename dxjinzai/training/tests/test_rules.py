"""The training rules with the seed's numbers (つくば市's grades, 金沢市's 200 hours)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dxjinzai.training.rules import (
    PersonFacts,
    RequirementState,
    completion_day,
    cumulative_hours,
    due_date,
    requirement_applies,
    requirement_status,
)

# つくば市: data-literacy training by grade — 主事・主任級 (1), 主査級 (2), 管理職 (3).
SHUJI, SHUSA, KANRI = 1, 2, 3


@dataclass
class Rule:
    role_class_id: int | None = None
    grade_id: int | None = None
    talent_type_id: int | None = None
    department_id: int | None = None
    from_fiscal_year: int = 2022
    recurrence: str = "once"
    due_month: int = 3


def person(grade=SHUJI, departments=(10,), types=(), role_classes=()):
    return PersonFacts(grade, frozenset(departments), frozenset(types), frozenset(role_classes))


def test_a_grade_rule_applies_to_that_grade_only():
    for_shusa = Rule(grade_id=SHUSA)
    assert requirement_applies(for_shusa, person(grade=SHUSA), 2022)
    assert not requirement_applies(for_shusa, person(grade=SHUJI), 2022)
    assert not requirement_applies(for_shusa, person(grade=KANRI), 2022)


def test_a_rule_naming_nothing_applies_to_everyone_from_its_first_year():
    everyone = Rule(from_fiscal_year=2023)
    assert requirement_applies(everyone, person(), 2023)
    assert not requirement_applies(everyone, person(), 2022)


def test_every_criterion_named_must_match():
    rule = Rule(grade_id=KANRI, role_class_id=7)
    assert requirement_applies(rule, person(grade=KANRI, role_classes=(7,)), 2023)
    assert not requirement_applies(rule, person(grade=KANRI), 2023)
    assert not requirement_applies(rule, person(grade=SHUSA, role_classes=(7,)), 2023)


def test_a_department_rule_covers_the_units_below_it():
    rule = Rule(department_id=10)
    assert requirement_applies(rule, person(departments=(11, 10)), 2023)
    assert not requirement_applies(rule, person(departments=(20,)), 2023)


def test_talent_type_rule():
    rule = Rule(talent_type_id=5)
    assert requirement_applies(rule, person(types=(5, 6)), 2023)
    assert not requirement_applies(rule, person(types=(6,)), 2023)


def test_due_date_is_the_end_of_the_month_within_the_fiscal_year():
    assert due_date(2023, 3) == date(2024, 3, 31)
    assert due_date(2023, 2) == date(2024, 2, 29)  # FY2023's February is in a leap year
    assert due_date(2023, 9) == date(2023, 9, 30)


def test_yearly_rule_needs_a_completion_inside_the_fiscal_year():
    rule = Rule(recurrence="yearly")
    last_year = [date(2023, 6, 1)]
    status = requirement_status(
        rule, fiscal_year=2024, completed_on=last_year, today=date(2024, 5, 1)
    )
    assert status.state == RequirementState.PENDING
    assert status.due == date(2025, 3, 31)
    status = requirement_status(
        rule, fiscal_year=2024, completed_on=[*last_year, date(2024, 7, 1)], today=date(2024, 8, 1)
    )
    assert status.state == RequirementState.DONE
    assert status.completed_on == date(2024, 7, 1)
    late = requirement_status(
        rule, fiscal_year=2024, completed_on=last_year, today=date(2025, 4, 1)
    )
    assert late.state == RequirementState.OVERDUE


def test_once_rule_is_done_by_any_earlier_completion():
    rule = Rule(recurrence="once", from_fiscal_year=2022)
    status = requirement_status(
        rule, fiscal_year=2024, completed_on=[date(2022, 10, 1)], today=date(2024, 5, 1)
    )
    assert status.state == RequirementState.DONE


def test_once_rule_falls_due_in_the_first_year_it_applied():
    rule = Rule(recurrence="once", from_fiscal_year=2022, due_month=9)
    veteran = requirement_status(rule, fiscal_year=2024, completed_on=[], today=date(2024, 5, 1))
    assert veteran.state == RequirementState.OVERDUE
    assert veteran.due == date(2022, 9, 30)
    # Hired in April 2024: due in September of their first year, not overdue on day one.
    newcomer = requirement_status(
        rule,
        fiscal_year=2024,
        completed_on=[],
        today=date(2024, 5, 1),
        applies_since=date(2024, 4, 1),
    )
    assert newcomer.state == RequirementState.PENDING
    assert newcomer.due == date(2024, 9, 30)


def test_a_completion_after_the_viewed_year_does_not_count_for_it():
    rule = Rule(recurrence="once")
    status = requirement_status(
        rule, fiscal_year=2023, completed_on=[date(2024, 6, 1)], today=date(2024, 6, 2)
    )
    assert status.state == RequirementState.OVERDUE


def kanazawa_days(count, hours="5"):
    # 金沢市's leader programme: about 200 hours from May to November.
    first = date(2022, 5, 9)
    return [(first + timedelta(days=7 * n), Decimal(hours)) for n in range(count)]


def test_kanazawa_200_hours_complete_on_the_day_they_are_reached():
    days = kanazawa_days(40)
    assert cumulative_hours(h for _, h in days) == Decimal(200)
    assert completion_day(days, Decimal(200)) == days[-1][0]
    assert completion_day(days[:39], Decimal(200)) is None


def test_completion_day_counts_in_date_order_whatever_the_input_order():
    days = [(date(2022, 11, 1), Decimal("150")), (date(2022, 5, 10), Decimal("60"))]
    assert completion_day(days, Decimal(200)) == date(2022, 11, 1)
