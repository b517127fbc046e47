"""Sign-in with the platform password, unless the person's body has turned it off."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from dxjinzai.core.access import directory


class PasswordBackend(ModelBackend):
    """Django's password check; a body that signs its people in only through its identity
    provider (docs/sign-in.md) refuses their password here, so a leaked password is useless."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not directory().password_sign_in_allowed(user):
            return None
        return user
