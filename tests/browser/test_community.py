"""The community (issue 13 §6), at a phone's width: a member of another town of the
consortium finds the forum in the menu, registers for its study meeting and downloads the
event's .ics; the organising town's HR marks attendance on the roster."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} は幅{width}pxです"
    assert_accessible(page)


def test_register_across_towns_download_the_ics_and_mark_attendance(page, web_cast):
    from dxjinzai.community.testing import build_community_cast

    build_community_cast(web_cast)
    page.set_viewport_size(PHONE)
    sign_in(page, "b-staff")  # 乙町: the forum belongs to 甲市, open to the consortium
    page.get_by_role("link", name="コミュニティ", exact=True).click()
    _fits(page)
    expect(page.get_by_role("link", name="甲市DX勉強会")).to_have_count(0)  # 甲市's own
    page.get_by_role("link", name="DX推進コミュニティ").click()
    _fits(page)
    page.get_by_role("link", name=re.compile("勉強会：ローコード勉強会")).click()
    _fits(page)
    page.get_by_role("button", name="登録を取り消す").click()  # the cast registered B.member
    expect(page.get_by_text("参加の登録を取り消しました。")).to_be_visible()
    page.get_by_role("button", name="参加を登録する").click()
    expect(page.get_by_text(re.compile("参加を登録しました"))).to_be_visible()
    event_url = page.url  # read before the download: a download's navigation may be in flight
    with page.expect_download() as download:
        page.get_by_role("link", name="カレンダーに追加（.ics）").click()
    content = download.value.path().read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in content and "ローコード勉強会" in content
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto(event_url)
    _fits(page)
    page.get_by_label("出席（職員 次郎）").check()
    page.get_by_role("button", name="出席を記録する").click()
    expect(page.get_by_text("出席を記録しました（1人）。")).to_be_visible()
