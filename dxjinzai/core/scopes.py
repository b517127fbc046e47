"""Who sees the rows of core's body-owned models (registered in CoreConfig.ready)."""

from __future__ import annotations

from dxjinzai.core.access import Perm
from dxjinzai.core.models import AccessRecord, ApiToken, AuditEntry, ImportRun
from dxjinzai.core.scoping import ScopeRule, bodies_where

SCOPE_RULES: dict[type, ScopeRule] = {
    # The body's admins: the audit log and who opened what.
    AuditEntry: bodies_where(Perm.VIEW_AUDIT),
    AccessRecord: bodies_where(Perm.VIEW_AUDIT),
    # Whoever may import the staff sees the runs (their files and reports).
    ImportRun: bodies_where(Perm.MANAGE_STAFF),
    ApiToken: bodies_where(Perm.MANAGE_ACCOUNTS),
}
