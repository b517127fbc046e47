"""Jobs the background worker runs every day at a stated hour (Asia/Tokyo): each app
registers its job in ready(); `manage.py schedule_daily_jobs` (run by scripts/run and
scripts/serve before the worker starts) books each one not yet waiting in the queue; each
run books the next day's when it ends, so the chain keeps itself going. A restart never
loses or doubles a day: a booking already waiting is left as it is, and a run whose day
passed while the worker was stopped runs when it starts again."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

_DAILY: dict[str, tuple[Any, int]] = {}


def register_daily_job(task: Any, *, hour: int) -> None:
    _DAILY[task.module_path] = (task, hour)


def next_run_at(now: datetime, hour: int) -> datetime:
    """The next `hour`:00 in Tokyo: today if it is still before then, else tomorrow."""
    local = timezone.localtime(now)
    at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return at if local < at else at + timedelta(days=1)


def is_booked(task: Any) -> bool:
    """Whether a run of the job waits in the worker's queue (django-tasks' database backend)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists()


def book_next_run(task: Any, now: datetime) -> Any:
    """Book the job's next run; called by the job itself when it ends."""
    _, hour = _DAILY[task.module_path]
    return task.using(run_after=next_run_at(now, hour)).enqueue()


def book_missing(now: datetime) -> list[tuple[Any, datetime]]:
    """Book every registered job that has no run waiting; what was booked, and when."""
    booked = []
    for task, hour in _DAILY.values():
        if not is_booked(task):
            book_next_run(task, now)
            booked.append((task, next_run_at(now, hour)))
    return booked
