"""A body with single sign-on (issue 19 §1): its admin sets the provider up, and a person
signs in through the test provider from the login page, on a phone-width window."""

from __future__ import annotations

from playwright.sync_api import expect

from dxjinzai.organizations import services
from dxjinzai.organizations.models import SignInClaim, SingleSignOn
from dxjinzai.organizations.tests.identity_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    IdentityProvider,
)
from tests.browser.helpers import assert_accessible, sign_in

ADDRESS = "shokuin.jiro@pref.example.lg.jp"


def _fits_a_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_admin_sets_the_provider_up_and_a_person_signs_in_through_it(page, web_cast):
    body = web_cast.bodies["A"]
    services.staff_update(actor=None, staff=web_cast.staff["A.member"], email=ADDRESS)
    page.set_viewport_size({"width": 390, "height": 844})
    with IdentityProvider(person={"sub": "idp-0004", "email": ADDRESS, "name": "職員 次郎"}) as idp:
        sign_in(page, "a-admin")
        page.goto(f"/b/{body.code}/")
        page.get_by_role("link", name="シングルサインオンの設定").click()
        _fits_a_phone(page)
        assert_accessible(page)
        page.get_by_label("シングルサインオンを使う").check()
        page.get_by_label("発行者（Issuer）のURL").fill(idp.issuer)
        page.get_by_label("クライアントID").fill(CLIENT_ID)
        page.get_by_label("クライアントシークレット").fill(CLIENT_SECRET)
        page.get_by_label("職員との照合").select_option(SignInClaim.EMAIL)
        page.get_by_role("button", name="保存する").click()
        expect(page.get_by_text("シングルサインオンの設定を保存しました。")).to_be_visible()
        assert SingleSignOn.objects.get(body=body).enabled
        page.get_by_role("button", name="ログアウト").click()

        page.goto("/accounts/login/")
        _fits_a_phone(page)
        assert_accessible(page)
        page.get_by_role("link", name=f"{body.name}のアカウントでログイン").click()
        page.get_by_role("link", name="職員 次郎としてサインイン").click()  # at the provider
        expect(page.get_by_role("button", name="ログアウト")).to_be_visible()
        expect(page.get_by_text("（a-staff）")).to_be_visible()
        _fits_a_phone(page)
        page.get_by_role("button", name="ログアウト").click()

        # Someone the provider knows but the platform does not: told so, not signed in.
        idp.person = {"sub": "idp-9999", "email": "visitor@example.jp", "name": "来訪 者"}
        page.goto("/accounts/login/")
        page.get_by_role("link", name=f"{body.name}のアカウントでログイン").click()
        page.get_by_role("link", name="来訪 者としてサインイン").click()
        expect(page.get_by_role("heading", name="ログインできませんでした")).to_be_visible()
        expect(page.get_by_text("アカウントの作成を依頼してください")).to_be_visible()
        expect(page.get_by_role("button", name="ログアウト")).to_have_count(0)
        _fits_a_phone(page)
        assert_accessible(page)
