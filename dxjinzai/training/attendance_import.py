"""Attendance of one session from a CSV or XLSX file: every row checked, all or nothing.

Columns: 団体コード (optional; a joint session's participants come from several bodies,
the organiser's by default), 職員番号, 受講日, 時間.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.actor import Actor
from dxjinzai.lib.bodycode import BodyCodeError, normalize_body_code
from dxjinzai.lib.dates import DateParseError, parse_date_text
from dxjinzai.lib.rowimport import RowImportResult, RowProblem
from dxjinzai.lib.tabular import TabularError, read_table
from dxjinzai.lib.text import normalize_code
from dxjinzai.training.models import Application, Attendance, Session
from dxjinzai.training.services import attendance_errors, attendance_record

# Far more than a session's roster; the import runs inside the request.
MAX_ROWS = 20_000
REQUIRED = ("職員番号", "受講日", "時間")
# The template file's header and example row (one fictitious person).
TEMPLATE_EXAMPLE = {"団体コード": "", "職員番号": "000123", "受講日": "2026-12-10", "時間": "3"}


@dataclass(frozen=True)
class _Row:
    number: int
    application: Application
    attended_on: date
    hours: Decimal


def attendance_import(
    *, actor: Actor, session: Session, data: bytes, filename: str, today: date
) -> RowImportResult:
    """Check every row; record them all only when none has a problem."""
    result = RowImportResult()
    try:
        table = read_table(data, filename, max_rows=MAX_ROWS)
        # Read here, inside the try: a damaged part or an over-long cell shows while reading.
        read_rows = list(table.rows)
    except TabularError as error:
        result.file_error = str(error)
        return result
    missing = [h for h in REQUIRED if h not in table.headers]
    if missing:
        result.file_error = f"必要な列がありません：{'、'.join(missing)}"
        return result
    roster = _roster(session)
    rows: list[_Row] = []
    seen: set[tuple[int, date]] = set()
    for number, cells in read_rows:
        values = dict(zip(table.headers, cells, strict=False))
        row, messages = _read_row(session, roster, number, values, today)
        if row is not None:
            key = (row.application.pk, row.attended_on)
            if (
                key in seen
                or Attendance.unscoped.filter(
                    application=row.application, attended_on=row.attended_on
                ).exists()
            ):
                messages.append(f"{row.attended_on:%Y-%m-%d}の受講はすでに記録されています。")
            seen.add(key)
        if messages:
            result.problems.append(RowProblem(number, messages))
        elif row is not None:
            rows.append(row)
    if result.problems:
        return result
    _write(actor, rows, today)
    result.recorded = len(rows)
    return result


def _roster(session: Session) -> dict[tuple[str, str], Application]:
    applications = Application.unscoped.filter(session=session).select_related(
        "staff", "staff__body", "session__course"
    )
    return {(a.staff.body.code or "", a.staff.number): a for a in applications}


def _read_row(
    session: Session,
    roster: dict[tuple[str, str], Application],
    number: int,
    values: dict,
    today: date,
) -> tuple[_Row | None, list[str]]:
    messages: list[str] = []
    body_code = session.body.code or ""
    if values.get("団体コード", "").strip():
        try:
            body_code = normalize_body_code(values["団体コード"])
        except BodyCodeError as error:
            messages.append(str(error))
    staff_number = normalize_code(values.get("職員番号", ""))
    application = roster.get((body_code, staff_number))
    if application is None and not messages:
        messages.append(f"職員番号「{staff_number}」の人はこの研修回に申し込んでいません。")
    try:
        attended_on = parse_date_text(values.get("受講日", ""))
    except DateParseError as error:
        messages.append(str(error))
        attended_on = None
    try:
        hours = Decimal(normalize_code(values.get("時間", "")))
    except InvalidOperation:
        messages.append(f"時間「{values.get('時間', '')}」を数値として読めません。")
        hours = None
    if application is None or attended_on is None or hours is None:
        return None, messages
    messages += attendance_errors(application, attended_on, hours, today)
    return _Row(number, application, attended_on, hours), messages


@transaction.atomic
def _write(actor: Actor, rows: list[_Row], today: date) -> None:
    for row in rows:
        try:
            attendance_record(
                actor=actor,
                application=row.application,
                attended_on=row.attended_on,
                hours=row.hours,
                today=today,
            )
        except ValidationError as error:
            # Checked above; a race with another writer still leaves nothing half-way.
            raise ValidationError(f"{row.number}行目：{'、'.join(error.messages)}") from error
