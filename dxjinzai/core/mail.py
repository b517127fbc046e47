"""Notifications by mail, sent only once the transaction that caused them has committed
(a rolled-back change must not announce itself), never failing the request that sent them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction


def mail_after_commit(*, subject: str, message: str, recipients: Iterable[str]) -> None:
    to = sorted({address for address in recipients if address})
    if not to:
        return
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=message, from_email=None, recipient_list=to, fail_silently=True
        )
    )
