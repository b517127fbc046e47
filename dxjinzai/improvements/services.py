"""The only writers of improvement activities and their award recommendations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.improvements.models import Improvement, InHouseSystem
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body, Department


@transaction.atomic
def improvement_create(
    *,
    actor: Actor,
    body: Body,
    department: Department,
    fiscal_year: int,
    title: str,
    summary: str,
    today: date,
) -> Improvement:
    improvement = Improvement(body=body, reported_by=acting_user(actor))
    _fill(improvement, department, fiscal_year, title, summary, today)
    improvement.save()
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=improvement)
    return improvement


def _fill(
    improvement: Improvement,
    department: Department,
    fiscal_year: int,
    title: str,
    summary: str,
    today: date,
) -> None:
    if department.body_id != improvement.body_id:
        raise ValidationError({"department": "この団体の所属を選んでください。"})
    if fiscal_year > fiscal_year_of(today):
        raise ValidationError({"fiscal_year": "先の年度の取組は登録できません。"})
    improvement.department = department
    improvement.fiscal_year = fiscal_year
    improvement.title = title.strip()
    improvement.summary = summary.strip()
    improvement.full_clean()


EDITED_FIELDS = ["department", "fiscal_year", "title", "summary"]


@transaction.atomic
def improvement_update(
    *,
    actor: Actor,
    improvement: Improvement,
    department: Department,
    fiscal_year: int,
    title: str,
    summary: str,
    today: date,
) -> Improvement:
    before = snapshot(improvement, EDITED_FIELDS)
    _fill(improvement, department, fiscal_year, title, summary, today)
    improvement.save()
    audit_record(
        actor=actor,
        body=improvement.body,
        action=AuditAction.UPDATE,
        target=improvement,
        changes=diff(before, snapshot(improvement, EDITED_FIELDS)),
    )
    return improvement


@transaction.atomic
def improvement_delete(*, actor: Actor, improvement: Improvement) -> None:
    """An entry made by mistake may go; one recommended for the award may not (the
    recommendation rests on it)."""
    if improvement.award_recommended_on:
        raise ValidationError("表彰に推薦済みの取組は削除できません。内容の修正はできます。")
    audit_record(actor=actor, body=improvement.body, action=AuditAction.DELETE, target=improvement)
    improvement.delete()


@transaction.atomic
def improvement_recommend(
    *, actor: Actor, improvement: Improvement, note: str, today: date
) -> Improvement:
    """The DX division recommends an outstanding activity for the award (クレドアワード)."""
    if improvement.award_recommended_on:
        raise ValidationError("この取組はすでに表彰に推薦されています。")
    improvement.award_recommended_on = today
    improvement.award_note = note.strip()
    improvement.save(update_fields=["award_recommended_on", "award_note"])
    audit_record(
        actor=actor,
        body=improvement.body,
        action=AuditAction.UPDATE,
        target=improvement,
        changes={"award_recommended_on": ["", today.isoformat()]},
    )
    return improvement


# --- The register of in-house systems (滋賀県) ---------------------------------------------

SYSTEM_FIELDS = [
    "name",
    "kind",
    "department",
    "builders",
    "supporting_expert",
    "went_live_on",
    "users",
    "hours_saved_per_year",
    "status",
    "note",
]


@transaction.atomic
def system_save(
    *, actor: Actor, body: Body, today: date, system: InHouseSystem | None = None, **fields: Any
) -> InHouseSystem:
    """Register a system staff built, or correct one (a stop is a correction of its state)."""
    created = system is None
    system = system or InHouseSystem(body=body)
    before = {} if created else snapshot(system, SYSTEM_FIELDS)
    for name, value in fields.items():
        setattr(system, name, value)
    department = fields.get("department")
    if department is not None and department.body_id != body.pk:
        raise ValidationError({"department": "この団体の所属を選んでください。"})
    if system.went_live_on and system.went_live_on > today:
        raise ValidationError(
            {"went_live_on": "稼働を始めたシステムを登録します（稼働開始日は今日まで）。"}
        )
    system.full_clean()
    system.save()
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=system,
        changes=None if created else diff(before, snapshot(system, SYSTEM_FIELDS)),
    )
    return system


@transaction.atomic
def system_delete(*, actor: Actor, system: InHouseSystem) -> None:
    """Remove a system registered by mistake (a system that stopped is marked 停止 instead)."""
    audit_record(actor=actor, body=system.body, action=AuditAction.DELETE, target=system)
    system.delete()
