"""Imports end in a clear state when the process running them dies: the heartbeat, the
recovery (on the pages and by the daily command), the upload deleted, the restart."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dxjinzai.core import import_runs
from dxjinzai.core.import_runs import (
    INTERRUPTED_MESSAGE,
    STALE_AFTER,
    UNEXPECTED_MESSAGE,
    recover_interrupted_runs,
    remove_orphaned_uploads,
    upload_dir,
)
from dxjinzai.core.models import ImportRun, ImportStatus
from dxjinzai.organizations import import_jobs
from dxjinzai.organizations.import_jobs import staff_import_run, staff_import_start_record
from dxjinzai.organizations.models import StaffMember

CSV = "職員番号,氏名,フリガナ\n09001,取込 太郎,トリコミ タロウ\n".encode()


def _run(cast, body="A", **options) -> ImportRun:
    return staff_import_start_record(
        actor=cast.users[f"{body}.hr"],
        body=cast.bodies[body],
        filename="staff.csv",
        data=CSV,
        dry_run=options.get("dry_run", False),
        complete=options.get("complete", False),
        only_valid=False,
        sheet=options.get("sheet", ""),
    )


def _as_if_its_process_died(run: ImportRun, silent_for: timedelta) -> None:
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=ImportStatus.RUNNING,
        phase="内容を確認しています",
        heartbeat_at=timezone.now() - silent_for,
    )


def test_progress_updates_are_the_heartbeat(cast):
    run = _run(cast)
    staff_import_run(run.pk)
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE
    assert run.heartbeat_at is not None


def test_the_report_page_ends_a_run_whose_process_died(cast, client_as):
    run = _run(cast, complete=True, sheet="名簿")
    _as_if_its_process_died(run, STALE_AFTER + timedelta(minutes=1))
    assert Path(run.stored_file).exists()
    page = client_as("A.hr").get(reverse("import_run_detail", args=[cast.bodies["A"].code, run.pk]))
    html = page.content.decode()
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert run.message == INTERRUPTED_MESSAGE.format(minutes=10)
    assert "10分以上応答がありませんでした" in html
    assert not Path(run.stored_file or "/nonexistent").exists()
    assert not (upload_dir() / f"{run.pk}.upload").exists()
    restart = reverse("staff_import", args=[cast.bodies["A"].code]) + "?complete=on&amp;sheet="
    assert restart in html
    assert not StaffMember.unscoped.filter(number="09001").exists()


def test_a_run_that_is_still_beating_is_left_alone(cast):
    run = _run(cast)
    _as_if_its_process_died(run, STALE_AFTER - timedelta(minutes=1))
    assert recover_interrupted_runs() == 0
    run.refresh_from_db()
    assert run.status == ImportStatus.RUNNING
    assert Path(run.stored_file).exists()


def test_a_recovered_run_is_never_run_again(cast):
    run = _run(cast)
    _as_if_its_process_died(run, STALE_AFTER * 2)
    recover_interrupted_runs()
    staff_import_run(run.pk)  # the task, replayed by a worker that comes back
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert not StaffMember.unscoped.filter(number="09001").exists()


def test_the_task_left_running_by_a_dead_worker_is_failed_too(cast):
    run = _run(cast)
    enqueued = import_jobs.staff_import_task.enqueue(run.pk)
    ImportRun.unscoped.filter(pk=run.pk).update(task_id=str(enqueued.id))
    DBTaskResult.objects.filter(pk=enqueued.id).update(
        status="RUNNING", started_at=timezone.now() - STALE_AFTER * 2
    )
    _as_if_its_process_died(run, STALE_AFTER * 2)
    assert recover_interrupted_runs() == 1
    task = DBTaskResult.objects.get(pk=enqueued.id)
    assert task.status == "FAILED" and task.finished_at is not None


def test_a_waiting_run_waits_while_its_task_waits_and_ends_when_its_task_ended(cast):
    run = _run(cast)
    enqueued = import_jobs.staff_import_task.enqueue(run.pk)
    long_ago = timezone.now() - STALE_AFTER * 2
    ImportRun.unscoped.filter(pk=run.pk).update(task_id=str(enqueued.id), created_at=long_ago)
    assert recover_interrupted_runs() == 0  # no worker yet: it will run when one starts
    DBTaskResult.objects.filter(pk=enqueued.id).update(status="FAILED")
    assert recover_interrupted_runs() == 1
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED


def test_an_unforeseen_error_ends_the_run_as_failed_with_nothing_written(cast, monkeypatch):
    def disk_full(**kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(import_jobs, "planned_staff_import", disk_full)
    run = _run(cast)
    with pytest.raises(OSError):
        staff_import_run(run.pk)
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert run.message == UNEXPECTED_MESSAGE
    assert not (upload_dir() / f"{run.pk}.upload").exists()
    assert not StaffMember.unscoped.filter(number="09001").exists()


def test_the_daily_command_recovers_every_body_and_removes_orphaned_uploads(cast, capsys):
    dead_a, dead_b, waiting = _run(cast, "A"), _run(cast, "B"), _run(cast, "P")
    for run in (dead_a, dead_b):
        _as_if_its_process_died(run, STALE_AFTER * 3)
    orphan = upload_dir() / "left-by-a-crash.upload"
    orphan.write_bytes(CSV)
    fresh_orphan = upload_dir() / "being-written.upload"
    fresh_orphan.write_bytes(CSV)
    two_hours_ago = time.time() - 7_200
    for path in (orphan, Path(waiting.stored_file)):
        os.utime(path, (two_hours_ago, two_hours_ago))
    call_command("cleanup_jobs")
    assert (
        "中断された取込 2件を終了し、不要なファイル 1件を削除しました。" in capsys.readouterr().out
    )
    for run in (dead_a, dead_b):
        run.refresh_from_db()
        assert run.status == ImportStatus.FAILED
    assert not orphan.exists()
    assert fresh_orphan.exists()  # may belong to an import being started right now
    assert Path(waiting.stored_file).exists()  # its run still needs it
    assert remove_orphaned_uploads(now=timezone.now() + import_runs.ORPHAN_AFTER * 2) == 1


def test_starting_again_fills_the_form_with_the_runs_options(cast, client_as):
    url = reverse("staff_import", args=[cast.bodies["A"].code]) + "?complete=on&sheet=名簿"
    form = client_as("A.hr").get(url).context["form"]
    assert form.initial == {"complete": True, "sheet": "名簿", "dry_run": False}
