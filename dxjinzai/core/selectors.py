"""Reads of the audit log, scoped like everything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from dxjinzai.core.access import Access
from dxjinzai.core.models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""
    target: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_list(
    access: Access, body: object, filters: AuditFilter | None = None
) -> QuerySet[AuditEntry]:
    filters = filters or AuditFilter()
    entries = AuditEntry.objects.visible_to(access).filter(body=body)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.actor:
        entries = entries.filter(actor_label__icontains=filters.actor)
    if filters.target:
        entries = entries.filter(target_label__icontains=filters.target)
    if filters.date_from:
        entries = entries.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(at__date__lte=filters.date_to)
    return entries.order_by("-at", "-id")
