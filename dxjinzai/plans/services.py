"""The only writers of targets (KPI) and their yearly values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.audit import audit_record, diff, snapshot
from dxjinzai.core.models import AuditAction
from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_short_label
from dxjinzai.organizations.models import Body, Consortium, StaffMember
from dxjinzai.plans.models import Certification, CertificationRule, Metric, Target, TargetYear
from dxjinzai.plans.presets import TARGET_PRESETS
from dxjinzai.plans.rules import certification_number, unmet_conditions
from dxjinzai.plans.selectors import conditions_of, person_records, valid_certifications
from dxjinzai.skills.models import HoldingSource, Level, TalentType
from dxjinzai.skills.rules import expiry_date
from dxjinzai.skills.services import talent_grant
from dxjinzai.training.models import Course

# Which object each kind of count needs.
_NEEDS: dict[str, str] = {
    Metric.TYPE_HOLDERS: "talent_type",
    Metric.LEVEL_HOLDERS: "level",
    Metric.COURSE_COMPLETERS: "course",
    Metric.CERTIFIED: "certification_rule",
}
_LABELS = {
    "talent_type": "人材像",
    "level": "レベル",
    "course": "研修",
    "certification_rule": "認定",
}


@transaction.atomic
def target_create(
    *,
    actor: Actor,
    body: Body,
    name: str,
    metric: str,
    yearly_targets: dict[int, int | None],
    talent_type: TalentType | None = None,
    level: Level | None = None,
    course: Course | None = None,
    certification_rule: CertificationRule | None = None,
    cumulative: bool = False,
    unit: str = "人",
    consortium_wide: bool = False,
    final_fiscal_year: int | None = None,
    final_value: int | None = None,
) -> Target:
    target = Target(
        body=body,
        name=name,
        metric=metric,
        talent_type=talent_type,
        level=level,
        course=course,
        certification_rule=certification_rule,
        cumulative=cumulative,
        unit=unit,
        consortium_wide=consortium_wide,
        final_fiscal_year=final_fiscal_year,
        final_value=final_value,
    )
    _check_target(target, yearly_targets)
    target.save()
    TargetYear.objects.bulk_create(
        TargetYear(target=target, fiscal_year=year, target_value=value)
        for year, value in sorted(yearly_targets.items())
    )
    audit_record(
        actor=actor,
        body=body,
        action=AuditAction.CREATE,
        target=target,
        changes={
            str(year): ["", "" if value is None else str(value)]
            for year, value in yearly_targets.items()
        },
    )
    return target


def _check_target(target: Target, yearly_targets: Mapping[int, int | None]) -> None:
    if target.consortium_wide and not Consortium.objects.filter(operator=target.body).exists():
        raise ValidationError(
            {"consortium_wide": "連携協議会全体の目標は、協議会を運営する団体が設定します。"}
        )
    needed = _NEEDS.get(target.metric)
    if needed and getattr(target, needed) is None:
        raise ValidationError({needed: f"数える{_LABELS[needed]}を選んでください。"})
    final = target.final_fiscal_year
    if final and any(year > final for year in yearly_targets):
        raise ValidationError({"final_fiscal_year": "最終目標年度より後の年度の目標があります。"})
    if (target.final_value is None) != (final is None):
        raise ValidationError({"final_value": "最終目標年度と最終目標値は両方入れてください。"})
    target.full_clean()


TARGET_EDITED_FIELDS = [
    "name",
    "metric",
    "talent_type",
    "level",
    "course",
    "certification_rule",
    "cumulative",
    "unit",
    "consortium_wide",
    "final_fiscal_year",
    "final_value",
]


@transaction.atomic
def target_update(
    *,
    actor: Actor,
    target: Target,
    name: str,
    metric: str,
    yearly_targets: dict[int, int],
    talent_type: TalentType | None = None,
    level: Level | None = None,
    course: Course | None = None,
    certification_rule: CertificationRule | None = None,
    cumulative: bool = False,
    unit: str = "人",
    consortium_wide: bool = False,
    final_fiscal_year: int | None = None,
    final_value: int | None = None,
) -> Target:
    """Correct a target, a loaded preset included (its final year and figures). The actuals
    entered by hand stay with their years; a year taken out of the targets keeps its actual."""
    before = snapshot(target, TARGET_EDITED_FIELDS)
    before_years = {y.fiscal_year: y.target_value for y in target.years.all()}
    target.name = name
    target.metric = metric
    target.talent_type = talent_type
    target.level = level
    target.course = course
    target.certification_rule = certification_rule
    target.cumulative = cumulative
    target.unit = unit
    target.consortium_wide = consortium_wide
    target.final_fiscal_year = final_fiscal_year
    target.final_value = final_value
    _check_target(target, yearly_targets)
    target.save()
    _set_yearly_targets(target, yearly_targets)
    changes = diff(before, snapshot(target, TARGET_EDITED_FIELDS))
    for year in sorted(set(before_years) | set(yearly_targets)):
        old, new = before_years.get(year), yearly_targets.get(year)
        if old != new:
            changes[f"{year}年度の目標"] = [
                "" if old is None else str(old),
                "" if new is None else str(new),
            ]
    audit_record(
        actor=actor, body=target.body, action=AuditAction.UPDATE, target=target, changes=changes
    )
    return target


def _set_yearly_targets(target: Target, yearly_targets: dict[int, int]) -> None:
    for year in target.years.all():
        if year.fiscal_year not in yearly_targets:
            if year.manual_actual is None:
                year.delete()
            else:
                year.target_value = None
                year.save(update_fields=["target_value"])
    for fiscal_year, value in yearly_targets.items():
        TargetYear.objects.update_or_create(
            target=target, fiscal_year=fiscal_year, defaults={"target_value": value}
        )


@transaction.atomic
def target_actual_set(*, actor: Actor, target: Target, fiscal_year: int, value: int) -> TargetYear:
    """An actual the platform cannot count (in-house systems built …), entered by the body."""
    if target.metric != Metric.MANUAL:
        raise ValidationError("この目標の実績はプラットフォームの記録から数えます。")
    year, _ = TargetYear.objects.get_or_create(target=target, fiscal_year=fiscal_year)
    before = "" if year.manual_actual is None else str(year.manual_actual)
    year.manual_actual = value
    year.save(update_fields=["manual_actual"])
    audit_record(
        actor=actor,
        body=target.body,
        action=AuditAction.UPDATE,
        target=target,
        changes={f"{fiscal_year}年度の実績": [before, str(value)]},
    )
    return year


@transaction.atomic
def target_load_preset(*, actor: Actor, body: Body, key: str, name: str = "") -> Target:
    """One of the seed's targets, with its figures and any actual the seed gives; `name`
    is the body's own name for it (the preset's names the body it came from)."""
    preset = TARGET_PRESETS.get(key)
    if preset is None:
        raise ValidationError("選んだ目標の例が見つかりません。")
    name = name or preset.name
    if Target.unscoped.filter(body=body, name=name).exists():
        raise ValidationError(f"「{name}」はすでに読み込まれています。")
    final_year, final_value = preset.final or (None, None)
    target = target_create(
        actor=actor,
        body=body,
        name=name,
        metric=preset.metric,
        # Cumulative presets list running totals; each year's entry is that year's count.
        cumulative=preset.cumulative,
        unit=preset.unit,
        yearly_targets=preset.yearly_targets,
        final_fiscal_year=final_year,
        final_value=final_value,
    )
    for year, value in preset.actuals.items():
        target_actual_set(actor=actor, target=target, fiscal_year=year, value=value)
    return target


# --- DX人材認定 and awards ------------------------------------------------------------------


@transaction.atomic
def certification_rule_create(
    *,
    actor: Actor,
    body: Body,
    required_courses: Any = (),
    required_qualifications: Any = (),
    **fields: Any,
) -> CertificationRule:
    rule = CertificationRule(body=body, **fields)
    _check_rule(rule)
    rule.save()
    rule.required_courses.set(required_courses)
    rule.required_qualifications.set(required_qualifications)
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=rule)
    return rule


def _check_rule(rule: CertificationRule) -> None:
    if (rule.skill_item is None) != (rule.min_proficiency is None):
        raise ValidationError({"min_proficiency": "スキル項目と習熟度は両方指定してください。"})
    if rule.min_proficiency is not None and not 1 <= rule.min_proficiency <= 4:
        raise ValidationError({"min_proficiency": "習熟度は1〜4で指定してください。"})
    rule.full_clean()


RULE_EDITED_FIELDS = [
    "kind",
    "name",
    "grants_talent_type",
    "grants_level",
    "min_hours",
    "skill_item",
    "min_proficiency",
    "requires_project",
    "requires_adopted_proposal",
    "needs_evaluation",
    "validity_years",
    "number_prefix",
]


@transaction.atomic
def certification_rule_update(
    *,
    actor: Actor,
    rule: CertificationRule,
    name: str,
    kind: str = "certification",
    grants_talent_type: TalentType | None = None,
    grants_level: Level | None = None,
    required_courses: Any = (),
    min_hours: Decimal | None = None,
    required_qualifications: Any = (),
    skill_item: Any = None,
    min_proficiency: int | None = None,
    requires_project: bool = False,
    requires_adopted_proposal: bool = False,
    needs_evaluation: bool = False,
    validity_years: int | None = None,
    number_prefix: str = "DX認定",
) -> CertificationRule:
    """Correct a rule. Certifications already given keep their number and validity; the
    new conditions apply to the candidates and approvals from now on."""
    before = snapshot(rule, RULE_EDITED_FIELDS)
    before_courses = sorted(str(c) for c in rule.required_courses.all())
    before_qualifications = sorted(str(q) for q in rule.required_qualifications.all())
    rule.kind = kind
    rule.name = name
    rule.grants_talent_type = grants_talent_type
    rule.grants_level = grants_level
    rule.min_hours = min_hours
    rule.skill_item = skill_item
    rule.min_proficiency = min_proficiency
    rule.requires_project = requires_project
    rule.requires_adopted_proposal = requires_adopted_proposal
    rule.needs_evaluation = needs_evaluation
    rule.validity_years = validity_years
    rule.number_prefix = number_prefix
    _check_rule(rule)
    rule.save()
    rule.required_courses.set(required_courses)
    rule.required_qualifications.set(required_qualifications)
    changes = diff(before, snapshot(rule, RULE_EDITED_FIELDS))
    for label, old, new in (
        ("required_courses", before_courses, sorted(str(c) for c in required_courses)),
        (
            "required_qualifications",
            before_qualifications,
            sorted(str(q) for q in required_qualifications),
        ),
    ):
        if old != new:
            changes[label] = ["、".join(old), "、".join(new)]
    audit_record(
        actor=actor, body=rule.body, action=AuditAction.UPDATE, target=rule, changes=changes
    )
    return rule


@transaction.atomic
def certification_approve(
    *, actor: Actor, rule: CertificationRule, staff: StaffMember, evaluation: str, today: date
) -> Certification:
    """Certify one candidate; every condition is checked again, nothing half-way."""
    rule = CertificationRule.unscoped.select_for_update().get(pk=rule.pk)
    if staff.body_id != rule.body_id:
        raise ValidationError("この団体の職員だけを認定できます。")
    if valid_certifications(rule, today).filter(staff=staff).exists():
        raise ValidationError(f"{staff.full_name}さんはすでに有効な「{rule.name}」を持っています。")
    unmet = unmet_conditions(conditions_of(rule), person_records([staff.pk])[staff.pk])
    if unmet:
        raise ValidationError([f"{staff.full_name}さんは条件を満たしていません：", *unmet])
    if rule.needs_evaluation and not evaluation.strip():
        raise ValidationError({"evaluation": "活動内容の評価を記入してください。"})
    fiscal_year = fiscal_year_of(today)
    sequence = (
        Certification.unscoped.filter(
            rule__body=rule.body,
            number__startswith=f"{rule.number_prefix}第{fiscal_year_short_label(fiscal_year)}-",
        ).count()
        + 1
    )
    expired = (
        Certification.unscoped.filter(rule=rule, staff=staff).order_by("-certified_on").first()
    )
    certification = Certification.unscoped.create(
        body=rule.body,
        staff=staff,
        rule=rule,
        number=certification_number(
            rule.number_prefix, fiscal_year_short_label(fiscal_year), sequence
        ),
        certified_on=today,
        valid_until=expiry_date(today, rule.validity_years),
        evaluation=evaluation.strip(),
        approved_by=acting_user(actor),
        renewal_of=expired,
    )
    audit_record(actor=actor, body=rule.body, action=AuditAction.CREATE, target=certification)
    _grant(actor, certification)
    return certification


@transaction.atomic
def certification_revoke(
    *, actor: Actor, certification: Certification, reason: str, today: date
) -> Certification:
    """Revoke a certification given in error or withdrawn (e.g. on disciplinary grounds).
    The row and its number stay (numbers are never reused, and the audit log shows who
    revoked it, when and why); it stops counting as valid from today. What it granted to
    the talent record stays; HR corrects the record separately if it should not."""
    if certification.revoked_on:
        raise ValidationError("この認定はすでに取り消されています。")
    if not reason.strip():
        raise ValidationError({"reason": "取消の理由を入力してください。"})
    certification.revoked_on = today
    certification.revocation_reason = reason.strip()
    certification.full_clean()
    certification.save(update_fields=["revoked_on", "revocation_reason"])
    audit_record(
        actor=actor,
        body=certification.body,
        action=AuditAction.UPDATE,
        target=certification,
        changes={"revoked_on": ["", today.isoformat()], "revocation_reason": ["", reason.strip()]},
    )
    return certification


def _grant(actor: Actor, certification: Certification) -> None:
    """The type and level the rule grants, through the skills app's own service (which also
    refreshes the person's search document, so that free-text search finds them)."""
    rule = certification.rule
    talent_grant(
        actor=actor,
        staff=certification.staff,
        since=certification.certified_on,
        source=HoldingSource.CERTIFICATION,
        source_note=f"{rule.name}（{certification.number}）",
        talent_type=rule.grants_talent_type,
        level=rule.grants_level,
    )
