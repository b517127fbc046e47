"""極めたい分野挑戦制度 (issue 13 §7), clicked through at a phone's width: HR opens the year's
call, a staff member applies from My page and corrects the application, HR decides and reads
the count per year."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}


def _field(page, label: str):
    return page.get_by_label(re.compile(f"^{re.escape(label)}(必須)?$"))


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} は幅{width}pxです"
    assert_accessible(page)


def test_open_apply_decide_and_count(page, web_cast):
    from dxjinzai.core import clock

    today = clock.today()
    code = web_cast.bodies["A"].code
    page.set_viewport_size(PHONE)
    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/staff/")
    page.get_by_role("link", name="極めたい分野挑戦制度").click()
    _fits(page)
    page.get_by_role("link", name="公募を開く").click()
    _fits(page)
    _field(page, "受付終了日").fill(date(today.year + 1, 1, 31).isoformat())
    _field(page, "応募できる勤続年数").fill("10")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("公募を保存しました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-staff")  # hired 2015-04-01 in the cast: more than ten years
    page.goto("/mypage/")
    page.get_by_role("link", name="極めたい分野挑戦制度に応募する").click()
    _fits(page)
    _field(page, "希望する分野").select_option(label="ICT・DX分野")
    _field(page, "志望の理由とキャリアの計画").fill("庁内のデータ活用を極めたい。")
    page.get_by_role("button", name="応募する").click()
    expect(page.get_by_text(re.compile("応募しました"))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("審査中"))).to_be_visible()
    _fits(page)
    page.get_by_role("link", name=re.compile("^内容を直す")).click()  # before HR decides
    _fits(page)
    _field(page, "志望の理由とキャリアの計画").fill("庁内のデータ活用と人材育成を極めたい。")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("応募の内容を直しました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto("/inbox/")
    page.get_by_role("link", name=re.compile("職員 次郎：ICT・DX分野")).click()
    _fits(page)
    page.get_by_label("結果（職員 次郎さん）", exact=True).select_option(label="決定")
    page.get_by_role("button", name="結果を決める").click()
    expect(page.get_by_text(re.compile("応募を「決定」にしました"))).to_be_visible()
    page.get_by_role("link", name="年度の一覧へ").click()
    expect(page.get_by_text(re.compile("ICT・DX分野への応募は、これまでに1人"))).to_be_visible()
