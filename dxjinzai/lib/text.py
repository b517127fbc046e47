"""Text rules for Japanese personal data: normalisation of codes and フリガナ checks."""

import re
import unicodedata


def nfkc(value: str) -> str:
    """NFKC form: full-width digits and letters become ASCII, half-width kana full-width.

    Used for codes and search keys only; names are stored as entered.
    """
    return unicodedata.normalize("NFKC", value)


def normalize_code(value: str) -> str:
    """A 職員番号 or 所属コード as stored: NFKC, trimmed, leading zeros kept."""
    return nfkc(value).strip()


# 職員番号: half-width letters, digits, hyphen and underscore, as personnel systems issue
# them. Anything else ("/", "?", "#", "%", spaces) would have to be escaped in every URL
# that carries the number, and no personnel system we know issues such numbers.
STAFF_NUMBER_MAX_LENGTH = 20
STAFF_NUMBER_RULE = "半角の英数字・ハイフン（-）・アンダースコア（_）で20文字以内"
_STAFF_NUMBER = re.compile(r"[0-9A-Za-z_-]+")


def staff_number_problem(number: str) -> str | None:
    """What is wrong with a (normalised) 職員番号, in Japanese, or None when it may be used."""
    if not number:
        return "職員番号が空です。"
    if len(number) > STAFF_NUMBER_MAX_LENGTH:
        return f"職員番号は{STAFF_NUMBER_MAX_LENGTH}文字以内にしてください。"
    if not _STAFF_NUMBER.fullmatch(number):
        return f"職員番号に使える文字は{STAFF_NUMBER_RULE}です。"
    return None


# NUL, which PostgreSQL cannot store (Django's forms refuse it too), and half of a surrogate
# pair, which is no character and which no encoding can write (JSON can carry one).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def has_unstorable_character(value: str) -> bool:
    return _UNSTORABLE.search(value) is not None


def storable(value: str) -> str:
    """The value with each unstorable character replaced by U+FFFD (for a key that is only
    compared, such as a rejected row's number)."""
    return _UNSTORABLE.sub("\ufffd", value)


# Full-width katakana, the prolonged sound mark, the middle dot and spaces (ideographic or not).
_KATAKANA = re.compile(r"[\u30A1-\u30FA\u30FC\u30FB\u30FD\u30FE\u3000 ]+")


def is_katakana(value: str) -> bool:
    """True when the value is written only in full-width katakana (as personnel systems keep it)."""
    return bool(_KATAKANA.fullmatch(value))


_HALFWIDTH_KANA_RUN = re.compile(r"[\uff61-\uff9f]+")


def to_fullwidth_katakana(value: str) -> str:
    """Half-width katakana (ｶﾞｸﾎﾞ) to full-width (ガクボ); everything else unchanged.

    Whole runs are normalised so that a voiced mark joins the kana before it.
    """
    return _HALFWIDTH_KANA_RUN.sub(lambda run: nfkc(run.group()), value)


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading the numbers in a text as numbers: 高等学校2 before 高等学校10,
    第３係 (full-width) as 第3係."""
    parts = _DIGITS.split(unicodedata.normalize("NFKC", text))
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in parts if part)
