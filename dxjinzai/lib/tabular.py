"""Reading the spreadsheets officials bring: CSV in UTF-8 (with or without BOM) or cp932, and XLSX.

Pure Python over bytes; knows nothing of staff or Django. Every problem is a TabularError
with a Japanese message for the user.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import BinaryIO, NoReturn
from xml.etree.ElementTree import ParseError

# Limits by what a file holds, not by its size on disk: a 144 kB XLSX can hold a million rows
# and a 400 kB one a 400 MB cell. Each is checked before the rows are read whole.
MAX_UPLOAD_BYTES = 30 * 1024 * 1024
# What an XLSX unpacks to, all its parts together (a 200,000-row sheet is about 60 MB).
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
# The largest prefecture's staff with room to spare; larger files are split by the user.
MAX_ROWS = 200_000
MAX_COLUMNS = 100
# Longer than any field we store (a name, a note): a longer cell is a mistake or an attack.
MAX_CELL_CHARS = 2_000
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


def read_table(
    data: bytes | BinaryIO,
    filename: str = "",
    sheet: str | None = None,
    *,
    max_rows: int = MAX_ROWS,
    max_bytes: int | None = None,
    max_unpacked: int | None = None,
) -> Table:
    """Open an upload as a table, whatever its extension claims: its bytes, or a binary file
    open for reading, which is then read as the rows are (memory does not grow with the file;
    the caller keeps it open until the rows are read).

    The file's size, what it unpacks to and its number of rows are checked here, before any
    row is read; a row's columns and cells as the rows are read (a TabularError then comes
    from iterating `rows`, so callers read the rows inside the same `try`)."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    limit = max_bytes or MAX_UPLOAD_BYTES
    if size > limit:
        raise TabularError(
            f"ファイルが大きすぎます（{size / 1024 / 1024:.1f}MB）。"
            f"{limit // 1024 // 1024}MB以下に分けてください。"
        )
    start = stream.read(4096)
    stream.seek(0)
    if not start.strip() and not _has_content(stream):
        raise TabularError("ファイルが空です。")
    if start.startswith(b"PK\x03\x04"):
        return _read_xlsx(stream, sheet, max_rows, max_unpacked or MAX_XLSX_UNPACKED_BYTES)
    if b"\x00" in start:
        raise TabularError(
            "CSVまたはExcel（.xlsx）ファイルではないようです。人事給与システムから出力したファイルを選んでください。"
        )
    encoding, lines = csv_encoding_and_lines(stream)
    return _read_csv(stream, encoding, lines, max_rows)


_CHUNK = 1 << 20


def _has_content(stream: BinaryIO) -> bool:
    """Whether anything but white space follows (a file may open with 4 kB of blanks)."""
    try:
        return any(chunk.strip() for chunk in iter(lambda: stream.read(_CHUNK), b""))
    finally:
        stream.seek(0)


def csv_encoding_and_lines(stream: BinaryIO) -> tuple[str, int]:
    """The encoding (BOM → UTF-8; else strict UTF-8; else cp932, Shift_JIS as Windows writes
    it) and the number of lines after the header, read 1 MB at a time; the stream is left at
    its start."""
    if stream.read(3) == b"\xef\xbb\xbf":
        encoding, lines = "utf-8-sig", _lines_decoded(stream, "utf-8", 3)
    else:
        try:
            encoding, lines = "utf-8", _lines_decoded(stream, "utf-8", 0)
        except UnicodeDecodeError:
            encoding, lines = "cp932", _lines_decoded(stream, "cp932", 0, say_where=True)
    stream.seek(0)
    return encoding, lines


def _lines_decoded(stream: BinaryIO, encoding: str, start: int, *, say_where: bool = False) -> int:
    """Decode the whole stream from `start` (strictly, without keeping it) and count its
    lines after the first; a file ending in a newline has no empty last line."""
    stream.seek(start)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    newlines, last = 0, b""
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            if not say_where:
                raise
            _undecodable(newlines + chunk[: max(0, error.start)].count(b"\n") + 1, error)
        newlines += chunk.count(b"\n")
        last = chunk[-1:]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        if not say_where:
            raise
        _undecodable(newlines + 1, error)
    return max(0, newlines - (1 if last == b"\n" else 0))


def _undecodable(line: int, error: UnicodeDecodeError) -> NoReturn:
    raise TabularError(
        f"文字コードを判別できません（{line}行目付近）。UTF-8 または Shift_JIS（cp932）で保存し直してください。"
        "複数の文字コードが混在している可能性があります。"
    ) from error


def _read_csv(stream: BinaryIO, encoding: str, lines: int, max_rows: int) -> Table:
    _check_row_count(lines, max_rows)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        headers = next(reader)
    except StopIteration:
        raise TabularError("ファイルが空です。") from None
    except csv.Error as error:
        raise TabularError(f"CSVとして読み取れません：{error}") from error
    _check_cells(1, _without_trailing_blanks(headers))
    return Table(
        headers=[clean_header(h) for h in headers],
        rows=_csv_rows(reader),
        encoding=encoding,
        estimated_rows=lines,
    )


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    # Row numbers count records, as Excel shows them, even when a quoted cell holds a newline.
    number = 1
    try:
        for number, row in enumerate(reader, start=2):
            if not _plainly_within_limits(row):
                _check_cells(number, _without_trailing_blanks(row))
            if "".join(row).strip():  # not a blank row
                # unneutralise, without a call for each cell of a million rows
                yield (
                    number,
                    [
                        cell[1:] if cell[:1] == "'" and cell.startswith(_NEUTRALISED) else cell
                        for cell in row
                    ],
                )
    except csv.Error as error:
        raise TabularError(f"{number + 1}行目付近をCSVとして読み取れません：{error}") from error


_UNREADABLE_XLSX = "Excelファイルを開けません。.xlsx 形式で保存し直してください。"
_BROKEN_XLSX = (
    "Excelファイルの中身が壊れているか、安全でない形式（DTD・外部参照）を含んでいるため"
    "読み取れません。Excelで開いて .xlsx 形式で保存し直してください。"
)
# What openpyxl raises on a damaged or hostile part: cut-off XML (ParseError), a DTD or an
# entity (defusedxml's errors are ValueErrors), a missing or bad zip member.
_XLSX_ERRORS = (ParseError, ValueError, KeyError, OSError, zipfile.BadZipFile, EOFError)


def _read_xlsx(stream: BinaryIO, sheet: str | None, max_rows: int, max_unpacked: int) -> Table:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(stream)
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise TabularError(_UNREADABLE_XLSX) from error
    # zipfile stops reading a part at its declared size (and fails its CRC check if the data
    # runs on), so the declared sizes bound what openpyxl can unpack.
    if unpacked > max_unpacked:
        raise TabularError(
            f"Excelファイルの中身が大きすぎます（展開すると{unpacked / 1024 / 1024:.0f}MB）。"
            f"{max_unpacked // 1024 // 1024}MB以下になるようファイルを分けてください。"
        )
    # Counted before openpyxl opens the workbook: it reads a sheet without a <dimension>
    # through to its end just to open it. The sheet's <dimension> may claim anything anyway.
    rows_in_sheet = _count_xlsx_rows(archive, _sheet_part(archive, sheet))
    _check_row_count(rows_in_sheet - 1, max_rows)
    try:
        stream.seek(0)
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise TabularError(_UNREADABLE_XLSX) from error
    except _XLSX_ERRORS as error:
        raise TabularError(_BROKEN_XLSX) from error
    if sheet:
        if sheet not in workbook.sheetnames:
            raise TabularError(
                f"シート「{sheet}」がありません（あるシート：{'、'.join(workbook.sheetnames)}）。"
            )
        worksheet = workbook[sheet]
    else:
        worksheet = workbook.worksheets[0]
    # One column past the limit, to see whether a row uses it; a sheet's claimed width
    # (up to 16,384 columns) would otherwise pad every row.
    values = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1, max_row=max_rows + 2)
    try:
        headers = [cell_text(h) for h in next(values)]
    except StopIteration:
        raise TabularError("シートが空です。") from None
    except _XLSX_ERRORS as error:
        raise TabularError(_BROKEN_XLSX) from error
    _check_cells(1, _without_trailing_blanks(headers))
    return Table(
        headers=[clean_header(h) for h in _without_trailing_blanks(headers)],
        rows=_xlsx_rows(values, max_rows, width=len(_without_trailing_blanks(headers))),
        encoding="xlsx",
        estimated_rows=max(0, rows_in_sheet - 1),
    )


def _xlsx_rows(
    values: Iterator[tuple], max_rows: int, *, width: int
) -> Iterator[tuple[int, list[str]]]:
    number = 1
    try:
        for number, row in enumerate(values, start=2):
            cells = [unneutralise(cell_text(v)) for v in row]
            used = _without_trailing_blanks(cells)
            _check_cells(number, used)
            _check_row_count(number - 1, max_rows)
            if used and any(cell.strip() for cell in used):
                # As wide as the headers, so every column has a cell.
                yield number, (cells + [""] * width)[: max(width, len(used))]
    except TabularError:  # a ValueError too: ours, already in Japanese
        raise
    except _XLSX_ERRORS as error:
        raise TabularError(f"{number + 1}行目付近で{_BROKEN_XLSX}") from error


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _sheet_part(archive: zipfile.ZipFile, sheet: str | None) -> str:
    """The zip member of the named sheet (or the first), from the workbook and its relations;
    "" when the workbook does not say (openpyxl then reports the problem in its words)."""
    from defusedxml.ElementTree import fromstring

    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, *_XLSX_ERRORS):
        return ""
    sheets = [e for e in workbook.iter() if e.tag.endswith("}sheet") or e.tag == "sheet"]
    chosen = next((e for e in sheets if sheet is None or e.get("name") == sheet), None)
    if chosen is None:
        return ""
    relation_id = next((v for k, v in chosen.attrib.items() if k.endswith("}id")), "")
    target = next((e.get("Target", "") for e in relations.iter() if e.get("Id") == relation_id), "")
    if not target:
        return ""
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _count_xlsx_rows(archive: zipfile.ZipFile, path: str) -> int:
    """The <row> elements of a sheet, counted as the part is unpacked, 1 MB at a time (it is
    never held whole); 0 when the sheet's part is not known."""
    if not path:
        return 0
    count, tail = 0, b""
    try:
        with archive.open(path) as part:
            while chunk := part.read(1 << 20):
                window = tail + chunk
                # A tag that ended inside the tail was counted with the previous piece.
                count += sum(1 for m in _ROW_TAG.finditer(window) if m.end() > len(tail))
                tail = window[-16:]
    except (KeyError, OSError, zipfile.BadZipFile, EOFError) as error:
        raise TabularError(_BROKEN_XLSX) from error
    return count


def _without_trailing_blanks(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _check_row_count(rows: int, max_rows: int) -> None:
    if rows > max_rows:
        raise TabularError(
            f"行が多すぎます（{rows:,}行）。一度に取り込めるのは{max_rows:,}行までです。"
            "ファイルを分けてください。"
        )


def _plainly_within_limits(cells: list[str]) -> bool:
    """The common case, at C speed: few enough cells, none too long (blank cells included)."""
    return len(cells) <= MAX_COLUMNS and max(map(len, cells), default=0) <= MAX_CELL_CHARS


def _check_cells(number: int, cells: list[str]) -> None:
    if len(cells) > MAX_COLUMNS:
        raise TabularError(
            f"{number}行目の列が多すぎます（{len(cells)}列）。{MAX_COLUMNS}列以内にしてください。"
        )
    for column, cell in enumerate(cells, start=1):
        if len(cell) > MAX_CELL_CHARS:
            raise TabularError(
                f"{number}行目{column}列目のセルが長すぎます（{len(cell):,}文字）。"
                f"{MAX_CELL_CHARS:,}文字以内にしてください。"
            )


# A cell starting with one of these may run as a formula in a spreadsheet; the CSV exports
# prefix it with an apostrophe (core.exports.neutralise), which the imports strip.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = tuple("'" + prefix for prefix in FORMULA_PREFIXES)


def unneutralise(cell: str) -> str:
    """A cell as it was before the export neutralised it: "'=1+2" is read as "=1+2", so that
    an exported list, edited and imported back, changes nobody."""
    return cell[1:] if cell.startswith(_NEUTRALISED) else cell


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
