"""Importing training records (修了) and qualification holdings (保有資格) from CSV or XLSX.

The same guarantees as the staff import, on the same ImportRun and report page: every row
is checked first and every problem is reported by row and column; nothing is written unless
the whole file is valid, or the user chose to import the valid rows; a dry run writes
nothing. Large files run in the background worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
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
from dxjinzai.lib.dates import DateParseError, parse_date_text
from dxjinzai.lib.tabular import Table
from dxjinzai.lib.text import nfkc, normalize_code
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.organizations.selectors import partner_body_ids
from dxjinzai.skills import services as skills_services
from dxjinzai.skills.models import HoldingSource, Qualification
from dxjinzai.skills.rules import normalise_number
from dxjinzai.skills.search import search_documents_deferred
from dxjinzai.skills.selectors import qualification_list
from dxjinzai.training import services
from dxjinzai.training.models import Completion, Course

COMPLETIONS = "completions"
QUALIFICATIONS = "qualifications"
COLUMNS = {
    COMPLETIONS: {"required": ["職員番号", "研修名", "修了日"], "optional": ["時間", "備考"]},
    QUALIFICATIONS: {
        "required": ["職員番号", "資格名", "取得日"],
        "optional": ["回次", "番号", "有効期限"],
    },
}


# Each kind's template file: its header and one example row.
TEMPLATE_EXAMPLES = {
    COMPLETIONS: {
        "職員番号": "000123",
        "研修名": "情報セキュリティ研修",
        "修了日": "2026-07-01",
        "時間": "2",
        "備考": "",
    },
    QUALIFICATIONS: {
        "職員番号": "000123",
        "資格名": "ITパスポート試験",
        "取得日": "2026-06-15",
        "回次": "",
        "番号": "",
        "有効期限": "",
    },
}


@dataclass
class Planned:
    row: int
    staff: StaffMember
    label: str
    write: Callable[[Any], Any]


@dataclass
class RecordsPlan:
    rows_total: int = 0
    planned: list[Planned] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append({"row": row, "column": column, "message": message, "level": "error"})

    @property
    def rejected_rows(self) -> int:
        return len({p["row"] for p in self.problems})


def records_import_start(
    *,
    actor: Actor,
    body: Body,
    kind: str,
    filename: str,
    data: bytes,
    dry_run: bool = False,
    only_valid: bool = False,
) -> ImportRun:
    run = import_run_create(
        actor=actor,
        body=body,
        kind=kind,
        filename=filename,
        data=data,
        options={"dry_run": dry_run, "only_valid": only_valid},
    )
    return run_now_or_queue(run, task=records_import_task, run_now=records_import_run)


@task()
def records_import_task(run_id: int) -> None:
    records_import_run(run_id)


def records_import_run(run_id: int, *, today: date | None = None) -> None:
    run_import(run_id, lambda run, table: _records_import(run, table, today or clock.today()))


def _records_import(run: ImportRun, table: Table, today: date) -> None:
    run_update(run, phase="内容を確認しています")
    _conclude(run, plan_records(kind=run.kind, body=run.body, table=table, today=today))


def plan_records(*, kind: str, body: Body, table: Table, today: date) -> RecordsPlan:
    """Check every row; each valid row becomes a write to run later."""
    plan = RecordsPlan()
    missing = [h for h in COLUMNS[kind]["required"] if h not in table.headers]
    if missing:
        plan.problem(1, "見出し", f"必須の列がありません：{'、'.join(missing)}")
        return plan
    staff_by_number = {
        s.number: s for s in StaffMember.unscoped.filter(body=body).select_related("body")
    }
    read_row = _completion_row if kind == COMPLETIONS else _qualification_row
    lookup = _courses(body) if kind == COMPLETIONS else _qualifications(body)
    seen: set[tuple] = set()
    for number, cells in table.rows:
        plan.rows_total += 1
        values = {
            h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(table.headers)
        }
        found_before = len(plan.problems)
        staff = staff_by_number.get(normalize_code(values["職員番号"]))
        if staff is None:
            plan.problem(number, "職員番号", f"職員番号「{values['職員番号']}」の職員がいません。")
        else:
            read_row(plan, number, staff, values, lookup, seen, today)
        # Each problem names the row's 職員番号, so the official finds the person.
        for problem in plan.problems[found_before:]:
            problem["number"] = normalize_code(values["職員番号"])
    return plan


def _courses(body: Body) -> dict[str, Course]:
    # A body's own courses, and the consortium's shared ones its staff may have completed.
    courses = Course.unscoped.filter(
        Q(body=body) | Q(shared_with_consortium=True, body_id__in=partner_body_ids(body))
    )
    return {nfkc(c.title): c for c in courses}


def _qualifications(body: Body) -> dict[str, Qualification]:
    return {nfkc(q.name): q for q in qualification_list(body)}


def _date(plan: RecordsPlan, row: int, column: str, raw: str, today: date) -> date | None:
    try:
        day = parse_date_text(raw)
    except DateParseError as error:
        plan.problem(row, column, str(error))
        return None
    if day > today:
        plan.problem(row, column, f"{column}に未来の日付は指定できません。")
        return None
    return day


def _completion_row(plan, row, staff, values, courses, seen, today) -> None:  # type: ignore[no-untyped-def]
    course = courses.get(nfkc(values["研修名"]))
    if course is None:
        plan.problem(row, "研修名", f"研修「{values['研修名']}」が登録されていません。")
    completed_on = _date(plan, row, "修了日", values["修了日"], today)
    hours = course.hours if course else Decimal(0)
    if values.get("時間"):
        try:
            hours = Decimal(normalize_code(values["時間"]))
        except InvalidOperation:
            plan.problem(row, "時間", f"時間「{values['時間']}」を数値として読めません。")
            return
    if course is None or completed_on is None:
        return
    key = (staff.pk, course.pk, completed_on)
    if (
        key in seen
        or Completion.unscoped.filter(
            staff=staff, course=course, completed_on=completed_on
        ).exists()
    ):
        plan.problem(row, "修了日", "同じ人・研修・修了日の記録がすでにあります。")
        return
    seen.add(key)
    note = values.get("備考", "")

    def write(actor: Actor) -> None:
        services.completion_import(
            actor=actor,
            staff=staff,
            course=course,
            completed_on=completed_on,
            hours=hours,
            note=note,
        )

    plan.planned.append(Planned(row, staff, f"{course.title}（{completed_on:%Y-%m-%d}）", write))


def _qualification_row(plan, row, staff, values, qualifications, seen, today) -> None:  # type: ignore[no-untyped-def]
    qualification = qualifications.get(nfkc(values["資格名"]))
    if qualification is None:
        plan.problem(row, "資格名", f"資格「{values['資格名']}」が資格一覧にありません。")
        return
    acquired_on = _date(plan, row, "取得日", values["取得日"], today)
    expires_on = None
    if values.get("有効期限"):
        try:
            expires_on = parse_date_text(values["有効期限"])
        except DateParseError as error:
            plan.problem(row, "有効期限", str(error))
            return
    if acquired_on is None:
        return
    fields = {
        "number": normalise_number(values.get("番号", "")),
        "sitting": nfkc(values.get("回次", "")),
    }
    errors = skills_services.holding_errors(
        staff, qualification, acquired_on, today, fields["number"], fields["sitting"]
    )
    if (staff.pk, qualification.pk) in seen:
        errors["qualification"] = "同じ人の同じ資格がファイル内に2回あります。"
    seen.add((staff.pk, qualification.pk))
    columns = {
        "qualification": "資格名",
        "number": "番号",
        "sitting": "回次",
        "acquired_on": "取得日",
    }
    for name, message in errors.items():
        plan.problem(row, columns.get(name, name), message)
    if errors:
        return

    def write(actor: Actor) -> None:
        skills_services.qualification_holding_create(
            actor=actor,
            staff=staff,
            qualification=qualification,
            acquired_on=acquired_on,
            today=today,
            expires_on=expires_on,
            source=HoldingSource.IMPORT,
            **fields,
        )

    plan.planned.append(Planned(row, staff, qualification.name, write))


def _conclude(run: ImportRun, plan: RecordsPlan) -> None:
    counts = {
        "total": plan.rows_total,
        "created": len(plan.planned),
        "updated": 0,
        "unchanged": 0,
        "retired": 0,
        "rejected": plan.rejected_rows,
    }
    report = {
        "created": [
            [p.row, p.staff.number, f"{p.staff.full_name}：{p.label}"] for p in plan.planned
        ]
    }
    if run.options.get("dry_run"):
        message = "確認のみ行いました（書き込みはしていません）。"
    elif plan.problems and not run.options.get("only_valid"):
        message = "誤りのある行があるため、何も取り込んでいません。"
        counts["created"] = 0
        report = {}
    else:
        _write(run.created_by, plan)
        message = f"{len(plan.planned)}件を取り込みました。"
    run_finish(
        run, ImportStatus.DONE, message, counts=counts, problems=plan.problems, report=report
    )


@transaction.atomic
def _write(actor: Actor, plan: RecordsPlan) -> None:
    # A file of a year's completions touches each person many times: their search
    # document is rebuilt once each, after the rows.
    with search_documents_deferred():
        for planned in plan.planned:
            planned.write(actor)
