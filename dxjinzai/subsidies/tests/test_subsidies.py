"""The exam-fee subsidy (CASES.md case 18, 豊田市): the amount by the scheme's rule, approval
within the budget, a pass renewing the one qualification holding, payments in batches, the
year's statistics, and who may see what."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.access import access_for_user
from dxjinzai.skills.models import HoldingSource, Qualification, QualificationHolding
from dxjinzai.subsidies import selectors, services
from dxjinzai.subsidies.models import ApplicationStatus
from dxjinzai.subsidies.rules import Rounding, budget_problem, subsidy_amount

EXAM_DAY = date(2026, 11, 1)
PDF = b"%PDF-1.4\n%receipt\n"


def test_the_amount_follows_the_schemes_rounding_and_cap():
    assert subsidy_amount(7_501, Decimal("0.5")) == 3_750  # floored, the default
    assert subsidy_amount(7_501, Decimal("0.5"), Rounding.HALF_UP) == 3_751
    assert subsidy_amount(7_501, Decimal("0.5"), Rounding.CEIL) == 3_751
    assert subsidy_amount(7_500, Decimal("0.5"), cap_left=2_000) == 2_000
    assert subsidy_amount(7_500, Decimal("0.5"), cap_left=-10) == 0


def test_an_approval_over_budget_is_refused_with_the_figures():
    assert budget_problem(3_750, budget=10_000, committed=5_000) is None
    problem = budget_problem(3_750, budget=10_000, committed=7_500)
    assert problem == (
        "予算を超えるため承認できません（予算10,000円、承認済み7,500円、残り2,500円に対して"
        "補助額3,750円）。"
    )


def _hr(cast):
    return access_for_user(cast.users["A.hr"])


def _passport() -> Qualification:
    return Qualification.objects.get(body__isnull=True, name="ITパスポート試験")


@pytest.fixture
def scheme(cast):
    return services.scheme_save(
        actor=None,
        body=cast.bodies["A"],
        fiscal_year=fiscal_year_of(clock.today()),
        qualifications=[_passport()],
        budget=10_000,
    )


def _apply(cast, scheme, key="A.member", fee=7_501, **extra):
    return services.application_create(
        actor=None,
        scheme=scheme,
        staff=cast.staff[key],
        qualification=_passport(),
        exam_on=EXAM_DAY,
        fee=fee,
        today=clock.today(),
        **extra,
    )


def test_approval_within_the_budget_and_the_figures_of_the_year(cast, scheme):
    first = _apply(cast, scheme)
    assert first.amount == 3_750
    services.application_decide(actor=None, application=first, approve=True, today=clock.today())
    second = _apply(cast, scheme, key="A.other", fee=14_000)  # 7,000 yen: over what is left
    with pytest.raises(ValidationError, match="残り6,250円に対して補助額7,000円"):
        services.application_decide(
            actor=None, application=second, approve=True, today=clock.today()
        )
    services.application_decide(
        actor=None, application=second, approve=False, today=clock.today(), note="予算超過"
    )
    budget = selectors.budget_of(_hr(cast), scheme)
    assert (budget.budget, budget.committed, budget.paid, budget.left) == (10_000, 3_750, 0, 6_250)


def test_one_attempt_per_qualification_and_only_eligible_ones(cast, scheme):
    _apply(cast, scheme)
    with pytest.raises(ValidationError, match="この年度1回まで"):
        _apply(cast, scheme)
    other = Qualification.objects.get(body__isnull=True, name="基本情報技術者試験")
    with pytest.raises(ValidationError, match="補助の対象ではありません"):
        services.application_create(
            actor=None,
            scheme=scheme,
            staff=cast.staff["A.member"],
            qualification=other,
            exam_on=EXAM_DAY,
            fee=7_500,
            today=clock.today(),
        )


def test_a_receipt_is_checked_by_what_it_holds(cast, scheme):
    fake = SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="PDF・PNG・JPEG"):
        _apply(cast, scheme, receipt=fake)
    kept = _apply(cast, scheme, receipt=SimpleUploadedFile("receipt.pdf", PDF))
    assert kept.receipt.name.endswith(".pdf")


def test_a_pass_renews_the_one_holding_and_a_fail_is_paid_by_default(cast, scheme):
    member = cast.staff["A.member"]
    QualificationHolding.unscoped.create(
        body=member.body, staff=member, qualification=_passport(), acquired_on=date(2015, 5, 1)
    )
    passed = _apply(cast, scheme)
    services.application_decide(actor=None, application=passed, approve=True, today=clock.today())
    services.result_report(
        actor=None, application=passed, passed=True, today=clock.today(), certificate_number=""
    )
    [holding] = QualificationHolding.unscoped.filter(staff=member, qualification=_passport())
    assert (holding.acquired_on, holding.source) == (EXAM_DAY, HoldingSource.SUBSIDY)
    assert passed.status == ApplicationStatus.PASSED and passed.passed is True

    failed = _apply(cast, scheme, key="A.other")
    services.application_decide(actor=None, application=failed, approve=True, today=clock.today())
    services.result_report(actor=None, application=failed, passed=False, today=clock.today())
    assert failed.status == ApplicationStatus.FAILED  # paid: taking the exam is subsidised
    assert not QualificationHolding.unscoped.filter(staff=cast.staff["A.other"]).exists()


def test_a_fail_closes_unpaid_when_the_scheme_pays_passes_only(cast, scheme):
    services.scheme_save(
        actor=None,
        body=scheme.body,
        fiscal_year=scheme.fiscal_year,
        qualifications=[_passport()],
        budget=10_000,
        pays_on_fail=False,
    )
    application = _apply(cast, scheme)
    services.application_decide(
        actor=None, application=application, approve=True, today=clock.today()
    )
    application.scheme.refresh_from_db()
    services.result_report(actor=None, application=application, passed=False, today=clock.today())
    assert application.status == ApplicationStatus.CLOSED
    assert selectors.budget_of(_hr(cast), scheme).committed == 0


def test_payments_in_a_batch_and_the_years_statistics(cast, scheme):
    made = []
    for key, passed in (("A.member", True), ("A.other", False)):
        application = _apply(cast, scheme, key=key, fee=5_000)
        services.application_decide(
            actor=None, application=application, approve=True, today=clock.today()
        )
        services.result_report(
            actor=None, application=application, passed=passed, today=clock.today()
        )
        made.append(application)
    payment = services.payments_record(
        actor=None, body=scheme.body, applications=made, paid_on=clock.today()
    )
    assert {a.status for a in made} == {ApplicationStatus.PAID}
    assert payment.applications.count() == 2
    with pytest.raises(ValidationError, match="支払待ちでない申請"):
        services.payments_record(
            actor=None, body=scheme.body, applications=made, paid_on=clock.today()
        )
    [row] = selectors.year_statistics(_hr(cast), scheme)
    assert (row.applications, row.reported, row.passed, row.pass_rate, row.paid_yen) == (
        2,
        2,
        1,
        Decimal("50.0"),
        5_000,
    )
    assert selectors.budget_of(_hr(cast), scheme).paid == 5_000


def test_the_journey_through_the_pages(cast, client_as, scheme):
    # client_as signs the one test client in as someone else each time it is called.
    response = client_as("A.staff").post(
        reverse("my_subsidies"),
        {
            "qualification": _passport().pk,
            "exam_on": EXAM_DAY.isoformat(),
            "fee": "7501",
            "receipt": SimpleUploadedFile("receipt.pdf", PDF),
        },
    )
    assert response.status_code == 302
    [application] = selectors.own_applications(access_for_user(cast.users["A.staff"]))
    assert application.amount == 3_750
    hr = client_as("A.hr")
    code = cast.bodies["A"].code
    home = hr.get(reverse("subsidy_home", args=[code])).content.decode()
    assert "3,750円" in home and "申請中" in home
    receipt = hr.get(reverse("subsidy_receipt", args=[code, application.pk]))
    assert b"".join(receipt.streaming_content) == PDF
    hr.post(reverse("subsidy_decide", args=[code, application.pk]), {"decision": "approve"})
    staff_client = client_as("A.staff")
    staff_client.post(
        reverse("my_subsidy_result", args=[application.pk]),
        {"result": "passed", "certificate_number": "", "sitting": ""},
    )
    my_page = staff_client.get(reverse("my_page")).content.decode()
    assert "ITパスポート試験" in my_page
    # A colleague never sees the subsidy's pages.
    assert staff_client.get(reverse("subsidy_home", args=[code])).status_code == 403
    hr = client_as("A.hr")
    hr.post(
        reverse("subsidy_payments", args=[code]),
        {"application": [application.pk], "paid_on": clock.today().isoformat()},
    )
    download = hr.get(reverse("subsidy_payments", args=[code]) + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[1][2:4] == [cast.staff["A.member"].number, cast.staff["A.member"].full_name]
    assert rows[1][-2:] == ["3750", "合格"]
    statistics = hr.get(reverse("subsidy_statistics", args=[code])).content.decode()
    assert ">100%</text>" in statistics and "100.0%" in statistics


def test_the_schemes_corrections_show_in_japanese_on_its_page(cast, client_as, scheme):
    services.scheme_save(
        actor=cast.users["A.hr"],
        body=scheme.body,
        fiscal_year=scheme.fiscal_year,
        qualifications=[_passport()],
        budget=12_000,
    )
    page = client_as("A.hr").get(reverse("subsidy_scheme_edit", args=[cast.bodies["A"].code]))
    html = page.content.decode()
    assert "この年度の設定の変更" in html
    assert "年度の予算（円）：10000 → 12000" in html


def test_the_home_page_counts_what_waits_in_the_subsidy(cast, client_as, scheme):
    application = _apply(cast, scheme)
    hr_home = client_as("A.hr").get(reverse("home")).content.decode()
    assert "受験料補助：承認待ちの申請" in hr_home
    services.application_decide(
        actor=None, application=application, approve=True, today=clock.today()
    )
    staff_home = client_as("A.staff").get(reverse("home")).content.decode()
    assert "受験料補助：結果の報告" in staff_home
    assert "受験料補助：承認待ちの申請" not in staff_home
    # Another body's HR sees nothing of it.
    assert "受験料補助" not in client_as("B.hr").get(reverse("home")).content.decode()
