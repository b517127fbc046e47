"""Rules of the qualification register (issue 4), pure functions."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dxjinzai.lib.fiscal import add_years
from dxjinzai.lib.text import nfkc

# Without a pattern of its own, a certificate number is letters, digits and hyphens.
_DEFAULT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
# E資格 2024#1, G検定 2023#6: the year and the sitting of that year.
_SITTING = re.compile(r"(20\d\d)#([1-9]\d?)")


def normalise_number(number: str) -> str:
    """全角 digits and letters become half-width; spaces go."""
    return nfkc(number).replace(" ", "").upper()


def qualification_number_error(number: str, pattern: str, example: str = "") -> str | None:
    """The Japanese error for a certificate or registration number of the wrong format."""
    if not number:
        return None
    expected = re.compile(pattern) if pattern else _DEFAULT_NUMBER
    if expected.fullmatch(number):
        return None
    hint = f"（例：{example}）" if example else "（英数字とハイフン）"
    return f"番号の形式が正しくありません{hint}。"


def sitting_error(sitting: str) -> str | None:
    if _SITTING.fullmatch(sitting):
        return None
    return "回次は「2024#1」のように、年と回を#でつないで入力してください。"


def expiry_date(acquired_on: date, validity_years: int | None) -> date | None:
    """A qualification valid for n years expires the day before its n-th anniversary; with no
    such day (29 February in a common year) at the end of that month (民法143条2項)."""
    if not validity_years:
        return None
    anniversary = add_years(acquired_on, validity_years)
    if anniversary.day != acquired_on.day:
        return anniversary
    return anniversary - timedelta(days=1)
