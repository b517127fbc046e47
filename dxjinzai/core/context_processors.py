"""The navigation every page shows: the bodies the user can switch between, and the body
whose sections the menu offers when the page names none (a person of one body reaches its
職員, 人材育成, 人材の共有 and 目標 from any page, without going through 団体一覧)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dxjinzai.core.access import EXTERNAL_ROLES, directory


def navigation(request: HttpRequest) -> dict[str, Any]:
    access = getattr(request, "access", None)
    if access is None or not request.user.is_authenticated:
        return {}
    bodies = list(directory().bodies(access.known_body_ids))
    return {"nav_bodies": bodies, "home_body": _home_body(access, bodies)}


def _home_body(access: Any, bodies: list[Any]) -> Any:
    """The one body whose sections the menu offers on every page. An external expert is
    not offered the body's internal sections: their work is in 専門家派遣 (an adviser's in
    アドバイザー業務)."""
    if len(bodies) != 1 or not access.roles_in(bodies[0].pk) - EXTERNAL_ROLES:
        return None
    return bodies[0]
