"""What waits for a person (the home page's 対応待ち and the header's figure) is kept in the
session for a short while: reading it is a dozen queries, and the figure is asked for on
every page. Any change the person makes (a POST) may change what waits for them: the kept
list is forgotten then, so the next page reads afresh; so is it when their roles change.
Changes made by others show within WAITING_KEPT_FOR. The inbox page itself always reads
afresh."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse

from dxjinzai.core import clock
from dxjinzai.core.access import Access
from dxjinzai.organizations.attention import Decision, Item, Waiting, waiting_for

WAITING_KEY = "waiting_kept"
WAITING_KEPT_FOR = 120  # seconds
# How many items of each kind the home page lists (the count is always whole).
HOME_ITEMS = 3


def kept_waiting(request: HttpRequest, access: Access, *, today: date) -> list[Waiting]:
    """What waits for the viewer, with the first HOME_ITEMS items of each kind."""
    kept: dict[str, Any] | None = request.session.get(WAITING_KEY)
    now = clock.now().timestamp()
    fingerprint = access_fingerprint(access)
    if (
        kept
        and kept["day"] == today.isoformat()
        and kept["access"] == fingerprint
        and now - kept["at"] < WAITING_KEPT_FOR
    ):
        return [_waiting_from(stored) for stored in kept["waiting"]]
    waiting = waiting_for(access, today=today, limit=HOME_ITEMS)
    request.session[WAITING_KEY] = {
        "day": today.isoformat(),
        "at": now,
        "access": fingerprint,
        "waiting": [_stored(kind) for kind in waiting],
    }
    return waiting


def kept_waiting_count(request: HttpRequest, access: Access, *, today: date) -> int:
    return sum(kind.count for kind in kept_waiting(request, access, today=today))


def access_fingerprint(access: Access) -> str:
    """The same for the same roles in every process (no set's iteration order in it)."""
    roles = sorted((body, sorted(held)) for body, held in access.roles_by_body.items())
    described = repr((roles, sorted(access.headed_department_ids), access.staff_id))
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def _stored(kind: Waiting) -> dict[str, Any]:
    stored = asdict(kind)
    for item in stored["items"]:
        item["due"] = item["due"].isoformat() if item["due"] else None
    return stored


def _waiting_from(stored: dict[str, Any]) -> Waiting:
    items = tuple(
        Item(
            key=item["key"],
            title=item["title"],
            url=item["url"],
            due=date.fromisoformat(item["due"]) if item["due"] else None,
            decision=_decision_from(item["decision"]),
        )
        for item in stored["items"]
    )
    return Waiting(stored["label"], stored["count"], stored["url"], stored["unit"], items)


def _decision_from(stored: dict[str, Any] | None) -> Decision | None:
    if stored is None:
        return None
    return Decision(stored["url"], tuple(tuple(choice) for choice in stored["choices"]))


class ForgetWaitingCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and hasattr(request, "session"):
            request.session.pop(WAITING_KEY, None)
        return self.get_response(request)
