"""The navigation every page shows: the bodies the user can switch between."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dxjinzai.core.access import directory


def navigation(request: HttpRequest) -> dict[str, Any]:
    access = getattr(request, "access", None)
    if access is None or not request.user.is_authenticated:
        return {}
    return {"nav_bodies": directory().bodies(access.known_body_ids)}
