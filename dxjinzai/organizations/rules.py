"""Legal and organisational rules for bodies, departments and appointments (pure functions).

Each rule returns the Japanese message for the user, or None when the input is acceptable.
"""

from collections.abc import Iterable
from datetime import date
from fractions import Fraction

from django.db import models

from dxjinzai.lib.fiscal import add_years, fiscal_year_of


class AppointmentKind(models.TextChoices):
    """任用区分 (CASES.md cross-cutting; 北九州市 and 長井市 for external talent)."""

    REGULAR = "regular", "正規"
    FIXED_TERM = "fixed_term", "任期付"
    FISCAL_YEAR = "fiscal_year", "会計年度任用"
    REEMPLOYMENT = "reemployment", "再任用"
    SECONDMENT_IN = "secondment_in", "派遣受入（地方自治法252条の17）"
    REGIONAL_ENTREPRENEUR = "regional_entrepreneur", "地域活性化起業人"
    REGIONAL_REVITALISATION = "regional_revitalisation", "地方創生人材支援制度"
    EXTERNAL_ADVISER = "external_adviser", "外部アドバイザー"


class FixedTermBasis(models.TextChoices):
    """Articles of 地方公共団体の一般職の任期付職員の採用に関する法律 a fixed term rests on."""

    ART3_1 = "art3_1", "法3条1項（特定任期付）"
    ART3_2 = "art3_2", "法3条2項（一般任期付）"
    ART4 = "art4", "法4条（一定期間内に終了する業務等）"
    ART5 = "art5", "法5条（短時間勤務）"


# 同法第6条: 3条採用 up to 5 years; 4条・5条採用 up to 3 years, 5 when specially needed.
_FIXED_TERM_CAP_YEARS: dict[str, tuple[int, int]] = {
    FixedTermBasis.ART3_1: (5, 5),
    FixedTermBasis.ART3_2: (5, 5),
    FixedTermBasis.ART4: (3, 5),
    FixedTermBasis.ART5: (3, 5),
}


def fixed_term_cap_years(basis: str, specially_needed: bool) -> int:
    """Longest term, in years, that the law allows for a fixed-term appointment."""
    normal, special = _FIXED_TERM_CAP_YEARS[basis]
    return special if specially_needed else normal


def appointment_term_error(
    *,
    kind: str,
    start: date,
    end: date | None,
    fixed_term_basis: str = "",
    specially_needed: bool = False,
) -> str | None:
    """Why an appointment's period breaks its legal cap, or None.

    A term of N years ends at the latest on the day before the same date N years later
    (2024-04-01 for 5 years → 2029-03-31).
    """
    if end is not None and end < start:
        return "終了日は開始日以降の日付にしてください。"
    if kind == AppointmentKind.FIXED_TERM:
        if not fixed_term_basis:
            return "任期付職員は根拠条文（法3条1項・3条2項・4条・5条）を選んでください。"
        if end is None:
            return "任期付職員には任期の終了日が必要です。"
        years = fixed_term_cap_years(fixed_term_basis, specially_needed)
        if end >= add_years(start, years):
            hint = "" if specially_needed or years == 5 else "（特に必要な場合は5年まで）"
            return f"任期は{years}年以内です{hint}。終了日を {add_years(start, years)} より前にしてください。"
    if kind == AppointmentKind.FISCAL_YEAR:
        if end is None:
            return "会計年度任用職員には任期の終了日が必要です。"
        if fiscal_year_of(start) != fiscal_year_of(end):
            return "会計年度任用職員の任期は一つの会計年度（4月1日〜翌年3月31日）の中に収めてください。"
    return None


def validity_error(valid_from: date, valid_to: date | None) -> str | None:
    """A department's validity period must not end before it starts."""
    if valid_to is not None and valid_to < valid_from:
        return "廃止日は設置日以降の日付にしてください。"
    return None


# No one in service today was hired before this; a year 1 or 1118 is a typing or API error.
EARLIEST_HIRE_DATE = date(1940, 1, 1)


def hire_date_error(hire_date: date, today: date) -> str | None:
    """採用日 within the plausible range: from 1940 to one year ahead (a decided hiring)."""
    if hire_date < EARLIEST_HIRE_DATE:
        return f"採用日は{EARLIEST_HIRE_DATE.year}年以降の日付にしてください。"
    if hire_date > add_years(today, 1):
        return "採用日は1年先までの日付にしてください。"
    return None


# --- Codes that spreadsheets mangle, and complete imports that would retire too many -------


def restore_leading_zeros(code: str, digits: int | None) -> str:
    """A code of digits shorter than the body's width ("123" for 職員番号 000123), padded back
    with the zeros a spreadsheet program dropped; any other code as it is."""
    if digits and code.isdigit() and len(code) < digits:
        return code.zfill(digits)
    return code


def zeros_lost_from(code: str, zero_led: dict[str, str]) -> str | None:
    """The known code `code` would be if a spreadsheet dropped its leading zeros ("1" for
    "000001"), or None. `zero_led` maps each known code of digits starting with 0 to itself,
    keyed without its zeros."""
    if not code.isdigit():
        return None
    known = zero_led.get(code.lstrip("0"))
    return known if known is not None and known != code else None


def zero_led_codes(codes: Iterable[str]) -> dict[str, str]:
    """The index zeros_lost_from looks in."""
    return {code.lstrip("0"): code for code in codes if code[:1] == "0" and code.isdigit()}


# A "complete" staff file retires everyone it leaves out. When more than this share of the
# active staff would retire, the file is more likely broken (numbers mangled, a department's
# file instead of the body's) than the staff gone: the import stops and asks for confirmation.
RETIREMENT_SHARE_LIMIT = Fraction(1, 10)


def too_many_retirements(retiring: int, active: int) -> bool:
    return active > 0 and Fraction(retiring, active) > RETIREMENT_SHARE_LIMIT


def too_many_retirements_message(retiring: int, active: int) -> str:
    share = round(100 * retiring / active)
    return (
        f"全職員のファイルとして取り込むと、在職者{active:,}人のうち{retiring:,}人（約{share}%）が"
        "退職になります。1割を超えるため取り込みを止めました。職員番号が崩れていないか"
        "（先頭の0が落ちていないかなど）、一部の所属だけのファイルでないかを確認し、正しければ"
        "「退職になる人が在職者の1割を超えても取り込む」を選んでもう一度取り込んでください。"
    )


def appointments_over(end_dates: Iterable[date | None], today: date) -> bool:
    """Whether a person's appointments have all ended before `today` (their account then
    stops): someone with no appointment recorded is not taken for a leaver, nor someone
    with an open-ended or still running appointment."""
    ends = list(end_dates)
    return bool(ends) and all(end is not None and end < today for end in ends)
