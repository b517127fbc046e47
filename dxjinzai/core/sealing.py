"""Secrets the platform must use but never show (an identity provider's client secret),
sealed in the database with a key derived from SECRET_KEY.

Whoever reads a backup or the database alone cannot use them; whoever changes SECRET_KEY
must enter them again (docs/sign-in.md)."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from django.utils.crypto import salted_hmac

_PURPOSE = "dxjinzai.core.sealing"


class UnsealError(Exception):
    """The sealed value was made with another SECRET_KEY, or altered."""


def _fernet() -> Fernet:
    key = salted_hmac(_PURPOSE, "fernet-key", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode("ascii")


def unseal(sealed: str) -> str:
    try:
        return _fernet().decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, ValueError) as error:
        raise UnsealError("保存されたシークレットを復号できません。再入力してください。") from error
