"""The REST API (/api/v1/): django-ninja, token authentication per body, Japanese errors.

Every operation goes through the same access layer as the pages: the token acts for its
body only, another body's objects answer 404, a read-only token's writes answer 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
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


# The errors every operation may answer, each as {"detail": …} (a message, or the fields'
# messages for 422); declared in the OpenAPI document so that clients can rely on them.
DECLARED_ERRORS = {
    401: "APIトークンが無いか無効です（発行者が権限を失ったトークンを含む）。",
    403: "トークンの範囲では行えない操作です（読み取り専用のトークンでの書き込みなど）。",
    404: "団体・職員などが見つからないか、このトークンからは見えません。",
    422: "入力内容に誤りがあります。detail に項目ごとの理由が入ります。",
}
BODY_ERRORS = {413: "リクエストが大きすぎます。"}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"description": "理由（文字列、または項目ごとの理由）"}},
    "required": ["detail"],
}


class DocumentedErrorsAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document declares the error answers of every operation."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for operations in schema["paths"].values():
            for operation in operations.values():
                errors = DECLARED_ERRORS | (BODY_ERRORS if "requestBody" in operation else {})
                for status, description in errors.items():
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": description,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


api = DocumentedErrorsAPI(
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


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    return _error(
        request, f"リクエストが大きすぎます（上限{limit:.1f}MB）。分けて送ってください。", 413
    )


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


@login_not_required
def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under /api/v1/: the documented JSON error, not the site's HTML page."""
    return JsonResponse({"detail": "APIにこのパスはありません。"}, status=404)


def api_urls() -> Any:
    """The API's URL patterns. Operations authenticate by token, not by the login session,
    so the site-wide login redirect is lifted for them (each has auth: fail-closed); the
    documentation pages keep requiring a signed-in user (docs_decorator)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False  # type: ignore[union-attr]
    return patterns, app_name, namespace
