"""The staff import in batches (issue 18 §2): the same plan whatever the batch size, a bounded
report with complete counts, the staged rows gone with the plan, the upload never held whole."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction

from dxjinzai.core import clock
from dxjinzai.core.models import ImportRun, ImportStatus
from dxjinzai.lib.tabular import read_table
from dxjinzai.organizations import import_jobs, staff_import_plan
from dxjinzai.organizations.import_jobs import staff_import_start
from dxjinzai.organizations.models import StaffMember, StaffStatus
from dxjinzai.organizations.staff_import_plan import planned_staff_import

HEADER = ["職員番号", "氏", "名", "氏フリガナ", "名フリガナ", "所属コード", "採用日"]
# Body A's staff are 00001–00006 (the cast). Each kind of row the plan tells apart, with the
# rows that need the whole file (a number given twice, far apart; zeros lost) in different
# batches when a batch is two rows.
ROWS = [
    ["00001", "管理", "一郎", "カンリ", "イチロウ", "0100", "2015-04-01"],  # unchanged
    ["00002", "改姓", "花子", "カイセイ", "ハナコ", "0100", "2015-04-01"],  # updated
    ["10001", "新規", "一", "シンキ", "イチ", "0200", "2015-04-01"],  # created
    ["10002", "重複", "甲", "ジュウフク", "コウ", "0200", "2015-04-01"],  # given again 5 rows later
    ["3", "落ち", "零", "オチ", "レイ", "0200", "2015-04-01"],  # 00003 without its zeros
    ["10003", "", "名", "ナシ", "メイ", "0200", "2015-04-01"],  # rejected: no surname
    [
        "00004",
        "職員",
        "次郎",
        "ショクイン",
        "ジロウ",
        "9999",
        "2015-04-01",
    ],  # rejected: unknown department
    ["10004", "新規", "二", "シンキ", "ニ", "0201", "2015-04-01"],  # created
    ["10002", "重複", "乙", "ジュウフク", "オツ", "0200", "2015-04-01"],  # row 10 repeats row 5
    ["00005", "係員", "三郎", "カカリイン", "サブロウ", "0201", "2015-04-01"],  # unchanged
]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode()


def _import(cast, rows: list[list[str]], **options) -> ImportRun:
    return staff_import_start(
        actor=cast.users["A.hr"],
        body=cast.bodies["A"],
        filename="staff.csv",
        data=_csv([HEADER, *rows]),
        **options,
    )


def _checked(cast) -> ImportRun:
    return _import(cast, ROWS, dry_run=True, complete=True, confirm_retirements=True)


# The rows that name someone: the rest of body A's active staff retire with a complete file
# (00003's number came without its zeros, 00004's row was rejected).
NAMED = {"00001", "00002", "00005"}


def _retiring(cast) -> list[str]:
    active = StaffMember.unscoped.filter(body=cast.bodies["A"], status=StaffStatus.ACTIVE)
    return sorted(set(active.values_list("number", flat=True)) - NAMED)


def _outcome(run: ImportRun) -> tuple:
    problems = sorted((p["row"], p["column"], p["message"]) for p in run.problems)
    return run.counts, problems, run.report


def test_batches_of_two_rows_plan_exactly_what_one_batch_plans(cast, monkeypatch):
    retiring = _retiring(cast)
    assert {"00003", "00004", "00006"} <= set(retiring)
    whole = _outcome(_checked(cast))
    monkeypatch.setattr(staff_import_plan, "BATCH_ROWS", 2)
    assert _outcome(_checked(cast)) == whole
    counts, problems, report = whole
    assert counts == {
        "total": 10,
        "created": 2,
        "updated": 1,
        "unchanged": 2,
        "retired": len(retiring),
        "rejected": 5,
    }
    assert [row for row, *_ in problems] == [5, 6, 7, 8, 10]
    assert "職員番号「10002」が10行目にもあります。" in [m for _, _, m in problems]
    assert "職員番号「10002」が5行目と重複しています。" in [m for _, _, m in problems]
    assert any("「00003」の職員がいます" in m for _, _, m in problems)
    assert [row for row, _, _ in report["created"]] == [4, 9]
    changes = {"family_name": ["人事", "改姓"], "family_name_kana": ["ジンジ", "カイセイ"]}
    assert report["updated"] == [[3, "00002", changes]]
    assert sorted(report["retired"]) == retiring


def test_the_import_in_batches_writes_what_it_planned(cast, monkeypatch):
    monkeypatch.setattr(staff_import_plan, "BATCH_ROWS", 2)
    retiring = _retiring(cast)
    run = _import(cast, ROWS, complete=True, only_valid=True, confirm_retirements=True)
    assert run.status == ImportStatus.DONE, run.message
    staff = {s.number: s for s in StaffMember.unscoped.filter(body=cast.bodies["A"])}
    assert {"10001", "10004"} <= staff.keys() and "10002" not in staff and "3" not in staff
    assert staff["00002"].family_name == "改姓"
    assert staff["10004"].department == cast.departments["A.unit"]
    retired = {n for n, s in staff.items() if s.status == StaffStatus.RETIRED}
    assert retired == set(retiring)


def test_the_report_lists_the_first_rows_and_counts_them_all(cast, monkeypatch):
    monkeypatch.setattr(staff_import_plan, "REPORT_CHANGES", 2)
    monkeypatch.setattr(staff_import_plan, "REPEATS_NAMED", 1)
    rows = [[f"2{n:04d}", "多", "数", "タ", "スウ", "0200", "2015-04-01"] for n in range(5)]
    rows += [
        ["20000", "同", "番", "ドウ", "バン", "0200", "2015-04-01"]
    ] * 3  # 20000 three more times
    run = _import(cast, rows, dry_run=True)
    assert run.counts["created"] == 4 and run.counts["rejected"] == 4
    assert [row for row, _, _ in run.report["created"]] == [3, 4]
    first = [p["message"] for p in run.problems if p["row"] == 2]
    assert first == ["職員番号「20000」が7行目ほか2行にもあります。"]


def test_the_staged_rows_go_with_the_plan(cast):
    table = read_table(_csv([HEADER, *ROWS]), "staff.csv")
    with planned_staff_import(body=cast.bodies["A"], table=table, today=clock.today()) as plan:
        staged = plan.staging.table
        assert plan.staging.select(f"SELECT COUNT(*) FROM {staged}") == [(10,)]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {staged}")


def test_an_uploaded_file_is_stored_a_piece_at_a_time(cast, monkeypatch):
    """The upload is handed over as the file (the page does so), copied in pieces."""
    from dxjinzai.core import import_runs

    monkeypatch.setattr(import_runs, "UPLOAD_COPY_CHUNK", 16)
    reads = []

    class Upload(io.BytesIO):
        def read(self, size=-1):
            reads.append(size)
            return super().read(size)

    run = staff_import_start(
        actor=cast.users["A.hr"],
        body=cast.bodies["A"],
        filename="staff.csv",
        data=Upload(_csv([HEADER, ROWS[2]])),
    )
    assert run.status == ImportStatus.DONE, run.message
    assert run.counts["created"] == 1
    assert reads and set(reads) == {16}


def test_a_staff_file_may_hold_more_rows_than_the_other_imports(cast, monkeypatch):
    """200,001 rows: over the other imports' limit, queued for the worker as a staff file."""
    from dxjinzai.lib.tabular import MAX_ROWS, TabularError

    queued = []

    class Queue:
        def enqueue(self, run_id: int) -> None:
            queued.append(run_id)

    monkeypatch.setattr(import_jobs, "staff_import_task", Queue())
    data = _csv([HEADER]) + b"1,a,b,c,d,e\r\n" * (MAX_ROWS + 1)
    with pytest.raises(TabularError, match="行が多すぎます"):
        read_table(data, "staff.csv")
    run = staff_import_start(
        actor=cast.users["A.hr"], body=cast.bodies["A"], filename="staff.csv", data=data
    )
    assert run.status == ImportStatus.QUEUED, run.message
    assert queued == [run.pk]


def test_a_number_of_two_thousand_characters_is_a_rejected_row_not_a_crash(cast):
    """The longest cell a file may hold, as a 職員番号, twice: both rows rejected by row."""
    number = "番" * 2_000
    rows = [[number, "長", "番", "ナガ", "バン", "0200", "2015-04-01"]] * 2
    run = _import(cast, rows)
    assert run.status == ImportStatus.DONE, run.message
    assert run.counts["rejected"] == 2 and run.counts["created"] == 0
    assert {p["row"] for p in run.problems} == {2, 3}
