"""Completions and qualification holdings from files: all-or-nothing, errors by row and column."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from dxjinzai.core.models import ImportRun
from dxjinzai.skills.models import HoldingSource, QualificationHolding
from dxjinzai.training.models import Completion, CompletionSource
from dxjinzai.training.records_import import records_import_start
from dxjinzai.training.testing import build_training_cast


def _file(*lines: str, encoding: str = "utf-8-sig") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def test_a_file_with_a_bad_row_writes_nothing_and_says_where(cast):
    build_training_cast(cast)
    run = records_import_start(
        actor=cast.users["A.hr"],
        body=cast.bodies["A"],
        kind="completions",
        filename="修了.csv",
        data=_file(
            "職員番号,研修名,修了日,時間",
            "00004,情報セキュリティ研修,R6.6.1,2",
            "00005,DX特別研修,2024-07-01,",  # the prefecture's shared course
            "00099,情報セキュリティ研修,2024-06-01,2",
            "00006,存在しない研修,2024-06-01,2",
            "00001,情報セキュリティ研修,2024-13-01,2",
            "00002,情報セキュリティ研修,2024-06-01,二",
            encoding="cp932",
        ),
    )
    assert run.counts["rejected"] == 4 and run.counts["created"] == 0
    assert [(p["row"], p["column"]) for p in run.problems] == [
        (4, "職員番号"),
        (5, "研修名"),
        (6, "修了日"),
        (7, "時間"),
    ]
    assert "何も取り込んでいません" in run.message
    assert not Completion.unscoped.exists()


def test_valid_rows_only_when_asked_and_duplicates_refused(cast):
    build_training_cast(cast)
    data = _file(
        "職員番号,研修名,修了日",
        "00004,情報セキュリティ研修,2024-06-01",
        "00004,情報セキュリティ研修,2024-06-01",
        "00005,DX特別研修,2024-07-01",
    )
    body = cast.bodies["A"]
    dry = records_import_start(
        actor=None, body=body, kind="completions", filename="a.csv", data=data, dry_run=True
    )
    assert dry.counts["created"] == 2 and not Completion.unscoped.exists()
    run = records_import_start(
        actor=None, body=body, kind="completions", filename="a.csv", data=data, only_valid=True
    )
    assert run.counts == {
        "total": 3,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "retired": 0,
        "rejected": 1,
    }
    imported = Completion.unscoped.get(staff=cast.staff["A.member"])
    assert imported.source == CompletionSource.IMPORT
    assert imported.hours == Decimal(2)  # the course's hours when the file gives none


def test_a_checked_completions_file_is_committed_from_its_dry_run(cast):
    from dxjinzai.core.import_runs import import_run_commit

    build_training_cast(cast)
    data = _file("職員番号,研修名,修了日", "00004,情報セキュリティ研修,2024-06-01")
    dry = records_import_start(
        actor=None,
        body=cast.bodies["A"],
        kind="completions",
        filename="a.csv",
        data=data,
        dry_run=True,
    )
    committed = import_run_commit(actor=cast.users["A.hr"], run=dry)
    assert committed.kind == "completions" and committed.counts["created"] == 1
    assert Completion.unscoped.get().staff == cast.staff["A.member"]


def test_qualification_holdings_import_checks_like_the_form(cast):
    run = records_import_start(
        actor=None,
        body=cast.bodies["A"],
        kind="qualifications",
        filename="資格.xlsx",
        data=_file(
            "職員番号,資格名,取得日,回次,番号",
            "00004,情報処理安全確保支援士,2023-10-01,,012345",
            "00005,情報処理安全確保支援士,2023-10-01,,12345",
            "00006,E資格（エンジニア資格）,2024-03-01,2024年,",
            "00001,G検定（ジェネラリスト検定）,2024-03-01,2024#1,",
            "00001,G検定（ジェネラリスト検定）,2024-03-01,2024#1,",
        ),
        only_valid=True,
    )
    assert [(p["row"], p["column"]) for p in run.problems] == [
        (3, "番号"),
        (4, "回次"),
        (6, "資格名"),
    ]
    holding = QualificationHolding.unscoped.get(staff=cast.staff["A.member"])
    assert holding.source == HoldingSource.IMPORT
    assert holding.expires_on == date(2026, 9, 30)
    assert QualificationHolding.unscoped.count() == 2


def test_the_import_page_runs_and_shows_the_report(cast, client_as):
    build_training_cast(cast)
    client = client_as("A.hr")
    body = cast.bodies["A"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "修了.csv", _file("職員番号,研修名,修了日", "00004,情報セキュリティ研修,2024-06-01")
    )
    response = client.post(
        reverse("records_import", args=[body.code]), {"kind": "completions", "file": upload}
    )
    run = ImportRun.unscoped.get(kind="completions")
    assert response["Location"] == reverse("import_run_detail", args=[body.code, run.pk])
    report = client.get(response["Location"])
    assert "職員 次郎：情報セキュリティ研修（2024-06-01）" in report.content.decode()
    listing = client.get(reverse("import_run_list", args=[body.code]))
    assert "研修の修了記録" in listing.content.decode()


def test_each_problem_names_the_rows_staff_number(cast):
    build_training_cast(cast)
    run = records_import_start(
        actor=None,
        body=cast.bodies["A"],
        kind="completions",
        filename="a.csv",
        data=_file(
            "職員番号,研修名,修了日",
            "00004,存在しない研修,2024-06-01",
            "00099,情報セキュリティ研修,2024-06-01",
        ),
    )
    assert [(p["row"], p["number"]) for p in run.problems] == [(2, "00004"), (3, "00099")]
