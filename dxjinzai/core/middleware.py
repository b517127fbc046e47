from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from dxjinzai.core import clock, services
from dxjinzai.core.access import directory
from dxjinzai.core.second_factor import SET_UP, STEP, VERIFY
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


def second_factor_exempt(view: Callable) -> Callable:
    """A page a signed-in person reaches before confirming their second factor (the
    confirmation itself, setting the app up, signing out)."""
    view.second_factor_exempt = True  # type: ignore[attr-defined]
    return view


class SecondFactorMiddleware:
    """Send a signed-in person who has a second factor, and has not confirmed it in this
    session, to confirm it; one whose body requires it and who has none, to set it up.
    Public pages and the exempt ones stay open."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user: Any = request.user
        if (
            not user.is_authenticated
            or getattr(view, "login_required", True) is False
            or getattr(view, "second_factor_exempt", False)
            or user.is_verified()
        ):
            return None
        step = request.session.get(STEP, "")
        if step == VERIFY:
            return redirect(
                f"{reverse('second_factor_verify')}?{urlencode({'next': request.get_full_path()})}"
            )
        if step == SET_UP:
            return redirect("second_factor_setup")
        return None
