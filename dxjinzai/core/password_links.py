"""Links by mail that let a person set their own password: the invitation to a new account
and the reset of a forgotten password share Django's token. A link works once (the token is
made from the password, which using the link changes) and for PASSWORD_RESET_TIMEOUT."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def link_hours() -> int:
    """How long a link works, in hours, as the mails and pages say."""
    return int(settings.PASSWORD_RESET_TIMEOUT) // 3600


def password_link(user: Any) -> str:
    """The address where `user` sets a password, on the platform's configured address
    (SITE_URL), never on the host a request claimed: a forged Host header must not put a
    stranger's server in the mail."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL.rstrip('/')}{path}"


# A forgotten password sends at most this many links an hour to one address, and one client
# asks for at most this many: enough for a person who mistyped, too few to flood a mailbox.
RESETS_PER_ADDRESS_HOUR = 3
RESETS_PER_CLIENT_HOUR = 10


def reset_allowed(*, sent_to_address: int, asked_by_client: int) -> bool:
    """Whether another link may go out, given the last hour's requests."""
    return sent_to_address < RESETS_PER_ADDRESS_HOUR and asked_by_client < RESETS_PER_CLIENT_HOUR
