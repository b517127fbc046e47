"""An HR officer sets an authenticator app up and signs in with its code (issue 19 §2),
as a person does: the key read off the page, the code typed."""

from __future__ import annotations

import re
from base64 import b32decode

from django_otp.oath import totp
from playwright.sync_api import expect

from dxjinzai.organizations.testing import CAST_PASSWORD
from tests.browser.helpers import assert_accessible, sign_in


def _code(secret: str, steps_ahead: int = 0) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


def _fits_a_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_hr_officer_enrols_and_signs_in_with_the_app(page, web_cast):
    page.set_viewport_size({"width": 390, "height": 844})  # set up on a phone-width window
    sign_in(page, "a-hr")
    page.goto("/accounts/password/")
    page.get_by_role("link", name="二要素認証（認証アプリ）の設定").click()
    assert_accessible(page)
    page.get_by_role("link", name="認証アプリを設定する").click()
    expect(page.locator("figure.qr svg")).to_be_visible()
    _fits_a_phone(page)
    assert_accessible(page)
    secret = page.locator("figure.qr code").inner_text()
    page.get_by_label(re.compile("^確認コード")).fill(_code(secret))
    page.get_by_role("button", name="設定する", exact=True).click()
    expect(page.get_by_role("heading", name="回復コード")).to_be_visible()
    assert page.locator("ul.recovery-codes li").count() == 10
    _fits_a_phone(page)
    assert_accessible(page)
    page.get_by_role("button", name="ログアウト").click()

    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("a-hr")
    page.get_by_label("パスワード").fill(CAST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="確認コードの入力")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("^確認コード")).fill(_code(secret, steps_ahead=1))
    page.get_by_role("button", name="確認する").click()
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()
    expect(page.get_by_role("heading", name="確認コードの入力")).to_have_count(0)
