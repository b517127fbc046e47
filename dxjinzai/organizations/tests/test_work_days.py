"""長井市: an external expert heads the digital office about four days a month; the office's
members (dedicated and concurrent) and the days the head worked, month by month."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.organizations import services
from dxjinzai.organizations.models import WorkDays
from dxjinzai.organizations.rules import AppointmentKind

TODAY = date(2026, 11, 26)


@pytest.fixture
def head(cast):
    return services.appointment_create(
        actor=None,
        staff=cast.staff["A.other"],
        department=cast.departments["A.digital"],
        kind=AppointmentKind.EXTERNAL_ADVISER,
        adviser_contract="commission",
        days_per_month=4,
        title="デジタル推進室長（外部専門家）",
        start_date=date(2026, 4, 1),
        end_date=date(2027, 3, 31),
    )


def _record(head, year=2026, month=10, days="4"):
    return services.work_days_record(
        actor=None, appointment=head, year=year, month=month, days=Decimal(days), today=TODAY
    )


def test_days_recorded_and_replaced(head):
    _record(head, days="3")
    _record(head, days="4.5")
    assert WorkDays.unscoped.get().days == Decimal("4.5")


def test_bad_days_are_refused(head):
    with pytest.raises(ValidationError, match="先の月"):
        _record(head, month=12)
    with pytest.raises(ValidationError, match="0〜30日"):
        _record(head, month=11, days="31")
    with pytest.raises(ValidationError, match="任用の期間外"):
        _record(head, month=3)
    assert not WorkDays.unscoped.exists()


def test_the_office_page_shows_members_and_the_heads_days(cast, head, client_as):
    _record(head, month=10, days="4")
    _record(head, month=11, days="3")
    url = reverse(
        "department_members", args=[cast.bodies["A"].code, cast.departments["A.digital"].pk]
    )
    page = client_as("A.hr").get(url).content.decode()
    assert "デジタル推進室長（外部専門家）" in page and "6か月計" in page
    assert "7.0日" in page  # October 4 + November 3
    assert "勤務日数を記録する" in page
    # The head of the department sees it, but only HR records.
    head_page = client_as("A.head").get(url).content.decode()
    assert "7.0日" in head_page and "勤務日数を記録する" not in head_page


def test_hr_records_from_the_page(cast, head, client_as):
    url = reverse(
        "work_days_record", args=[cast.bodies["A"].code, cast.departments["A.digital"].pk]
    )
    month = f"{date.today():%Y-%m}"
    response = client_as("A.hr").post(url, {"appointment": head.pk, "month": month, "days": "2"})
    assert response.status_code == 302
    assert WorkDays.unscoped.get().days == Decimal(2)


def test_the_office_members_export_with_the_days_worked(cast, head, client_as):
    _record(head, month=10, days="4")
    url = reverse(
        "department_members", args=[cast.bodies["A"].code, cast.departments["A.digital"].pk]
    )
    response = client_as("A.hr").get(url, {"export": "csv"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].split(",")[6:8] == ["月あたり勤務日数（取り決め）", "直近6か月の勤務日数"]
    head_row = next(row for row in rows if "デジタル推進室長" in row)
    assert head_row.split(",")[6:8] == ["4.0", "4.0"]
