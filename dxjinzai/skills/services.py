"""The only writers of frameworks, talent holdings, the qualification catalogue and holdings."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills.models import (
    ExamDate,
    Framework,
    HoldingSource,
    Level,
    Qualification,
    QualificationHolding,
    RoleClass,
    SkillAssessment,
    SkillCategory,
    SkillItem,
    SkillTarget,
    TalentHolding,
    TalentProfile,
    TalentType,
)
from dxjinzai.skills.presets import PRESETS, PROFICIENCY_SCALE
from dxjinzai.skills.rules import (
    expiry_date,
    normalise_number,
    qualification_number_error,
    sitting_error,
)
from dxjinzai.skills.search import search_document_refresh
from dxjinzai.skills.selectors import qualification_list


@transaction.atomic
def framework_load_preset(
    *, actor: Actor, body: Body, key: str, shared_with_consortium: bool = False
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


FRAMEWORK_EDITED_FIELDS = ["name", "description", "shared_with_consortium"]


@transaction.atomic
def framework_update(
    *,
    actor: Actor,
    framework: Framework,
    headcounts: dict[int, int | None] | None = None,
    **changes: Any,
) -> Framework:
    """Correct a framework's name, description and sharing, and its types' target
    head-counts (目標人数); each change is audited before → after."""
    if (
        "name" in changes
        and Framework.unscoped.filter(body=framework.body, name=changes["name"])
        .exclude(pk=framework.pk)
        .exists()
    ):
        raise ValidationError({"name": f"「{changes['name']}」という名称はすでにあります。"})
    before = snapshot(framework, FRAMEWORK_EDITED_FIELDS)
    for name, value in changes.items():
        setattr(framework, name, value)
    framework.full_clean()
    framework.save()
    changed = diff(before, snapshot(framework, FRAMEWORK_EDITED_FIELDS))
    for talent_type in framework.types.all():
        if headcounts is None or talent_type.pk not in headcounts:
            continue
        wanted = headcounts[talent_type.pk]
        if wanted != talent_type.target_headcount:
            changed[f"目標人数：{talent_type.name}"] = [
                "" if talent_type.target_headcount is None else str(talent_type.target_headcount),
                "" if wanted is None else str(wanted),
            ]
            talent_type.target_headcount = wanted
            talent_type.save(update_fields=["target_headcount"])
    audit_record(
        actor=actor,
        body=framework.body,
        action=AuditAction.UPDATE,
        target=framework,
        changes=changed,
    )
    return framework


# The rows that make up a framework: deleting it deletes them, and nothing else.
_FRAMEWORK_PARTS = {Framework, TalentType, Level, RoleClass, SkillCategory, SkillItem, SkillTarget}


def framework_dependents(framework: Framework) -> list[str]:
    """What rests on a framework beyond its own parts (holdings, assessments, courses'
    skills, requirements, experts' skills …), by Japanese name; empty when it may go."""
    collector = Collector(using=router.db_for_write(Framework))
    try:
        collector.collect([framework])
    except ProtectedError as error:
        return sorted({_japanese_name(type(obj)) for obj in error.protected_objects})
    except RestrictedError as error:
        return sorted({_japanese_name(type(obj)) for obj in error.restricted_objects})
    found = {_japanese_name(model) for model, rows in collector.data.items() if rows}
    found |= {_japanese_name(rows.model) for rows in collector.fast_deletes if rows.exists()}
    return sorted(found - {_japanese_name(model) for model in _FRAMEWORK_PARTS})


def _japanese_name(model: Any) -> str:
    # A many-to-many link (a course's skills) is named by the model that holds it.
    holder = model._meta.auto_created or model
    return str(holder._meta.verbose_name)


@transaction.atomic
def framework_delete(*, actor: Actor, framework: Framework) -> None:
    """A framework nobody's records rest on is deleted with its parts (audited); otherwise
    it is refused, naming what rests on it, so no holding or requirement loses its meaning."""
    if dependents := framework_dependents(framework):
        raise ValidationError(
            f"「{framework.name}」は{'、'.join(dependents)}から使われているため削除できません。"
            "名称や共有の設定は修正できます。"
        )
    audit_record(actor=actor, body=framework.body, action=AuditAction.DELETE, target=framework)
    framework.delete()


@transaction.atomic
def talent_holding_create(
    *,
    actor: Actor,
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
    search_document_refresh(staff)
    return holding


def talent_grant(
    *,
    actor: Actor,
    staff: StaffMember,
    since: date,
    source: str,
    source_note: str,
    talent_type: TalentType | None = None,
    level: Level | None = None,
) -> list[TalentHolding]:
    """What a course or a certification grants: the type and the level the person does not
    hold yet (one already held is left as it is). Returns the new holdings."""
    held = TalentHolding.unscoped.filter(staff=staff)
    granted = []
    if talent_type and not held.filter(talent_type=talent_type).exists():
        granted.append(
            talent_holding_create(
                actor=actor,
                staff=staff,
                since=since,
                source=source,
                source_note=source_note,
                talent_type=talent_type,
            )
        )
    if level and not held.filter(level=level).exists():
        granted.append(
            talent_holding_create(
                actor=actor,
                staff=staff,
                since=since,
                source=source,
                source_note=source_note,
                level=level,
            )
        )
    return granted


def qualification_grant(
    *,
    actor: Actor,
    staff: StaffMember,
    qualification: Qualification,
    acquired_on: date,
    source: str,
    source_note: str,
) -> QualificationHolding | None:
    """What a course grants: the qualification, unless the person holds it already (None).
    Unlike a person's own registration (qualification_holding_create) it asks for no exam
    sitting and accepts a partner body's qualification, as a joint course may grant one.
    The caller refreshes the person's search document once for all it grants."""
    if QualificationHolding.unscoped.filter(staff=staff, qualification=qualification).exists():
        return None
    holding = QualificationHolding.unscoped.create(
        body=staff.body,
        staff=staff,
        qualification=qualification,
        acquired_on=acquired_on,
        source=source,
        source_note=source_note,
    )
    audit_record(actor=actor, body=staff.body, action=AuditAction.CREATE, target=holding)
    return holding


@transaction.atomic
def qualification_create(*, actor: Actor, body: Body, **fields: Any) -> Qualification:
    qualification = Qualification(body=body, **fields)
    if fields.get("number_pattern"):
        _check_pattern(fields["number_pattern"])
    if qualification_list(body).filter(name=qualification.name).exists():
        raise ValidationError({"name": "同じ名前の資格がすでに登録されています。"})
    qualification.full_clean()
    qualification.save()
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=qualification)
    return qualification


@transaction.atomic
def qualification_update(
    *, actor: Actor, qualification: Qualification, **fields: Any
) -> Qualification:
    """A body edits its own catalogue entries; the national catalogue changes by migration."""
    body = qualification.body
    if body is None:
        raise ValidationError("全国共通の資格は編集できません。")
    if fields.get("number_pattern"):
        _check_pattern(fields["number_pattern"])
    names = qualification_list(body).exclude(pk=qualification.pk)
    if names.filter(name=fields.get("name", qualification.name)).exists():
        raise ValidationError({"name": "同じ名前の資格がすでに登録されています。"})
    watched = list(fields)
    before = snapshot(qualification, watched)
    for name, value in fields.items():
        setattr(qualification, name, value)
    qualification.full_clean()
    qualification.save()
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.UPDATE,
        target=qualification,
        changes=diff(before, snapshot(qualification, watched)),
    )
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
    actor: Actor,
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
    search_document_refresh(staff)
    return holding


HOLDING_RENEWED_FIELDS = ["acquired_on", "number", "sitting", "expires_on", "source", "source_note"]


@transaction.atomic
def qualification_holding_record_pass(
    *,
    actor: Actor,
    staff: StaffMember,
    qualification: Qualification,
    passed_on: date,
    today: date,
    number: str = "",
    sitting: str = "",
    source_note: str = "",
) -> QualificationHolding:
    """A pass reported through the exam-fee subsidy: the person's holding is created, or,
    when they hold the qualification already, renewed from this pass — one holding, never
    two."""
    held = QualificationHolding.unscoped.filter(staff=staff, qualification=qualification).first()
    if held is None:
        return qualification_holding_create(
            actor=actor,
            staff=staff,
            qualification=qualification,
            acquired_on=passed_on,
            today=today,
            number=number,
            sitting=sitting,
            source=HoldingSource.SUBSIDY,
            source_note=source_note,
        )
    if passed_on > today:
        raise ValidationError({"passed_on": "合格日に未来の日付は指定できません。"})
    number = normalise_number(number)
    if number and (
        problem := qualification_number_error(
            number, qualification.number_pattern, qualification.number_example
        )
    ):
        raise ValidationError({"number": problem})
    before = snapshot(held, HOLDING_RENEWED_FIELDS)
    held.acquired_on = max(held.acquired_on, passed_on)
    held.number = number or held.number
    held.sitting = sitting or held.sitting
    held.expires_on = expiry_date(held.acquired_on, qualification.validity_years)
    held.source, held.source_note = HoldingSource.SUBSIDY, source_note
    held.save()
    audit_record(
        actor=actor,
        body=staff.body,
        action=AuditAction.UPDATE,
        target=held,
        changes=diff(before, snapshot(held, HOLDING_RENEWED_FIELDS)),
    )
    search_document_refresh(staff)
    return held


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


@transaction.atomic
def talent_profile_update(
    *,
    actor: Actor,
    staff: StaffMember,
    experience: str,
    goal_type: TalentType | None = None,
    goal_level: Level | None = None,
) -> TalentProfile:
    profile, _ = TalentProfile.unscoped.get_or_create(staff=staff, defaults={"body": staff.body})
    before = snapshot(profile, ["experience", "goal_type", "goal_level"])
    profile.experience, profile.goal_type, profile.goal_level = experience, goal_type, goal_level
    profile.save()
    changes = diff(before, snapshot(profile, ["experience", "goal_type", "goal_level"]))
    audit_record(
        actor=actor, body=staff.body, action=AuditAction.UPDATE, target=profile, changes=changes
    )
    search_document_refresh(staff)
    return profile


@transaction.atomic
def skill_targets_set(
    *, actor: Actor, talent_type: TalentType, proficiencies: dict[SkillItem, int | None]
) -> None:
    """The proficiency a talent type expects on each item; None removes the expectation."""
    for item, proficiency in proficiencies.items():
        if item.category.framework_id != talent_type.framework_id:
            raise ValidationError("人材像と同じフレームワークのスキル項目を選んでください。")
        if proficiency is None:
            SkillTarget.objects.filter(talent_type=talent_type, skill_item=item).delete()
            continue
        if not 1 <= proficiency <= 4:
            raise ValidationError("習熟度は1〜4で指定してください。")
        SkillTarget.objects.update_or_create(
            talent_type=talent_type, skill_item=item, defaults={"proficiency": proficiency}
        )
    audit_record(
        actor=actor,
        body=talent_type.framework.body,
        action=AuditAction.UPDATE,
        target=talent_type,
        changes={item.name: ["", str(p or "")] for item, p in proficiencies.items()},
    )


@transaction.atomic
def assessment_save(
    *,
    actor: Actor,
    staff: StaffMember,
    fiscal_year: int,
    assessor_kind: str,
    proficiencies: dict[SkillItem, int | None],
    today: date,
) -> int:
    """Record a self or superior assessment for one fiscal year; blank items are left out.
    Saving again the same year replaces that year's values (history is kept by year)."""
    if fiscal_year > fiscal_year_of(today):
        raise ValidationError("先の年度の評価は登録できません。")
    given = {item: p for item, p in proficiencies.items() if p is not None}
    if any(not 1 <= p <= 4 for p in given.values()):
        raise ValidationError("習熟度は1〜4で指定してください。")
    _write_assessments(
        staff=staff,
        fiscal_year=fiscal_year,
        assessor_kind=assessor_kind,
        proficiencies=given,
        assessed_by=acting_user(actor),
        today=today,
    )
    saved = len(given)
    audit_record(
        actor=actor,
        body=staff.body,
        action=AuditAction.UPDATE,
        target=staff,
        target_type="スキル評価",
        changes={"fiscal_year": ["", str(fiscal_year)], "items": ["", str(saved)]},
    )
    return saved


def _write_assessments(
    *,
    staff: StaffMember,
    fiscal_year: int,
    assessor_kind: str,
    proficiencies: dict[SkillItem, int],
    assessed_by: Any,
    today: date,
) -> None:
    """Replace the year's values for these items: one read, one update, one insert
    (a form carries some sixty items; one query pair per item made saving slow)."""
    existing = {
        a.skill_item_id: a
        for a in SkillAssessment.unscoped.filter(
            staff=staff,
            fiscal_year=fiscal_year,
            assessor_kind=assessor_kind,
            skill_item__in=list(proficiencies),
        )
    }
    changed: list[SkillAssessment] = []
    new: list[SkillAssessment] = []
    for item, proficiency in proficiencies.items():
        assessment = existing.get(item.pk) or SkillAssessment(
            staff=staff,
            fiscal_year=fiscal_year,
            skill_item=item,
            assessor_kind=assessor_kind,
            body=staff.body,
        )
        assessment.proficiency = proficiency
        assessment.assessed_by = assessed_by
        assessment.assessed_on = today
        (changed if assessment.pk else new).append(assessment)
    fields = ["proficiency", "assessed_by", "assessed_on"]
    SkillAssessment.unscoped.bulk_update(changed, fields)
    SkillAssessment.unscoped.bulk_create(new)


@transaction.atomic
def exam_date_create(
    *,
    actor: Actor,
    body: Body,
    qualification: Qualification,
    exam_on: date,
    application_until: date | None = None,
    note: str = "",
) -> ExamDate:
    _check_exam_date(body, qualification, exam_on, application_until)
    exam = ExamDate.unscoped.create(
        body=body,
        qualification=qualification,
        exam_on=exam_on,
        application_until=application_until,
        note=note,
    )
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=exam)
    return exam


def _check_exam_date(
    body: Body, qualification: Qualification, exam_on: date, application_until: date | None
) -> None:
    if qualification.body_id not in (None, body.pk):
        raise ValidationError({"qualification": "この団体では使えない資格です。"})
    if application_until and application_until > exam_on:
        raise ValidationError({"application_until": "申込締切日は試験日までにしてください。"})


EXAM_EDITED_FIELDS = ["qualification", "exam_on", "application_until", "note"]


@transaction.atomic
def exam_date_update(
    *,
    actor: Actor,
    exam: ExamDate,
    qualification: Qualification,
    exam_on: date,
    application_until: date | None = None,
    note: str = "",
) -> ExamDate:
    _check_exam_date(exam.body, qualification, exam_on, application_until)
    before = snapshot(exam, EXAM_EDITED_FIELDS)
    exam.qualification = qualification
    exam.exam_on = exam_on
    exam.application_until = application_until
    exam.note = note
    exam.full_clean()
    exam.save()
    audit_record(
        actor=actor,
        body=exam.body,
        action=AuditAction.UPDATE,
        target=exam,
        changes=diff(before, snapshot(exam, EXAM_EDITED_FIELDS)),
    )
    return exam


@transaction.atomic
def exam_date_delete(*, actor: Actor, exam: ExamDate) -> None:
    """An exam date is a calendar entry (holdings record their own sitting as text), so a
    wrong or cancelled one is deleted, audited."""
    audit_record(actor=actor, body=exam.body, action=AuditAction.DELETE, target=exam)
    exam.delete()
