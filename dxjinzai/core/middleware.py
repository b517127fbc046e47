from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from dxjinzai.core.access import access_for_user


class AccessMiddleware:
    """Attach request.access, built lazily so static and public pages pay nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = SimpleLazyObject(lambda: access_for_user(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
