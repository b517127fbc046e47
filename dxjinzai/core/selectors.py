"""Reads of the audit log, scoped like everything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from dxjinzai.core.access import Access
from dxjinzai.core.models import AccessRecord, ApiToken, AuditEntry


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


@dataclass
class AccessRecordFilter:
    kind: str = ""
    actor: str = ""
    target: str = ""
    date_from: date | None = None
    date_to: date | None = None


def access_record_list(
    access: Access, body: object, filters: AccessRecordFilter | None = None
) -> QuerySet[AccessRecord]:
    filters = filters or AccessRecordFilter()
    records = AccessRecord.objects.visible_to(access).filter(body=body)
    if filters.kind:
        records = records.filter(kind__startswith=filters.kind)
    if filters.actor:
        records = records.filter(actor_label__icontains=filters.actor)
    if filters.target:
        records = records.filter(target__icontains=filters.target)
    if filters.date_from:
        records = records.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        records = records.filter(at__date__lte=filters.date_to)
    return records.order_by("-at", "-id")


def api_token_list_for(access: Access, body: object) -> QuerySet[ApiToken]:
    return (
        ApiToken.objects.visible_to(access)
        .filter(body=body)
        .select_related("created_by")
        .order_by("revoked_at", "-created_at")
    )


def api_token_get(access: Access, body: object, pk: int) -> ApiToken:
    token = api_token_list_for(access, body).filter(pk=pk, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("APIトークンが見つかりません。")
    return token
