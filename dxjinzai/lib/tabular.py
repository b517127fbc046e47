"""Reading the spreadsheets officials bring: CSV in UTF-8 (with or without BOM) or cp932, and XLSX.

Pure Python over bytes; knows nothing of staff or Django. Every problem is a TabularError
with a Japanese message for the user.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MAX_UPLOAD_BYTES = 30 * 1024 * 1024
_EXCEL_EPOCH = date(1899, 12, 30)


class TabularError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Table:
    headers: list[str]
    # (row number as Excel shows it, cells); the header is row 1.
    rows: Iterator[tuple[int, list[str]]]
    encoding: str
    # For a progress bar before the rows are read: line count or the sheet's dimension.
    estimated_rows: int = 0


def read_table(data: bytes, filename: str = "", sheet: str | None = None) -> Table:
    """Open an upload as a table, whatever its extension claims."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise TabularError(
            f"ファイルが大きすぎます（{len(data) / 1024 / 1024:.1f}MB）。"
            f"{MAX_UPLOAD_BYTES // 1024 // 1024}MB以下に分けてください。"
        )
    if not data.strip():
        raise TabularError("ファイルが空です。")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, sheet)
    if b"\x00" in data[:4096]:
        raise TabularError(
            "CSVまたはExcel（.xlsx）ファイルではないようです。人事給与システムから出力したファイルを選んでください。"
        )
    text, encoding = decode_csv_bytes(data)
    return _read_csv(text, encoding)


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """BOM → UTF-8; else strict UTF-8; else cp932 (Shift_JIS as Windows writes it)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TabularError(
            f"文字コードを判別できません（{line}行目付近）。UTF-8 または Shift_JIS（cp932）で保存し直してください。"
            "複数の文字コードが混在している可能性があります。"
        ) from error


def _read_csv(text: str, encoding: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = next(reader)
    except StopIteration:
        raise TabularError("ファイルが空です。") from None
    except csv.Error as error:
        raise TabularError(f"CSVとして読み取れません：{error}") from error
    return Table(
        headers=[clean_header(h) for h in headers],
        rows=_csv_rows(reader),
        encoding=encoding,
        estimated_rows=max(0, text.count("\n") - 1),
    )


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    # Row numbers count records, as Excel shows them, even when a quoted cell holds a newline.
    for number, row in enumerate(reader, start=2):
        if any(cell.strip() for cell in row):
            yield number, row


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise TabularError(
            "Excelファイルを開けません。.xlsx 形式で保存し直してください。"
        ) from error
    if sheet:
        if sheet not in workbook.sheetnames:
            raise TabularError(
                f"シート「{sheet}」がありません（あるシート：{'、'.join(workbook.sheetnames)}）。"
            )
        worksheet = workbook[sheet]
    else:
        worksheet = workbook.worksheets[0]
    values = worksheet.iter_rows(values_only=True)
    try:
        headers = next(values)
    except StopIteration:
        raise TabularError("シートが空です。") from None
    return Table(
        headers=[clean_header(cell_text(h)) for h in headers],
        rows=_xlsx_rows(values),
        encoding="xlsx",
        estimated_rows=max(0, (worksheet.max_row or 1) - 1),
    )


def _xlsx_rows(values: Iterator[tuple]) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(values, start=2):
        cells = [cell_text(v) for v in row]
        if any(cell.strip() for cell in cells):
            yield number, cells


def cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV would hold; dates as ISO, whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def clean_header(header: str) -> str:
    """Headers compare after NFKC and without spaces: 「職員 番号」 and 「職員番号」 are one."""
    return "".join(unicodedata.normalize("NFKC", header or "").split())


def excel_serial_to_date(serial: int) -> date:
    """Excel's day number (1900 system, as Excel counts it after 1900-03-01) to a date."""
    return _EXCEL_EPOCH + timedelta(days=serial)
