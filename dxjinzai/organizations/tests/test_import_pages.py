"""The import pages: upload, progress, report and its download."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxjinzai.core.models import ImportRun
from dxjinzai.organizations.models import StaffMember

CSV = "職員番号,氏名,フリガナ,所属コード\r\n01001,新規 花子,シンキ ハナコ,0200\r\n01002,誤り 太郎,ごあやま,9999\r\n"


def _upload(client, cast, **options):
    data = {"file": SimpleUploadedFile("staff.csv", CSV.encode("cp932"))} | options
    return client.post(reverse("staff_import", args=[cast.bodies["A"].code]), data)


def test_upload_redirects_to_the_report_with_row_errors(cast, client_as):
    client = client_as("A.hr")
    response = _upload(client, cast)
    run = ImportRun.unscoped.get()
    assert response["Location"] == reverse(
        "import_run_detail", args=[cast.bodies["A"].code, run.pk]
    )
    html = client.get(response["Location"]).content.decode()
    assert "エラーのある行があるため、取り込みませんでした。" in html
    assert "所属コード「9999」の所属がありません" in html
    assert not StaffMember.unscoped.filter(number="01001").exists()


def test_only_valid_rows_and_the_report_download(cast, client_as):
    client = client_as("A.hr")
    response = _upload(client, cast, only_valid="on")
    assert StaffMember.unscoped.filter(body=cast.bodies["A"], number="01001").exists()
    download = client.get(response["Location"] + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["行", "職員番号", "結果", "列", "内容", "元の行（エラーの行）"]
    outcomes = {(row[0], row[2]) for row in rows[1:]}
    assert ("3", "エラー") in outcomes and ("2", "登録") in outcomes
    error_line = next(row for row in rows if row[2] == "エラー" and row[3] == "所属コード")
    assert error_line[5] == "01002,誤り 太郎,ごあやま,9999"


def test_upload_without_a_file_shows_the_field_error(cast, client_as):
    response = client_as("A.hr").post(reverse("staff_import", args=[cast.bodies["A"].code]), {})
    assert "このフィールドは必須です。" in response.content.decode()


def test_progress_fragment_for_htmx_polling(cast, client_as, monkeypatch):
    monkeypatch.setattr("dxjinzai.core.import_runs.BACKGROUND_FROM_ROWS", 1)
    client = client_as("A.hr")
    response = _upload(client, cast)
    html = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert 'hx-trigger="every 1s"' in html and "待機中" in html


def test_import_history_lists_runs(cast, client_as):
    client = client_as("A.hr")
    _upload(client, cast, dry_run="on")
    html = client.get(reverse("import_run_list", args=[cast.bodies["A"].code])).content.decode()
    assert "staff.csv" in html and "確認のみ" in html


def test_another_bodys_import_run_is_404(cast, client_as):
    _upload(client_as("A.hr"), cast)
    run = ImportRun.unscoped.get()
    url = reverse("import_run_detail", args=[cast.bodies["B"].code, run.pk])
    assert client_as("B.hr").get(url).status_code == 404


def test_an_updates_report_names_the_fields_and_values_in_japanese(cast):
    from dxjinzai.organizations.selectors import import_report_lines

    member = cast.staff["A.member"]
    run = ImportRun.unscoped.create(
        body=cast.bodies["A"],
        kind="staff",
        filename="staff.csv",
        report={
            "updated": [
                [
                    2,
                    member.number,
                    {
                        "grade_id": ["", str(member.grade_id)],
                        "hire_date": ["2015-04-01", "2016-04-01"],
                    },
                ]
            ]
        },
    )
    (line,) = import_report_lines(run)
    assert (line["number"], line["outcome"], line["column"]) == (
        member.number,
        "更新",
        "職層、採用日",
    )
    assert line["detail"] == f"職層:  → {member.grade}; 採用日: 平成27年4月1日 → 平成28年4月1日"


CLEAN_CSV = "職員番号,氏名,フリガナ,所属コード\r\n01001,新規 花子,シンキ ハナコ,0200\r\n"


def _dry_run(client, cast, text=CLEAN_CSV):
    data = {"file": SimpleUploadedFile("staff.csv", text.encode("cp932")), "dry_run": "on"}
    client.post(reverse("staff_import", args=[cast.bodies["A"].code]), data)
    return ImportRun.unscoped.get(options__dry_run=True)


def test_a_clean_dry_run_is_committed_with_one_button_without_a_new_upload(cast, client_as):
    from pathlib import Path

    client = client_as("A.hr")
    checked = _dry_run(client, cast)
    page = client.get(reverse("import_run_detail", args=[cast.bodies["A"].code, checked.pk]))
    assert "この内容で取り込む" in page.content.decode()
    assert not StaffMember.unscoped.filter(number="01001").exists()
    kept = Path(checked.stored_file)
    assert kept.is_file()

    commit_url = reverse("import_run_commit", args=[cast.bodies["A"].code, checked.pk])
    response = client.post(commit_url)
    committed = ImportRun.unscoped.exclude(pk=checked.pk).get()
    assert response["Location"] == reverse(
        "import_run_detail", args=[cast.bodies["A"].code, committed.pk]
    )
    assert committed.options["dry_run"] is False and committed.counts["created"] == 1
    assert committed.created_by == cast.users["A.hr"]
    assert StaffMember.unscoped.get(body=cast.bodies["A"], number="01001").family_name == "新規"
    # The file moved to the new run and was deleted once read: it is imported at most once.
    assert not kept.exists() and not Path(committed.stored_file or "/nonexistent").exists()
    again = client.post(commit_url, follow=True).content.decode()
    assert "この確認結果からは取り込めません" in again
    assert ImportRun.unscoped.count() == 2


def test_a_dry_run_with_errors_keeps_no_file_and_offers_no_button(cast, client_as):
    client = client_as("A.hr")
    checked = _dry_run(client, cast, CSV)
    assert checked.counts["rejected"] == 1 and checked.stored_file == ""
    page = client.get(reverse("import_run_detail", args=[cast.bodies["A"].code, checked.pk]))
    assert "この内容で取り込む" not in page.content.decode()
    assert (
        client.post(
            reverse("import_run_commit", args=[cast.bodies["A"].code, checked.pk])
        ).status_code
        == 302
    )
    assert ImportRun.unscoped.count() == 1


def test_a_checked_file_is_deleted_after_the_hour_it_is_kept(cast, client_as):
    from pathlib import Path

    import pytest
    from django.core.exceptions import ValidationError

    from dxjinzai.core.import_runs import KEEP_CHECKED_FOR, import_run_commit

    checked = _dry_run(client_as("A.hr"), cast)
    kept = Path(checked.stored_file)
    later = checked.finished_at + KEEP_CHECKED_FOR + KEEP_CHECKED_FOR / 60
    with pytest.raises(ValidationError):
        import_run_commit(actor=cast.users["A.hr"], run=checked, now=later)
    assert not kept.exists()
    checked.refresh_from_db()
    assert checked.stored_file == ""
    page = client_as("A.hr").get(
        reverse("import_run_detail", args=[cast.bodies["A"].code, checked.pk])
    )
    assert "ファイルは削除しました" in page.content.decode()
