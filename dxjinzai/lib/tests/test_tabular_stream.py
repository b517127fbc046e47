"""An open file read as a table: the same rows as its bytes, read a piece at a time."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from dxjinzai.lib import tabular
from dxjinzai.lib.tabular import TabularError, read_table

ROWS = [
    ["職員番号", "氏", "名"],
    ["001", "渡邊", "太郎"],
    ["002", "髙橋", "花子"],
    ["003", "斎藤", "一"],
]


def _csv(encoding: str) -> bytes:
    text = "\r\n".join(",".join(row) for row in ROWS) + "\r\n"
    return (b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + text.encode(
        "utf-8" if encoding == "utf-8-sig" else encoding
    )


def _xlsx() -> bytes:
    workbook = Workbook()
    for row in ROWS:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _read(source) -> tuple:
    table = read_table(source, "staff")
    return table.headers, list(table.rows), table.encoding, table.estimated_rows


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_a_csv_file_reads_as_its_bytes_do_in_pieces_of_a_few_bytes(encoding, tmp_path, monkeypatch):
    data = _csv(encoding)
    from_bytes = _read(data)
    monkeypatch.setattr(tabular, "_CHUNK", 5)  # pieces end inside characters and lines
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    with path.open("rb") as upload:
        assert _read(upload) == from_bytes
    assert from_bytes[2] == encoding and from_bytes[3] == 3
    assert from_bytes[1][1] == (3, ["002", "髙橋", "花子"])


def test_an_xlsx_file_reads_as_its_bytes_do(tmp_path):
    data = _xlsx()
    path = tmp_path / "staff.xlsx"
    path.write_bytes(data)
    with path.open("rb") as upload:
        assert _read(upload) == _read(data)


def test_mixed_encodings_are_found_at_their_line_across_pieces(monkeypatch):
    monkeypatch.setattr(tabular, "_CHUNK", 4)
    data = "職員番号,氏\r\n001,渡邊\r\n".encode("cp932") + b"002,\x81 \r\n"
    with pytest.raises(TabularError, match="3行目付近"):
        read_table(data, "staff.csv")


def test_a_file_of_blanks_is_empty_however_long(monkeypatch):
    with pytest.raises(TabularError, match="ファイルが空です"):
        read_table(b" \r\n" * 5_000, "staff.csv")
