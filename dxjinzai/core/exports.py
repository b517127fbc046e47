"""Lists out as CSV (UTF-8 with BOM, or cp932) and XLSX, streamed row by row.

A value that starts with = + - @ must never run as a formula (CSV injection):
- in a CSV it is prefixed with an apostrophe, which the imports strip again
  (lib.tabular.unneutralise), so an exported list imports back unchanged;
- in an XLSX it is written as a typed text cell marked "quote prefix": Excel shows the text
  as it is and never evaluates it, and the value holds no apostrophe.

XLSX files are made for work in Excel: dates as date cells, numbers as numbers, codes
(職員番号, 所属コード) as text, a bold header row frozen with a filter, widths set from the
first rows.
"""

from __future__ import annotations

import csv
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dxjinzai.core.actor import Actor
from dxjinzai.lib.tabular import FORMULA_PREFIXES

EXPORT_FORMATS = {"csv": "CSV（UTF-8）", "csv_cp932": "CSV（Shift_JIS）", "xlsx": "Excel"}


@dataclass(frozen=True)
class Column:
    """One column of a list: its Japanese header and how to read the value from a row."""

    header: str
    value: Callable[[Any], Any]


def neutralise(value: Any) -> Any:
    """Make a cell safe to open in Excel; numbers and dates stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for any XLSX sheet the platform writes (a list, a statement's layout): formula-
    like text as text cells, dates as date cells, numbers as numbers."""
    return [xlsx_cell(sheet, value) for value in values]


# How Excel shows the dates and times of a list.
DATE_FORMAT = "yyyy/mm/dd"
DATETIME_FORMAT = "yyyy/mm/dd hh:mm"


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """One value for an XLSX row: a plain value where Excel reads it right, else a cell."""
    if value is None or (isinstance(value, int | float | Decimal) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, datetime | date):
        return _date_cell(sheet, value)
    text = str(value)
    return _text_cell(sheet, text) if text.startswith(FORMULA_PREFIXES) else text


def _text_cell(sheet: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    if text.startswith(FORMULA_PREFIXES):
        # Set after the value (which made it a formula): the text as it is, never
        # evaluated, and kept as text if someone edits the cell in Excel.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _date_cell(sheet: Any, value: date) -> WriteOnlyCell:
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        cell = WriteOnlyCell(sheet, value=local.replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell


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
    # A header may be a user's own label (a posting's channels head the funnel's columns).
    yield [neutralise(column.header) for column in columns]
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
    if export_format == "xlsx":
        return _xlsx_response(rows, columns, basename)
    table = table_rows(rows, columns)
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


# Widths are measured on the header and this many rows (the list streams: no look further).
WIDTH_SAMPLE_ROWS = 200
MAX_COLUMN_WIDTH = 60


def _xlsx_response(rows: Iterable[Any], columns: list[Column], basename: str) -> FileResponse:
    # write_only keeps one row in memory at a time (after the sample the widths are measured
    # on); the file itself spools to disk.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(basename))
    values = ([column.value(row) for column in columns] for row in rows)
    sample = list(islice(values, WIDTH_SAMPLE_ROWS))
    headers = [column.header for column in columns]
    for index, width in enumerate(_column_widths(headers, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, header) for header in headers])
    written = 0
    for row_values in chain(sample, values):
        sheet.append(safe_row(sheet, row_values))
        written += 1
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{written + 1}"
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"{basename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _header_cell(sheet: Any, header: str) -> WriteOnlyCell:
    # A header may be a user's own label: formula-like text stays text.
    cell = _text_cell(sheet, header)
    cell.font = Font(bold=True)
    return cell


def _column_widths(headers: list[str], sample: list[list[Any]]) -> list[int]:
    """Each column as wide as its widest text among the header and the sample, in Excel's
    units (a full-width character counts two), within bounds."""
    widths = []
    for index, header in enumerate(headers):
        texts = [header, *(_cell_text(row[index]) for row in sample)]
        widest = max(_display_width(text) for text in texts)
        widths.append(min(MAX_COLUMN_WIDTH, max(8, widest + 2)))
    return widths


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


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
