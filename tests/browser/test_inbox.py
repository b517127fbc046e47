"""対応待ち (issue 14 §2), clicked through: the header counts what waits for an HR officer,
the inbox lists a training application, HR approves it there and the figure goes down; a
person issues their calendar address."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def test_hr_approves_a_pending_application_from_the_inbox(page, web_cast):
    from dxjinzai.core import clock
    from dxjinzai.training import services as training
    from dxjinzai.training.testing import build_training_cast

    made = build_training_cast(web_cast)
    training.application_create(
        actor=None, session=made.joint_session, staff=web_cast.staff["A.unit"], today=clock.today()
    )
    sign_in(page, "a-hr")
    badge = page.locator(".nav-count")
    expect(badge).to_be_visible()
    before = int(re.sub(r"\D", "", badge.inner_text()))
    menu = page.get_by_role("navigation", name="メインメニュー")
    menu.get_by_role("link", name=re.compile("^対応待ち")).click()
    expect(page.get_by_role("heading", name="対応待ち", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("係員 三郎：DX特別研修"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^承認\s*（係員 三郎：DX特別研修")).click()
    expect(page.get_by_text("係員 三郎さんの申込を受講決定にしました。")).to_be_visible()
    expect(page.get_by_role("heading", name="対応待ち", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("係員 三郎：DX特別研修"))).to_have_count(0)
    if before > 1:
        expect(badge).to_have_text(re.compile(f"^{before - 1}"))
    else:
        expect(badge).to_be_hidden()


def test_a_person_issues_their_calendar_address(page, web_cast):
    sign_in(page, "a-staff")
    page.goto("/reminders/")
    assert_accessible(page)
    page.get_by_role("button", name="カレンダーのアドレスを発行する").click()
    expect(
        page.get_by_text("カレンダーの新しいアドレスを発行しました。", exact=False)
    ).to_be_visible()
    address = page.get_by_label(re.compile("カレンダーのアドレス")).input_value()
    assert re.search(r"/calendar/[\w-]+\.ics$", address), address
    assert_accessible(page)
    answer = page.request.get(address)
    assert answer.status == 200
    assert answer.text().startswith("BEGIN:VCALENDAR")
