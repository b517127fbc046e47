"""Monthly costs from the employer's payroll file: all rows or none, problems by row, and a
month outside the person's employment refused as in the form."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.organizations import services as organizations
from dxjinzai.sharing import services
from dxjinzai.sharing.cost_import import monthly_cost_import
from dxjinzai.sharing.models import MonthlyCost


@pytest.fixture
def member(cast):
    return services.pool_member_create(
        actor=None,
        staff=cast.staff["P.member"],
        display_name="共通 次郎",
        fields=[],
        profile="",
        joined_on=date(2026, 4, 1),
    )


def _csv(*lines: str, encoding: str = "cp932") -> bytes:
    return "\r\n".join(("職員番号,年月,給料,手当,共済費等", *lines)).encode(encoding)


def test_every_row_recorded_when_all_are_right(cast, member):
    result = monthly_cost_import(
        actor=None,
        employer=cast.bodies["P"],
        data=_csv('00004,2026-04,"300,000",60000,55000円', "00004,2026年5月,300000,60000,55000"),
        filename="costs.csv",
    )
    assert result.ok and result.recorded == 2
    may = MonthlyCost.unscoped.get(member=member, month=5)
    assert may.items == {"給料": 300_000, "手当": 60_000, "共済費等": 55_000}


def test_one_bad_row_writes_nothing_and_each_problem_has_its_row(cast, member):
    result = monthly_cost_import(
        actor=None,
        employer=cast.bodies["P"],
        data=_csv(
            "00004,2026-04,300000,60000,55000",
            "99999,2026-05,300000,0,0",
            "00004,2026-13,300000,0,0",
            "00004,2026-06,三十万,0,0",
            "00004,2014-04,300000,0,0",
            "00004,2026-04,1,0,0",
        ),
        filename="costs.csv",
    )
    assert not result.ok and MonthlyCost.unscoped.count() == 0
    problems = {p.row: " ".join(p.messages) for p in result.problems}
    assert set(problems) == {3, 4, 5, 6, 7}
    assert "共通人材に登録されていません" in problems[3]
    assert "月は1〜12" in problems[4]
    assert "金額（円）として読めません" in problems[5]
    assert "在職期間外" in problems[6]  # hired in April 2015
    assert "重複" in problems[7]


def test_missing_columns_stop_before_any_row(cast, member):
    result = monthly_cost_import(
        actor=None, employer=cast.bodies["P"], data="職員番号\r\n00004".encode(), filename="c.csv"
    )
    assert "年月" in result.file_error and "費目の列" in result.file_error


def test_a_month_after_the_last_appointment_ended_is_refused(cast, member):
    organizations.appointment_update(
        actor=None, appointment=cast.appointments["P.member"], end_date=date(2026, 9, 30)
    )
    services.monthly_cost_set(
        actor=None, member=member, year=2026, month=9, items={"給料": 300_000}
    )
    with pytest.raises(ValidationError, match="2026年10月は共通 次郎さんの在職期間外"):
        services.monthly_cost_set(
            actor=None, member=member, year=2026, month=10, items={"給料": 300_000}
        )


def test_the_import_page_shows_the_rows_to_fix(cast, member, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("monthly_cost_import", args=[cast.bodies["P"].code])
    response = client_as("P.hr").post(
        url, {"file": SimpleUploadedFile("costs.csv", _csv("99999,2026-04,1,1,1"))}
    )
    assert response.status_code == 422
    assert "2行目" in response.content.decode()
    ok = client_as("P.hr").post(
        url, {"file": SimpleUploadedFile("costs.csv", _csv("00004,2026-04,1,1,1"))}
    )
    assert ok.status_code == 302 and MonthlyCost.unscoped.count() == 1
