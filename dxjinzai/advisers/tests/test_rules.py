"""The rules of adviser terms, with 三宅町's numbers (CASES.md case 5: four-month terms)."""

from datetime import date

import pytest

from dxjinzai.advisers import rules


def test_a_term_runs_four_months_by_default():
    assert rules.DEFAULT_TERM_MONTHS == 4
    assert rules.default_term_end(date(2024, 4, 1)) == date(2024, 7, 31)
    # A month with fewer days ends on its last day.
    assert rules.default_term_end(date(2023, 10, 31)) == date(2024, 2, 28)
    assert rules.default_term_end(date(2023, 11, 1)) == date(2024, 2, 29)


def test_a_renewal_follows_the_day_after_and_runs_as_long():
    assert rules.renewal_dates(date(2024, 7, 31)) == (date(2024, 8, 1), date(2024, 11, 30))


def test_term_dates_within_a_year():
    assert rules.term_dates_problem(date(2024, 4, 1), date(2024, 7, 31)) is None
    assert "後" in str(rules.term_dates_problem(date(2024, 4, 1), date(2024, 3, 31)))
    assert "1年以内" in str(rules.term_dates_problem(date(2024, 4, 1), date(2025, 4, 2)))


def test_the_officer_is_warned_thirty_days_ahead():
    ends = date(2024, 7, 31)
    assert not rules.ends_soon(ends, date(2024, 6, 30))
    assert rules.ends_soon(ends, date(2024, 7, 1))
    assert rules.ends_soon(ends, ends)
    assert not rules.ends_soon(ends, date(2024, 8, 1))


def test_the_report_is_due_two_weeks_before_the_end():
    assert not rules.report_due(date(2024, 7, 31), date(2024, 7, 16))
    assert rules.report_due(date(2024, 7, 31), date(2024, 7, 17))


@pytest.mark.parametrize(
    ("renewed", "contracted", "today", "expected"),
    [
        (False, False, date(2024, 3, 31), "任期前"),
        (False, False, date(2024, 4, 1), "任期中"),
        (False, False, date(2024, 8, 1), "任期満了"),
        (True, False, date(2024, 5, 1), "更新済"),
        (True, True, date(2024, 8, 1), "業務委託へ移行"),
    ],
)
def test_term_status(renewed, contracted, today, expected):
    status = rules.term_status(
        date(2024, 4, 1), date(2024, 7, 31), today, renewed=renewed, contracted=contracted
    )
    assert status == expected


def test_contract_problems_by_field():
    assert rules.contract_problem(date(2024, 4, 1), date(2024, 8, 1), date(2025, 3, 31), 1) == {}
    problems = rules.contract_problem(date(2024, 4, 1), date(2024, 3, 1), date(2024, 2, 1), 0)
    assert set(problems) == {"starts_on", "ends_on", "amount"}


def test_ideas_move_forward_and_done_is_final():
    assert rules.idea_move_problem("proposed", "considering") is None
    assert rules.idea_move_problem("considering", "adopted") is None
    assert rules.idea_move_problem("adopted", "done") is None
    assert rules.idea_move_problem("dropped", "considering") is None
    assert rules.idea_move_problem("done", "dropped") is not None
    assert rules.idea_move_problem("proposed", "done") is not None
    assert rules.idea_move_problem("adopted", "adopted") == "すでにその状態です。"
