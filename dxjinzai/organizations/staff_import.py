"""Staff import from personnel-system (人事給与システム) files: the columns and the rules of a row.

Nothing here writes. `staff_import_plan.planned_staff_import` checks every row with these
rules and compares the file with the body's staff; `services.staff_import_apply` writes the
plan in one transaction.

The row rules are the StaffMember rules (model `clean()`, shown by StaffForm) compiled into
plain functions over strings, because a form per row is 50× too slow for 100,000 rows
(issue 3's calibration). `tests/test_staff_import.py` checks that both accept and reject
the same values.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from dxjinzai.lib.dates import DateParseError, parse_date_text
from dxjinzai.lib.text import (
    has_unstorable_character,
    is_katakana,
    nfkc,
    normalize_code,
    staff_number_problem,
    to_fullwidth_katakana,
)
from dxjinzai.organizations.models import Body, Department, Grade, StaffMember
from dxjinzai.organizations.rules import (
    AppointmentKind,
    hire_date_error,
    restore_leading_zeros,
    zero_led_codes,
    zeros_lost_from,
)

# Canonical column → the header names personnel systems use for it (compared after NFKC,
# without spaces).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("職員番号", "職員コード", "職員No", "職員NO", "個人番号"),
    "family_name": ("氏", "姓"),
    "given_name": ("名",),
    "full_name": ("氏名", "職員氏名"),
    "family_name_kana": ("氏フリガナ", "姓フリガナ", "氏カナ", "姓カナ", "セイ"),
    "given_name_kana": ("名フリガナ", "名カナ", "メイ"),
    "full_kana": ("フリガナ", "カナ", "氏名フリガナ", "氏名カナ", "カナ氏名"),
    "department_code": ("所属コード", "所属CD"),
    "department_name": ("所属", "所属名"),
    "grade": ("職層", "職級", "役職"),
    "employment_kind": ("雇用区分", "任用区分"),
    "email": ("メールアドレス", "メール", "Eメール", "E-mail", "email"),
    "hire_date": ("採用日", "採用年月日"),
}
COLUMN_LABELS = {key: aliases[0] for key, aliases in COLUMN_ALIASES.items()}
# The template file's header and example row (one fictitious person).
TEMPLATE_EXAMPLE = {
    "職員番号": "000123",
    "氏": "静岡",
    "名": "花子",
    "氏フリガナ": "シズオカ",
    "名フリガナ": "ハナコ",
    "所属コード": "0110",
    "職層": "主事・主任級",
    "雇用区分": "正規",
    "メールアドレス": "hanako.shizuoka@example.lg.jp",
    "採用日": "2020-04-01",
}
_HEADER_TO_KEY = {
    nfkc(alias).lower(): key for key, aliases in COLUMN_ALIASES.items() for alias in aliases
}

_FIELD = StaffMember._meta.get_field
MAX_LENGTH: dict[str, int] = {
    name: _FIELD(name).max_length  # type: ignore[union-attr,misc]
    for name in (
        "number",
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "email",
    )
}
_EMAIL = EmailValidator()
_NAME_SPLIT = re.compile(r"[ \u3000]+")
_KIND_BY_LABEL = {label: value for value, label in AppointmentKind.choices} | {
    "派遣受入": AppointmentKind.SECONDMENT_IN,
    "会計年度任用職員": AppointmentKind.FISCAL_YEAR,
    "任期付職員": AppointmentKind.FIXED_TERM,
    "再任用職員": AppointmentKind.REEMPLOYMENT,
}
_CP932_CHECKED = ("family_name", "given_name", "family_name_kana", "given_name_kana")


class ImportStopped(Exception):
    """The file cannot be imported at all (missing required columns); nothing is read further."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str
    level: str = "error"
    # The row's 職員番号 as the file gives it, so the report names the person.
    number: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "level": self.level,
            "number": self.number,
        }


@dataclass
class StaffRow:
    """One valid row, normalised, with departments and grades resolved to ids."""

    row: int
    number: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str
    department_id: int | None
    grade_id: int | None
    employment_kind: str
    hire_date: date | None


# The fields an import sets, in the order services write them.
WRITTEN_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "email",
    "department_id",
    "grade_id",
    "employment_kind",
    "hire_date",
)
# Their columns in the staff table, for the import's SQL.
WRITTEN_COLUMNS: list[str] = [
    _FIELD(name).column  # type: ignore[union-attr,misc]
    for name in WRITTEN_FIELDS
]
# The column (key of COLUMN_ALIASES) that carries each optional field; a field whose column
# the file lacks is left as it is on existing staff (a file of names and numbers only must
# not clear everyone's grade). Names and kana are required columns.
_OPTIONAL_FIELD_COLUMNS = {
    "email": ("email",),
    "department_id": ("department_code", "department_name"),
    "grade_id": ("grade",),
    "employment_kind": ("employment_kind",),
    "hire_date": ("hire_date",),
}


def fields_in_file(index: dict[str, int]) -> tuple[str, ...]:
    """The WRITTEN_FIELDS a file with these columns sets, in their order."""
    return tuple(
        name
        for name in WRITTEN_FIELDS
        if name not in _OPTIONAL_FIELD_COLUMNS
        or any(column in index for column in _OPTIONAL_FIELD_COLUMNS[name])
    )


# --- Headers -------------------------------------------------------------------------------


def map_headers(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column index of each known column, and the headers we ignore.

    Missing required columns stop the import before any row is read.
    """
    index: dict[str, int] = {}
    ignored = []
    for position, header in enumerate(headers):
        key = _HEADER_TO_KEY.get(header.lower())
        if key is None or key in index:
            if header:
                ignored.append(header)
            continue
        index[key] = position
    missing = _missing_required(index)
    if missing:
        raise ImportStopped([Problem(1, "見出し", message) for message in missing])
    return index, ignored


def _missing_required(index: dict[str, int]) -> list[str]:
    missing = []
    if "number" not in index:
        missing.append("必須の列「職員番号」がありません。")
    if not ({"family_name", "given_name"} <= index.keys() or "full_name" in index):
        missing.append("必須の列「氏」「名」（または「氏名」）がありません。")
    if not ({"family_name_kana", "given_name_kana"} <= index.keys() or "full_kana" in index):
        missing.append("必須の列「氏フリガナ」「名フリガナ」（または「フリガナ」）がありません。")
    return missing


# --- Rows ----------------------------------------------------------------------------------


class StaffRowValidator:
    """The StaffMember field rules as fast functions over one row's cells."""

    def __init__(
        self, *, body: Body, index: dict[str, int], header_count: int, today: date
    ) -> None:
        self.index = index
        self.header_count = header_count
        self.today = today
        current = Department.unscoped.filter(body=body, valid_from__lte=today).exclude(
            valid_to__lt=today
        )
        self.departments_by_code = {d.code: d.pk for d in current}
        self.zero_led_department_codes = zero_led_codes(self.departments_by_code)
        self.number_digits = body.staff_number_digits
        self.department_code_digits = body.department_code_digits
        self.departments_by_name = {d.name: d.pk for d in current}
        self.grades = {nfkc(g.name): g.pk for g in Grade.unscoped.filter(body=body)}

    def validate(self, row: int, cells: list[str]) -> tuple[StaffRow | None, list[Problem]]:
        problems: list[Problem] = []

        def fail(key: str, message: str, level: str = "error") -> None:
            problems.append(Problem(row, COLUMN_LABELS.get(key, key), message, level))

        if len(cells) > self.header_count and any(c.strip() for c in cells[self.header_count :]):
            fail(
                "number",
                f"見出し（{self.header_count}列）より多い{len(cells)}列があります。"
                'カンマや引用符（"）の位置を確認してください。',
            )
        if len(cells) < self.header_count:
            cells = cells + [""] * (self.header_count - len(cells))
        values = {key: cells[position].strip() for key, position in self.index.items()}
        number = restore_leading_zeros(
            check_number(values.get("number", ""), fail), self.number_digits
        )
        family, given = self._names(values, fail)
        family_kana, given_kana = self._kana(values, fail)
        email = check_email(values.get("email", ""), fail)
        department_id = self._department(values, fail)
        grade_id = self._grade(values, fail)
        employment_kind = self._kind(values, fail)
        hire_date = self._date(values, fail)
        warn_outside_cp932((family, given, family_kana, given_kana), fail)
        key = number or values.get("number", "")
        problems = [replace(problem, number=key) for problem in problems]
        if any(p.level == "error" for p in problems):
            return None, problems
        return (
            StaffRow(
                row=row,
                number=number,
                family_name=family,
                given_name=given,
                family_name_kana=family_kana,
                given_name_kana=given_kana,
                email=email,
                department_id=department_id,
                grade_id=grade_id,
                employment_kind=employment_kind,
                hire_date=hire_date,
            ),
            problems,
        )

    def _names(self, values: dict[str, str], fail: Callable[..., None]) -> tuple[str, str]:
        if "family_name" in self.index:
            family, given = values.get("family_name", ""), values.get("given_name", "")
        else:
            family, given = split_full(values.get("full_name", ""))
        return check_name("family_name", family, fail), check_name("given_name", given, fail)

    def _kana(self, values: dict[str, str], fail: Callable[..., None]) -> tuple[str, str]:
        if "family_name_kana" in self.index:
            family, given = (
                values.get("family_name_kana", ""),
                values.get("given_name_kana", ""),
            )
        else:
            family, given = split_full(values.get("full_kana", ""))
        return check_kana("family_name_kana", family, fail), check_kana(
            "given_name_kana", given, fail
        )

    def _department(self, values: dict[str, str], fail: Callable[..., None]) -> int | None:
        code = normalize_code(values.get("department_code", ""))
        if code := restore_leading_zeros(code, self.department_code_digits):
            if code not in self.departments_by_code:
                fail("department_code", self._unknown_department_code(code))
            return self.departments_by_code.get(code)
        if name := values.get("department_name", ""):
            if name not in self.departments_by_name:
                fail("department_name", f"所属「{name}」がありません（現在の所属から探しました）。")
            return self.departments_by_name.get(name)
        return None

    def _unknown_department_code(self, code: str) -> str:
        message = f"所属コード「{code}」の所属がありません（現在の所属から探しました）。"
        if known := zeros_lost_from(code, self.zero_led_department_codes):
            message += (
                f"先頭の0が落ちた「{known}」ではありませんか。表計算ソフトで開くと0が消えることが"
                "あります（団体の設定で所属コードの桁数を指定すると、取込で0を補います）。"
            )
        return message

    def _grade(self, values: dict[str, str], fail: Callable[..., None]) -> int | None:
        name = nfkc(values.get("grade", ""))
        if not name:
            return None
        if name not in self.grades:
            fail("grade", f"職層「{name}」が登録されていません。団体の職層を確認してください。")
        return self.grades.get(name)

    def _kind(self, values: dict[str, str], fail: Callable[..., None]) -> str:
        label = nfkc(values.get("employment_kind", ""))
        if not label:
            return ""
        if label not in _KIND_BY_LABEL:
            fail(
                "employment_kind",
                f"雇用区分「{label}」は使えません（例：正規、任期付、会計年度任用、再任用）。",
            )
            return ""
        return str(_KIND_BY_LABEL[label])

    def _date(self, values: dict[str, str], fail: Callable[..., None]) -> date | None:
        text = values.get("hire_date", "")
        if not text:
            return None
        hire_date, problem = read_hire_date(text, self.today)
        if problem:
            fail("hire_date", problem)
        return hire_date


# A file's hire dates are few (the 1st of April of a few dozen years) and its katakana
# names repeat: each distinct text is read once per process, not once per row.
@functools.lru_cache(maxsize=4_096)
def read_hire_date(text: str, today: date) -> tuple[date | None, str | None]:
    """(the date, None), or (None, what is wrong with it)."""
    try:
        hire_date = parse_date_text(text)
    except DateParseError as error:
        return None, str(error)
    if problem := hire_date_error(hire_date, today):
        return None, problem
    return hire_date, None


@functools.lru_cache(maxsize=4_096)
def _katakana_reading(raw: str) -> tuple[str, bool]:
    """(the reading in full-width katakana, whether it is katakana only)."""
    value = to_fullwidth_katakana(raw.strip())
    return value, is_katakana(value)


# The field rules, one function each; StaffForm's model clean() applies the same ones.


def check_number(raw: str, fail: Callable[..., None]) -> str:
    number = normalize_code(raw)
    if problem := staff_number_problem(number):
        fail("number", problem)
    return number


def check_name(key: str, value: str, fail: Callable[..., None]) -> str:
    value = value.strip()
    if not value:
        fail(key, f"{COLUMN_LABELS[key]}が空です。")
    elif has_unstorable_character(value):
        fail(key, f"{COLUMN_LABELS[key]}に使えない文字（NULなど）が含まれています。")
    elif len(value) > MAX_LENGTH[key]:
        fail(key, f"{COLUMN_LABELS[key]}は{MAX_LENGTH[key]}文字以内にしてください。")
    return value


def check_kana(key: str, raw: str, fail: Callable[..., None]) -> str:
    value, katakana_only = _katakana_reading(raw)
    if not value:
        fail(key, f"{COLUMN_LABELS[key]}が空です。")
    elif not katakana_only:
        fail(key, "フリガナは全角カタカナで入力してください。")
    elif len(value) > MAX_LENGTH[key]:
        fail(key, f"{COLUMN_LABELS[key]}は{MAX_LENGTH[key]}文字以内にしてください。")
    return value


# Addresses this pattern matches are ones Django's EmailValidator accepts; it is only a fast
# path, and anything else goes to the validator itself, so the verdict is always Django's.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def check_email(value: str, fail: Callable[..., None]) -> str:
    if not value:
        return ""
    if len(value) > MAX_LENGTH["email"]:
        fail("email", "メールアドレスが長すぎます。")
        return value
    if _PLAIN_EMAIL.fullmatch(value):
        return value
    try:
        _EMAIL(value)
    except ValidationError:
        fail("email", f"メールアドレス「{value}」の形式が正しくありません。")
    return value


def split_full(value: str) -> tuple[str, str]:
    """「山田　太郎」 → (山田, 太郎): split on the first space, full- or half-width."""
    parts = _NAME_SPLIT.split(value.strip(), maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def warn_outside_cp932(names: tuple[str, ...], fail: Callable[..., None]) -> None:
    """Names are kept as entered, but a Shift_JIS export would lose what cp932 cannot hold."""
    if encodable_in_cp932("".join(names)):
        return
    for key, value in zip(_CP932_CHECKED, names, strict=True):
        if not encodable_in_cp932(value):
            fail(
                key,
                f"「{value}」にShift_JIS（cp932）で表せない文字があります。Shift_JISで出力すると失われます。",
                "warning",
            )


def encodable_in_cp932(value: str) -> bool:
    try:
        value.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True
