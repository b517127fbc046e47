from datetime import date

import pytest

from dxjinzai.lib.dates import DateParseError, parse_date_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-01", date(2023, 4, 1)),
        ("2023/4/1", date(2023, 4, 1)),
        ("２０２３年４月１日", date(2023, 4, 1)),
        ("令和5年4月1日", date(2023, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R5.4.1", date(2023, 4, 1)),
        ("r05.04.01", date(2023, 4, 1)),
        ("H31.4.1", date(2019, 4, 1)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("S63.4.1", date(1988, 4, 1)),
        ("45017", date(2023, 4, 1)),
    ],
)
def test_dates_as_officials_type_them(text, expected):
    assert parse_date_text(text) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "令和元年4月1日", "R5.13.1", "昨日", "12345", ""])
def test_impossible_or_unreadable_dates_are_refused(text):
    with pytest.raises(DateParseError):
        parse_date_text(text)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "令和1年4月1日",
            "「令和1年4月1日」は令和の始まり（令和元年5月1日）より前です。この日は平成31年4月1日です。",
        ),
        (
            "平成1年1月7日",
            "「平成1年1月7日」は平成の始まり（平成元年1月8日）より前です。この日は昭和64年1月7日です。",
        ),
    ],
)
def test_a_date_before_its_era_began_says_which_era_it_belongs_to(typed, message):
    with pytest.raises(DateParseError) as raised:
        parse_date_text(typed)
    assert str(raised.value) == message
