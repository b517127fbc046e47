"""The host's statement (PDF and XLSX) and the employer's record of invoice and payment."""

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from dxjinzai.sharing import services
from dxjinzai.sharing.models import ChargeSettlement

COST = {"給料": 300_000, "手当": 60_000, "共済費等": 55_000, "旅費": 5_000, "退職手当": 40_000}
YEAR = 2026


@pytest.fixture
def shared(cast):
    """P's specialist serves B at 0.5 from 16 April; April and May costs recorded:
    April 420,000 × 0.5 × 15/30 = 105,000 yen, May 420,000 × 0.5 = 210,000 yen."""
    member = services.pool_member_create(
        actor=None,
        staff=cast.staff["P.member"],
        display_name="共通 次郎",
        fields=["データ利活用"],
        profile="",
        joined_on=date(2026, 4, 1),
    )
    services.assignment_create(
        actor=None,
        member=member,
        host=cast.bodies["B"],
        start=date(2026, 4, 16),
        share=Decimal("0.5"),
        legal_basis="dispatch",
    )
    for month in (4, 5):
        services.monthly_cost_set(actor=None, member=member, year=2026, month=month, items=COST)
    return member


def _issued(cast, fmt=""):
    url = reverse(
        "charge_statement_issued", args=[cast.bodies["P"].code, YEAR, cast.bodies["B"].pk]
    )
    return url + (f"?format={fmt}" if fmt else "")


def test_statement_xlsx_has_the_months_and_the_total(cast, shared, client_as):
    response = client_as("P.hr").get(_issued(cast, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    assert ("2026年4月", 15, 30, 105_000) in rows
    assert ("2026年5月", 31, 31, 210_000) in rows
    assert rows[-1] == ("年度合計", None, None, 315_000)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) がありません")
def test_statement_pdf_reads_in_japanese_for_the_host(cast, shared, client_as, tmp_path):
    url = reverse(
        "charge_statement_received", args=[cast.bodies["B"].code, YEAR, cast.bodies["P"].pk]
    )
    response = client_as("B.hr").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "負担金明細書（令和8年度）" in text
    assert "乙町" in text and "テスト県" in text and "年度合計 315,000円" in text
    assert "105,000" in text and "210,000" in text
    # The host never sees the personnel cost behind the charge.
    assert "300,000" not in text


def test_statements_only_between_the_two_bodies(cast, shared, client_as):
    # A has no assignment from P: nothing to state; F is not a partner.
    to_a = reverse(
        "charge_statement_issued", args=[cast.bodies["P"].code, YEAR, cast.bodies["A"].pk]
    )
    assert client_as("P.hr").get(to_a).status_code == 404
    to_f = reverse(
        "charge_statement_issued", args=[cast.bodies["P"].code, YEAR, cast.bodies["F"].pk]
    )
    assert client_as("P.hr").get(to_f).status_code == 404
    # A's HR cannot read B's statement through A's pages.
    from_p = reverse(
        "charge_statement_received", args=[cast.bodies["A"].code, YEAR, cast.bodies["P"].pk]
    )
    assert client_as("A.hr").get(from_p).status_code == 404


def test_invoice_then_payment_recorded_and_shown_to_both(cast, shared, client_as):
    employer = client_as("P.hr")
    base = [cast.bodies["P"].code, YEAR, cast.bodies["B"].pk]
    employer.post(reverse("charge_invoice", args=base), {"on": "2026-06-01"})
    settlement = ChargeSettlement.unscoped.get()
    assert (settlement.invoiced_amount, settlement.invoiced_on) == (315_000, date(2026, 6, 1))
    employer.post(reverse("charge_paid", args=base), {"on": "2026-06-20"})
    settlement.refresh_from_db()
    assert settlement.paid_on == date(2026, 6, 20)
    host_page = client_as("B.hr").get(
        reverse("charge_list", args=[cast.bodies["B"].code]), {"fiscal_year": YEAR}
    )
    page = host_page.content.decode()
    assert "2026年6月1日（315,000円）" in page and "2026年6月20日" in page
    # The host sees but does not record the employer's invoice.
    assert 'action="/b/' not in page.split("団体ごとの負担金")[1].split("</table>")[0]


def test_bad_invoices_and_payments_save_nothing(cast, shared):
    p, b = cast.bodies["P"], cast.bodies["B"]
    today = date(2026, 11, 26)

    def invoice(**changes):
        values = {"employer": p, "host": b, "fiscal_year": YEAR, "amount": 315_000}
        values |= {"on": date(2026, 6, 1), "today": today} | changes
        return services.charge_invoice(actor=None, **values)

    with pytest.raises(ValidationError, match="先の日付"):
        invoice(on=date(2026, 12, 1))
    with pytest.raises(ValidationError, match="負担金がない"):
        invoice(amount=0)
    settlement = invoice()
    with pytest.raises(ValidationError, match="請求済み"):
        invoice()
    with pytest.raises(ValidationError, match="請求日から今日まで"):
        services.charge_mark_paid(
            actor=None, settlement=settlement, on=date(2026, 5, 1), today=today
        )
    services.charge_mark_paid(actor=None, settlement=settlement, on=date(2026, 7, 1), today=today)
    with pytest.raises(ValidationError, match="入金済み"):
        services.charge_mark_paid(
            actor=None, settlement=settlement, on=date(2026, 7, 2), today=today
        )
    assert ChargeSettlement.unscoped.count() == 1


def test_who_owes_what_exports_with_invoice_and_payment(cast, shared, client_as):
    services.charge_invoice(
        actor=None,
        employer=cast.bodies["P"],
        host=cast.bodies["B"],
        fiscal_year=YEAR,
        amount=315_000,
        on=date(2026, 6, 1),
        today=date(2026, 6, 1),
    )
    response = client_as("P.hr").get(
        reverse("charge_list", args=[cast.bodies["P"].code]),
        {"fiscal_year": YEAR, "table": "totals", "export": "csv"},
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header == "負担する団体,受け取る団体,年度合計（円）,請求日,請求額（円）,入金日"
    assert row == "乙町,テスト県,315000,2026-06-01,315000,"
