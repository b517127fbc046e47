"""Advisers on fixed terms (issue 13 §1–3), clicked through on a phone's width: the town's
officer appoints an adviser with an account; the adviser logs a meeting with its issues,
posts an idea and files the term's report; the officer accepts it, renews the term and
later converts the adviser to a contract. Another town's officer finds nothing (404)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}


def _field(page, label: str):
    return page.get_by_label(re.compile(f"^{re.escape(label)}(必須)?$"))


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} は幅{width}pxです"
    assert_accessible(page)


def test_appoint_meet_report_renew_and_convert(page, web_cast):
    from dxjinzai.core import clock

    today = clock.today()
    page.set_viewport_size(PHONE)
    sign_in(page, "a-hr")
    page.get_by_role("link", name="アドバイザー", exact=True).click()
    _fits(page)
    page.get_by_role("link", name="アドバイザーを登用する").click()
    _fits(page)
    _field(page, "名称").fill("DXアドバイザー")
    _field(page, "テーマ").select_option(label="DX")
    _field(page, "アドバイザー氏名").fill("複業 太郎")
    _field(page, "任期の開始日").fill(today.isoformat())
    _field(page, "報酬（円・任期の総額）").fill("400000")
    _field(page, "新しいアカウントのユーザー名").fill("fukugyo-taro")
    _field(page, "その初期パスワード").fill("fukugyo-password-2026")
    page.get_by_role("button", name="保存する").click()
    expect(
        page.get_by_text(re.compile("DXアドバイザー（複業 太郎）を登録しました"))
    ).to_be_visible()
    term_url = page.url
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "fukugyo-taro", "fukugyo-password-2026")
    page.get_by_role("link", name="アドバイザー業務").click()
    _fits(page)
    page.get_by_role("link", name="DXアドバイザー").click()
    page.get_by_role("link", name="ミーティングを記録する").click()
    _fits(page)
    _field(page, "出席者").fill("複業 太郎、デジタル推進課")
    _field(page, "この回で出た課題（1行に1件）").fill("紙の回覧が多い\n問い合わせの電話が多い")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("ミーティングを記録しました。")).to_be_visible()
    expect(page.get_by_text(re.compile("課題 2件"))).to_be_visible()
    page.get_by_role("link", name="解決アイデアを登録する").click()
    _field(page, "解決アイデア").fill("回覧をチャットに切り替える")
    page.get_by_label("No.1 紙の回覧が多い").check()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("cell", name=re.compile("回覧をチャットに切り替える"))).to_be_visible()
    _fits(page)
    page.goto(term_url)
    page.get_by_role("link", name="任期の報告を提出する").click()
    _field(page, "報告").fill("回覧の電子化を提案しました。")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("任期の報告を提出しました"))).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "a-hr")
    page.goto(term_url)
    page.get_by_role("button", name="報告を受理する").click()
    expect(page.get_by_text("任期の報告を受理しました。")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="任期を更新する").click()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("任期を更新しました"))).to_be_visible()
    expect(page.get_by_text("前の任期")).to_be_visible()
    page.get_by_role("link", name="業務委託へ移行する").click()
    _fits(page)
    _field(page, "委託金額（円）").fill("1200000")
    # The contract starts when the renewed term ends (the form's proposal).
    _field(page, "契約の終了日").fill(today.replace(year=today.year + 2).isoformat())
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text(re.compile("業務委託を保存しました"))).to_be_visible()
    expect(page.get_by_text(re.compile("1,200,000円"))).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    sign_in(page, "b-hr")
    response = page.goto(term_url + "board/")
    assert response is not None and response.status == 404
