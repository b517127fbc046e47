"""The header's 対応待ち figure is kept in the session for a short while (counting is a dozen
queries, and the figure is asked for on every page). Any change the person makes (a POST)
may change what waits for them: the kept figure is forgotten then, so the next page counts
afresh. Changes made by others show within WAITING_COUNT_KEPT_FOR."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse

from dxjinzai.core import clock
from dxjinzai.core.access import Access
from dxjinzai.organizations.attention import waiting_count

WAITING_COUNT_KEY = "waiting_count"
WAITING_COUNT_KEPT_FOR = 120  # seconds


def kept_waiting_count(request: HttpRequest, access: Access, *, today: date) -> int:
    kept: dict[str, Any] | None = request.session.get(WAITING_COUNT_KEY)
    now = clock.now().timestamp()
    if kept and kept["day"] == today.isoformat() and now - kept["at"] < WAITING_COUNT_KEPT_FOR:
        return int(kept["count"])
    count = waiting_count(access, today=today)
    request.session[WAITING_COUNT_KEY] = {"count": count, "day": today.isoformat(), "at": now}
    return count


class ForgetWaitingCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and hasattr(request, "session"):
            request.session.pop(WAITING_COUNT_KEY, None)
        return self.get_response(request)
