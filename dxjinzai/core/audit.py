"""Writing the audit log. Services call these inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from dxjinzai.core.models import AuditAction, AuditEntry


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, str]:
    """The values of `fields` as the user would read them, for a before → after record."""
    values = {}
    for name in fields:
        value = getattr(instance, name)
        values[name] = "" if value is None else str(value)
    return values


def diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {
        key: [before.get(key, ""), value]
        for key, value in after.items()
        if before.get(key) != value
    }


def audit_record(
    *,
    actor: Any,
    body: Any,
    action: AuditAction,
    target: models.Model | None = None,
    target_type: str = "",
    target_label: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one write or export. `actor` is a user (None for the system)."""
    return AuditEntry.unscoped.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        body=body,
        action=action,
        target_type=target_type or (target._meta.verbose_name if target is not None else ""),
        target_id=str(target.pk) if target is not None else "",
        target_label=target_label or (str(target) if target is not None else ""),
        changes=changes or {},
    )


def _actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "システム"
    full_name = f"{actor.last_name} {actor.first_name}".strip()
    return f"{full_name}（{actor.username}）" if full_name else actor.username
