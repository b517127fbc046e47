"""Reads of the audit log, the access records and API tokens, scoped like everything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import Http404

from dxjinzai.core import clock
from dxjinzai.core.access import Access
from dxjinzai.core.models import AccessRecord, ApiToken, AuditEntry, SignedInSession

M = TypeVar("M", bound=Model)


def first_or_404(rows: QuerySet[M], message: str) -> M:
    """The first of the rows, or 404 with the message: what is missing and what the viewer
    may not see answer alike, so that a foreign body's records cannot be probed."""
    found = rows.first()
    if found is None:
        raise Http404(message)
    return found


@dataclass(frozen=True)
class LogFilter:
    """The filters both logs share: who (by name), what (by label) and when."""

    actor: str = ""
    target: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class AuditFilter(LogFilter):
    action: str = ""


@dataclass(frozen=True)
class AccessRecordFilter(LogFilter):
    kind: str = ""


def audit_list(
    access: Access, body: object, filters: AuditFilter | None = None
) -> QuerySet[AuditEntry]:
    filters = filters or AuditFilter()
    entries = AuditEntry.objects.visible_to(access).filter(body=body)
    if filters.action:
        entries = entries.filter(action=filters.action)
    return _filtered_log(entries, filters, target_field="target_label")


def access_record_list(
    access: Access, body: object, filters: AccessRecordFilter | None = None
) -> QuerySet[AccessRecord]:
    filters = filters or AccessRecordFilter()
    records = AccessRecord.objects.visible_to(access).filter(body=body)
    if filters.kind:
        # 「職員一覧」 finds its exports too (「職員一覧（出力）」).
        records = records.filter(kind__startswith=filters.kind)
    return _filtered_log(records, filters, target_field="target")


def _filtered_log(rows: QuerySet, filters: LogFilter, *, target_field: str) -> QuerySet:
    if filters.actor:
        rows = rows.filter(actor_label__icontains=filters.actor)
    if filters.target:
        rows = rows.filter(**{f"{target_field}__icontains": filters.target})
    if filters.date_from:
        rows = rows.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(at__date__lte=filters.date_to)
    return rows.order_by("-at", "-id")


def api_token_list_for(access: Access, body: object) -> QuerySet[ApiToken]:
    return (
        ApiToken.objects.visible_to(access)
        .filter(body=body)
        .select_related("created_by")
        .order_by("revoked_at", "-created_at")
    )


def api_token_get(access: Access, body: object, pk: int) -> ApiToken:
    return first_or_404(
        api_token_list_for(access, body).filter(pk=pk, revoked_at__isnull=True),
        "APIトークンが見つかりません。",
    )


def record_history(record: Any) -> QuerySet[AuditEntry]:
    """A record's own history from the audit log: who changed what, when (newest first).
    The caller shows it only to those who may change the record (the audit page itself is
    the body admin's)."""
    return AuditEntry.unscoped.filter(
        body_id=record.body_id,
        target_type=record._meta.verbose_name,
        target_id=str(record.pk),
    ).order_by("-at", "-id")


def my_sessions(user: Any) -> QuerySet[SignedInSession]:
    """The person's own sessions still alive, the latest used first (nobody else's, whatever
    the role): one unused longer than a session cookie lives has ended by itself."""
    alive_since = clock.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return SignedInSession.objects.filter(user=user, last_seen_at__gte=alive_since).order_by(
        "-last_seen_at", "pk"
    )


def my_session_get(user: Any, pk: int) -> SignedInSession:
    return first_or_404(my_sessions(user).filter(pk=pk), "セッションが見つかりません。")
