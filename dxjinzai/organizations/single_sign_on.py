"""Single sign-on through a body's OpenID Connect identity provider (docs/sign-in.md).

The authorisation code flow with PKCE, a state and a nonce. The ID token is checked for
its signature (the provider's published keys), issuer, audience (our client id), expiry
and nonce before any claim is read; the claim then names a staff record of the body, whose
existing account signs in. The provider never creates an account or grants a role."""

from __future__ import annotations

import secrets
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from dxjinzai.core import clock
from dxjinzai.core.sealing import UnsealError, unseal
from dxjinzai.organizations.models import SignInClaim, SingleSignOn

# Signature algorithms accepted for the ID token: never "none", never a shared secret.
ID_TOKEN_ALGORITHMS = ["RS256", "PS256", "ES256"]
# Seconds of clock difference tolerated between the provider and this server.
CLOCK_LEEWAY_SECONDS = 60


class SignInRefused(Exception):
    """The sign-in through the provider did not prove who the person is; the message is
    what they are told (Japanese), the reason what the log keeps."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


PROVIDER_UNREACHABLE = "認証基盤（IdP）と通信できませんでした。時間をおいて再度お試しください。"
NOT_PROVEN = "認証基盤（IdP）からの応答を確認できませんでした。もう一度ログインしてください。"


def begin(sso: SingleSignOn, redirect_uri: str) -> tuple[str, dict[str, str]]:
    """The provider's address to send the person to, and what the session keeps until they
    come back (state, nonce, PKCE verifier)."""
    metadata = provider_metadata(sso.issuer)
    pending = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "code_verifier": secrets.token_urlsafe(64),
        "body_id": str(sso.body_id),
    }
    url, _ = _client(sso, redirect_uri, secret="").create_authorization_url(
        metadata["authorization_endpoint"],
        state=pending["state"],
        code_verifier=pending["code_verifier"],
        nonce=pending["nonce"],
    )
    return url, pending


def verified_claims(
    sso: SingleSignOn, pending: dict[str, str], *, code: str, redirect_uri: str
) -> dict[str, Any]:
    """Exchange the code for tokens and return the ID token's claims once proven."""
    metadata = provider_metadata(sso.issuer)
    id_token = _exchange_code(sso, metadata, pending, code=code, redirect_uri=redirect_uri)
    keys = _provider_keys(metadata)
    try:
        token = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS)
    except (JoseError, ValueError) as error:
        raise SignInRefused(NOT_PROVEN, f"ID トークンの署名を確認できない: {error}") from error
    claims = dict(token.claims)
    check_claims(claims, issuer=sso.issuer, client_id=sso.client_id, nonce=pending["nonce"])
    return claims


def check_claims(claims: dict[str, Any], *, issuer: str, client_id: str, nonce: str) -> None:
    """The ID token is for us, from our provider, still valid and for this sign-in."""
    registry = jwt.JWTClaimsRegistry(
        now=int(clock.now().timestamp()),
        leeway=CLOCK_LEEWAY_SECONDS,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": client_id},
        sub={"essential": True},
        exp={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(claims)
    except JoseError as error:
        raise SignInRefused(NOT_PROVEN, f"ID トークンのクレームが不正: {error}") from error


def claimed_identity(sso: SingleSignOn, claims: dict[str, Any]) -> str:
    """The value of the configured claim, which names the person's staff record."""
    value = claims.get(sso.claim)
    if not isinstance(value, str) or not value.strip():
        raise SignInRefused(
            "認証基盤（IdP）から職員を特定する情報が届きませんでした。所属のDX担当者に連絡してください。",
            f"クレーム {sso.claim} がない",
        )
    if sso.match_by == SignInClaim.EMAIL and claims.get("email_verified") is False:
        raise SignInRefused(
            "このメールアドレスは認証基盤（IdP）で確認されていません。所属のDX担当者に連絡してください。",
            "email_verified が false",
        )
    return value.strip()


def provider_metadata(issuer: str) -> dict[str, Any]:
    """The provider's discovery document; its issuer must be the one configured."""
    metadata = _get_json(f"{issuer}/.well-known/openid-configuration")
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if any(not isinstance(metadata.get(name), str) for name in needed):
        raise SignInRefused(PROVIDER_UNREACHABLE, "ディスカバリ文書に必要な項目がない")
    if metadata["issuer"].rstrip("/") != issuer:
        raise SignInRefused(
            PROVIDER_UNREACHABLE, f"ディスカバリ文書の issuer が違う: {metadata['issuer']}"
        )
    return metadata


def _exchange_code(
    sso: SingleSignOn,
    metadata: dict[str, Any],
    pending: dict[str, str],
    *,
    code: str,
    redirect_uri: str,
) -> str:
    try:
        secret = unseal(sso.client_secret_sealed) if sso.client_secret_sealed else ""
    except UnsealError as error:
        raise SignInRefused(PROVIDER_UNREACHABLE, str(error)) from error
    try:
        tokens = _client(sso, redirect_uri, secret=secret).fetch_token(
            metadata["token_endpoint"],
            code=code,
            code_verifier=pending["code_verifier"],
            grant_type="authorization_code",
            timeout=settings.SSO_TIMEOUT_SECONDS,
        )
    except (AuthlibBaseError, requests.RequestException, ValueError) as error:
        raise SignInRefused(NOT_PROVEN, f"トークンの取得に失敗: {error}") from error
    id_token = tokens.get("id_token")
    if not isinstance(id_token, str):
        raise SignInRefused(NOT_PROVEN, "トークン応答に id_token がない")
    return id_token


def _provider_keys(metadata: dict[str, Any]) -> KeySet:
    try:
        return KeySet.import_key_set(_get_json(metadata["jwks_uri"]))  # type: ignore[arg-type]
    except (JoseError, ValueError, KeyError, TypeError) as error:
        raise SignInRefused(PROVIDER_UNREACHABLE, f"公開鍵を読めない: {error}") from error


def _client(sso: SingleSignOn, redirect_uri: str, *, secret: str) -> OAuth2Session:
    return OAuth2Session(
        client_id=sso.client_id,
        client_secret=secret,
        scope="openid email profile",
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
    )


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=settings.SSO_TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SignInRefused(PROVIDER_UNREACHABLE, f"{url} を取得できない: {error}") from error
    if not isinstance(document, dict):
        raise SignInRefused(PROVIDER_UNREACHABLE, f"{url} の応答が JSON オブジェクトでない")
    return document
