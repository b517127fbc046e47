"""DX人材認定 and awards: who is a candidate, approval, and the 認定証 PDF.

A person is a candidate when they meet every condition of the rule (`rules.unmet_conditions`)
and hold no valid certification of it. The approver records the evaluation of their
activity where the rule asks for one; approving numbers the certification, sets its
validity and records the talent type or level it grants, with the certification as source.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from dxjinzai.core.access import Access
from dxjinzai.core.audit import audit_record
from dxjinzai.core.models import AuditAction
from dxjinzai.core.pdf import FONT
from dxjinzai.lib.fiscal import fiscal_year_of, fiscal_year_short_label, wareki_with_seireki
from dxjinzai.organizations.models import Body, StaffMember, StaffStatus
from dxjinzai.plans.models import Certification, CertificationRule, RecognitionKind
from dxjinzai.plans.rules import (
    CertificationConditions,
    PersonRecord,
    certification_number,
    unmet_conditions,
)
from dxjinzai.skills.models import (
    HoldingSource,
    QualificationHolding,
    SkillAssessment,
    TalentHolding,
)
from dxjinzai.skills.rules import expiry_date
from dxjinzai.skills.services import talent_holding_create
from dxjinzai.training.models import Completion

# --- Reads -------------------------------------------------------------------------------


def rule_list(access: Access, body: Body) -> QuerySet[CertificationRule]:
    return CertificationRule.objects.visible_to(access).filter(body=body)


def rule_get(access: Access, body: Body, pk: int) -> CertificationRule:
    found = rule_list(access, body).filter(pk=pk).first()
    if found is None:
        raise Http404("認定の基準が見つかりません。")
    return found


def certification_list(access: Access, body: Body) -> QuerySet[Certification]:
    """Certifications the viewer may see: HR all, a head their department, a person theirs."""
    return (
        Certification.objects.visible_to(access)
        .filter(body=body)
        .select_related("staff", "staff__department", "rule")
    )


def certification_get(access: Access, body: Body, pk: int) -> Certification:
    found = certification_list(access, body).filter(pk=pk).first()
    if found is None:
        raise Http404("認定が見つかりません。")
    return found


def conditions_of(rule: CertificationRule) -> CertificationConditions:
    return CertificationConditions(
        courses={c.pk: c.title for c in rule.required_courses.all()},
        min_hours=rule.min_hours,
        qualifications={q.pk: q.name for q in rule.required_qualifications.all()},
        skill_item=(rule.skill_item.pk, rule.skill_item.name) if rule.skill_item else None,
        min_proficiency=rule.min_proficiency,
    )


def person_records(staff_ids: list[int]) -> dict[int, PersonRecord]:
    """What certification rules look at, for many people in four queries."""
    courses: dict[int, set[int]] = defaultdict(set)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for staff_id, course_id, spent in Completion.unscoped.filter(
        staff_id__in=staff_ids
    ).values_list("staff_id", "course_id", "hours"):
        courses[staff_id].add(course_id)
        hours[staff_id] += spent
    qualifications: dict[int, set[int]] = defaultdict(set)
    for staff_id, qualification_id in QualificationHolding.unscoped.filter(
        staff_id__in=staff_ids
    ).values_list("staff_id", "qualification_id"):
        qualifications[staff_id].add(qualification_id)
    proficiency: dict[int, dict[int, int]] = defaultdict(dict)
    # Latest year last; within a year "superior" sorts after "self", so it overrides.
    for staff_id, item_id, level in (
        SkillAssessment.unscoped.filter(staff_id__in=staff_ids)
        .order_by("fiscal_year", "assessor_kind")
        .values_list("staff_id", "skill_item_id", "proficiency")
    ):
        proficiency[staff_id][item_id] = level
    return {
        staff_id: PersonRecord(
            completed_courses=frozenset(courses[staff_id]),
            hours=hours[staff_id],
            qualifications=frozenset(qualifications[staff_id]),
            proficiency=proficiency[staff_id],
        )
        for staff_id in staff_ids
    }


@dataclass(frozen=True)
class Candidate:
    staff: StaffMember
    unmet: list[str]

    @property
    def eligible(self) -> bool:
        return not self.unmet


def candidates(access: Access, rule: CertificationRule, *, today: date) -> list[Candidate]:
    """Staff of the body the viewer may see, without a valid certification of the rule,
    with what each still lacks (eligible ones first)."""
    conditions = conditions_of(rule)
    certified = set(_valid(rule, today).values_list("staff_id", flat=True))
    staff = (
        StaffMember.objects.visible_to(access)
        .filter(body=rule.body, status=StaffStatus.ACTIVE)
        .exclude(pk__in=certified)
        .select_related("department")
        .order_by("number")
    )
    people = list(staff)
    records = person_records([person.pk for person in people])
    found = [
        Candidate(person, unmet_conditions(conditions, records[person.pk])) for person in people
    ]
    return sorted(found, key=lambda c: (not c.eligible, c.staff.number))


def _valid(rule: CertificationRule, today: date) -> QuerySet[Certification]:
    return Certification.unscoped.filter(rule=rule).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def rule_warnings(rule: CertificationRule) -> list[str]:
    """Conditions no one can meet with what the body offers (said, not refused: the
    courses may come later)."""
    from dxjinzai.organizations.selectors import partner_body_ids
    from dxjinzai.training.models import Course

    warnings = []
    if rule.min_hours is not None:
        offered = Course.unscoped.filter(
            Q(body=rule.body)
            | Q(shared_with_consortium=True, body_id__in=partner_body_ids(rule.body))
        ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
        if offered < rule.min_hours:
            warnings.append(
                f"研修の累計時間{Decimal(rule.min_hours):.1f}時間は、"
                f"受講できる研修の時間の合計（{Decimal(offered):.1f}時間）を超えています。"
                "このままでは誰も条件を満たせません。"
            )
    return warnings


# --- Writes ------------------------------------------------------------------------------


@transaction.atomic
def certification_rule_create(
    *,
    actor: Any,
    body: Body,
    required_courses: Any = (),
    required_qualifications: Any = (),
    **fields: Any,
) -> CertificationRule:
    rule = CertificationRule(body=body, **fields)
    if (rule.skill_item is None) != (rule.min_proficiency is None):
        raise ValidationError({"min_proficiency": "スキル項目と習熟度は両方指定してください。"})
    if rule.min_proficiency is not None and not 1 <= rule.min_proficiency <= 4:
        raise ValidationError({"min_proficiency": "習熟度は1〜4で指定してください。"})
    rule.full_clean()
    rule.save()
    rule.required_courses.set(required_courses)
    rule.required_qualifications.set(required_qualifications)
    audit_record(actor=actor, body=body, action=AuditAction.CREATE, target=rule)
    return rule


@transaction.atomic
def certification_approve(
    *, actor: Any, rule: CertificationRule, staff: StaffMember, evaluation: str, today: date
) -> Certification:
    """Certify one candidate; every condition is checked again, nothing half-way."""
    rule = CertificationRule.unscoped.select_for_update().get(pk=rule.pk)
    if staff.body_id != rule.body_id:
        raise ValidationError("この団体の職員だけを認定できます。")
    if _valid(rule, today).filter(staff=staff).exists():
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
        approved_by=actor if getattr(actor, "pk", None) else None,
        renewal_of=expired,
    )
    audit_record(actor=actor, body=rule.body, action=AuditAction.CREATE, target=certification)
    _grant(actor, certification)
    return certification


def _grant(actor: Any, certification: Certification) -> None:
    """The type and level the rule grants, through the skills app's own service (which also
    refreshes the person's search document, so that free-text search finds them)."""
    rule, staff = certification.rule, certification.staff
    note = f"{rule.name}（{certification.number}）"
    held = TalentHolding.unscoped.filter(staff=staff)
    if rule.grants_talent_type and not held.filter(talent_type=rule.grants_talent_type).exists():
        talent_holding_create(
            actor=actor,
            staff=staff,
            since=certification.certified_on,
            source=HoldingSource.CERTIFICATION,
            talent_type=rule.grants_talent_type,
            source_note=note,
        )
    if rule.grants_level and not held.filter(level=rule.grants_level).exists():
        talent_holding_create(
            actor=actor,
            staff=staff,
            since=certification.certified_on,
            source=HoldingSource.CERTIFICATION,
            level=rule.grants_level,
            source_note=note,
        )


# --- The certificate -------------------------------------------------------------------------

_NUMBER = ParagraphStyle("number", fontName=FONT, fontSize=10, leading=14, alignment=2)
_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=28, leading=40, alignment=1)
_NAME = ParagraphStyle("name", fontName=FONT, fontSize=18, leading=26)
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=22)
_ISSUER = ParagraphStyle("issuer", fontName=FONT, fontSize=13, leading=20, alignment=2)


def certificate_pdf(certification: Certification) -> bytes:
    """認定証 (or 表彰状): the body, the person, the certification, the date in 和暦 with
    西暦, the number and the validity."""
    rule, staff = certification.rule, certification.staff
    is_award = rule.kind == RecognitionKind.AWARD
    title = "表　彰　状" if is_award else "認　定　証"
    granted = rule.grants_talent_type or rule.grants_level
    wording = (
        f"あなたは「{rule.name}」の受賞者として、その功績をたたえここに表彰します。"
        if is_award
        else f"あなたを「{rule.name}」として認定します。"
        + (f"<br/>認定する人材像・レベル　{granted}" if granted else "")
    )
    validity = (
        f"<br/>有効期限　{wareki_with_seireki(certification.valid_until)}"
        if certification.valid_until
        else ""
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        title=f"{title.replace('　', '')} {staff.full_name} {rule.name}",
        author=rule.body.name,
    )
    document.build(
        [
            Paragraph(certification.number, _NUMBER),
            Spacer(1, 20 * mm),
            Paragraph(title, _TITLE),
            Spacer(1, 15 * mm),
            Paragraph(f"{staff.full_name}　様", _NAME),
            Spacer(1, 10 * mm),
            Paragraph(
                f"{wording}<br/><br/>認定日　{wareki_with_seireki(certification.certified_on)}{validity}",
                _BODY,
            ),
            Spacer(1, 30 * mm),
            Paragraph(rule.body.name, _ISSUER),
        ]
    )
    return buffer.getvalue()
