"""The only writers of improvement activities and their award recommendations."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record
from dxjinzai.core.models import AuditAction
from dxjinzai.improvements.models import Improvement
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
    if department.body_id != body.pk:
        raise ValidationError({"department": "この団体の所属を選んでください。"})
    if fiscal_year > fiscal_year_of(today):
        raise ValidationError({"fiscal_year": "先の年度の取組は登録できません。"})
    improvement = Improvement(
        body=body,
        department=department,
        fiscal_year=fiscal_year,
        title=title.strip(),
        summary=summary.strip(),
        reported_by=acting_user(actor),
    )
    improvement.full_clean()
    improvement.save()
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=improvement)
    return improvement


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
