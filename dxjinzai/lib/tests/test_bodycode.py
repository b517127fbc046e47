import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxjinzai.lib.bodycode import BodyCodeError, body_code_check_digit, normalize_body_code


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("131016", "千代田区"),
        ("130001", "東京都"),
        ("220001", "静岡県"),
        ("221007", "静岡市"),
        ("011002", "札幌市"),
    ],
)
def test_published_codes_have_valid_check_digits(code, name):
    assert body_code_check_digit(code[:5]) == int(code[5]), name
    assert normalize_body_code(code) == code


def test_worked_example_of_the_rule():
    # 13101: 1×6 + 3×5 + 1×4 + 0×3 + 1×2 = 27; 27 mod 11 = 5; (11 − 5) mod 10 = 6
    assert body_code_check_digit("13101") == 6


def test_the_two_edge_remainders():
    # 00006: 6×2 = 12, remainder 1 → (11 − 1) mod 10 = 0
    assert body_code_check_digit("00006") == 0
    # 00014: 1×3 + 4×2 = 11, remainder 0 → (11 − 0) mod 10 = 1
    assert body_code_check_digit("00014") == 1


def test_five_digits_are_completed_and_fullwidth_accepted():
    assert normalize_body_code("13101") == "131016"
    assert normalize_body_code("１３１０１６") == "131016"
    assert normalize_body_code(" 13101 ") == "131016"


@pytest.mark.parametrize("bad", ["131017", "1310", "1310166", "13a016", ""])
def test_bad_codes_are_refused_in_japanese(bad):
    with pytest.raises(BodyCodeError, match="団体コード"):
        normalize_body_code(bad)


def test_wrong_check_digit_message_names_the_right_one():
    with pytest.raises(BodyCodeError, match="13101 の検査数字は 6 です"):
        normalize_body_code("131010")


@given(st.from_regex(r"\d{5}", fullmatch=True))
def test_every_completed_code_validates(first_five):
    code = normalize_body_code(first_five)
    assert normalize_body_code(code) == code
    for wrong in set("0123456789") - {code[5]}:
        with pytest.raises(BodyCodeError):
            normalize_body_code(code[:5] + wrong)
