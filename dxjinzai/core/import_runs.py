"""The life of an ImportRun, whatever it imports: progress with a heartbeat, a clear end even
when the process running it dies, and its upload (personal data) never left behind.

A run is RUNNING while a process works on it; that process updates `heartbeat_at` with each
step it reports. A run whose heartbeat is older than `stale_after()` has lost its process (the
worker or the web server was stopped or killed): `recover_interrupted_runs` marks it failed
in Japanese and deletes its upload. Nothing was written: every import writes in one
transaction at its end, which the database rolls back when the process dies.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.models import IMPORT_KIND_PAGES, ImportRun, ImportStatus
from dxjinzai.lib.tabular import Table, TabularError, read_table

logger = logging.getLogger(__name__)

# Progress is reported every 5,000 rows (a few seconds); the final write of 200,000 rows
# takes under a minute. Ten minutes of silence means the process is gone
# (settings.IMPORT_STALE_AFTER_SECONDS; the fault tests shorten it).
STALE_AFTER = timedelta(minutes=10)


def stale_after() -> timedelta:
    seconds = getattr(settings, "IMPORT_STALE_AFTER_SECONDS", None)
    return timedelta(seconds=seconds) if seconds else STALE_AFTER


# Files of this many rows or more go to the background worker (a few seconds of work inline).
# Counted from what the file holds: a small XLSX can hold a million rows.
BACKGROUND_FROM_ROWS = 3_000
# An upload is copied to the store this much at a time.
UPLOAD_COPY_CHUNK = 1 << 20
# An upload that no waiting or running run refers to is deleted after this long (the
# start of an import writes the file a moment before it records it on the run).
ORPHAN_AFTER = timedelta(hours=1)
# A run stores its first problems (by row) up to this number; the counts stay complete.
REPORT_PROBLEMS = 10_000
# A dry run without errors keeps its file this long, so that one button imports exactly what
# was checked (「この内容で取り込む」) without choosing the file again. Afterwards the file
# (personal data) is deleted: at the next look at the run, or by the daily cleanup_jobs.
KEEP_CHECKED_FOR = ORPHAN_AFTER

INTERRUPTED_MESSAGE = (
    "処理中にサーバーまたはバックグラウンド処理が停止したため、取込を中断しました"
    "（{minutes}分以上応答がありませんでした）。何も書き込まれていません。"
    "アップロードされたファイルは削除しました。もう一度ファイルを選んで取り込んでください。"
)
UNEXPECTED_MESSAGE = (
    "予期しないエラーのため取込を中止しました。何も書き込まれていません。"
    "時間をおいてもう一度取り込み、続くときは運用担当者に連絡してください。"
)
NOT_COMMITTABLE_MESSAGE = (
    "この確認結果からは取り込めません。誤りのない確認のみの取込で、確認から"
    f"{int(KEEP_CHECKED_FOR.total_seconds() // 60)}分以内に限ります"
    "（ファイルは個人情報のため、それ以降は削除しています）。もう一度ファイルを選んでください。"
)
NOT_STORED_MESSAGE = (
    "サーバーにファイルを保存できなかったため（空き容量の不足など）、取込を中止しました。"
    "何も書き込まれていません。運用担当者に連絡してください。"
)


# Each kind of import's background task and inline runner, registered by the app that runs
# it (AppConfig.ready), so a checked run can be committed whatever its kind.
_RUNNERS: dict[str, tuple[Any, Callable[[int], None], dict[str, int] | None]] = {}


def register_import_kind(
    kind: str, *, task: Any, run_now: Callable[[int], None], limits: dict[str, int] | None = None
) -> None:
    """`limits`: read_table's, for a kind that reads more than the default (see run_import)."""
    _RUNNERS[kind] = (task, run_now, limits)


def import_run_create(
    *,
    actor: Actor,
    body: Any,
    kind: str,
    filename: str,
    data: bytes | BinaryIO,
    options: dict[str, Any],
) -> ImportRun:
    """The ImportRun of an upload, with the file kept until the run reads it (every kind of
    import starts here). `data`: the file's bytes, or the uploaded file itself, which is then
    copied to the store a piece at a time, never held whole."""
    run = ImportRun.unscoped.create(
        kind=kind,
        body=body,
        created_by=acting_user(actor),
        filename=filename[:255],
        options=options,
    )
    store_upload(run, data)
    return run


def run_now_or_queue(
    run: ImportRun,
    *,
    task: Any,
    run_now: Callable[[int], None],
    limits: dict[str, int] | None = None,
) -> ImportRun:
    """Run an import in this request, or queue it for the worker when the file holds many
    rows. A file over the limits (`limits`, as run_import's) fails at once, in the request,
    without the worker."""
    if not run.is_finished:  # finished already when the upload could not be stored
        rows = rows_in(Path(run.stored_file), run.filename, run.options.get("sheet", ""), limits)
        if rows >= BACKGROUND_FROM_ROWS:
            enqueued = task.enqueue(run.pk)
            run_update(run, task_id=str(getattr(enqueued, "id", "")))
        else:
            run_now(run.pk)
    run.refresh_from_db()
    return run


def rows_in(
    stored: Path, filename: str, sheet: str = "", limits: dict[str, int] | None = None
) -> int:
    """How many rows the stored file holds, by a light look; 0 when it cannot be read at all
    (the run then fails inline at once, with the reason, without occupying the worker)."""
    try:
        with stored.open("rb") as upload:
            return read_table(upload, filename, sheet or None, **(limits or {})).estimated_rows
    except TabularError:
        return 0


def store_upload(run: ImportRun, data: bytes | BinaryIO) -> bool:
    """Keep the upload until the run reads it. A file is written under a temporary name and
    renamed once whole, so a full disk never leaves half a file that a run would read; the
    run then fails at once, in Japanese."""
    stored = upload_dir() / f"{run.pk}.upload"
    partial = stored.with_suffix(".partial")
    try:
        if isinstance(data, bytes):
            partial.write_bytes(data)
        else:
            data.seek(0)
            with partial.open("wb") as copy:
                shutil.copyfileobj(data, copy, UPLOAD_COPY_CHUNK)
        partial.replace(stored)
    except OSError:
        logger.exception("upload of import run %s could not be stored", run.pk)
        partial.unlink(missing_ok=True)
        run_finish(run, ImportStatus.FAILED, NOT_STORED_MESSAGE)
        return False
    run_update(run, stored_file=str(stored))
    return True


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def run_update(run: ImportRun, **fields: Any) -> None:
    """Record progress; while the run works, each update is also its heartbeat."""
    if fields.get("status", run.status) == ImportStatus.RUNNING:
        fields.setdefault("heartbeat_at", clock.now())
    ImportRun.unscoped.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


def run_finish(
    run: ImportRun, status: str, message: str, *, problems_total: int = 0, **fields: Any
) -> None:
    """End a run. Its first REPORT_PROBLEMS problems by row are stored; `problems_total` says
    how many there were when the caller kept only those (a streamed import)."""
    problems = fields.get("problems") or []
    found = max(problems_total, len(problems))
    if found > REPORT_PROBLEMS:
        fields["problems"] = sorted(problems, key=lambda p: p["row"])[:REPORT_PROBLEMS]
        message += (
            f"（指摘が{found:,}件あるため、行の若い順に{REPORT_PROBLEMS:,}件だけを"
            "結果に残しています。）"
        )
    run_update(
        run,
        status=status,
        message=message,
        phase="",
        finished_at=clock.now(),
        stored_file="",
        **fields,
    )


@contextlib.contextmanager
def ends_clearly(run: ImportRun) -> Iterator[None]:
    """Around a run's work: an error nobody foresaw (the database gone, the disk full) still
    ends the run as failed, in Japanese, with its upload deleted; the error goes to the log."""
    try:
        yield
    except Exception:
        logger.exception("import run %s failed", run.pk)
        if run.stored_file:
            Path(run.stored_file).unlink(missing_ok=True)
        with contextlib.suppress(Exception):  # the database itself may be what failed
            run_finish(run, ImportStatus.FAILED, UNEXPECTED_MESSAGE)
        raise


def run_import(
    run_id: int, work: Callable[[ImportRun, Table], None], *, limits: dict[str, int] | None = None
) -> None:
    """The life every import shares once a worker (or the web request) picks it up: a run
    that already ended (recovered as interrupted) never runs twice; the stored upload is read
    as the rows are (`work` may stream it; `limits` are read_table's, for a kind of import
    that can take more) and deleted; a file that cannot be read, or that breaks a content
    limit while it is being read, fails the run with the reader's Japanese message; whatever
    else goes wrong in `work` still ends the run clearly (ends_clearly). `work` checks the
    rows and concludes the run with run_finish."""
    run = ImportRun.unscoped.select_related("body", "created_by").get(pk=run_id)
    if run.is_finished:
        return
    with ends_clearly(run):
        run_update(run, status=ImportStatus.RUNNING, phase="ファイルを読み取っています")
        stored = Path(run.stored_file)
        try:
            with _open_upload(run) as upload:
                sheet = run.options.get("sheet") or None
                work(run, read_table(upload, run.filename, sheet, **(limits or {})))
        except TabularError as error:
            run_finish(run, ImportStatus.FAILED, str(error))
        _keep_if_committable(run, stored)


def _open_upload(run: ImportRun) -> BinaryIO:
    """The uploaded file, open for reading. Its name (personal data) is removed at once,
    unless the run is a dry run (see _keep_if_committable): the open file stays readable
    until the run has read it, and the system frees it when it is closed, even if the
    process dies."""
    stored = Path(run.stored_file)
    upload = stored.open("rb")
    if not run.options.get("dry_run"):
        stored.unlink(missing_ok=True)
    return upload


def _keep_if_committable(run: ImportRun, stored: Path) -> None:
    """A dry run that found no error keeps its file for KEEP_CHECKED_FOR; any other dry run
    deletes it now."""
    if not run.options.get("dry_run"):
        return
    if run.status == ImportStatus.DONE and not run.counts.get("rejected") and stored.is_file():
        run_update(run, stored_file=str(stored))
    else:
        stored.unlink(missing_ok=True)


def checked_upload(run: ImportRun, *, now: datetime | None = None) -> Path | None:
    """The kept file of a dry run that can be committed as it is, or None. A file kept longer
    than KEEP_CHECKED_FOR is deleted here."""
    if not (run.options.get("dry_run") and run.status == ImportStatus.DONE and run.stored_file):
        return None
    stored = Path(run.stored_file)
    expired = run.finished_at is None or (now or clock.now()) - run.finished_at > KEEP_CHECKED_FOR
    if expired or run.counts.get("rejected") or not stored.is_file():
        stored.unlink(missing_ok=True)
        run_update(run, stored_file="")
        return None
    return stored


def import_run_commit(*, actor: Actor, run: ImportRun, now: datetime | None = None) -> ImportRun:
    """Import the file a dry run checked, with the same options, as a new run of the actor:
    the file moves to the new run, so it is imported at most once."""
    stored = checked_upload(run, now=now)
    if stored is None:
        raise ValidationError(NOT_COMMITTABLE_MESSAGE)
    committed = ImportRun.unscoped.create(
        kind=run.kind,
        body=run.body,
        created_by=acting_user(actor),
        filename=run.filename,
        options=run.options | {"dry_run": False},
    )
    moved = stored.replace(upload_dir() / f"{committed.pk}.upload")
    run_update(run, stored_file="")
    run_update(committed, stored_file=str(moved))
    task, run_now, limits = _RUNNERS[run.kind]
    return run_now_or_queue(committed, task=task, run_now=run_now, limits=limits)


def restart_url(run: ImportRun) -> str:
    """The page that starts this kind of import, its form filled with the run's options.
    The file itself is not kept (personal data): the user chooses it again."""
    flags = ("dry_run", "complete", "only_valid", "confirm_retirements")
    options = {key: "on" for key in flags if run.options.get(key)}
    if run.options.get("sheet"):
        options["sheet"] = run.options["sheet"]
    if run.kind != "staff":
        options["kind"] = run.kind
    page = reverse(IMPORT_KIND_PAGES[run.kind], args=[run.body.url_key])
    return f"{page}?{urlencode(options)}" if options else page


def interrupted_runs(now: datetime, body_id: int | None = None) -> list[ImportRun]:
    """Runs whose process has been silent for `stale_after()`: running (by their heartbeat), or
    still waiting although their task was taken by a worker, or ended, long ago."""
    silent_since = now - stale_after()
    runs = ImportRun.unscoped.annotate(last_sign=Coalesce("heartbeat_at", "created_at")).filter(
        Q(status=ImportStatus.RUNNING) | Q(status=ImportStatus.QUEUED, task_id__gt=""),
        last_sign__lt=silent_since,
    )
    if body_id is not None:
        runs = runs.filter(body_id=body_id)
    found = list(runs)
    waiting = [run.task_id for run in found if run.status == ImportStatus.QUEUED]
    still_ready = _tasks_still_waiting(waiting) if waiting else set()
    return [
        run for run in found if run.status == ImportStatus.RUNNING or run.task_id not in still_ready
    ]


def recover_interrupted_runs(*, now: datetime | None = None, body_id: int | None = None) -> int:
    """Mark every interrupted run failed, delete its upload and end its task; returns how many."""
    now = now or clock.now()
    runs = interrupted_runs(now, body_id)
    recovered = 0
    minutes = max(1, int(stale_after().total_seconds() // 60))
    for run in runs:
        if run.stored_file:
            Path(run.stored_file).unlink(missing_ok=True)
        run_finish(run, ImportStatus.FAILED, INTERRUPTED_MESSAGE.format(minutes=minutes))
        _end_task(run.task_id, now)
        recovered += 1
    return recovered


def remove_orphaned_uploads(*, now: datetime | None = None) -> int:
    """Delete uploads that no waiting or running run refers to; returns how many."""
    cutoff = (now or clock.now()).timestamp() - ORPHAN_AFTER.total_seconds()
    kept = set(
        ImportRun.unscoped.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING])
        .exclude(stored_file="")
        .values_list("stored_file", flat=True)
    )
    removed = 0
    for path in upload_dir().iterdir():
        if str(path) in kept or not path.is_file() or path.stat().st_mtime > cutoff:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def _tasks_still_waiting(task_ids: list[str]) -> set[str]:
    """Of these tasks, those no worker has taken yet (a run waits for them, rightly)."""
    from django_tasks_db.models import DBTaskResult

    ready = set(
        DBTaskResult.objects.filter(pk__in=task_ids, status="READY").values_list("pk", flat=True)
    )
    return {task_id for task_id in task_ids if uuid.UUID(task_id) in ready}


def _end_task(task_id: str, now: datetime) -> None:
    """The task of an interrupted run, left RUNNING by its dead worker, is marked failed."""
    from django_tasks_db.models import DBTaskResult

    if not task_id:
        return
    DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path="dxjinzai.core.import_runs.WorkerStopped",
        traceback=f"The worker stopped while running this task; recovered at {now.isoformat()}.",
    )
