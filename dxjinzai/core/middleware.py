from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

from dxjinzai.core import clock, services
from dxjinzai.core.access import directory
from dxjinzai.core.sessions import LAST_ACTIVITY, idle_expired, idle_limit, needs_touch


class AccessMiddleware:
    """Attach request.access, built lazily so static and public pages pay nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = SimpleLazyObject(lambda: directory().access_for_user(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)


class NoStoreMiddleware:
    """Cache-Control: no-store on every answer of the application (pages, fragments, exports,
    PDFs, the API): nearly all of them show someone's personal data, and a shared PC's browser
    or a proxy on LGWAN must keep none of it. Static files (served before this by WhiteNoise)
    keep their long cache. A view that sets its own Cache-Control is left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class IdleTimeoutMiddleware:
    """Sign out a session left idle longer than the body allows (before the login check, so
    the person lands on the login page), and note the activity about once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = clock.now()
            last = request.session.get(LAST_ACTIVITY)
            if idle_expired(last, now.timestamp(), idle_limit(request)):
                logout(request)
            elif needs_touch(last, now.timestamp()):
                request.session[LAST_ACTIVITY] = now.timestamp()
                services.session_touch(session_key=request.session.session_key or "", now=now)
        return self.get_response(request)
