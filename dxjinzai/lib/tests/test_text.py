import pytest

from dxjinzai.lib.text import is_katakana, normalize_code, to_fullwidth_katakana


@pytest.mark.parametrize(
    "value", ["ヤマダ", "ヤマダ　タロウ", "ヴァージル", "ジョン・スミス", "ケー"]
)
def test_fullwidth_katakana_is_accepted(value):
    assert is_katakana(value)


@pytest.mark.parametrize("value", ["やまだ", "山田", "yamada", "ﾔﾏﾀﾞ", "ヤマダ1", ""])
def test_other_scripts_are_not_katakana(value):
    assert not is_katakana(value)


def test_halfwidth_kana_becomes_fullwidth_with_voiced_marks_joined():
    assert to_fullwidth_katakana("ﾔﾏﾀﾞ ﾀﾛｳ") == "ヤマダ タロウ"
    assert to_fullwidth_katakana("ﾊﾟﾝ") == "パン"
    assert to_fullwidth_katakana("山田ABC") == "山田ABC"


def test_codes_keep_leading_zeros_and_lose_fullwidth():
    assert normalize_code(" ００１２３ ") == "00123"
    assert normalize_code("0100") == "0100"


def test_natural_key_reads_numbers_as_numbers():
    from dxjinzai.lib.text import natural_key

    names = ["デモ高等学校10", "デモ高等学校2", "デモ高等学校1", "第１０係", "第３係", "総務課"]
    assert sorted(names, key=natural_key) == [
        "デモ高等学校1",
        "デモ高等学校2",
        "デモ高等学校10",
        "第３係",
        "第１０係",
        "総務課",
    ]
