"""Running a staff import: inline for small files, as a background task for large ones.

An ImportRun records the upload, its progress and its report. The uploaded file is kept
only until the run has read it: it holds personal data.
"""

from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django_tasks import task

from dxjinzai.core import clock
from dxjinzai.core.actor import Actor
from dxjinzai.core.import_runs import (
    import_run_create,
    run_finish,
    run_import,
    run_now_or_queue,
    run_update,
)
from dxjinzai.core.models import ImportRun, ImportStatus
from dxjinzai.lib.tabular import Table
from dxjinzai.organizations import services
from dxjinzai.organizations.models import Body
from dxjinzai.organizations.rules import too_many_retirements, too_many_retirements_message
from dxjinzai.organizations.staff_import import ImportStopped
from dxjinzai.organizations.staff_import_plan import ImportPlan, planned_staff_import

STAFF_IMPORT = "staff"

# A staff file may hold a prefecture's staff and more: it is read in batches, in flat memory
# (staff_import_plan), unlike the other imports, which keep read_table's limits.
STAFF_FILE_LIMITS = {
    "max_rows": 1_000_000,
    "max_bytes": 200 * 1024 * 1024,
    "max_unpacked": 800 * 1024 * 1024,
}


def staff_import_start(
    *,
    actor: Actor,
    body: Body,
    filename: str,
    data: bytes | BinaryIO,
    dry_run: bool = False,
    complete: bool = False,
    only_valid: bool = False,
    sheet: str = "",
    confirm_retirements: bool = False,
) -> ImportRun:
    """Record the upload and run it now, or queue it for the worker when it holds many rows."""
    run = staff_import_start_record(
        actor=actor,
        body=body,
        filename=filename,
        data=data,
        dry_run=dry_run,
        complete=complete,
        only_valid=only_valid,
        sheet=sheet,
        confirm_retirements=confirm_retirements,
    )
    return run_now_or_queue(
        run, task=staff_import_task, run_now=staff_import_run, limits=STAFF_FILE_LIMITS
    )


def staff_import_start_record(
    *,
    actor: Actor,
    body: Body,
    filename: str,
    data: bytes | BinaryIO,
    dry_run: bool,
    complete: bool,
    only_valid: bool,
    sheet: str,
    confirm_retirements: bool = False,
) -> ImportRun:
    """The ImportRun of an upload, with the file kept until the run reads it."""
    options = {
        "dry_run": dry_run,
        "complete": complete,
        "only_valid": only_valid,
        "sheet": sheet,
        "confirm_retirements": confirm_retirements,
    }
    return import_run_create(
        actor=actor, body=body, kind=STAFF_IMPORT, filename=filename, data=data, options=options
    )


@task()
def staff_import_task(run_id: int) -> None:
    staff_import_run(run_id)


def staff_import_run(run_id: int, *, today: date | None = None) -> None:
    """Read, validate, plan and (unless a dry run or refused) write one import."""
    run_import(
        run_id,
        lambda run, table: _staff_import(run, table, today or clock.today()),
        limits=STAFF_FILE_LIMITS,
    )


def _staff_import(run: ImportRun, table: Table, today: date) -> None:
    run_update(run, total_rows=table.estimated_rows, phase="内容を確認しています")
    try:
        with planned_staff_import(
            body=run.body,
            table=table,
            complete=run.options.get("complete", False),
            today=today,
            progress=lambda n: run_update(run, processed_rows=n),
        ) as plan:
            _conclude(run, plan)
    except ImportStopped as stopped:
        run_finish(
            run,
            ImportStatus.FAILED,
            "必須の列が足りないため、取り込みを中止しました。",
            problems=[p.as_dict() for p in stopped.problems],
        )


def _conclude(run: ImportRun, plan: ImportPlan) -> None:
    problems = [p.as_dict() for p in plan.problems]
    report = plan_report(plan)
    counts = plan.counts()
    found: dict[str, Any] = {"problems": problems, "problems_total": plan.problems_total}
    if run.options.get("dry_run"):
        message = "確認のみ行いました（書き込みはしていません）。"
        retiring = len(plan.retires)
        if too_many_retirements(retiring, plan.active_before) and not run.options.get(
            "confirm_retirements"
        ):
            message += too_many_retirements_message(retiring, plan.active_before)
        run_finish(run, ImportStatus.DONE, message, counts=counts, report=report, **found)
        return
    run_update(run, phase="書き込んでいます", processed_rows=plan.rows_total)
    try:
        counts = services.staff_import_apply(
            actor=run.created_by,
            body=run.body,
            plan=plan,
            only_valid=run.options.get("only_valid", False),
            source=run.filename,
            confirm_retirements=run.options.get("confirm_retirements", False),
        )
    except ValidationError as error:
        refused = counts | {"created": 0, "updated": 0, "retired": 0}
        run_finish(run, ImportStatus.DONE, error.messages[0], counts=refused, report={}, **found)
        return
    run_finish(run, ImportStatus.DONE, "取り込みました。", counts=counts, report=report, **found)


def plan_report(plan: ImportPlan) -> dict[str, Any]:
    """What the plan does, row by row: created, updated (before → after) and retired, the
    first rows of each (the counts say how many in all). Every part is bounded: the number of
    rows by the plan (ImportPlan.created), their values by the fields' lengths, the cells of
    rejected rows by ImportPlan.reject."""
    return {
        "created": [list(entry) for entry in plan.created()],
        "updated": [list(entry) for entry in plan.updated()],
        "retired": plan.retired(),
        "ignored_columns": plan.ignored_columns,
        "rejected_cells": {str(row): cells for row, cells in plan.rejected_cells.items()},
    }
