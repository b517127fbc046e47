"""The REST API (/api/v1/): django-ninja, token authentication per body, Japanese errors.

Every operation goes through the same access layer as the pages: the token acts for its
body only, another body's objects answer 404, a read-only token's writes answer 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from dxjinzai.core.access import access_for_token
from dxjinzai.core.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """Authorization: Bearer dxj_…; the request then carries the token's Access."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        request.access = access_for_token(api_token)  # type: ignore[attr-defined]
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token


api = NinjaAPI(
    title="DX人材プラットフォーム API",
    version="1",
    description=(
        "人事給与システムとの連携用API。団体ごとに発行するAPIトークンを "
        "`Authorization: Bearer <トークン>` で送ってください。"
        "トークンはその団体のデータだけを扱えます。"
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_decorator=login_required,
)


def _error(request: HttpRequest, detail: Any, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, "APIトークンが無効です。", 401)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, str(exc) or "見つかりません。", 404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, str(exc) or "この操作を行う権限がありません。", 403)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return _error(request, detail, 422)


@api.exception_handler(NinjaValidationError)
def _invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = {
        ".".join(str(p) for p in e.get("loc", [])[1:]) or "__all__": e.get("msg")
        for e in exc.errors
    }
    return _error(request, {"入力内容に誤りがあります": fields}, 422)


def api_urls() -> Any:
    """The API's URL patterns. Operations authenticate by token, not by the login session,
    so the site-wide login redirect is lifted for them (each has auth: fail-closed); the
    documentation pages keep requiring a signed-in user (docs_decorator)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False  # type: ignore[union-attr]
    return patterns, app_name, namespace


def _register_routers() -> None:
    from dxjinzai.organizations.api import router as organizations_router

    api.add_router("/", organizations_router)


_register_routers()
