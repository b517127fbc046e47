"""閲覧記録: who opened a person's record, a list of personal data or an export, when.

Views that show personal data are wrapped with `records_access(kind)` (inside `requires`, so
the body is known). A successful answer leaves one AccessRecord; a person reading their own
record leaves none. Records older than ACCESS_RECORD_RETENTION are deleted by cleanup_jobs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from dxjinzai.core import clock
from dxjinzai.core.access import AccessRequest, directory
from dxjinzai.core.actor import acting_user
from dxjinzai.core.audit import actor_label, clipped
from dxjinzai.core.models import AccessRecord

# One year, as personal-information audits look back over a fiscal year and a little more.
ACCESS_RECORD_RETENTION = timedelta(days=366)


def records_access(kind: str) -> Callable:
    """Record each successful GET of the wrapped body view as `kind` (e.g. 職員一覧)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: AccessRequest, body: Any, *args: Any, **kwargs: Any) -> Any:
            response = view(request, body, *args, **kwargs)
            if request.method == "GET" and response.status_code == 200:
                number = kwargs.get("number")
                if number is None or not _is_own_record(request, body, number):
                    access_record(request, body, kind, _target(request, number))
            return response

        return wrapper

    return decorate


def access_record(request: AccessRequest, body: Any, kind: str, target: str = "") -> AccessRecord:
    export = request.GET.get("export")
    return AccessRecord.unscoped.create(
        user=acting_user(request.user),
        actor_label=clipped(AccessRecord, "actor_label", actor_label(request.user)),
        body=body,
        kind=clipped(AccessRecord, "kind", f"{kind}（出力）" if export else kind),
        target=clipped(AccessRecord, "target", target),
        path=clipped(AccessRecord, "path", request.get_full_path()),
    )


def delete_expired_access_records(*, now: datetime | None = None) -> int:
    cutoff = (now or clock.now()) - ACCESS_RECORD_RETENTION
    deleted, _ = AccessRecord.unscoped.filter(at__lt=cutoff).delete()
    return deleted


def _target(request: AccessRequest, number: str | None) -> str:
    if number is not None:
        return f"職員番号 {number}"
    filters = [f"{k}={v}" for k, v in request.GET.items() if v and k not in ("page", "export")]
    return "、".join(filters)


def _is_own_record(request: AccessRequest, body: Any, number: str) -> bool:
    return directory().is_own_staff_number(request.access, body, number)
