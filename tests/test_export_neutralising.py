"""Every file the platform writes (each list's CSV and XLSX, the statements' XLSX) shows a
formula-like value as text: the test plants "=HYPERLINK(…)" in every free-text field of
every record, then downloads every route that offers a file and reads each cell back."""

from __future__ import annotations

import csv
import io

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from tests.test_access_matrix import MATRIX

FORMULA = '=HYPERLINK("http://example.invalid","x")'
# Codes and keys are looked up by the pages (and validated); they never hold free text.
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEPT = {
    "number",
    "code",
    "key",
    "kind",
    "prefix",
    "key_hash",
    "username",
    "password",
    "url_key",
    "stored_file",
    "task_id",
    "target_id",
}


def _plant_formulas() -> int:
    """Prefix every free-text value of our apps' rows with a formula; returns fields touched."""
    touched = 0
    for model in apps.get_models():
        if not model.__module__.startswith("dxjinzai."):
            continue
        manager = getattr(model, "unscoped", model._default_manager)
        for field in model._meta.concrete_fields:
            if (
                not isinstance(field, models.CharField | models.TextField)
                or field.choices
                or field.unique
                or field.name in KEPT
                or isinstance(field, models.EmailField)
            ):
                continue
            for pk, value in manager.exclude(**{field.name: ""}).values_list("pk", field.name):
                planted = (FORMULA + str(value))[: field.max_length or None]
                manager.filter(pk=pk).update(**{field.name: planted})
                touched += 1
    return touched


def _live_formulas(response) -> list[object]:
    """The cells a spreadsheet would run as formulas. An XLSX cell is a formula by its type
    (text that merely starts with "=" is safe, and must not carry the CSV's apostrophe); a
    CSV cell by its first character."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"PK"):
        workbook = load_workbook(io.BytesIO(data))
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
        return [
            cell.value
            for cell in cells
            if cell.data_type == "f" or str(cell.value or "").startswith("'=")
        ]
    text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("cp932")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    return [cell for cell in cells if cell.startswith(("=", "+", "@"))]


def _file_routes() -> list[str]:
    return sorted(n for n, row in MATRIX.items() if row.method == "get" and row.allowed)


@pytest.mark.parametrize("name", _file_routes())
def test_every_downloaded_cell_is_text_not_a_formula(name, cast, client_as):
    row = MATRIX[name]
    url = reverse(name, kwargs=row.kwargs(cast))
    assert _plant_formulas() > 0
    client = client_as(row.allowed[0])
    offered = 0
    for query in ("export=csv", "export=csv_cp932&accept_loss=1", "export=xlsx", "format=xlsx"):
        response = client.get(f"{url}?{query}")
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith(("text/csv", SPREADSHEET)):
            continue
        offered += 1
        live = _live_formulas(response)
        assert live == [], (name, query, live[:3])
    if offered == 0:
        pytest.skip(f"{name} は一覧の出力を持たない画面です")
