"""Writers of the core models: API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from dxjinzai.core import clock
from dxjinzai.core.access import directory
from dxjinzai.core.actor import Actor
from dxjinzai.core.audit import audit_record
from dxjinzai.core.models import ApiToken, AuditAction, TokenScope
from dxjinzai.core.roles import Role


def _hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: Actor, body: Any, name: str, scope: str) -> tuple[ApiToken, str]:
    """Issue a token; the raw key is returned once and never stored."""
    if scope not in TokenScope.values:
        raise ValidationError({"scope": "範囲を選んでください。"})
    if not name.strip():
        raise ValidationError({"name": "用途を入力してください。"})
    raw_key = "dxj_" + secrets.token_urlsafe(32)
    token = ApiToken.unscoped.create(
        body=body,
        name=name.strip(),
        scope=scope,
        prefix=raw_key[:8],
        key_hash=_hash(raw_key),
        created_by=actor,
    )
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=token)
    return token, raw_key


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        body=token.body,
        action=AuditAction.UPDATE,
        target=token,
        changes={"revoked_at": ["", str(token.revoked_at)]},
    )


# A token acts as the body's HR officer would (access_for_token); it does so only while
# its issuer still holds one of these roles in the token's body, so revoking the issuer's
# grant, or deactivating the account, stops every token they issued.
TOKEN_ISSUER_ROLES = (Role.BODY_ADMIN, Role.HR_OFFICER)


def api_token_authenticate(raw_key: str) -> ApiToken | None:
    """The live token for a raw key, or None. Records when it was last used."""
    issuer_holds_a_role = (
        directory()
        .role_holders(TOKEN_ISSUER_ROLES)
        .filter(user_id=OuterRef("created_by_id"), body_id=OuterRef("body_id"))
    )
    token = (
        ApiToken.unscoped.select_related("body", "created_by")
        .filter(key_hash=_hash(raw_key), revoked_at__isnull=True, created_by__is_active=True)
        .filter(Exists(issuer_holds_a_role))
        .first()
    )
    if token is not None and _use_worth_recording(token.last_used_at):
        ApiToken.unscoped.filter(pk=token.pk).update(last_used_at=clock.now())
    return token


# 最終利用 is kept to the minute it answers (is this token still used?), not per request: a
# write on every call made a busy integration queue on the database's write lock.
LAST_USED_PRECISION = timedelta(minutes=5)


def _use_worth_recording(last_used_at: datetime | None) -> bool:
    return last_used_at is None or clock.now() - last_used_at >= LAST_USED_PRECISION
