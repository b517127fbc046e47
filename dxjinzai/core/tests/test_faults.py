"""Faults during an import, each ending in a clear state with nothing half-written: the
worker killed mid-import (a real worker process, killed with SIGKILL), the database failing
during the write, the disk full while the upload is stored."""

from __future__ import annotations

import csv
import errno
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.urls import reverse

from dxjinzai.core.import_runs import NOT_STORED_MESSAGE, UNEXPECTED_MESSAGE, upload_dir
from dxjinzai.core.models import ImportRun, ImportStatus
from dxjinzai.organizations.import_jobs import staff_import_start
from dxjinzai.organizations.models import StaffMember

ROOT = Path(settings.BASE_DIR)
HEADER = ["職員番号", "氏", "名", "氏フリガナ", "名フリガナ"]


def _csv(rows: int, first: int = 500_000) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for n in range(first, first + rows):
        writer.writerow([str(n), "障害", "試験", "ショウガイ", "シケン"])
    return buffer.getvalue().encode()


def test_a_full_disk_while_storing_the_upload_fails_the_run_at_once(cast, client_as, monkeypatch):
    def no_space(self, data):
        self.write_text("half")  # what a full disk leaves behind
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", no_space)
    run = staff_import_start(
        actor=cast.users["A.hr"], body=cast.bodies["A"], filename="s.csv", data=_csv(3)
    )
    assert run.status == ImportStatus.FAILED
    assert run.message == NOT_STORED_MESSAGE
    assert list(upload_dir().iterdir()) == []
    assert not StaffMember.unscoped.filter(number="500000").exists()
    page = client_as("A.hr").get(reverse("import_run_detail", args=[cast.bodies["A"].code, run.pk]))
    assert "空き容量の不足" in page.content.decode()


def test_the_database_failing_during_the_write_leaves_nothing_written(cast, monkeypatch):
    from dxjinzai.organizations import services

    real_insert = services._create_staged_staff
    inserted = []

    def insert_then_lose_the_connection(*args, **kwargs):
        real_insert(*args, **kwargs)  # the rows are in, inside the import's transaction
        inserted.append(args)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "_create_staged_staff", insert_then_lose_the_connection)
    with pytest.raises(OperationalError):
        staff_import_start(
            actor=cast.users["A.hr"], body=cast.bodies["A"], filename="s.csv", data=_csv(50)
        )
    run = ImportRun.unscoped.latest("pk")
    assert inserted
    assert run.status == ImportStatus.FAILED
    assert run.message == UNEXPECTED_MESSAGE
    assert not StaffMember.unscoped.filter(number__startswith="50").exists()
    assert list(upload_dir().iterdir()) == []


# --- The worker killed mid-import: a real instance on its own SQLite file -----------------

SETUP = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from dxjinzai.organizations.testing import build_cast
from dxjinzai.organizations.import_jobs import staff_import_start
cast = build_cast()
data = open(os.environ["FAULT_FILE"], "rb").read()
run = staff_import_start(actor=cast.users["A.hr"], body=cast.bodies["A"], filename="s.csv", data=data)
print(run.pk, run.status, run.stored_file)
"""


def _manage(env: dict[str, str], *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def _row(database: Path, sql: str, *params: object) -> tuple:
    with sqlite3.connect(database) as db:
        return db.execute(sql, params).fetchone()


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="runs a platform of its own on SQLite: the SQLite pass of the suite runs it",
)
def test_a_worker_killed_mid_import_ends_as_failed_with_nothing_written(tmp_path):
    database = tmp_path / "instance.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SQLITE_PATH": str(database),
        "DXJINZAI_VAR_DIR": str(tmp_path / "var"),
        "DXJINZAI_IMPORT_STALE_AFTER_SECONDS": "2",
        "FAULT_FILE": str(tmp_path / "staff.csv"),
    }
    (tmp_path / "staff.csv").write_bytes(_csv(60_000))
    _manage(env, "migrate", "-v", "0")
    made = subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    run_id, status, stored = int(made[0]), made[1], Path(made[2])
    assert status == "queued" and stored.exists()

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while (
            _row(database, "SELECT processed_rows FROM core_importrun WHERE id=?", run_id)[0]
            < 5_000
        ):
            assert time.monotonic() < deadline, "the worker never started the import"
            time.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGKILL)  # no chance to clean up
        worker.wait()

    assert _row(database, "SELECT status FROM core_importrun WHERE id=?", run_id) == ("running",)
    assert _row(database, "SELECT status FROM django_tasks_database_dbtaskresult") == ("RUNNING",)
    time.sleep(2.5)
    _manage(env, "cleanup_jobs", stdout=subprocess.DEVNULL)

    status, message = _row(
        database, "SELECT status, message FROM core_importrun WHERE id=?", run_id
    )
    assert status == "failed" and "何も書き込まれていません" in message
    assert not stored.exists()
    assert _row(database, "SELECT status FROM django_tasks_database_dbtaskresult") == ("FAILED",)
    written = "SELECT COUNT(*) FROM organizations_staffmember WHERE number LIKE '5%'"
    assert _row(database, written) == (0,)
