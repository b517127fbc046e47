"""Every write of the reminders app: a person's settings and feed secret, a body's feed
secret (audited), and the daily digest, which announces each item to a person once."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.access import Access, directory
from dxjinzai.core.actor import Actor
from dxjinzai.core.audit import audit_record
from dxjinzai.core.models import AuditAction
from dxjinzai.organizations.attention import Waiting, waiting_for
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.reminders.models import (
    BodyCalendar,
    DigestRun,
    DigestRunStatus,
    DigestSent,
    ReminderSettings,
)
from dxjinzai.reminders.selectors import settings_of

# A mail lists this many new items of a kind and counts the rest (all count as announced).
MAIL_ITEMS_PER_KIND = 20
# A run that has not finished in this long lost its worker (a run takes minutes).
RUN_ABANDONED_AFTER = timedelta(hours=6)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def reminder_settings_update(*, user: Any, digest: bool) -> ReminderSettings:
    found = settings_of(user)
    found.digest = digest
    found.save(update_fields=["digest"])
    return found


def calendar_token_renew(*, user: Any) -> ReminderSettings:
    """A new secret for the person's feed; the old address stops working at once."""
    found = settings_of(user)
    found.calendar_token = _new_token()
    found.save(update_fields=["calendar_token"])
    return found


def calendar_token_revoke(*, user: Any) -> ReminderSettings:
    found = settings_of(user)
    found.calendar_token = None
    found.save(update_fields=["calendar_token"])
    return found


@transaction.atomic
def body_calendar_renew(*, actor: Actor, body: Body) -> BodyCalendar:
    feed, created = BodyCalendar.unscoped.update_or_create(
        body=body, defaults={"token": _new_token()}
    )
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=feed,
        changes={"token": ["—", "新しいアドレスを発行"]},
    )
    return feed


@transaction.atomic
def body_calendar_revoke(*, actor: Actor, body: Body) -> None:
    feed = BodyCalendar.unscoped.filter(body=body).first()
    if feed is not None:
        audit_record(actor=actor, body=body, action=AuditAction.DELETE, target=feed)
        feed.delete()


# --- The daily digest ------------------------------------------------------------------


@dataclass(frozen=True)
class DigestMail:
    subject: str
    body: str
    keys: list[str]


def digest_mail(
    name: str, waiting: Iterable[Waiting], already_sent: set[str], *, site_url: str
) -> DigestMail | None:
    """The morning mail of one person: each kind with its items not yet announced, each with
    its page. None when nothing is new (no mail is better than an empty one)."""
    site = site_url.rstrip("/")
    lines: list[str] = []
    keys: list[str] = []
    for kind in waiting:
        new = [item for item in kind.items if item.key not in already_sent]
        if not new:
            continue
        lines += ["", f"■ {kind.label}（新しく{len(new)}件／全{kind.count}{kind.unit}）"]
        for item in new[:MAIL_ITEMS_PER_KIND]:
            lines += [f"・{item.title}", f"  {site}{item.url}"]
        if len(new) > MAIL_ITEMS_PER_KIND:
            lines.append(
                f"・ほか{len(new) - MAIL_ITEMS_PER_KIND}件は一覧でご覧ください：{site}{kind.url}"
            )
        keys += [item.key for item in new]
    if not keys:
        return None
    body = "\n".join(
        [
            f"{name} 様",
            "",
            f"DX人材プラットフォームで、新しく対応を待っているものが{len(keys)}件あります。",
            *lines,
            "",
            f"対応待ちの一覧：{site}{reverse('inbox')}",
            f"このメールを止めるには：{site}{reverse('reminder_settings')}",
            "",
            "（このメールは送信専用です。毎朝、前回のお知らせ以降に加わったものだけをお知らせします。）",
        ]
    )
    return DigestMail(f"【DX人材プラットフォーム】対応待ちのお知らせ（{len(keys)}件）", body, keys)


def digest_send(*, user: Any, today: date, site_url: str) -> bool:
    """Mail the person what is new for them since their last digest; record each item as
    announced in the same transaction, so no item is announced twice."""
    access = directory().access_for_user(user)
    waiting = waiting_for(access, today=today, limit=None)
    with transaction.atomic():
        sent = set(
            DigestSent.objects.select_for_update().filter(user=user).values_list("key", flat=True)
        )
        mail = digest_mail(_name_of(user, access), waiting, sent, site_url=site_url)
        if mail is None:
            return False
        DigestSent.objects.bulk_create(
            [DigestSent(user=user, key=key, sent_on=today) for key in mail.keys]
        )
        send_mail(mail.subject, mail.body, None, [user.email])
    return True


def _name_of(user: Any, access: Access) -> str:
    """The name on the person's staff record, else the account's, else its login name."""
    staff = StaffMember.objects.visible_to(access).filter(pk=access.staff_id).first()
    if staff is not None:
        return str(staff.full_name)
    return f"{user.last_name} {user.first_name}".strip() or user.username


def digest_recipients() -> Any:
    """Active accounts with an address that have not turned the digest off."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .exclude(reminder_settings__digest=False)
        .order_by("pk")
    )


def digest_run(*, today: date, site_url: str | None = None) -> DigestRun:
    """The morning's digests for everyone. A run left 送信中 by a worker that died is marked
    中断 first; what it sent stays recorded, so this run sends only the rest."""
    now = clock.now()
    DigestRun.objects.filter(
        status=DigestRunStatus.RUNNING, started_at__lt=now - RUN_ABANDONED_AFTER
    ).update(status=DigestRunStatus.FAILED, finished_at=now)
    run = DigestRun.objects.create(day=today)
    site = site_url or settings.SITE_URL
    try:
        for user in digest_recipients().iterator():
            run.people += 1
            run.mails += digest_send(user=user, today=today, site_url=site)
    except Exception:
        _finish(run, DigestRunStatus.FAILED)
        raise
    _finish(run, DigestRunStatus.DONE)
    return run


def _finish(run: DigestRun, status: DigestRunStatus) -> None:
    run.status = status
    run.finished_at = clock.now()
    run.save(update_fields=["status", "finished_at", "people", "mails"])
