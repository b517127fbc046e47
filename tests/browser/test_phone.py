"""Every main page at 390 px (a phone): no page-level horizontal overflow (wide tables
scroll inside their own frame), and no accessibility violation. Walked as the people who
use them: a staff member, an HR officer, the operator, and a school without an account."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= PHONE["width"], f"{page.url} は幅{overflow}pxです"
    assert_accessible(page)


@pytest.fixture
def phone(page, web_cast):
    from dxjinzai.dispatch.testing import build_dispatch_cast
    from dxjinzai.recruitment.testing import build_recruitment_cast
    from dxjinzai.subsidies.testing import build_subsidy_cast
    from dxjinzai.training.testing import build_training_cast

    made = build_training_cast(web_cast)
    scheme = build_dispatch_cast(web_cast)["scheme"]
    build_subsidy_cast(web_cast)  # a scheme of this year and an application to decide
    build_recruitment_cast(web_cast)  # an open posting, an applicant with an interview
    page.set_viewport_size(PHONE)
    return page, web_cast, made, scheme


def test_a_staff_members_pages_fit_a_phone(phone):
    page, _cast, made, _ = phone
    sign_in(page, "a-staff")
    for path in (
        "/",
        "/mypage/",
        "/mypage/subsidies/",
        "/inbox/",
        "/reminders/",
        f"/training/sessions/{made.joint_session.pk}/",
    ):
        page.goto(path)
        _fits(page)


def test_hr_lists_dashboards_and_forms_fit_a_phone(phone):
    page, cast, made, _ = phone
    code = cast.bodies["A"].code
    sign_in(page, "a-hr")
    for path in (
        "/",
        "/inbox/",
        "/reminders/",
        f"/b/{code}/staff/",
        f"/b/{code}/training/courses/",
        f"/b/{code}/training/courses/new/",
        f"/training/courses/{made.course.pk}/",
        f"/b/{code}/training/requirements/",
        f"/b/{code}/dashboard/divisions/",
        f"/b/{code}/plans/targets/",
        f"/b/{code}/sharing/pool/",
        f"/b/{code}/subsidies/",
        f"/b/{code}/subsidies/scheme/",
        f"/b/{code}/subsidies/payments/",
        f"/b/{code}/subsidies/statistics/",
        *_recruitment_pages(code),
        f"/b/{code}/systems/",
        f"/b/{code}/systems/new/",
    ):
        page.goto(path)
        _fits(page)


def _recruitment_pages(code: str) -> list[str]:
    from dxjinzai.recruitment.models import Applicant

    applicant = Applicant.unscoped.get()
    posting = applicant.posting_id
    return [
        f"/b/{code}/recruitment/",
        f"/b/{code}/recruitment/new/",
        f"/b/{code}/recruitment/stages/",
        f"/b/{code}/recruitment/year/",
        f"/b/{code}/recruitment/{posting}/photos/",
        f"/b/{code}/recruitment/{posting}/",
        f"/b/{code}/recruitment/{posting}/?view=board",
        f"/b/{code}/recruitment/{posting}/funnel/",
        f"/b/{code}/recruitment/applicants/{applicant.pk}/",
        f"/b/{code}/recruitment/interviews/{applicant.interviews.get().pk}/",
    ]


def test_the_operators_consortium_pages_fit_a_phone(phone):
    page, _cast, _made, _ = phone
    sign_in(page, "p-operator")
    for path in ("/", "/inbox/", "/recruitment/consortium/"):
        page.goto(path)
        _fits(page)


def test_a_panel_members_pages_fit_a_phone(phone):
    from dxjinzai.recruitment.models import Interview

    page, _cast, _made, _ = phone
    sign_in(page, "a-head")
    for path in (
        "/recruitment/interviews/",
        f"/recruitment/interviews/{Interview.unscoped.get().pk}/",
    ):
        page.goto(path)
        _fits(page)


def test_the_public_form_fits_a_phone(phone):
    from dxjinzai.recruitment.models import Posting

    page, cast, _, scheme = phone
    posting = Posting.unscoped.get()
    token = posting.applicants.get().token
    for path in (
        "/accounts/login/",
        f"/dispatch/{scheme.pk}/public-request/",
        f"/jobs/b/{cast.bodies['A'].code}/",
        f"/jobs/{posting.pk}/",
        f"/jobs/confirm/{token}/",
        f"/jobs/erase/{token}/",
    ):
        page.goto(path)
        _fits(page)


def test_chart_labels_stay_legible_on_a_phone(phone):
    """The division dashboard's chart: its 13-unit labels render at 12 px or more at 390 px
    (the chart scrolls inside its frame rather than shrinking)."""
    page, cast, _, _ = phone
    sign_in(page, "a-hr")
    page.goto(f"/b/{cast.bodies['A'].code}/dashboard/divisions/")
    label_px = page.evaluate(
        "() => { const svg = document.querySelector('.chart svg');"
        " return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * 13; }"
    )
    assert label_px >= 12
    _fits(page)
