"""A small OpenID Connect provider run inside the test suite (no outside network): discovery,
an authorisation page, a token endpoint checking the client's secret and PKCE, and its keys.

A test says who signs in next (`person`) and how the provider misbehaves: another audience,
an expired token, another signing key, another nonce."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

from dxjinzai.core import clock

CLIENT_ID = "dxjinzai-test"
CLIENT_SECRET = "provider-issued-secret"


@dataclass
class Misbehaviour:
    audience: str | None = None
    lifetime_seconds: int = 300
    foreign_key: bool = False
    nonce: str | None = None


@dataclass
class _Grant:
    redirect_uri: str
    nonce: str
    code_challenge: str
    claims: dict[str, Any]


@dataclass
class IdentityProvider:
    person: dict[str, Any] = field(default_factory=lambda: {"sub": "u-1"})
    misbehave: Misbehaviour = field(default_factory=Misbehaviour)

    def __post_init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "provider-key", "use": "sig"})
        self.grants: dict[str, _Grant] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        # A short poll: stopping the server waits for it, once per test.
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> IdentityProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def approve(self, authorize_url: str) -> str:
        """What the provider's page does when the person signs in: the address it sends
        them back to, with a code."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        if query.get("client_id") != CLIENT_ID or query.get("code_challenge_method") != "S256":
            raise ValueError(f"unexpected authorisation request: {query}")
        code = secrets.token_urlsafe(16)
        self.grants[code] = _Grant(
            redirect_uri=query["redirect_uri"],
            nonce=query["nonce"],
            code_challenge=query["code_challenge"],
            claims=dict(self.person),
        )
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def token_response(self, form: dict[str, str], authorization: str) -> tuple[int, dict]:
        if authorization != _basic(CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant"}
        if _challenge(form.get("code_verifier", "")) != grant.code_challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self._id_token(grant),
        }

    def _id_token(self, grant: _Grant) -> str:
        now = int(clock.now().timestamp())
        claims = {
            "iss": self.issuer,
            "aud": self.misbehave.audience or CLIENT_ID,
            "iat": now,
            "exp": now + self.misbehave.lifetime_seconds,
            "nonce": self.misbehave.nonce or grant.nonce,
            **grant.claims,
        }
        key = self.key
        if self.misbehave.foreign_key:
            key = RSAKey.generate_key(2048, parameters={"kid": "provider-key"})
        return jwt.encode({"alg": "RS256", "kid": "provider-key"}, claims, key)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _handler_for(provider: IdentityProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif path == "/jwks":
                self._json(200, {"keys": [provider.key.as_dict(private=False)]})
            elif path == "/authorize":
                self._sign_in_page(provider.approve(f"{provider.issuer}{self.path}"))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path != "/token":
                self._json(404, {"error": "not_found"})
                return
            status, body = provider.token_response(form, self.headers.get("Authorization", ""))
            self._json(status, body)

        def _sign_in_page(self, back: str) -> None:
            name = html.escape(str(provider.person.get("name", provider.person["sub"])))
            page = (
                '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
                "<title>テスト用IdP</title></head><body><main><h1>テスト用IdP</h1>"
                f'<p><a href="{html.escape(back)}">{name}としてサインイン</a></p>'
                "</main></body></html>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test's own assertions say what happened."""

    return Handler
