"""Hostile spreadsheets: limits by what a file holds (rows, columns, cells, unpacked size), and
damaged or unsafe XLSX, each answered by a Japanese TabularError, never a crash."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from dxjinzai.lib import tabular
from dxjinzai.lib.tabular import TabularError, read_table

SHEET = "xl/worksheets/sheet1.xml"
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _xlsx_with_sheet(sheet_xml: bytes) -> bytes:
    """A real workbook (as openpyxl writes it) whose first sheet's XML is replaced."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = sheet_xml if info.filename == SHEET else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet(rows: list[list[str]], dimension: str = "") -> bytes:
    body = "".join(
        f'<row r="{n}">'
        + "".join(_inline(f"{_column(i)}{n}", text) for i, text in enumerate(cells))
        + "</row>"
        for n, cells in enumerate(rows, start=1)
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{SHEET_OPEN}{dim}<sheetData>{body}</sheetData></worksheet>".encode()


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _read_all(data: bytes) -> list[tuple[int, list[str]]]:
    table = read_table(data, "x.xlsx")
    return list(table.rows)


def test_a_small_xlsx_with_a_million_rows_is_refused_before_reading_them():
    # Rows without a reference compress to almost nothing, as in the file that was reported.
    rows = "<row><c><v>1</v></c></row>" * 1_000_000
    data = _xlsx_with_sheet(f"{SHEET_OPEN}<sheetData>{rows}</sheetData></worksheet>".encode())
    assert len(data) < 200_000  # small on disk
    with pytest.raises(TabularError) as refused:
        read_table(data, "big.xlsx")
    assert str(refused.value) == (
        "行が多すぎます（999,999行）。一度に取り込めるのは200,000行までです。ファイルを分けてください。"
    )


def test_rows_beyond_the_limit_are_refused_while_reading_too(monkeypatch):
    # A sheet whose rows the quick count cannot see (a prefix it does not expect).
    monkeypatch.setattr(tabular, "_count_xlsx_rows", lambda archive, path: 0)
    data = _xlsx_with_sheet(_sheet([["職員番号"], *[[str(n)] for n in range(5)]]))
    table = read_table(data, "x.xlsx", max_rows=3)
    with pytest.raises(TabularError, match="行が多すぎます"):
        list(table.rows)


def test_what_an_xlsx_unpacks_to_is_limited(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED_BYTES", 1024 * 1024)
    data = _xlsx_with_sheet(_sheet([["職員番号"], ["x" * 2_000_000]]))
    assert len(data) < 100_000
    with pytest.raises(TabularError, match="展開すると2MB"):
        read_table(data, "x.xlsx")


def test_a_long_cell_is_refused_with_its_row_and_column():
    data = _xlsx_with_sheet(_sheet([["職員番号", "氏"], ["1", "x" * 2_001]]))
    with pytest.raises(TabularError) as refused:
        _read_all(data)
    assert (
        str(refused.value)
        == "2行目2列目のセルが長すぎます（2,001文字）。2,000文字以内にしてください。"
    )


def test_too_many_columns_are_refused():
    data = _xlsx_with_sheet(_sheet([[f"列{i}" for i in range(101)]]))
    with pytest.raises(TabularError, match="1行目の列が多すぎます（101列）"):
        read_table(data, "x.xlsx")


def test_a_sheet_claiming_the_whole_grid_reads_as_wide_as_its_headers():
    data = _xlsx_with_sheet(
        _sheet([["職員番号", "氏"], ["1", "山田"], ["2"]], dimension="A1:XFD1048576")
    )
    table = read_table(data, "x.xlsx")
    assert table.headers == ["職員番号", "氏"]
    assert table.estimated_rows == 2
    assert list(table.rows) == [(2, ["1", "山田"]), (3, ["2", ""])]


@pytest.mark.parametrize(
    "sheet_xml",
    [
        # Cut off in the middle of a row.
        (
            SHEET_OPEN
            + '<sheetData><row r="1">'
            + _inline("A1", "職員番号")
            + '</row><row r="2"><c r'
        ).encode(),
        # A DTD with an entity (the "billion laughs" shape, one level).
        (
            '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1">' + _inline("A1", "&a;") + "</row></sheetData></worksheet>"
        ).encode(),
    ],
    ids=["cut off", "DTD and entity"],
)
def test_a_damaged_or_unsafe_xlsx_gives_a_japanese_error(sheet_xml):
    with pytest.raises(TabularError, match="Excelファイルの中身が壊れているか、安全でない形式"):
        _read_all(_xlsx_with_sheet(sheet_xml))


def test_a_zip_that_is_no_workbook_gives_a_japanese_error():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(TabularError, match="Excelファイルを開けません"):
        read_table(out.getvalue(), "x.xlsx")


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def test_csv_limits_rows_cells_and_columns():
    with pytest.raises(TabularError, match="行が多すぎます（5行）"):
        read_table(_csv([["職員番号"], *[[str(n)] for n in range(5)]]), "x.csv", max_rows=4)
    with pytest.raises(TabularError, match="2行目1列目のセルが長すぎます"):
        list(read_table(_csv([["職員番号"], ["1" * 2_001]]), "x.csv").rows)
    with pytest.raises(TabularError, match="1行目の列が多すぎます"):
        read_table(_csv([[str(i) for i in range(101)]]), "x.csv")


def test_a_csv_field_beyond_the_csv_modules_limit_is_a_tabular_error():
    with pytest.raises(TabularError, match="CSVとして読み取れません"):
        list(read_table(b"a\n" + b"x" * 200_000 + b"\n", "x.csv").rows)
