"""The daily digest as a job of the background worker (django-tasks), booked every morning
at DIGEST_HOUR through core.daily (registered in ready())."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from dxjinzai.core import clock
from dxjinzai.core.daily import book_next_run
from dxjinzai.reminders.services import digest_run


@task()
def send_daily_digest() -> dict[str, Any]:
    try:
        run = digest_run(today=clock.today())
    finally:
        book_next_run(send_daily_digest, clock.now())
    return {"people": run.people, "mails": run.mails}
