"""Who sees the rows of core's body-owned models (registered in CoreConfig.ready)."""

from __future__ import annotations

from django.db.models import QuerySet

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.models import AccessRecord, ApiToken, AuditEntry, ImportRun
from dxjinzai.core.scoping import ScopeRule


def _body_admins(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.VIEW_AUDIT))


def _staff_managers(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.MANAGE_STAFF))


def _account_managers(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(body_id__in=access.body_ids_with(Perm.MANAGE_ACCOUNTS))


SCOPE_RULES: dict[type, ScopeRule] = {
    AuditEntry: _body_admins,
    AccessRecord: _body_admins,
    ImportRun: _staff_managers,
    ApiToken: _account_managers,
}
