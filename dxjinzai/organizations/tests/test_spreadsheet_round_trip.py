"""What spreadsheet programs do to a staff file, and what the import does about it: an
exported list edited and imported back changes nobody (formula-like names included, also
after LibreOffice opens and saves the file); numbers and codes that lost their leading zeros
are padded back to the body's width or refused, never created beside the real ones; a
complete file that would retire many people stops and asks."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from dxjinzai.organizations import services
from dxjinzai.organizations.import_jobs import staff_import_start
from dxjinzai.organizations.models import StaffMember, StaffStatus
from dxjinzai.organizations.rules import (
    restore_leading_zeros,
    too_many_retirements,
    zero_led_codes,
    zeros_lost_from,
)

HEADER = "職員番号,氏,名,氏フリガナ,名フリガナ,所属コード"
FORMULA_LIKE = ["=1+2", "+81-3", "-田中", "@home"]


def _import(cast, data: bytes, filename: str = "staff.csv", **options):
    return staff_import_start(
        actor=cast.users["A.hr"], body=cast.bodies["A"], filename=filename, data=data, **options
    )


def _people(cast) -> dict[str, tuple]:
    fields = ("number", "family_name", "given_name", "family_name_kana", "given_name_kana")
    rows = StaffMember.unscoped.filter(body=cast.bodies["A"]).values_list(
        *fields, "department_id", "grade_id", "employment_kind", "email", "hire_date", "status"
    )
    return {row[0]: row for row in rows}


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The rules -----------------------------------------------------------------------------


def test_leading_zeros_are_restored_only_to_digits_shorter_than_the_width():
    assert restore_leading_zeros("123", 6) == "000123"
    assert restore_leading_zeros("000123", 6) == "000123"
    assert restore_leading_zeros("A123", 6) == "A123"
    assert restore_leading_zeros("1234567", 6) == "1234567"
    assert restore_leading_zeros("123", None) == "123"


def test_a_number_that_lost_its_zeros_is_recognised():
    known = zero_led_codes(["000001", "000120", "100", "A01"])
    assert zeros_lost_from("1", known) == "000001"
    assert zeros_lost_from("0120", known) == "000120"
    assert zeros_lost_from("000001", known) is None  # itself
    assert zeros_lost_from("2", known) is None
    assert zeros_lost_from("A1", known) is None


def test_more_than_a_tenth_retiring_is_too_many():
    assert not too_many_retirements(10, 100)
    assert too_many_retirements(11, 100)
    assert too_many_retirements(1, 6)
    assert not too_many_retirements(0, 0)


# --- Leading zeros in a file ---------------------------------------------------------------


def test_numbers_and_codes_without_their_zeros_are_padded_to_the_bodys_widths(cast):
    services.body_update(
        actor=None, body=cast.bodies["A"], staff_number_digits=5, department_code_digits=4
    )
    before = _people(cast)
    member = cast.staff["A.member"]  # 00004, in デジタル推進課 (0200)
    csv_row = f"4,{member.family_name},{member.given_name},{member.family_name_kana},"
    csv_row += f"{member.given_name_kana},200"
    run = _import(cast, f"{HEADER}\n{csv_row}\n".encode())
    assert run.counts["created"] == 0 and run.counts["rejected"] == 0, run.problems
    # As number cells in an XLSX too.
    sheet = [
        HEADER.split(","),
        [
            4,
            member.family_name,
            member.given_name,
            member.family_name_kana,
            member.given_name_kana,
            200,
        ],
    ]
    run = _import(cast, _xlsx(sheet), filename="staff.xlsx")
    assert run.counts["created"] == 0 and run.counts["rejected"] == 0, run.problems
    assert _people(cast) == before


def test_without_a_width_a_number_that_lost_its_zeros_is_refused_not_created(cast):
    run = _import(cast, f"{HEADER}\n4,別人,四郎,ベツジン,シロウ,0200\n".encode(), only_valid=True)
    assert run.counts["created"] == 0 and run.counts["rejected"] == 1
    message = run.problems[0]["message"]
    assert "「00004」の職員がいます" in message and "桁数" in message
    assert not StaffMember.unscoped.filter(number="4").exists()


def test_without_a_width_a_department_code_that_lost_its_zeros_is_named(cast):
    run = _import(cast, f"{HEADER}\n01001,新規,花子,シンキ,ハナコ,200\n".encode())
    assert run.counts["rejected"] == 1
    assert "先頭の0が落ちた「0200」ではありませんか" in run.problems[0]["message"]


# --- A complete file that would retire many ------------------------------------------------


def test_a_complete_file_retiring_more_than_a_tenth_stops_until_confirmed(cast):
    member = cast.staff["A.member"]
    only_one = (
        f"{HEADER}\n{member.number},{member.family_name},{member.given_name},"
        f"{member.family_name_kana},{member.given_name_kana},0200\n"
    ).encode()
    dry = _import(cast, only_one, complete=True, dry_run=True)
    assert "在職者6人のうち5人（約83%）が退職になります" in dry.message
    refused = _import(cast, only_one, complete=True)
    assert "1割を超えるため取り込みを止めました" in refused.message
    assert refused.counts["retired"] == 0
    assert (
        StaffMember.unscoped.filter(body=cast.bodies["A"], status=StaffStatus.ACTIVE).count() == 6
    )
    confirmed = _import(cast, only_one, complete=True, confirm_retirements=True)
    assert confirmed.counts["retired"] == 5
    assert (
        StaffMember.unscoped.filter(body=cast.bodies["A"], status=StaffStatus.ACTIVE).count() == 1
    )


def test_the_service_refuses_too_many_retirements_without_confirmation(cast):
    from datetime import date

    from dxjinzai.lib.tabular import read_table
    from dxjinzai.organizations.staff_import_plan import planned_staff_import

    with (
        planned_staff_import(
            body=cast.bodies["A"],
            table=read_table(
                f"{HEADER}\n".encode()
                + b"01001,\xe6\x96\xb0,\xe8\x8a\xb1,\xe3\x82\xb7,\xe3\x83\x8f,0200\n"
            ),
            complete=True,
            today=date(2026, 11, 29),
        ) as plan,
        pytest.raises(ValidationError, match="1割を超える"),
    ):
        services.staff_import_apply(
            actor=None, body=cast.bodies["A"], plan=plan, only_valid=False, source="t"
        )


# --- Export → edit → import ----------------------------------------------------------------


def _plant_formula_like_names(cast) -> None:
    people = [cast.staff[key] for key in ("A.admin", "A.hr", "A.head", "A.member")]
    for member, name in zip(people, FORMULA_LIKE, strict=True):
        services.staff_update(actor=None, staff=member, given_name=name)


def _export(client, cast, export_format: str) -> bytes:
    url = reverse("staff_list", args=[cast.bodies["A"].code])
    query = f"export={export_format}" + ("&accept_loss=1" if export_format == "csv_cp932" else "")
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("export_format", "filename"),
    [("csv", "a.csv"), ("csv_cp932", "a.csv"), ("xlsx", "a.xlsx")],
)
def test_an_exported_staff_list_imports_back_changing_nobody(
    cast, client_as, export_format, filename
):
    _plant_formula_like_names(cast)
    before = _people(cast)
    data = _export(client_as("A.hr"), cast, export_format)
    run = _import(cast, data, filename=filename, complete=True)
    assert run.counts == {
        "total": 6,
        "created": 0,
        "updated": 0,
        "unchanged": 6,
        "retired": 0,
        "rejected": 0,
    }, run.problems
    assert _people(cast) == before
    assert {before[cast.staff["A.member"].number][2]} == {"@home"}


def _libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice がないため確認できません（scripts/test が root で入れます）")
    return found


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_the_export_survives_libreoffice_opening_and_saving_it(
    cast, client_as, tmp_path, export_format
):
    """The official opens the download in LibreOffice Calc and saves it as .xlsx; numbers
    that Calc turns into numbers (a CSV's 00001) come back through the body's width."""
    soffice = _libreoffice()
    services.body_update(
        actor=None, body=cast.bodies["A"], staff_number_digits=5, department_code_digits=4
    )
    _plant_formula_like_names(cast)
    before = _people(cast)
    source = tmp_path / f"staff.{export_format}"
    source.write_bytes(_export(client_as("A.hr"), cast, export_format))
    out = tmp_path / "saved"
    # A CSV is opened as the import dialog would: comma-separated, UTF-8 (76).
    csv_filter = ["--infilter=CSV:44,34,76,1"] if export_format == "csv" else []
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            *csv_filter,
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = (out / "staff.xlsx").read_bytes()
    run = _import(cast, saved, filename="saved.xlsx", complete=True)
    assert run.counts["unchanged"] == 6 and run.counts["rejected"] == 0, run.problems
    assert _people(cast) == before
