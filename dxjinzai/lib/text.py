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
