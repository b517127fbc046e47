"""Sessions that follow the body's rules (issue 19 §4): each sign-in is recorded so the
person can see and end their sessions, and a session left idle longer than the body allows
is signed out. The limit is read at sign-in (the strictest of the person's bodies) and kept
in the session; a body's new limit applies from the next sign-in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from dxjinzai.core import clock, second_factor, services
from dxjinzai.core.access import directory
from dxjinzai.core.client_ip import client_ip

LAST_ACTIVITY = "dx_last_activity"
IDLE_LIMIT = "dx_idle_seconds"
# The last activity is written at most this often: a session is not saved on every request.
TOUCH_EVERY_SECONDS = 60


def idle_expired(last_activity: float | None, now: float, limit_seconds: int) -> bool:
    """Whether a session unused since `last_activity` (a timestamp) has passed its limit."""
    return last_activity is not None and now - last_activity > limit_seconds


def needs_touch(last_activity: float | None, now: float) -> bool:
    return last_activity is None or now - last_activity >= TOUCH_EVERY_SECONDS


def on_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """user_logged_in: record where the person signed in and the idle limit that applies."""
    if request is None or not hasattr(request, "session"):
        return
    now = clock.now()
    request.session[LAST_ACTIVITY] = now.timestamp()
    request.session[IDLE_LIMIT] = directory().idle_timeout_seconds(user)
    request.session[second_factor.STEP] = second_factor.step_at_sign_in(
        user, required=directory().second_factor_required(user)
    )
    request.session.save()
    services.session_record(
        user=user,
        session_key=request.session.session_key or "",
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        now=now,
    )


def on_sign_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and getattr(request, "session", None) is not None:
        services.session_forget(session_key=request.session.session_key or "")


def idle_limit(request: HttpRequest) -> int:
    return int(request.session.get(IDLE_LIMIT, settings.SESSION_IDLE_SECONDS))
