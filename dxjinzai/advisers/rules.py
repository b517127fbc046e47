"""The rules of adviser terms (三宅町, CASES.md case 5), as plain functions."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# 三宅町 takes its advisers on four-month terms.
DEFAULT_TERM_MONTHS = 4
# The officer is told a month ahead, time enough to renew, convert or let the term end.
ENDING_WARNING_DAYS = 30
# The report is asked for from two weeks before the term's end (the 各期報告会).
REPORT_DUE_DAYS_BEFORE_END = 14


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_term_end(starts_on: date, months: int = DEFAULT_TERM_MONTHS) -> date:
    """A term starting 2024-04-01 ends 2024-07-31: four months, its first day counted."""
    return add_months(starts_on, months) - timedelta(days=1)


def renewal_dates(previous_ends_on: date, months: int = DEFAULT_TERM_MONTHS) -> tuple[date, date]:
    """A renewed term starts the day after the previous one ends and runs as long again."""
    starts_on = previous_ends_on + timedelta(days=1)
    return starts_on, default_term_end(starts_on, months)


def term_dates_problem(starts_on: date, ends_on: date) -> str | None:
    if ends_on < starts_on:
        return "任期の終了日は開始日より後にしてください。"
    if ends_on > add_months(starts_on, 12):
        return "任期は1年以内です。続けるときは任期を更新してください。"
    return None


def ends_soon(ends_on: date, today: date, *, days: int = ENDING_WARNING_DAYS) -> bool:
    """Whether a term ends within `days` days from today (today itself included)."""
    return today <= ends_on <= today + timedelta(days=days)


def report_due(ends_on: date, today: date) -> bool:
    return today >= ends_on - timedelta(days=REPORT_DUE_DAYS_BEFORE_END)


class TermStatus:
    PLANNED = "任期前"
    ACTIVE = "任期中"
    ENDED = "任期満了"
    RENEWED = "更新済"
    CONTRACTED = "業務委託へ移行"


def term_status(
    starts_on: date, ends_on: date, today: date, *, renewed: bool, contracted: bool
) -> str:
    """What the officer reads on the list. A contract says more than a renewal, and both more
    than the calendar: they are what became of the adviser."""
    if contracted:
        return TermStatus.CONTRACTED
    if renewed:
        return TermStatus.RENEWED
    if today < starts_on:
        return TermStatus.PLANNED
    if today <= ends_on:
        return TermStatus.ACTIVE
    return TermStatus.ENDED


def contract_problem(
    term_starts_on: date, starts_on: date, ends_on: date, amount: int
) -> dict[str, str]:
    """Why a contract cannot be made from a term, by field (empty when it can)."""
    problems = {}
    if starts_on < term_starts_on:
        problems["starts_on"] = "契約の開始日は任期の開始日以降にしてください。"
    if ends_on < starts_on:
        problems["ends_on"] = "契約の終了日は開始日より後にしてください。"
    if amount <= 0:
        problems["amount"] = "委託金額を入力してください。"
    return problems


# An idea moves forward through the town's decision; 見送り may be reconsidered, 実施済 is final.
IDEA_MOVES: dict[str, tuple[str, ...]] = {
    "proposed": ("considering", "adopted", "dropped"),
    "considering": ("adopted", "dropped"),
    "adopted": ("done", "dropped"),
    "done": (),
    "dropped": ("considering",),
}


def idea_move_problem(current: str, new: str) -> str | None:
    if new == current:
        return "すでにその状態です。"
    if new not in IDEA_MOVES.get(current, ()):
        return "この状態からは変えられません（実施済のアイデアはそのままです）。"
    return None
