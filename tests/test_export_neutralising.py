"""Every file the platform writes (each list's CSV and XLSX, the statements' XLSX) shows a
formula-like value as text: the test plants "=HYPERLINK(…)" in every free-text field of
every record, then downloads every route that offers a file and reads each cell back."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Left
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
    """Prefix every free-text value of our apps' rows with a formula (cut to the field's
    length), one UPDATE a field; returns the values touched."""
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
            planted: Any = Concat(Value(FORMULA), F(field.name), output_field=field)
            if field.max_length:
                planted = Left(planted, field.max_length)
            touched += manager.exclude(**{field.name: ""}).update(**{field.name: planted})
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


QUERIES = ("export=csv", "export=csv_cp932&accept_loss=1", "export=xlsx", "format=xlsx")


def _is_file(response) -> bool:
    kind = response.get("Content-Type", "")
    return response.status_code == 200 and kind.startswith(("text/csv", SPREADSHEET))


@pytest.mark.parametrize("name", _file_routes())
def test_every_downloaded_cell_is_text_not_a_formula(name, cast, client_as):
    row = MATRIX[name]
    url = reverse(name, kwargs=row.kwargs(cast))
    client = client_as(row.allowed[0])
    # Which of the queries give a file, asked before planting: most pages give none, and
    # planting every field of every row is the slow part of this test.
    offered = [query for query in QUERIES if _is_file(client.get(f"{url}?{query}"))]
    if not offered:
        pytest.skip(f"{name} は一覧の出力を持たない画面です")
    assert _plant_formulas() > 0
    for query in offered:
        response = client.get(f"{url}?{query}")
        assert _is_file(response), (name, query)
        live = _live_formulas(response)
        assert live == [], (name, query, live[:3])
