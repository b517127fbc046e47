"""The organizations app's nightly job for the background worker: accounts of people whose
appointments have all ended stop (issue 19 §3)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from dxjinzai.core import clock
from dxjinzai.core.daily import book_next_run
from dxjinzai.organizations.services import ended_appointments_accounts_close


@task()
def close_accounts_of_ended_appointments() -> dict[str, Any]:
    try:
        closed = ended_appointments_accounts_close(today=clock.today())
    finally:
        book_next_run(close_accounts_of_ended_appointments, clock.now())
    return {"closed": closed}
