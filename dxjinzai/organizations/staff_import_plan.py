"""A staff import's plan: every row checked and compared with the body's staff, in batches.

The rows are read, checked (staff_import.StaffRowValidator), compared with the staff they name
and staged (import_staging) a batch at a time; what needs all the rows at once (a 職員番号
given twice, leading zeros lost, whom a complete file retires, the counts) is then asked of
the staged rows. Memory therefore stays flat whatever the file's length: what a plan keeps
in memory is bounded (the first problems by row, the cells of the first rejected rows), and
the report lists the first rows of each kind with complete counts.

Nothing here writes the body's staff: services.staff_import_apply does, from the staged rows,
in one transaction (all or nothing).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection

from dxjinzai.core.bulk import date_adapter, in_values
from dxjinzai.core.import_runs import REPORT_PROBLEMS
from dxjinzai.lib.tabular import Table
from dxjinzai.lib.text import storable
from dxjinzai.organizations.import_staging import (
    CREATE,
    REJECTED,
    ROW_COLUMNS,
    UNCHANGED,
    UPDATE,
    Staging,
)
from dxjinzai.organizations.models import Body, StaffMember, StaffStatus
from dxjinzai.organizations.rules import zero_led_codes, zeros_lost_from
from dxjinzai.organizations.staff_import import (
    WRITTEN_COLUMNS,
    WRITTEN_FIELDS,
    Problem,
    StaffRow,
    StaffRowValidator,
    fields_in_file,
    map_headers,
)

_STAFF_TABLE = StaffMember._meta.db_table
# Rows read, checked and compared together; the progress is reported after each batch.
BATCH_ROWS = 5_000
# What a plan keeps for its report, however long the file: the first problems by row (as
# many as a run stores; the counts stay complete), the cells of the first rejected rows, cut
# to this length, and the first rows created, updated and retired.
REPORT_REJECTED_ROWS = 1_000
REPORT_CELL_CHARS = 100
REPORT_CHANGES = 10_000
# A number given on more rows than this is reported with the first of them only.
REPEATS_NAMED = 20
# A rejected row's number is compared with the others' on this many characters (a valid
# number has 20 at most, and a cell of 2,000 would not fit PostgreSQL's index), with what
# the database cannot store replaced (lib.text.storable: the API's JSON can carry a NUL).
KEY_CHARS = 100
# What a rejected row writes: nothing (ROW_COLUMNS after file_row, number, ok and action).
_NO_VALUES = (None,) * (len(ROW_COLUMNS) - 4)


@dataclass
class ImportPlan:
    staging: Staging
    rows_total: int = 0
    # Every problem found; the plan keeps the first REPORT_PROBLEMS by row (`problems`).
    problems_total: int = 0
    # The body's active staff before the import (the share a complete file would retire).
    active_before: int = 0
    # What the file sets on existing staff (fields_in_file); new staff get every field.
    fields: tuple[str, ...] = WRITTEN_FIELDS
    ignored_columns: list[str] = field(default_factory=list)
    # (staff id, 職員番号) of people absent from a file flagged as complete
    retires: list[tuple[int, str]] = field(default_factory=list)
    # The cells of rejected rows as read, so the report can show them beside the reasons;
    # bounded (reject), as a hostile file may be nothing but rejected rows of long cells.
    rejected_cells: dict[int, list[str]] = field(default_factory=dict)
    # Rows by what they do (import_staging.Staging.counts), once every row is staged.
    staged: dict[str, int] = field(default_factory=dict)
    # A heap of (-row, order, problem): the kept problems are those of the lowest rows.
    _kept: list[tuple[int, int, Problem]] = field(default_factory=list)

    def note(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.problems_total += 1
            entry = (-problem.row, self.problems_total, problem)
            if len(self._kept) < REPORT_PROBLEMS:
                heapq.heappush(self._kept, entry)
            elif entry > self._kept[0]:
                heapq.heapreplace(self._kept, entry)

    @property
    def problems(self) -> list[Problem]:
        """The kept problems, in the order they were found (the report sorts them by row)."""
        return [problem for _, _, problem in sorted(self._kept, key=lambda entry: entry[1])]

    def reject(self, row_number: int, cells: list[str]) -> None:
        if len(self.rejected_cells) < REPORT_REJECTED_ROWS:
            self.rejected_cells[row_number] = [cell[:REPORT_CELL_CHARS] for cell in cells]

    @property
    def has_errors(self) -> bool:
        return self.staged.get(REJECTED, 0) > 0

    def counts(self) -> dict[str, int]:
        return {
            "total": self.rows_total,
            "created": self.staged.get(CREATE, 0),
            "updated": self.staged.get(UPDATE, 0),
            "unchanged": self.staged.get(UNCHANGED, 0),
            "retired": len(self.retires),
            "rejected": self.staged.get(REJECTED, 0),
        }

    def created(self) -> list[tuple[int, str, str]]:
        """(row, 職員番号, name) of the first REPORT_CHANGES rows that create a staff member."""
        rows = self.staging.imported(
            CREATE, ["file_row", "number", "family_name", "given_name"], REPORT_CHANGES
        )
        return [(row, number, f"{family} {given}") for row, number, family, given in rows]

    def updated(self) -> list[tuple[int, str, dict[str, list[str]]]]:
        """(row, 職員番号, {field: [before, after]}) of the first REPORT_CHANGES rows that
        change someone."""
        rows = self.staging.imported(UPDATE, ["file_row", "number", "changes"], REPORT_CHANGES)
        return [(row, number, json.loads(changes)) for row, number, changes in rows]

    def retired(self) -> list[str]:
        """The 職員番号 of the first REPORT_CHANGES people the complete file retires."""
        return [number for _, number in self.retires[:REPORT_CHANGES]]


@contextlib.contextmanager
def planned_staff_import(
    *,
    body: Body,
    table: Table,
    complete: bool = False,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ImportPlan]:
    """Check every row and compare the file with the body's staff; the plan lasts as long
    as the block (its staged rows are dropped at the end). Missing required columns stop
    the import (ImportStopped) before any row is read."""
    index, ignored = map_headers(table.headers)
    validator = StaffRowValidator(
        body=body, index=index, header_count=len(table.headers), today=today
    )
    staging = Staging()
    staging.create()
    try:
        plan = ImportPlan(staging=staging, ignored_columns=ignored, fields=fields_in_file(index))
        to_db = date_adapter()
        for batch in _batches(table.rows):
            _plan_batch(body, batch, validator, plan, to_db)
            if progress:
                progress(plan.rows_total)
        _reject_repeated_numbers(plan)
        _reject_lost_zeros(body, plan)
        plan.active_before = StaffMember.unscoped.filter(
            body=body, status=StaffStatus.ACTIVE
        ).count()
        if complete:
            plan.retires = _absent_from_file(body, staging)
        plan.staged = staging.counts()
        yield plan
    finally:
        staging.drop()


def _batches(rows: Iterator[tuple[int, list[str]]]) -> Iterator[list[tuple[int, list[str]]]]:
    while batch := list(itertools.islice(rows, BATCH_ROWS)):
        yield batch


def _plan_batch(
    body: Body,
    batch: list[tuple[int, list[str]]],
    validator: StaffRowValidator,
    plan: ImportPlan,
    to_db: Callable[[Any], Any],
) -> None:
    """Check a batch of rows, compare the valid ones with the staff they name and stage them
    all. A 職員番号 given again (here or in an earlier batch) rejects the later row at once;
    the first row that gave it is rejected too once every row is read (which row is right is
    the official's to say)."""
    checked = []
    for row_number, cells in batch:
        staff_row, problems = validator.validate(row_number, cells)
        given = staff_row.number if staff_row else (problems[0].number if problems else "")
        checked.append((row_number, cells, staff_row, problems, storable(given[:KEY_CHARS])))
    plan.rows_total += len(checked)
    first_row_of = plan.staging.first_rows_of({key for *_, key in checked if key})
    existing = _existing_staff(body, [row.number for _, _, row, _, _ in checked if row])
    staged = []
    for row_number, cells, staff_row, problems, key in checked:
        if key and (first := first_row_of.setdefault(key, row_number)) != row_number:
            problems.append(
                Problem(
                    row_number,
                    "職員番号",
                    f"職員番号「{key}」が{first}行目と重複しています。",
                    number=key,
                )
            )
            staff_row = None
        plan.note(problems)
        if staff_row is None:
            plan.reject(row_number, cells)
            staged.append((row_number, key, 0, REJECTED, *_NO_VALUES))
            continue
        staged.append(_staged(staff_row, existing.get(staff_row.number), plan.fields, to_db))
    plan.staging.add(staged)


def _existing_staff(body: Body, numbers: list[str]) -> dict[str, tuple[Any, ...]]:
    """(number, id, status, *WRITTEN_FIELDS) of the body's staff with these numbers, read
    without the ORM, which would build a model's worth of work for each row of a large
    import (both databases' drivers give the date as a date)."""
    if not numbers:
        return {}
    among, params = in_values(numbers)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT number, id, status, {', '.join(WRITTEN_COLUMNS)} FROM {_STAFF_TABLE} "
            f"WHERE body_id = %s AND number {among}",
            [body.pk, *params],
        )
        return {values[0]: values for values in cursor.fetchall()}


def _staged(
    row: StaffRow,
    current: tuple[Any, ...] | None,
    fields: tuple[str, ...],
    to_db: Callable[[Any], Any],
) -> tuple[Any, ...]:
    values = (
        row.family_name,
        row.given_name,
        row.family_name_kana,
        row.given_name_kana,
        row.email,
        row.department_id,
        row.grade_id,
        row.employment_kind,
        row.hire_date,
    )
    if current is None:
        action, staff_id, changes = CREATE, None, None
    else:
        changed = _changes(current, values, fields)
        action = UPDATE if changed else UNCHANGED
        staff_id, changes = current[1], json.dumps(changed, ensure_ascii=False) if changed else None
    return (row.row, row.number, 1, action, staff_id, *values[:-1], to_db(row.hire_date), changes)


def _changes(
    current: tuple[Any, ...], values: tuple[Any, ...], fields: tuple[str, ...]
) -> dict[str, list[str]]:
    """{field: [before, after]} of what the row changes; `values` in WRITTEN_FIELDS order."""
    changes = {}
    if current[2] != StaffStatus.ACTIVE:
        changes["status"] = [str(current[2]), str(StaffStatus.ACTIVE)]
    for name, before, after in zip(WRITTEN_FIELDS, current[3:], values, strict=True):
        if name in fields and (before or None) != (after or None):
            changes[name] = [
                "" if before is None else str(before),
                "" if after is None else str(after),
            ]
    return changes


def _reject_repeated_numbers(plan: ImportPlan) -> None:
    """The first row of each 職員番号 given more than once names the rows that repeat it,
    and is rejected with them."""
    grouped = itertools.groupby(plan.staging.repeated_numbers(), key=lambda entry: entry[0])
    for number, entries in grouped:
        rows = (row for _, row in entries)
        first = next(rows)
        named = list(itertools.islice(rows, REPEATS_NAMED))
        more = sum(1 for _ in rows)
        listed = "、".join(f"{row}行目" for row in named) + (f"ほか{more:,}行" if more else "")
        plan.note(
            [
                Problem(
                    first,
                    "職員番号",
                    f"職員番号「{number}」が{listed}にもあります。",
                    number=number,
                )
            ]
        )
    plan.staging.reject_repeated()


def _reject_lost_zeros(body: Body, plan: ImportPlan) -> None:
    """A new number that is a known one without its leading zeros (「1」 for 000001) is not
    created: a spreadsheet program most likely dropped the zeros."""
    candidates = plan.staging.select(
        # The body's staff first (CROSS JOIN fixes SQLite's join order), each looked up by
        # its number without zeros in the staged rows' index.
        f"SELECT s.file_row, s.number, e.number FROM {StaffMember._meta.db_table} e "
        f"CROSS JOIN {plan.staging.table} s "
        "WHERE e.body_id = %s AND e.number LIKE %s AND s.number = LTRIM(e.number, '0') "
        "AND s.ok = 1 AND s.action = %s ORDER BY s.file_row",
        [body.pk, "0%", CREATE],
    )
    lost: dict[int, str] = {}
    for row, number, known_number in candidates:
        if row not in lost and zeros_lost_from(number, zero_led_codes([known_number])):
            lost[row] = number
            message = _zeros_lost_message(number, known_number)
            plan.note([Problem(row, "職員番号", message, number=number)])
    plan.staging.reject_rows(list(lost))


def _zeros_lost_message(number: str, known: str) -> str:
    return (
        f"職員番号「{number}」の職員はいませんが、「{known}」の職員がいます。表計算ソフトで"
        "先頭の0が落ちた可能性があるため、登録しませんでした。番号を文字列として保存し直すか、"
        "団体の設定で職員番号の桁数を指定してください（取込で0を補います）。"
    )


def _absent_from_file(body: Body, staging: Staging) -> list[tuple[int, str]]:
    """(id, 職員番号) of the body's active staff that no imported row names."""
    return staging.select(
        f"SELECT e.id, e.number FROM {StaffMember._meta.db_table} e "
        "WHERE e.body_id = %s AND e.status = %s AND NOT EXISTS ("
        f"SELECT 1 FROM {staging.table} s WHERE s.number = e.number AND s.ok = 1) "
        "ORDER BY e.id",
        [body.pk, StaffStatus.ACTIVE],
    )
