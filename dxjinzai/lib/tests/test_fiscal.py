from datetime import date

import pytest

from dxjinzai.lib.fiscal import (
    add_years,
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_of,
    fiscal_year_short_label,
    fiscal_year_start,
    wareki,
    wareki_with_seireki,
)


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2024, 3, 31), 2023),
        (date(2024, 4, 1), 2024),
        (date(2024, 12, 31), 2024),
        (date(2025, 1, 1), 2024),
    ],
)
def test_fiscal_year_runs_april_to_march(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def test_fiscal_year_bounds_include_leap_february():
    assert fiscal_year_start(2023) == date(2023, 4, 1)
    assert fiscal_year_end(2023) == date(2024, 3, 31)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2023, 4, 1), "令和5年4月1日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
    ],
)
def test_wareki_uses_gannen_for_first_year(day, text):
    assert wareki(day) == text


def test_wareki_month():
    from dxjinzai.lib.fiscal import wareki_month

    assert wareki_month(date(2019, 5, 31)) == "令和元年5月"
    assert wareki_month(date(2026, 12, 1)) == "令和8年12月"


def test_wareki_with_seireki_for_certificates():
    assert wareki_with_seireki(date(2023, 4, 1)) == "令和5年4月1日（2023年4月1日）"


@pytest.mark.parametrize(
    ("fiscal_year", "label", "short"),
    [
        # The seed's Shizuoka table: H30, R1 … R4.
        (2018, "平成30年度", "H30"),
        (2019, "令和元年度", "R1"),
        (2020, "令和2年度", "R2"),
        (2022, "令和4年度", "R4"),
        (2023, "令和5年度", "R5"),
        (1988, "昭和63年度", "S63"),
        (1989, "平成元年度", "H1"),
    ],
)
def test_fiscal_year_labels(fiscal_year, label, short):
    assert fiscal_year_label(fiscal_year) == label
    assert fiscal_year_short_label(fiscal_year) == short


def test_add_years_keeps_the_day_and_handles_29_february():
    assert add_years(date(2024, 4, 1), 5) == date(2029, 4, 1)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_a_filter_offers_recent_years_in_wareki_and_keeps_an_older_selection():
    from dxjinzai.lib.fiscal import fiscal_year_choices

    choices = fiscal_year_choices(2026, 2026, back=2)
    assert [year for year, _ in choices] == [2027, 2026, 2025, 2024]
    assert choices[1] == (2026, "令和8年度（2026年度）")
    assert fiscal_year_choices(2026, 2018, back=1)[-1] == (2018, "平成30年度（2018年度）")


def test_an_exported_cell_keeps_its_text_after_the_apostrophe_is_stripped():
    from dxjinzai.lib.tabular import unneutralise

    assert unneutralise("'=1+2") == "=1+2"
    assert unneutralise("'-3") == "-3"
    assert unneutralise("'山田") == "'山田"  # an apostrophe the export did not add stays
    assert unneutralise("=1+2") == "=1+2"
