"""The only writers of frameworks, talent holdings, the qualification catalogue and holdings."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.audit import audit_record
from dxjinzai.core.models import AuditAction
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills.models import (
    Framework,
    HoldingSource,
    Level,
    Qualification,
    QualificationHolding,
    RoleClass,
    SkillCategory,
    SkillItem,
    TalentHolding,
    TalentType,
)
from dxjinzai.skills.presets import PRESETS, PROFICIENCY_SCALE
from dxjinzai.skills.rules import (
    expiry_date,
    normalise_number,
    qualification_number_error,
    sitting_error,
)
from dxjinzai.skills.selectors import qualification_list


@transaction.atomic
def framework_load_preset(
    *, actor: Any, body: Body, key: str, shared_with_consortium: bool = False
) -> Framework:
    """Copy a preset into the body as its own framework, which it may then edit."""
    preset = PRESETS.get(key)
    if preset is None:
        raise ValidationError({"preset": "選んだ既定のフレームワークが見つかりません。"})
    if Framework.unscoped.filter(body=body, name=preset.name).exists():
        raise ValidationError({"preset": f"「{preset.name}」はすでに読み込まれています。"})
    framework = Framework.unscoped.create(
        body=body,
        name=preset.name,
        description=preset.description,
        preset_key=preset.key,
        is_reference=preset.is_reference,
        shared_with_consortium=shared_with_consortium,
    )
    for order, (name, headcount) in enumerate(preset.types):
        TalentType.objects.create(
            framework=framework, name=name, order=order, target_headcount=headcount
        )
    for index, (name, track) in enumerate(preset.levels):
        Level.objects.create(
            framework=framework, name=name, track=track, rank=len(preset.levels) - index
        )
    for order, (name, areas) in enumerate(preset.role_classes):
        RoleClass.objects.create(framework=framework, name=name, required_areas=areas, order=order)
    for order, category in enumerate(preset.categories):
        made = SkillCategory.objects.create(
            framework=framework, name=category.name, kind=category.kind, order=order
        )
        SkillItem.objects.bulk_create(
            SkillItem(
                category=made,
                name=item,
                order=index,
                scale=PROFICIENCY_SCALE,
                our_wording=category.our_wording,
            )
            for index, item in enumerate(category.items)
        )
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE,
        target=framework,
        changes={"preset": preset.key},
    )
    return framework


@transaction.atomic
def talent_holding_create(
    *,
    actor: Any,
    staff: StaffMember,
    since: date,
    source: str,
    talent_type: TalentType | None = None,
    level: Level | None = None,
    role_class: RoleClass | None = None,
    source_note: str = "",
) -> TalentHolding:
    """A person holds a type, a level or a role class from `since` (exactly one of them)."""
    named = [held for held in (talent_type, level, role_class) if held is not None]
    if len(named) != 1:
        raise ValidationError("人材像・レベル・役割区分のいずれか1つを選んでください。")
    duplicate = TalentHolding.unscoped.filter(
        staff=staff, talent_type=talent_type, level=level, role_class=role_class
    )
    if duplicate.exists():
        raise ValidationError(f"{staff.full_name}さんはすでに「{named[0]}」を保有しています。")
    holding = TalentHolding.unscoped.create(
        body=staff.body,
        staff=staff,
        talent_type=talent_type,
        level=level,
        role_class=role_class,
        since=since,
        source=source,
        source_note=source_note,
    )
    audit_record(actor=actor, body=staff.body, action=AuditAction.CREATE, target=holding)
    return holding


@transaction.atomic
def qualification_create(*, actor: Any, body: Body, **fields: Any) -> Qualification:
    qualification = Qualification(body=body, **fields)
    if fields.get("number_pattern"):
        _check_pattern(fields["number_pattern"])
    if qualification_list(body).filter(name=qualification.name).exists():
        raise ValidationError({"name": "同じ名前の資格がすでに登録されています。"})
    qualification.full_clean()
    qualification.save()
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=qualification)
    return qualification


def _check_pattern(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValidationError(
            {"number_pattern": "番号の形式（正規表現）が正しくありません。"}
        ) from error


@transaction.atomic
def qualification_holding_create(
    *,
    actor: Any,
    staff: StaffMember,
    qualification: Qualification,
    acquired_on: date,
    today: date,
    number: str = "",
    sitting: str = "",
    expires_on: date | None = None,
    evidence: Any = None,
    source: str = HoldingSource.REGISTERED,
    source_note: str = "",
) -> QualificationHolding:
    """Register that a person holds a qualification; every rule is checked before writing."""
    number = normalise_number(number)
    errors = holding_errors(staff, qualification, acquired_on, today, number, sitting)
    if errors:
        raise ValidationError(errors)
    holding = QualificationHolding.unscoped.create(
        body=staff.body,
        staff=staff,
        qualification=qualification,
        acquired_on=acquired_on,
        number=number,
        sitting=sitting,
        expires_on=expires_on or expiry_date(acquired_on, qualification.validity_years),
        evidence=evidence or "",
        source=source,
        source_note=source_note,
    )
    audit_record(actor=actor, body=staff.body, action=AuditAction.CREATE, target=holding)
    return holding


def holding_errors(
    staff: StaffMember,
    qualification: Qualification,
    acquired_on: date,
    today: date,
    number: str,
    sitting: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if qualification.body_id not in (None, staff.body_id):
        errors["qualification"] = "この団体では使えない資格です。"
    if acquired_on > today:
        errors["acquired_on"] = "取得日に未来の日付は指定できません。"
    problem = qualification_number_error(
        number, qualification.number_pattern, qualification.number_example
    )
    if problem:
        errors["number"] = problem
    if qualification.has_sitting:
        problem = sitting_error(sitting)
        if problem:
            errors["sitting"] = problem
    if QualificationHolding.unscoped.filter(staff=staff, qualification=qualification).exists():
        errors["qualification"] = (
            f"{staff.full_name}さんの「{qualification.name}」はすでに登録されています。"
        )
    return errors
