"""Read replicas for reports (docs/scaling.md): when DATABASE_REPLICA_URL is set, list
exports read from the replica, so a prefecture's 100,000-row download does not compete with
officials' pages on the primary. Everything else, and every write, stays on the primary.

A replica lags the primary by the replication delay (usually under a second): an export
made right after an import may miss its last rows, which is why only exports go there."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

PRIMARY = "default"
REPLICA = "replica"


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def for_reports(rows: Any) -> Any:
    """The rows of a report read from the replica when there is one (a queryset only; rows
    already read stay as they are)."""
    if isinstance(rows, QuerySet) and replica_configured():
        return rows.using(REPLICA)
    return rows


class PrimaryWritesRouter:
    """Writes always go to the primary, even for a record read from the replica (Django
    would otherwise save it where it came from); only the primary is migrated."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows: one database, two doors

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY
