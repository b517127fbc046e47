"""Staff import from personnel-system (人事給与システム) files: read, validate every row, plan.

Nothing here writes. `plan_staff_import` turns a table into an ImportPlan: the valid rows,
every problem by row and column, and what would be created, updated, left unchanged or
retired. `services.staff_import_apply` writes a plan in one transaction.

The row rules are the StaffMember rules (model `clean()`, shown by StaffForm) compiled into
plain functions over strings, because a form per row is 50× too slow for 100,000 rows
(issue 3's calibration). `tests/test_staff_import.py` checks that both accept and reject
the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from dxjinzai.lib.dates import DateParseError, parse_date_text
from dxjinzai.lib.tabular import Table
from dxjinzai.lib.text import (
    is_katakana,
    nfkc,
    normalize_code,
    staff_number_problem,
    to_fullwidth_katakana,
)
from dxjinzai.organizations.models import Body, Department, Grade, StaffMember, StaffStatus
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

PROGRESS_EVERY = 5_000


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


# The report shows the cells of at most this many rejected rows, each cut to this length:
# enough to find the row in the file, never the file's whole contents again.
REPORT_REJECTED_ROWS = 1_000
REPORT_CELL_CHARS = 100


@dataclass
class ImportPlan:
    rows_total: int = 0
    problems: list[Problem] = field(default_factory=list)
    creates: list[StaffRow] = field(default_factory=list)
    # (staff id, new row, {field: [before, after]})
    updates: list[tuple[int, StaffRow, dict[str, list[str]]]] = field(default_factory=list)
    unchanged: int = 0
    # (staff id, 職員番号) of people absent from a file flagged as complete
    retires: list[tuple[int, str]] = field(default_factory=list)
    # The body's active staff before the import (the share a complete file would retire).
    active_before: int = 0
    # What the file sets on existing staff (fields_in_file); new staff get every field.
    fields: tuple[str, ...] = WRITTEN_FIELDS
    ignored_columns: list[str] = field(default_factory=list)
    # The cells of rejected rows as read, so the report can show them beside the reasons;
    # bounded (reject), as a hostile file may be nothing but rejected rows of long cells.
    rejected_cells: dict[int, list[str]] = field(default_factory=dict)

    def reject(self, row_number: int, cells: list[str]) -> None:
        if len(self.rejected_cells) < REPORT_REJECTED_ROWS:
            self.rejected_cells[row_number] = [cell[:REPORT_CELL_CHARS] for cell in cells]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def error_rows(self) -> set[int]:
        return {p.row for p in self.errors}

    def counts(self) -> dict[str, int]:
        return {
            "total": self.rows_total,
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "retired": len(self.retires),
            "rejected": len(self.error_rows),
        }


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
        try:
            hire_date = parse_date_text(text)
        except DateParseError as error:
            fail("hire_date", str(error))
            return None
        if problem := hire_date_error(hire_date, self.today):
            fail("hire_date", problem)
            return None
        return hire_date


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
    elif len(value) > MAX_LENGTH[key]:
        fail(key, f"{COLUMN_LABELS[key]}は{MAX_LENGTH[key]}文字以内にしてください。")
    return value


def check_kana(key: str, raw: str, fail: Callable[..., None]) -> str:
    value = to_fullwidth_katakana(raw.strip())
    if not value:
        fail(key, f"{COLUMN_LABELS[key]}が空です。")
    elif not is_katakana(value):
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


# --- Plan ----------------------------------------------------------------------------------


def plan_staff_import(
    *,
    body: Body,
    table: Table,
    complete: bool = False,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Validate every row, then compare with the body's staff: nothing is written here."""
    index, ignored = map_headers(table.headers)
    plan = ImportPlan(ignored_columns=ignored, fields=fields_in_file(index))
    validator = StaffRowValidator(
        body=body, index=index, header_count=len(table.headers), today=today
    )
    valid_rows = _validated_rows(table.rows, validator, plan, progress)
    _compare_with_existing(body, valid_rows, plan, complete=complete)
    return plan


def _validated_rows(
    rows: Iterator[tuple[int, list[str]]],
    validator: StaffRowValidator,
    plan: ImportPlan,
    progress: Callable[[int], None] | None,
) -> list[StaffRow]:
    """The valid rows. A 職員番号 given twice is an error on every row that gives it, the
    first included and whatever else is wrong there: which row is right is the official's
    to say."""
    valid: list[StaffRow] = []
    first_row_of: dict[str, int] = {}
    repeated: dict[str, list[int]] = {}
    for row_number, cells in rows:
        plan.rows_total += 1
        if progress and plan.rows_total % PROGRESS_EVERY == 0:
            progress(plan.rows_total)
        staff_row, problems = validator.validate(row_number, cells)
        plan.problems.extend(problems)
        number = staff_row.number if staff_row else (problems[0].number if problems else "")
        if number and (first := first_row_of.setdefault(number, row_number)) != row_number:
            repeated.setdefault(number, []).append(row_number)
            plan.problems.append(
                Problem(
                    row_number,
                    "職員番号",
                    f"職員番号「{number}」が{first}行目と重複しています。",
                    number=number,
                )
            )
            staff_row = None
        if staff_row is None:
            plan.reject(row_number, cells)
            continue
        valid.append(staff_row)
    for number, later in repeated.items():
        plan.problems.append(
            Problem(
                first_row_of[number],
                "職員番号",
                f"職員番号「{number}」が{'、'.join(f'{row}行目' for row in later)}にもあります。",
                number=number,
            )
        )
    return [row for row in valid if row.number not in repeated]


def _compare_with_existing(
    body: Body, rows: list[StaffRow], plan: ImportPlan, *, complete: bool
) -> None:
    existing = {
        values[0]: values
        for values in StaffMember.unscoped.filter(body=body).values_list(
            "number", "id", "status", *WRITTEN_FIELDS
        )
    }
    plan.active_before = sum(1 for values in existing.values() if values[2] == StaffStatus.ACTIVE)
    zero_led = zero_led_codes(existing)
    for row in rows:
        current = existing.pop(row.number, None)
        if current is None:
            if known := zeros_lost_from(row.number, zero_led):
                plan.problems.append(
                    Problem(row.row, "職員番号", _zeros_lost_message(row, known), number=row.number)
                )
                continue
            plan.creates.append(row)
            continue
        changes = _changes(current, row, plan.fields)
        if changes:
            plan.updates.append((current[1], row, changes))
        else:
            plan.unchanged += 1
    if complete:
        plan.retires = sorted(
            (values[1], number)
            for number, values in existing.items()
            if values[2] == StaffStatus.ACTIVE
        )


def _zeros_lost_message(row: StaffRow, known: str) -> str:
    return (
        f"職員番号「{row.number}」の職員はいませんが、「{known}」の職員がいます。表計算ソフトで"
        "先頭の0が落ちた可能性があるため、登録しませんでした。番号を文字列として保存し直すか、"
        "団体の設定で職員番号の桁数を指定してください（取込で0を補います）。"
    )


def _changes(current: tuple, row: StaffRow, fields: tuple[str, ...]) -> dict[str, list[str]]:
    changes = {}
    if current[2] != StaffStatus.ACTIVE:
        changes["status"] = [str(current[2]), str(StaffStatus.ACTIVE)]
    for position, name in enumerate(WRITTEN_FIELDS, start=3):
        if name not in fields:
            continue
        before, after = current[position], getattr(row, name)
        if (before or None) != (after or None):
            changes[name] = [
                "" if before is None else str(before),
                "" if after is None else str(after),
            ]
    return changes
