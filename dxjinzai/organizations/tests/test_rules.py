"""Legal caps of appointment terms (任期付職員法第6条, 会計年度任用職員)."""

from datetime import date

import pytest

from dxjinzai.organizations.rules import (
    AppointmentKind,
    FixedTermBasis,
    appointment_term_error,
    fixed_term_cap_years,
    validity_error,
)


@pytest.mark.parametrize(
    ("basis", "special", "years"),
    [
        (FixedTermBasis.ART3_1, False, 5),
        (FixedTermBasis.ART3_2, False, 5),
        (FixedTermBasis.ART4, False, 3),
        (FixedTermBasis.ART4, True, 5),
        (FixedTermBasis.ART5, False, 3),
        (FixedTermBasis.ART5, True, 5),
    ],
)
def test_fixed_term_caps(basis, special, years):
    assert fixed_term_cap_years(basis, special) == years


def _fixed(basis, start, end, special=False):
    return appointment_term_error(
        kind=AppointmentKind.FIXED_TERM,
        start=start,
        end=end,
        fixed_term_basis=basis,
        specially_needed=special,
    )


def test_five_years_means_up_to_the_day_before_the_fifth_anniversary():
    assert _fixed(FixedTermBasis.ART3_1, date(2024, 4, 1), date(2029, 3, 31)) is None
    assert "5年以内" in _fixed(FixedTermBasis.ART3_1, date(2024, 4, 1), date(2029, 4, 1))


def test_article_4_is_three_years_unless_specially_needed():
    error = _fixed(FixedTermBasis.ART4, date(2024, 4, 1), date(2028, 3, 31))
    assert "3年以内" in error and "特に必要な場合は5年まで" in error
    assert _fixed(FixedTermBasis.ART4, date(2024, 4, 1), date(2027, 3, 31)) is None
    assert _fixed(FixedTermBasis.ART4, date(2024, 4, 1), date(2029, 3, 31), special=True) is None


def test_fixed_term_needs_a_basis_and_an_end():
    without_basis = appointment_term_error(
        kind=AppointmentKind.FIXED_TERM, start=date(2024, 4, 1), end=date(2025, 3, 31)
    )
    assert without_basis is not None and "根拠条文" in without_basis
    assert "終了日が必要" in _fixed(FixedTermBasis.ART4, date(2024, 4, 1), None)


def test_fiscal_year_appointment_stays_within_one_fiscal_year():
    ok = appointment_term_error(
        kind=AppointmentKind.FISCAL_YEAR, start=date(2026, 4, 1), end=date(2027, 3, 31)
    )
    crossing = appointment_term_error(
        kind=AppointmentKind.FISCAL_YEAR, start=date(2026, 10, 1), end=date(2027, 4, 30)
    )
    assert ok is None
    assert crossing is not None and "一つの会計年度" in crossing


def test_end_before_start_is_refused_for_every_kind():
    for kind in AppointmentKind:
        error = appointment_term_error(kind=kind, start=date(2026, 4, 1), end=date(2026, 3, 31))
        assert error == "終了日は開始日以降の日付にしてください。"


def test_regular_appointment_may_be_open_ended():
    assert (
        appointment_term_error(kind=AppointmentKind.REGULAR, start=date(2026, 4, 1), end=None)
        is None
    )


def test_department_validity():
    assert validity_error(date(2026, 4, 1), None) is None
    assert validity_error(date(2026, 4, 1), date(2026, 4, 1)) is None
    assert (
        validity_error(date(2026, 4, 1), date(2026, 3, 31))
        == "廃止日は設置日以降の日付にしてください。"
    )
