"""The steering pages of issue 5 in a real browser, each checked with axe-core: the
DXダッシュボード, 福井県's division dashboard and its drill-down, coverage, a target with
its chart, and the certification of a candidate."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def _records(cast):
    from dxjinzai.plans.services import certification_rule_create, target_load_preset
    from dxjinzai.skills.services import framework_load_preset
    from dxjinzai.training import services as training

    body = cast.bodies["A"]
    framework_load_preset(actor=None, body=body, key="fukui")
    course = training.course_create(
        actor=None,
        body=body,
        title="DX推進研修",
        mode="online",
        provider_kind="in_house",
        hours=Decimal(2),
    )
    training.requirement_create(
        actor=None, body=body, course=course, kind="mandatory", from_fiscal_year=2024
    )
    training.completion_import(
        actor=None,
        staff=cast.staff["A.member"],
        course=course,
        completed_on=date.today(),
        hours=Decimal(2),
    )
    target_load_preset(actor=None, body=body, key="kanazawa_leaders")
    certification_rule_create(
        actor=None, body=body, name="DX人材認定", required_courses=[course], needs_evaluation=True
    )


def test_steering_pages_and_a_certification(page, web_cast):
    _records(web_cast)
    code = web_cast.bodies["A"].code
    sign_in(page, "a-admin")
    page.goto(f"/b/{code}/dashboard/")
    expect(page.get_by_role("heading", name=re.compile("^DXダッシュボード"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="所属別ダッシュボード").first.click()
    expect(page.get_by_role("heading", name=re.compile("^所属別ダッシュボード"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="デジタル推進課").click()
    expect(page.get_by_role("heading", name=re.compile("^デジタル推進課"))).to_be_visible()
    assert_accessible(page)
    page.goto(f"/b/{code}/dashboard/divisions/trend/")
    expect(page.get_by_role("heading", name=re.compile("推移"))).to_be_visible()
    assert_accessible(page)
    page.goto(f"/b/{code}/dashboard/coverage/")
    assert_accessible(page)
    page.goto(f"/b/{code}/plans/targets/")
    page.get_by_role("link", name=re.compile("デジタル行政推進リーダー")).click()
    # No actual yet: the page says what to do instead of drawing an empty chart.
    expect(page.get_by_text(re.compile("年度別の実績：実績がまだありません"))).to_be_visible()
    assert_accessible(page)
    page.goto(f"/b/{code}/plans/certifications/")
    page.get_by_role("link", name="DX人材認定").click()
    assert_accessible(page)
    page.get_by_label(re.compile("活動内容の評価.?（職員 次郎）")).fill(
        "研修成果を業務改善に活かした"
    )
    page.get_by_role("button", name=re.compile("認定する.?（職員 次郎）")).click()
    expect(page.get_by_text(re.compile("職員 次郎さんを認定しました（DX認定第"))).to_be_visible()
    page.goto(f"/b/{code}/plans/certifications/")
    expect(page.get_by_role("cell", name=re.compile("^DX認定第"))).to_be_visible()
    assert_accessible(page)


def test_head_hr_and_operator_each_see_what_they_should(page, web_cast):
    """The head sees every division's scores and the names of their own division only; HR
    sees every name; the operator sees the member's scores, with no way to the names."""
    _records(web_cast)
    code = web_cast.bodies["A"].code
    dashboard = f"/b/{code}/dashboard/divisions/"

    sign_in(page, "a-head")
    page.goto(dashboard)
    expect(page.get_by_role("cell", name="総務課")).to_be_visible()
    page.get_by_role("link", name="デジタル推進課").click()
    expect(page.get_by_role("cell", name="職員 次郎")).to_be_visible()
    assert_accessible(page)
    page.goto(dashboard)
    page.get_by_role("link", name="総務課").click()
    expect(page.get_by_text("表示できる職員はいません。")).to_be_visible()
    expect(page.get_by_role("cell", name="総務 四郎")).to_have_count(0)

    page.context.clear_cookies()
    sign_in(page, "a-hr")
    page.goto(dashboard)
    page.get_by_role("link", name="総務課").click()
    expect(page.get_by_role("cell", name="総務 四郎")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "p-operator")
    page.goto(dashboard)
    expect(page.get_by_role("cell", name="デジタル推進課")).to_be_visible()
    expect(page.get_by_role("link", name="デジタル推進課")).to_have_count(0)
    assert_accessible(page)
    assert page.goto(f"{dashboard}{web_cast.departments['A.digital'].pk}/").status == 403
