"""The exam-fee subsidy (issue 14 §1), clicked through: HR sets up the year, a staff member
applies with a receipt, HR approves, the person reports a pass and finds the qualification
on My page, HR pays in a batch and reads the year's statistics."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in


def _field(page, label: str):
    return page.get_by_label(re.compile(f"^{re.escape(label)}(必須)?$"))


def test_apply_approve_report_pay_and_count(page, web_cast, tmp_path):
    from dxjinzai.subsidies.testing import passport

    passport(web_cast.bodies["A"])  # ITパスポート (a flushed browser database lacks the catalogue)
    code = web_cast.bodies["A"].code
    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/subsidies/")
    assert_accessible(page)
    page.get_by_role("link", name="対象の資格・補助率・予算を設定する").click()
    page.get_by_label("ITパスポート試験").check()
    _field(page, "年度の予算（円）").fill("50000")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("の受験料補助を保存しました"))).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-staff")
    page.goto("/mypage/")
    page.get_by_role("link", name=re.compile("受験料補助を申請する")).click()
    assert_accessible(page)
    _field(page, "受験する資格").select_option(label="ITパスポート試験")
    _field(page, "受験日").fill("2026-11-01")
    _field(page, "受験料（円）").fill("7501")
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4\n%receipt\n")
    _field(page, "領収書（PDF・画像、10MBまで）").set_input_files(str(receipt))
    page.get_by_role("button", name="申請する").click()
    expect(page.get_by_text("受験料補助を申請しました。")).to_be_visible()
    expect(page.get_by_role("cell", name="3,750円")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/subsidies/")
    page.get_by_role("button", name=re.compile("承認する")).click()
    expect(page.get_by_role("cell", name="承認（受験待ち）")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-staff")
    page.goto("/mypage/subsidies/")
    page.get_by_label("合格", exact=True).check()
    page.get_by_role("button", name="結果を報告する").click()
    expect(page.get_by_text("結果を報告しました。")).to_be_visible()
    page.goto("/mypage/")
    expect(page.get_by_role("main").get_by_text("ITパスポート試験").first).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto(f"/b/{code}/subsidies/payments/")
    assert_accessible(page)
    page.get_by_role("button", name="支払を記録する").click()
    expect(page.get_by_text("1件の支払を記録しました。")).to_be_visible()
    page.get_by_role("link", name="年度の統計").click()
    expect(page.get_by_role("img", name=re.compile("資格別の合格率"))).to_be_visible()
    expect(page.get_by_role("cell", name="100.0%")).to_be_visible()
    assert_accessible(page)
