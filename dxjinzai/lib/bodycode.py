"""全国地方公共団体コード (団体コード): five digits plus a check digit.

The check digit rule is the one published with the code list by 総務省:
digits 1–5 weighted 6, 5, 4, 3, 2; r = sum mod 11; check = (11 − r) mod 10.
"""

import re

from dxjinzai.lib.text import nfkc

_WEIGHTS = (6, 5, 4, 3, 2)


class BodyCodeError(ValueError):
    """A 団体コード that cannot be accepted; the message is for the user."""


def body_code_check_digit(first_five: str) -> int:
    """Check digit of the five leading digits of a 団体コード."""
    remainder = sum(int(d) * w for d, w in zip(first_five, _WEIGHTS, strict=True)) % 11
    return (11 - remainder) % 10


def normalize_body_code(raw: str) -> str:
    """Return the 6-digit 団体コード for user input, or raise BodyCodeError.

    Full-width digits are accepted (NFKC); a 5-digit code, as many lists print it,
    is completed with its check digit.
    """
    code = nfkc(raw).strip()
    if not re.fullmatch(r"\d{5}|\d{6}", code):
        raise BodyCodeError("団体コードは6桁（または検査数字を除く5桁）の数字で入力してください。")
    expected = body_code_check_digit(code[:5])
    if len(code) == 5:
        return f"{code}{expected}"
    if int(code[5]) != expected:
        raise BodyCodeError(
            f"団体コードの検査数字が正しくありません（{code[:5]} の検査数字は {expected} です）。"
        )
    return code
