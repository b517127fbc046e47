"""The rules of 極めたい分野挑戦制度 (愛知県, CASES.md case 13), as plain functions."""

from __future__ import annotations

from datetime import date

# 愛知県 offers the ICT・DX分野 among the fields of its call; a body lists its own.
DEFAULT_FIELDS = ("ICT・DX分野",)


def years_of_service(hire_date: date, on: date) -> int:
    """Completed years since hiring (hired 2015-04-01: 10 years on 2025-04-01)."""
    years = on.year - hire_date.year
    return years - 1 if (on.month, on.day) < (hire_date.month, hire_date.day) else years


def application_problem(
    *,
    today: date,
    opens_on: date,
    closes_on: date,
    hire_date: date | None,
    min_years: int,
    field: str,
    fields: list[str],
) -> str | None:
    """Why a person may not apply to the call now, or None. The window includes both days."""
    if not opens_on <= today <= closes_on:
        return "受付期間ではありません。"
    if field not in fields:
        return "公募している分野から選んでください。"
    if min_years and (hire_date is None or years_of_service(hire_date, opens_on) < min_years):
        return f"採用から{min_years}年以上の職員が応募できます（受付開始日の時点）。"
    return None


def window_problem(opens_on: date, closes_on: date) -> str | None:
    return "受付終了日は受付開始日以降にしてください。" if closes_on < opens_on else None


def fields_from_lines(text: str) -> list[str]:
    """The fields offered, one per line, in the order typed, each once."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
