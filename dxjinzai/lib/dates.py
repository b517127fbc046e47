"""Dates as officials type them: 西暦 (2023-04-01, 2023/4/1, 2023年4月1日), 和暦
(令和5年4月1日, R5.4.1, 令和元年5月1日) and Excel day numbers (45017)."""

from __future__ import annotations

import re
from datetime import date

from dxjinzai.lib.fiscal import ERAS, wareki
from dxjinzai.lib.tabular import excel_serial_to_date
from dxjinzai.lib.text import nfkc

_ERA_BY_TOKEN = {era.name: era for era in ERAS} | {era.short: era for era in ERAS}
_SEIREKI = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_WAREKI = re.compile(
    r"(令和|平成|昭和|[RHS])\s*(元|\d{1,2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?", re.I
)
_SERIAL = re.compile(r"\d{5}")
# Excel day numbers from 1954 to 2119: wide enough for hire dates, narrow enough not to
# mistake a five-digit code for a date.
_SERIAL_RANGE = range(20000, 80000)


class DateParseError(ValueError):
    pass


def parse_date_text(raw: str) -> date:
    """One date from what an official typed, or DateParseError with a Japanese message."""
    text = nfkc(raw).strip()
    try:
        if match := _SEIREKI.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _WAREKI.fullmatch(text):
            return _from_wareki(match)
        if _SERIAL.fullmatch(text) and int(text) in _SERIAL_RANGE:
            return excel_serial_to_date(int(text))
    except DateParseError:
        raise
    except ValueError as error:
        raise DateParseError(f"「{raw}」は存在しない日付です。") from error
    raise DateParseError(
        f"「{raw}」を日付として読めません（例：2023-04-01、令和5年4月1日、R5.4.1）。"
    )


def _from_wareki(match: re.Match[str]) -> date:
    era = _ERA_BY_TOKEN[match[1].upper() if len(match[1]) == 1 else match[1]]
    year_in_era = 1 if match[2] == "元" else int(match[2])
    day = date(era.first_day.year + year_in_era - 1, int(match[3]), int(match[4]))
    if day < era.first_day:
        raise DateParseError(
            f"「{match[0]}」は{era.name}の始まり（{wareki(era.first_day)}）より前です。"
            f"この日は{wareki(day)}です。"
        )
    return day
