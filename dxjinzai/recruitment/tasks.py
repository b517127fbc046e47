"""Recruitment's jobs for the background worker: the mails to applicants (sent one by one,
each marked when it went), and the daily erasure of data past its retention period."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from dxjinzai.core import clock
from dxjinzai.core.daily import book_next_run
from dxjinzai.recruitment.services import applicants_erase_expired, messages_deliver


@task()
def send_messages(message_ids: list[int]) -> dict[str, int]:
    """Send the logged messages not yet sent. A worker that dies half-way leaves the rest
    unsent and unmarked; running the job again sends only those."""
    return {"sent": messages_deliver(message_ids=message_ids, now=clock.now)}


@task()
def erase_expired_applicants() -> dict[str, Any]:
    try:
        erased = applicants_erase_expired(now=clock.now())
    finally:
        book_next_run(erase_expired_applicants, clock.now())
    return {"erased": erased}
