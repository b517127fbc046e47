"""Writers of the core models: API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from dxjinzai.core import clock
from dxjinzai.core.access import directory
from dxjinzai.core.actor import Actor
from dxjinzai.core.audit import audit_record
from dxjinzai.core.models import (
    ApiToken,
    AuditAction,
    PasswordResetRequest,
    SignedInSession,
    TokenScope,
)
from dxjinzai.core.password_links import reset_allowed
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


# --- Signed-in sessions (issue 19 §4) -------------------------------------------------------


def session_record(
    *, user: Any, session_key: str, ip_address: str | None, user_agent: str, now: datetime
) -> SignedInSession:
    """A sign-in: the place it came from, for the person's list of their sessions."""
    # Sessions that ran out unused (no sign-out to remove them) go at the person's next one.
    SignedInSession.objects.filter(
        user=user, last_seen_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    ).delete()
    session, _ = SignedInSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "started_at": now,
            "last_seen_at": now,
            "ip_address": ip_address or None,
            "user_agent": user_agent[:300],
        },
    )
    return session


def session_touch(*, session_key: str, now: datetime) -> None:
    SignedInSession.objects.filter(session_key=session_key).update(last_seen_at=now)


def session_rekey(old_key: str, new_key: str) -> None:
    """The session got a new key (a password change keeps it signed in under a new one)."""
    SignedInSession.objects.filter(session_key=old_key).update(session_key=new_key)


def session_forget(*, session_key: str) -> None:
    """The person signed out there (or the session timed out): nothing left to end."""
    SignedInSession.objects.filter(session_key=session_key).delete()


def sessions_end(sessions: Any) -> int:
    """End sessions: their browsers are signed out at their next request (the session is
    deleted from the store, not only from the list)."""
    engine = import_module(settings.SESSION_ENGINE)
    ended = list(sessions)
    for session in ended:
        engine.SessionStore(session_key=session.session_key).delete()
        session.delete()
    return len(ended)


def sessions_end_for(user: Any, *, keep_key: str | None = None) -> int:
    """End every session of the person but the one they are using (a password changed or
    set anew ends the others)."""
    return sessions_end(
        SignedInSession.objects.filter(user=user).exclude(session_key=keep_key or "")
    )


# --- Password links asked for (issue 19 §5) --------------------------------------------------


def password_reset_ask(*, address: str, remote_address: str | None, now: datetime) -> bool:
    """Note a request for a password link; whether a link may be sent for it (the last
    hour's requests for that address and from that client stay under the limits). A day's
    requests are kept, no more."""
    PasswordResetRequest.objects.filter(at__lt=now - timedelta(days=1)).delete()
    address_hash = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    hour = PasswordResetRequest.objects.filter(at__gte=now - timedelta(hours=1))
    allowed = reset_allowed(
        sent_to_address=hour.filter(address_hash=address_hash).count(),
        asked_by_client=hour.filter(remote_address=remote_address).count() if remote_address else 0,
    )
    PasswordResetRequest.objects.create(
        at=now, address_hash=address_hash, remote_address=remote_address or None
    )
    return allowed
