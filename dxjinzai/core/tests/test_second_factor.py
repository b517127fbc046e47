"""The second factor (issue 19 §2): an HR officer sets an authenticator app up, signs in
with its code or a recovery code (each once), wrong codes count toward the lockout, a body
makes it a must for roles above 職員, and the body admin resets it for a lost phone."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dxjinzai.core import second_factor
from dxjinzai.core.models import AuditEntry
from dxjinzai.organizations import services as organizations

PASSWORD = "kasumigaseki-2026-aki"


def _password_in(cast, key: str) -> Client:
    user = cast.users[key]
    user.refresh_from_db()
    if not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    browser = Client()
    response = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def _code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + steps_ahead,
    )
    return f"{value:06d}"


def _enrol(browser: Client) -> tuple[TOTPDevice, list[str]]:
    page = browser.get(reverse("second_factor_setup")).content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(confirmed=False)
    wrong = browser.post(reverse("second_factor_setup"), {"code": "000000"}).content.decode()
    assert "確認コードが違います" in wrong
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a moment (django-otp)
    done = browser.post(reverse("second_factor_setup"), {"code": _code(device)})
    codes = done.context["codes"]
    assert len(codes) == 10 and "この画面を閉じると二度と表示しません" in done.content.decode()
    return device, codes


def test_an_hr_officer_enrols_and_signs_in_with_a_code(cast):
    first = _password_in(cast, "A.hr")
    device, _ = _enrol(first)
    assert second_factor.has_second_factor(cast.users["A.hr"])
    # Next time, the password alone opens nothing but the code page.
    browser = _password_in(cast, "A.hr")
    staff_list = reverse("staff_list", args=[cast.bodies["A"].code])
    asked = browser.get(staff_list)
    assert asked.status_code == 302 and asked["Location"].startswith(
        reverse("second_factor_verify")
    )
    # The code of the next time step: the one just used cannot be used again (replay).
    response = browser.post(asked["Location"], {"code": _code(device, steps_ahead=1)})
    assert response.status_code == 302 and response["Location"] == staff_list
    assert browser.get(staff_list).status_code == 200


def test_the_password_alone_cannot_put_another_phone_in_place(cast):
    device, _ = _enrol(_password_in(cast, "A.hr"))
    intruder = _password_in(cast, "A.hr")  # knows the password, not the phone
    response = intruder.get(reverse("second_factor_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor_verify"))
    assert intruder.post(reverse("second_factor_setup"), {"code": "123456"}).status_code == 302
    assert list(TOTPDevice.objects.filter(confirmed=True)) == [device]


def test_a_recovery_code_works_once(cast):
    _, codes = _enrol(_password_in(cast, "A.hr"))
    browser = _password_in(cast, "A.hr")
    verify = reverse("second_factor_verify")
    assert browser.post(verify, {"code": codes[0]}).status_code == 302
    assert second_factor.recovery_codes_left(cast.users["A.hr"]) == 9
    again = _password_in(cast, "A.hr")
    assert "確認コードが違います" in again.post(verify, {"code": codes[0]}).content.decode()


def test_wrong_codes_lock_the_account_as_wrong_passwords_do(cast):
    _enrol(_password_in(cast, "A.hr"))
    browser = _password_in(cast, "A.hr")
    verify = reverse("second_factor_verify")
    for _ in range(4):
        assert browser.post(verify, {"code": "123456"}).status_code == 200
    locked = browser.post(verify, {"code": "123456"})
    assert locked.status_code == 429
    assert "ログインを一時停止しています" in locked.content.decode()
    assert browser.get(reverse("home")).status_code == 302  # signed out


def test_a_body_that_requires_it_sends_its_officers_to_set_it_up(cast):
    organizations.body_update(actor=None, body=cast.bodies["A"], requires_second_factor=True)
    hr = _password_in(cast, "A.hr")
    response = hr.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("second_factor_setup")
    assert "団体の決まりで" in hr.get(reverse("second_factor_setup")).content.decode()
    # 職員 only: optional.
    staff = _password_in(cast, "A.staff")
    assert staff.get(reverse("home")).status_code == 200
    # Required: it cannot be turned off.
    _enrol(hr)
    hr.post(reverse("second_factor_off"))
    assert second_factor.has_second_factor(cast.users["A.hr"])


def test_the_body_admin_resets_a_lost_phone(cast, client_as):
    _enrol(_password_in(cast, "A.hr"))
    elsewhere = _password_in(cast, "A.hr")  # a session waiting for its code
    code = cast.bodies["A"].code
    user = cast.users["A.hr"]
    admin = client_as("A.admin")
    page = admin.get(reverse("account_list", args=[code])).content.decode()
    assert "二要素認証" in page
    admin.post(reverse("account_second_factor_reset", args=[code, user.pk]))
    assert not second_factor.has_second_factor(user)
    assert elsewhere.get(reverse("second_factor_verify")).status_code == 302  # signed out
    assert AuditEntry.unscoped.filter(
        target_id=str(user.pk), changes__二要素認証=["設定済み", "リセット"]
    ).exists()


@pytest.mark.parametrize("required", [False, True])
def test_the_step_decided_at_sign_in(cast, required):
    user = cast.users["A.hr"]
    assert second_factor.step_at_sign_in(user, required=required) == (
        second_factor.SET_UP if required else ""
    )
