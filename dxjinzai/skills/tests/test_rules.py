from datetime import date

from dxjinzai.skills.rules import (
    expiry_date,
    normalise_number,
    qualification_number_error,
    sitting_error,
)


def test_registered_specialist_number_is_six_digits():
    assert qualification_number_error("012345", r"\d{6}", "012345") is None
    assert "例：012345" in (qualification_number_error("12345", r"\d{6}", "012345") or "")
    assert qualification_number_error("01234A", r"\d{6}") is not None


def test_without_a_pattern_letters_digits_and_hyphens_pass():
    assert qualification_number_error("AP-2023-10-0001", "") is None
    assert qualification_number_error("合格第1号", "") is not None
    assert qualification_number_error("", r"\d{6}") is None  # no number given: nothing to check


def test_numbers_are_normalised_before_checking():
    assert normalise_number("０１２３４５") == "012345"
    assert normalise_number(" ap-2023 ") == "AP-2023"


def test_sitting_is_year_and_round():
    assert sitting_error("2024#1") is None
    assert sitting_error("2023#6") is None
    assert sitting_error("2024年1回") is not None
    assert sitting_error("24#1") is not None


def test_expiry_is_the_day_before_the_anniversary():
    # 情報処理安全確保支援士: registration renewed every 3 years.
    assert expiry_date(date(2023, 10, 1), 3) == date(2026, 9, 30)
    # No 29 February in 2027: the period ends at the end of that February.
    assert expiry_date(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert expiry_date(date(2024, 2, 29), 4) == date(2028, 2, 28)
    assert expiry_date(date(2024, 2, 29), None) is None
