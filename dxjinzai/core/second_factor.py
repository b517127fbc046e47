"""The second factor (issue 19 §2): a code from an authenticator app (TOTP, RFC 6238) and
ten single-use recovery codes for when the phone is lost. Who must use it is the body's
rule (the directory's `second_factor_required`); anyone may turn it on for themself."""

from __future__ import annotations

from typing import Any

import segno
from django.db import transaction
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dxjinzai.core import services

APP_DEVICE = "認証アプリ"
RECOVERY_DEVICE = "回復コード"
RECOVERY_CODES = 10


def has_second_factor(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def users_with_second_factor(user_ids: list[int]) -> set[int]:
    """Which of these people have set an authenticator app up (for their admin's list)."""
    return set(
        TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list(
            "user_id", flat=True
        )
    )


def pending_app(user: Any) -> TOTPDevice:
    """The authenticator app being set up: a new secret until a code confirms it."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, name=APP_DEVICE)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The QR code the app reads, as inline SVG (drawn here: LGWAN has no outside service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def secret_text(device: TOTPDevice) -> str:
    """The secret for typing into the app by hand, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def app_confirm(user: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code it shows: it replaces any earlier app, and new recovery
    codes replace the old. Returns the recovery codes (shown once), or None for a wrong code."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return None
    for other in devices_for_user(user, confirmed=None):
        if other.pk != device.pk or type(other) is not TOTPDevice:
            other.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_new(user)


@transaction.atomic
def recovery_codes_new(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def code_match(user: Any, token: str) -> Any:
    """The device that accepts the code (an app's, or a recovery code, used up), or None."""
    return match_token(user, token.strip().replace(" ", ""))


@transaction.atomic
def second_factor_remove(user: Any, *, keep_key: str | None = None) -> None:
    """Take the second factor away (a lost phone and lost codes: the body admin; or its
    owner turning it off where the body does not require it): the person's sessions end,
    but the one they are using when it is their own doing."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    services.sessions_end_for(user, keep_key=keep_key)


# What a session must do before anything else, decided at sign-in (kept in the session, so
# a page asks no query for it): confirm a code, set the app up, or nothing.
STEP = "dx_second_factor"
VERIFY, SET_UP = "verify", "set_up"


def step_at_sign_in(user: Any, *, required: bool) -> str:
    if has_second_factor(user):
        return VERIFY
    return SET_UP if required else ""
