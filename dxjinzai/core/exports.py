"""Lists out as CSV (UTF-8 with BOM, or cp932) and XLSX, streamed row by row.

A cell that starts with = + - @ is prefixed with an apostrophe so that Excel shows it as
text instead of running it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from dxjinzai.core.actor import Actor

EXPORT_FORMATS = {"csv": "CSV（UTF-8）", "csv_cp932": "CSV（Shift_JIS）", "xlsx": "Excel"}
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of a list: its Japanese header and how to read the value from a row."""

    header: str
    value: Callable[[Any], Any]


def neutralise(value: Any) -> Any:
    """Make a cell safe to open in Excel; numbers and dates stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for any sheet or CSV the platform writes by hand (a statement's layout):
    every cell through `neutralise`, as the lists' exports do."""
    return [neutralise(value) for value in values]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_rows(rows: Iterable[Any], columns: list[Column]) -> Iterator[list[Any]]:
    yield [column.header for column in columns]
    for row in rows:
        yield [neutralise(_cell_text(column.value(row))) for column in columns]


def cp932_losses(rows: Iterable[Any], columns: list[Column], limit: int = 5) -> list[str]:
    """Up to `limit` cell values that a Shift_JIS (cp932) file could not hold."""
    found: list[str] = []
    for row in table_rows(rows, columns):
        for cell in row:
            if isinstance(cell, str) and not _encodable(cell, "cp932"):
                found.append(cell)
                if len(found) >= limit:
                    return found
    return found


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def _csv_chunks(rows: Iterator[list[Any]], encoding: str) -> Iterator[bytes]:
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    if encoding == "utf-8":
        yield "\ufeff".encode()
    for row in rows:
        # cp932 cannot hold every character (e.g. 髙 in some forms, emoji): such a
        # character becomes "?" rather than aborting the download half-way.
        yield writer.writerow(row).encode(encoding, errors="replace")


def _content_disposition(filename: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(filename)}"


def export_response(
    rows: Iterable[Any], columns: list[Column], export_format: str, basename: str
) -> StreamingHttpResponse | FileResponse:
    """A download of the rows in the chosen format; the caller has checked the format."""
    table = table_rows(rows, columns)
    if export_format == "xlsx":
        return _xlsx_response(table, basename)
    encoding = "cp932" if export_format == "csv_cp932" else "utf-8"
    response = StreamingHttpResponse(
        _csv_chunks(table, encoding), content_type=f"text/csv; charset={encoding}"
    )
    response["Content-Disposition"] = _content_disposition(f"{basename}.csv")
    return response


def template_response(
    example: dict[str, str], export_format: str, basename: str
) -> StreamingHttpResponse | FileResponse:
    """An import's template file: its headers and one example row, in the format asked
    (an unknown format gets the UTF-8 CSV). Officials fill it in Excel and upload it."""
    columns = [Column(header, _value_of(header)) for header in example]
    chosen = export_format if export_format in EXPORT_FORMATS else "csv"
    return export_response([example], columns, chosen, f"{basename}_記入例")


def _value_of(header: str) -> Callable[[dict[str, str]], str]:
    return lambda row: row[header]


_SHEET_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_title(name: str) -> str:
    """A sheet title Excel accepts: none of []:*?/\\ and at most 31 characters (a list's
    name carries the body's name, which may hold any of them)."""
    return name.translate(_SHEET_TITLE_FORBIDDEN)[:31] or "Sheet1"


def _xlsx_response(table: Iterator[list[Any]], basename: str) -> FileResponse:
    # write_only keeps one row in memory at a time; the file itself spools to disk.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(basename))
    for row in table:
        sheet.append(row)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"{basename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def audited_export(
    *,
    actor: Actor,
    body: Any,
    rows: Iterable[Any],
    columns: list[Column],
    export_format: str,
    basename: str,
    count: int,
) -> StreamingHttpResponse | FileResponse:
    """Export a list of personal data and leave the audit entry the law asks for."""
    from dxjinzai.core.audit import audit_record
    from dxjinzai.core.models import AuditAction

    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.EXPORT,
        target_type=basename,
        target_label=f"{basename}（{count}件、{EXPORT_FORMATS[export_format]}）",
    )
    return export_response(rows, columns, export_format, basename)
