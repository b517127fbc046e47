"""Every list downloads as CSV (UTF-8 with BOM, or cp932) and XLSX, and each export is audited."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dxjinzai.core.exports import Column, neutralise, table_rows
from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.organizations import services


def _download(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("value", ["=1+1", "+81", "-3", "@SUM(A1)", "\tx"])
def test_formula_like_cells_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_plain_values_are_left_alone():
    assert neutralise("山田") == "山田"
    assert neutralise(12) == 12


def test_table_rows_start_with_the_headers():
    rows = list(table_rows([{"a": "=x"}], [Column("列", lambda r: r["a"])]))
    assert rows == [["列"], ["'=x"]]


def _staff_list_url(cast, **params):
    url = reverse("staff_list", args=[cast.bodies["A"].code])
    return url + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def test_staff_csv_is_utf8_with_bom_and_audited(cast, client_as):
    response = client_as("A.hr").get(_staff_list_url(cast, export="csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = _download(response)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["職員番号", "氏", "名"]
    assert {row[0] for row in rows[1:]} == {"00001", "00002", "00003", "00004", "00005", "00006"}
    entry = AuditEntry.unscoped.filter(action=AuditAction.EXPORT).latest("id")
    assert entry.body == cast.bodies["A"]
    assert entry.actor == cast.users["A.hr"]
    assert "6件" in entry.target_label


def test_staff_csv_in_cp932_for_older_excel(cast, client_as):
    response = client_as("A.hr").get(_staff_list_url(cast, export="csv_cp932"))
    body = _download(response)
    assert not body.startswith(b"\xef\xbb\xbf")
    assert "職員番号".encode("cp932") in body


def test_filters_apply_to_the_download(cast, client_as):
    response = client_as("A.hr").get(_staff_list_url(cast, export="csv", q="ジロウ"))
    rows = list(csv.reader(io.StringIO(_download(response).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["00004"]


def test_staff_xlsx_opens_with_the_same_rows(cast, client_as):
    response = client_as("A.hr").get(_staff_list_url(cast, export="xlsx"))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = list(sheet.values)
    assert values[0][0] == "職員番号"
    assert len(values) == 7


def test_staff_xlsx_is_made_for_work_in_excel(cast, client_as):
    from datetime import date, datetime

    services.staff_update(
        actor=None, staff=cast.staff["A.other"], given_name="=1+2", hire_date=date(2020, 4, 1)
    )
    response = client_as("A.hr").get(_staff_list_url(cast, export="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headers = [cell.value for cell in sheet[1]]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}7"
    assert sheet.column_dimensions["A"].width >= 10  # 「職員番号」: four full-width characters
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "00006")
    by_header = dict(zip(headers, row, strict=True))
    # The code stays text with its zeros; the date is a date cell; the formula-like name is
    # text that never evaluates, without the CSV's apostrophe.
    assert by_header["職員番号"].data_type == "s"
    assert by_header["採用日"].value == datetime(2020, 4, 1)
    assert by_header["採用日"].number_format == "yyyy/mm/dd"
    assert (by_header["名"].value, by_header["名"].data_type) == ("=1+2", "s")
    assert by_header["名"].quotePrefix


def test_formula_in_a_name_is_neutralised_in_the_download(cast, client_as):
    services.staff_update(actor=None, staff=cast.staff["A.other"], given_name="=HYPERLINK(1)")
    response = client_as("A.hr").get(_staff_list_url(cast, export="csv"))
    assert "'=HYPERLINK(1)" in _download(response).decode("utf-8-sig")


def test_department_head_download_holds_only_their_department(cast, client_as):
    response = client_as("A.head").get(_staff_list_url(cast, export="csv"))
    rows = list(csv.reader(io.StringIO(_download(response).decode("utf-8-sig"))))
    assert sorted(row[0] for row in rows[1:]) == ["00003", "00004", "00005"]


@pytest.mark.parametrize("name", ["body_list", "department_list", "audit_log"])
def test_other_lists_export_too(cast, client_as, name):
    args = [] if name == "body_list" else [cast.bodies["A"].code]
    response = client_as("A.admin").get(reverse(name, args=args) + "?export=csv")
    assert response.status_code == 200
    assert _download(response).startswith(b"\xef\xbb\xbf")


def test_cp932_export_warns_before_losing_characters(cast, client_as):
    services.staff_update(actor=None, staff=cast.staff["A.other"], family_name="𠮷田")
    client = client_as("A.hr")
    response = client.get(_staff_list_url(cast, export="csv_cp932"))
    html = response.content.decode()
    assert "Shift_JISで表せない文字があります" in html and "𠮷田" in html
    assert "export=csv&amp;" in html or 'export=csv"' in html
    download = client.get(_staff_list_url(cast, export="csv_cp932", accept_loss="1"))
    assert "?田".encode("cp932") in _download(download)


def test_a_body_with_a_long_name_still_exports_and_is_audited(cast, client_as):
    body = cast.bodies["A"]
    services.body_update(actor=None, body=body, name="長" * 100)
    response = client_as("A.hr").get(_staff_list_url(cast, export="xlsx"))
    assert response.status_code == 200
    entry = AuditEntry.unscoped.filter(action=AuditAction.EXPORT).latest("id")
    assert entry.target_type == ("職員一覧_" + "長" * 100)[:50]
