"""Access to one dispatch scheme's pages: the scheme in the URL, checked before the view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied

from dxjinzai.core.access import Access, AccessRequest, Perm
from dxjinzai.dispatch.selectors import scheme_get


def scheme_view(perm: Perm | None, *, after_object: bool = False) -> Callable:
    """A view of one dispatch scheme (`scheme_id` in the URL). The scheme must be visible
    (else 404); with `perm`, the user must hold it on the scheme's body (else 403). The
    rows shown are scoped by the selectors in every case.

    With `after_object`, the view first loads the object named in the URL (404 for what the
    user may not see, as everywhere) and then calls `require_scheme_perm`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: AccessRequest, scheme_id: int, *args: Any, **kwargs: Any) -> Any:
            access = request.access
            scheme = scheme_get(access, scheme_id)
            if perm is not None and not after_object:
                require_scheme_perm(access, perm, scheme)
            return view(request, scheme, *args, **kwargs)

        wrapper.access_rule = perm or "signed_in"  # type: ignore[attr-defined]
        return wrapper

    return decorate


def require_scheme_perm(access: Access, perm: Perm, scheme: Any) -> None:
    if not access.can(perm, scheme.body_id):
        raise PermissionDenied("この操作を行う権限がありません。")
