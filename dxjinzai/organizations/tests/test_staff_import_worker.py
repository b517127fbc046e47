"""A large staff import runs in the background worker.

The worker commits, so this module's cast cannot live in a module transaction (fresh_cast);
it is apart from test_staff_import.py so that those tests share one cast."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from dxjinzai.core.models import ImportStatus
from dxjinzai.organizations.tests.test_staff_import import HEADER, NEW_ROW, _csv, _import, _numbers

pytestmark = pytest.mark.fresh_cast


def test_large_file_goes_to_the_worker(transactional_db, cast, monkeypatch):
    # transactional_db: the worker closes its database connection when done, which would
    # break the test's own wrapping transaction.
    monkeypatch.setattr("dxjinzai.core.import_runs.BACKGROUND_FROM_ROWS", 1)
    run = _import(cast, _csv([HEADER, NEW_ROW]))
    assert run.status == ImportStatus.QUEUED
    assert "01001" not in _numbers(cast)
    call_command("db_worker", "--batch", "--no-startup-delay")
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE, run.message
    assert "01001" in _numbers(cast)
    assert run.stored_file == ""
