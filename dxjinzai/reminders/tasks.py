"""The daily digest as a job of the background worker (django-tasks). Each run books the
next one for the following morning, so the chain keeps itself going; `manage.py
schedule_reminders` (run by scripts/run and scripts/serve before the worker starts) books
the first one when none is waiting, so a restart never loses or doubles the morning send."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from dxjinzai.core import clock
from dxjinzai.reminders.services import digest_run, next_digest_at


@task()
def send_daily_digest() -> dict[str, Any]:
    try:
        run = digest_run(today=clock.today())
    finally:
        book_next_digest()
    return {"people": run.people, "mails": run.mails}


def book_next_digest() -> Any:
    return send_daily_digest.using(run_after=next_digest_at(clock.now())).enqueue()


def digest_booked() -> bool:
    """Whether a morning send is waiting in the queue (the worker's database backend)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=send_daily_digest.module_path, status="READY"
    ).exists()
