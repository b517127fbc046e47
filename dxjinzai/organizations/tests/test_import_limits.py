"""Imports decide by what a file holds: a small file of many rows goes to the worker, a file
over the limits fails at once in Japanese, and a run's report stays bounded."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from dxjinzai.core import import_runs
from dxjinzai.core.models import ImportStatus
from dxjinzai.lib.tests.test_tabular_limits import _xlsx_with_sheet
from dxjinzai.organizations import import_jobs
from dxjinzai.organizations.import_jobs import staff_import_start
from dxjinzai.organizations.models import StaffMember
from dxjinzai.sharing.cost_import import monthly_cost_import

HEADER = ["職員番号", "氏", "名", "氏フリガナ", "名フリガナ"]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


class _Queue:
    """Stands in for the background task: records what would be queued."""

    def __init__(self) -> None:
        self.queued: list[int] = []

    def enqueue(self, run_id: int) -> None:
        self.queued.append(run_id)


def _start(cast, data: bytes, filename: str = "staff.csv", **options):
    return staff_import_start(
        actor=cast.users["A.hr"], body=cast.bodies["A"], filename=filename, data=data, **options
    )


def test_a_small_file_of_many_rows_goes_to_the_worker(cast, monkeypatch):
    queue = _Queue()
    monkeypatch.setattr(import_jobs, "staff_import_task", queue)
    rows = [[f"9{n:04d}", "多", "数", "タ", "スウ"] for n in range(3_000)]
    data = _csv([HEADER, *rows])
    assert len(data) < import_runs.BACKGROUND_FROM_ROWS * 40  # well under the old 300 kB
    run = _start(cast, data)
    assert queue.queued == [run.pk]
    assert run.status == ImportStatus.QUEUED


def test_more_than_a_million_rows_fail_at_once_without_the_worker(cast, monkeypatch):
    queue = _Queue()
    monkeypatch.setattr(import_jobs, "staff_import_task", queue)
    rows = "<row><c><v>1</v></c></row>" * 1_000_002
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    run = _start(cast, _xlsx_with_sheet(sheet.encode()), "staff.xlsx")
    assert queue.queued == []
    assert run.status == ImportStatus.FAILED
    assert run.message.startswith("行が多すぎます（1,000,001行）")
    assert run.stored_file == ""
    assert run.report == {} and run.problems == []


def test_the_report_keeps_a_bounded_part_of_rejected_rows(cast, client_as, monkeypatch):
    monkeypatch.setattr(import_jobs, "staff_import_task", _Queue())
    monkeypatch.setattr(import_runs, "BACKGROUND_FROM_ROWS", 10_000)
    monkeypatch.setattr(import_runs, "REPORT_PROBLEMS", 1_200)
    long_name = "長" * 1_500
    rows = [[f"8{n:04d}", long_name, "名", "ひらがな", "メイ"] for n in range(1_500)]
    run = _start(cast, _csv([HEADER, *rows]), dry_run=True)
    assert run.status == ImportStatus.DONE
    assert run.counts["rejected"] == 1_500
    # Two problems a row (the name's length, the kana), the first 1,200 kept.
    assert len(run.problems) == 1_200
    assert "指摘が3,000件あるため、行の若い順に1,200件だけを結果に残しています" in run.message
    rejected = run.report["rejected_cells"]
    assert len(rejected) == 1_000
    assert all(len(cell) <= 100 for cells in rejected.values() for cell in cells)
    assert not StaffMember.unscoped.filter(number__startswith="8").exists()
    page = client_as("A.hr").get(reverse("import_run_detail", args=[cast.bodies["A"].code, run.pk]))
    assert page.status_code == 200
    assert len(page.content) < 1_000_000


def test_a_damaged_workbook_in_a_small_import_is_a_file_error(cast):
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r'
    result = monthly_cost_import(
        actor=None, employer=cast.bodies["P"], data=_xlsx_with_sheet(sheet), filename="費用.xlsx"
    )
    assert not result.ok
    assert "Excelファイルの中身が壊れているか" in result.file_error
