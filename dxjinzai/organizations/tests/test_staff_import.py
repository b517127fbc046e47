"""Staff import: every encoding and header variant officials bring, validation before writing,
upsert, dry run, and each bad input of issue 3 answered in Japanese with nothing half-written."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from dxjinzai.core.models import AuditAction, AuditEntry, ImportRun, ImportStatus
from dxjinzai.lib.tabular import MAX_UPLOAD_BYTES, TabularError, read_table
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.forms import StaffForm
from dxjinzai.organizations.import_jobs import staff_import_start
from dxjinzai.organizations.models import StaffMember, StaffStatus
from dxjinzai.organizations.staff_import import (
    ImportStopped,
    check_email,
    check_kana,
    check_name,
    check_number,
    map_headers,
)

HEADER = ["職員番号", "氏", "名", "氏フリガナ", "名フリガナ", "所属コード", "職層", "採用日"]


def _csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode()
    return text.encode(encoding)


def _import(cast, data: bytes, **options) -> ImportRun:
    return staff_import_start(
        actor=cast.users["A.hr"], body=cast.bodies["A"], filename="staff.csv", data=data, **options
    )


def _numbers(cast) -> set[str]:
    return set(StaffMember.unscoped.filter(body=cast.bodies["A"]).values_list("number", flat=True))


NEW_ROW = ["01001", "新規", "花子", "シンキ", "ハナコ", "0200", "主事・主任級", "2023-04-01"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_csv_in_each_encoding_is_imported(cast, encoding):
    run = _import(cast, _csv([HEADER, NEW_ROW], encoding))
    assert run.status == ImportStatus.DONE, run.message
    staff = StaffMember.unscoped.get(body=cast.bodies["A"], number="01001")
    assert (staff.family_name, staff.given_name_kana) == ("新規", "ハナコ")
    assert staff.department == cast.departments["A.digital"]
    assert staff.hire_date == date(2023, 4, 1)


def test_xlsx_named_sheet_with_excel_dates(cast):
    workbook = Workbook()
    workbook.active.title = "表紙"
    sheet = workbook.create_sheet("職員")
    sheet.append(HEADER)
    sheet.append([*NEW_ROW[:7], date(2023, 4, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run = _import(cast, buffer.getvalue(), sheet="職員")
    assert run.status == ImportStatus.DONE, run.problems
    assert StaffMember.unscoped.get(body=cast.bodies["A"], number="01001").hire_date == date(
        2023, 4, 1
    )
    missing = _import(cast, buffer.getvalue(), sheet="名簿")
    assert missing.status == ImportStatus.FAILED
    assert "シート「名簿」がありません" in missing.message


def test_full_name_and_kana_columns_split_on_any_space_and_halfwidth_kana_widened(cast):
    data = _csv(
        [
            ["職員番号", "氏名", "カナ", "所属", "採用日", "内線"],
            ["０１００２", "山田　太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "総務課", "R5.4.1", "1234"],
        ]
    )
    run = _import(cast, data)
    staff = StaffMember.unscoped.get(body=cast.bodies["A"], number="01002")
    assert (staff.family_name, staff.given_name) == ("山田", "太郎")
    assert (staff.family_name_kana, staff.given_name_kana) == ("ヤマダ", "タロウ")
    assert staff.department == cast.departments["A.general"]
    assert staff.hire_date == date(2023, 4, 1)
    assert run.report["ignored_columns"] == ["内線"]


def test_missing_required_columns_stop_before_any_row():
    with pytest.raises(ImportStopped) as stopped:
        map_headers(["職員番号", "氏名", "所属"])
    assert [p.message for p in stopped.value.problems] == [
        "必須の列「氏フリガナ」「名フリガナ」（または「フリガナ」）がありません。"
    ]


def test_upsert_reports_created_updated_unchanged_and_retired(cast):
    existing = [
        ["00001", "管理", "一郎", "カンリ", "イチロウ", "0100", "主事・主任級", "2015-04-01"],
        ["00002", "人事", "花子", "ジンジ", "ハナコ", "0100", "主事・主任級", "2015-04-01"],
        [
            "00003",
            "所属",
            "長太郎",
            "ショゾク",
            "チョウタロウ",
            "0200",
            "主事・主任級",
            "2015-04-01",
        ],
        ["00004", "改姓", "次郎", "カイセイ", "ジロウ", "0200", "主事・主任級", "2015-04-01"],
        ["00005", "係員", "三郎", "カカリイン", "サブロウ", "0201", "主事・主任級", "2015-04-01"],
    ]
    # One of the body's six active staff retires: more than a tenth, so it must be confirmed.
    run = _import(cast, _csv([HEADER, *existing, NEW_ROW]), complete=True, confirm_retirements=True)
    assert run.counts == {
        "total": 6,
        "created": 1,
        "updated": 1,
        "unchanged": 4,
        "retired": 1,
        "rejected": 0,
    }
    assert (
        StaffMember.unscoped.get(body=cast.bodies["A"], number="00006").status
        == StaffStatus.RETIRED
    )
    assert StaffMember.unscoped.get(body=cast.bodies["A"], number="00004").family_name == "改姓"
    assert run.report["updated"][0][2]["family_name"] == ["職員", "改姓"]
    assert run.report["retired"] == ["00006"]
    entry = AuditEntry.unscoped.filter(action=AuditAction.IMPORT).get()
    assert entry.actor == cast.users["A.hr"] and entry.body == cast.bodies["A"]


def test_reimporting_the_same_file_changes_nothing(cast):
    _import(cast, _csv([HEADER, NEW_ROW]))
    again = _import(cast, _csv([HEADER, NEW_ROW]))
    assert again.counts["unchanged"] == 1 and again.counts["created"] == 0


def test_any_error_writes_nothing_unless_valid_rows_are_chosen(cast):
    bad = ["01003", "誤り", "太郎", "ごあやま", "タロウ", "9999", "", ""]
    data = _csv([HEADER, NEW_ROW, bad])
    before = _numbers(cast)
    run = _import(cast, data)
    assert _numbers(cast) == before
    assert run.message == "エラーのある行があるため、取り込みませんでした。"
    assert {(p["row"], p["column"]) for p in run.problems} == {(3, "氏フリガナ"), (3, "所属コード")}
    run = _import(cast, data, only_valid=True)
    assert _numbers(cast) == before | {"01001"}
    assert run.counts["rejected"] == 1


def test_dry_run_shows_the_changes_and_writes_nothing(cast):
    before = _numbers(cast)
    run = _import(cast, _csv([HEADER, NEW_ROW]), dry_run=True)
    assert _numbers(cast) == before
    assert run.report["created"] == [[2, "01001", "新規 花子"]]
    assert "書き込みはしていません" in run.message


# --- Bad input, each with its Japanese answer ----------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "ファイルが空です。"),
        (b"\x00\x01\x02binary\x00", "CSVまたはExcel（.xlsx）ファイルではないようです"),
        (
            "職員番号,氏名\n".encode() + "山田".encode("cp932") + "太郎".encode(),
            "文字コードを判別できません",
        ),
    ],
)
def test_unreadable_files(data, message):
    with pytest.raises(TabularError, match=message):
        read_table(data)


def test_file_over_the_size_limit():
    with pytest.raises(TabularError, match="ファイルが大きすぎます"):
        read_table(b"a" * (MAX_UPLOAD_BYTES + 1))


def test_header_only_file_imports_nothing(cast):
    run = _import(cast, _csv([HEADER]))
    assert run.status == ImportStatus.DONE
    assert run.counts["total"] == 0


def test_an_xlsx_renamed_to_csv_is_read_as_excel(cast):
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(NEW_ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    run = staff_import_start(
        actor=None, body=cast.bodies["A"], filename="staff.csv", data=buffer.getvalue()
    )
    assert run.status == ImportStatus.DONE and run.counts["created"] == 1


def test_row_with_more_columns_than_the_header(cast):
    run = _import(cast, _csv([HEADER, [*NEW_ROW, "余分", "列"]]))
    assert "見出し（8列）より多い10列があります" in run.problems[0]["message"]
    assert run.counts["created"] == 0


def test_quoted_newline_in_a_cell_keeps_row_numbers_by_record(cast):
    data = _csv(
        [
            [*HEADER, "備考"],
            [*NEW_ROW, "一行目\n二行目"],
            ["01003", "誤り", "", "アヤマリ", "", "", "", ""],
        ]
    )
    run = _import(cast, data)
    assert {p["row"] for p in run.problems} == {3}


def test_formula_looking_names_are_stored_as_entered(cast):
    row = ["01004", "=HYPERLINK(1)", "花子", "シンキ", "ハナコ", "", "", ""]
    _import(cast, _csv([HEADER, row]))
    assert (
        StaffMember.unscoped.get(body=cast.bodies["A"], number="01004").family_name
        == "=HYPERLINK(1)"
    )


def test_excel_date_serial_in_a_csv(cast):
    _import(cast, _csv([HEADER, [*NEW_ROW[:7], "45017"]]))
    assert StaffMember.unscoped.get(body=cast.bodies["A"], number="01001").hire_date == date(
        2023, 4, 1
    )


def test_same_number_twice_with_different_names(cast):
    other = ["01001", "別人", "次郎", "ベツジン", "ジロウ", "", "", ""]
    run = _import(cast, _csv([HEADER, NEW_ROW, other]))
    assert run.problems[0]["message"] == "職員番号「01001」が2行目と重複しています。"
    assert "01001" not in _numbers(cast)


def test_unknown_department_code(cast):
    run = _import(cast, _csv([HEADER, [*NEW_ROW[:5], "7777", "", ""]]))
    assert (
        run.problems[0]["message"]
        == "所属コード「7777」の所属がありません（現在の所属から探しました）。"
    )


def test_fullwidth_spaces_in_names_are_trimmed(cast):
    _import(cast, _csv([HEADER, ["01005", "　山田　", "　太郎", "ヤマダ", "タロウ", "", "", ""]]))
    staff = StaffMember.unscoped.get(body=cast.bodies["A"], number="01005")
    assert (staff.family_name, staff.given_name) == ("山田", "太郎")


def test_characters_outside_cp932_are_warned_but_kept(cast):
    run = _import(cast, _csv([HEADER, ["01006", "𠮷田", "花子", "ヨシダ", "ハナコ", "", "", ""]]))
    assert run.problems[0]["level"] == "warning"
    assert "Shift_JIS" in run.problems[0]["message"]
    assert StaffMember.unscoped.get(body=cast.bodies["A"], number="01006").family_name == "𠮷田"


# --- The import and the form apply the same field rules ------------------------------------


def _validator_accepts(check, *args) -> bool:
    problems = []
    check(*args, lambda *a: problems.append(a))
    return not problems


def _form_errors(cast, **values) -> set[str]:
    data = {
        "number": "55555",
        "family_name": "山田",
        "given_name": "太郎",
        "family_name_kana": "ヤマダ",
        "given_name_kana": "タロウ",
        "status": "active",
    } | values
    form = StaffForm(data, access=access_for_user(cast.users["A.hr"]), body=cast.bodies["A"])
    form.is_valid()
    return set(form.errors)


@pytest.mark.parametrize(
    "value", ["ヤマダ", "ﾔﾏﾀﾞ", "やまだ", "山田", "ヤマダ1", "ア" * 100, "ア" * 101, ""]
)
def test_kana_rule_is_the_same_in_form_and_import(cast, value):
    form_ok = "family_name_kana" not in _form_errors(cast, family_name_kana=value)
    assert form_ok == _validator_accepts(check_kana, "family_name_kana", value)


@pytest.mark.parametrize("value", ["山田", " 山田 ", "", "山" * 50, "山" * 51, "山\x00田"])
def test_name_rule_is_the_same_in_form_and_import(cast, value):
    form_ok = "family_name" not in _form_errors(cast, family_name=value)
    assert form_ok == _validator_accepts(check_name, "family_name", value)


@pytest.mark.parametrize("value", ["00123", "０１２３", "", "1" * 20, "1" * 21])
def test_number_rule_is_the_same_in_form_and_import(cast, value):
    form_ok = "number" not in _form_errors(cast, number=value)
    assert form_ok == _validator_accepts(check_number, value)


@pytest.mark.parametrize("value", ["a@example.lg.jp", "", "bad@", "no-at-sign", "x@y"])
def test_email_rule_is_the_same_in_form_and_import(cast, value):
    form_ok = "email" not in _form_errors(cast, email=value)
    assert form_ok == _validator_accepts(check_email, value)


# --- The command line and the background worker --------------------------------------------


def test_import_staff_command(cast, tmp_path, capsys):
    path = tmp_path / "staff.csv"
    path.write_bytes(_csv([HEADER, NEW_ROW], "cp932"))
    call_command("import_staff", str(path), "--body", cast.bodies["A"].code[:5], "--dry-run")
    assert "01001" not in _numbers(cast)
    call_command("import_staff", str(path), "--body", cast.bodies["A"].code)
    assert "01001" in _numbers(cast)
    assert "登録 1" in capsys.readouterr().out


def test_import_staff_command_fails_on_errors(cast, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(_csv([HEADER, [*NEW_ROW[:5], "7777", "", ""]]))
    with pytest.raises(CommandError, match="取り込めませんでした"):
        call_command("import_staff", str(path), "--body", cast.bodies["A"].code)


def test_uploaded_file_is_deleted_once_read(cast, settings):
    run = _import(cast, _csv([HEADER, NEW_ROW]))
    assert run.status == ImportStatus.DONE and run.stored_file == ""
    assert not any((settings.MEDIA_ROOT / "imports").iterdir())


def test_a_repeated_number_is_an_error_on_every_row_even_when_the_first_is_wrong(cast):
    wrong_kana = ["01001", "新規", "花子", "しんき", "ハナコ", "0200", "", ""]
    run = _import(cast, _csv([HEADER, wrong_kana, NEW_ROW, NEW_ROW]), only_valid=True)
    by_row: dict[int, list[str]] = {}
    for problem in run.problems:
        by_row.setdefault(problem["row"], []).append(problem["message"])
        assert problem["number"] == "01001"  # every line names the person
    assert "職員番号「01001」が3行目、4行目にもあります。" in by_row[2]
    assert by_row[3] == ["職員番号「01001」が2行目と重複しています。"]
    assert by_row[4] == ["職員番号「01001」が2行目と重複しています。"]
    assert run.counts["rejected"] == 3 and run.counts["created"] == 0
    assert "01001" not in _numbers(cast)
