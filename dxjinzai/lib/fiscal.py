"""年度 (fiscal year, April to March) and 和暦 (Japanese era dates).

A fiscal year is named by the calendar year it starts in: 2023 = 令和5年度.
"""

from dataclasses import dataclass
from datetime import date

FISCAL_YEAR_START_MONTH = 4


@dataclass(frozen=True)
class Era:
    name: str
    short: str
    first_day: date


# Newest first. Only the eras an official still meets in personnel records.
ERAS = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
)


def fiscal_year_of(day: date) -> int:
    """The 年度 a date belongs to: 2024-03-31 → 2023, 2024-04-01 → 2024."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def fiscal_year_start(fiscal_year: int) -> date:
    return date(fiscal_year, 4, 1)


def fiscal_year_end(fiscal_year: int) -> date:
    return date(fiscal_year + 1, 3, 31)


def era_of(day: date) -> Era:
    for era in ERAS:
        if day >= era.first_day:
            return era
    raise ValueError(f"{day.isoformat()} は昭和より前の日付です。")


def era_year(day: date) -> tuple[Era, int]:
    era = era_of(day)
    return era, day.year - era.first_day.year + 1


def _year_text(number: int) -> str:
    return "元" if number == 1 else str(number)


def wareki(day: date) -> str:
    """令和5年4月1日; the first year of an era is 元年 (令和元年5月1日)."""
    era, number = era_year(day)
    return f"{era.name}{_year_text(number)}年{day.month}月{day.day}日"


def wareki_month(day: date) -> str:
    """令和8年12月: the month of a date in 和暦 (statements are made per month)."""
    era, number = era_year(day)
    return f"{era.name}{_year_text(number)}年{day.month}月"


def wareki_with_seireki(day: date) -> str:
    """令和5年4月1日（2023年4月1日）: what a certificate or statement shows."""
    return f"{wareki(day)}（{day.year}年{day.month}月{day.day}日）"


def fiscal_year_label(fiscal_year: int) -> str:
    """和暦 name of a 年度: 2018 → 平成30年度, 2019 → 令和元年度.

    A fiscal year takes the era in force at the end of its starting calendar year,
    which is how the government names the years an era changed in: FY2019 began
    under 平成 but is 令和元年度; FY1988 ended under 平成 but is 昭和63年度.
    """
    era, number = era_year(date(fiscal_year, 12, 31))
    return f"{era.name}{_year_text(number)}年度"


def fiscal_year_choices(current: int, selected: int, *, back: int = 5) -> list[tuple[int, str]]:
    """The 年度 a filter offers, newest first, named in 和暦 with the 西暦 after it: the next
    year, this one and `back` before it, and the selected one wherever it lies."""
    years = sorted({*range(current - back, current + 2), selected}, reverse=True)
    return [(year, f"{fiscal_year_label(year)}（{year}年度）") for year in years]


def fiscal_year_short_label(fiscal_year: int) -> str:
    """H30, R1 …: the short form the seed's tables use."""
    era, number = era_year(date(fiscal_year, 12, 31))
    return f"{era.short}{number}"


def add_years(day: date, years: int) -> date:
    """Same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
