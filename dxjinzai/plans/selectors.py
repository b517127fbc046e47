"""Reads of targets and their progress; actuals are counts over the body's records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from dxjinzai.community.selectors import challengers_by_year
from dxjinzai.core.access import Access
from dxjinzai.core.selectors import first_or_404
from dxjinzai.improvements.models import Improvement, InHouseSystem
from dxjinzai.improvements.selectors import (
    project_ids_with_adopted_proposals,
    project_members_by_year,
    project_memberships,
)
from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_of, fiscal_year_start
from dxjinzai.organizations.models import Body, StaffMember, StaffStatus
from dxjinzai.plans.models import Certification, CertificationRule, Metric, Target
from dxjinzai.plans.rules import (
    CertificationConditions,
    PersonRecord,
    Projection,
    achievement_percent,
    linear_projection,
    projection_missing_reason,
    running_totals,
    unmet_conditions,
)
from dxjinzai.skills.models import QualificationHolding, SkillAssessment, TalentHolding
from dxjinzai.training.models import Completion


def target_list(access: Access, body: Body) -> QuerySet[Target]:
    """The body's targets and its consortium's (set by the operator prefecture)."""
    from dxjinzai.organizations.selectors import partner_body_ids

    return (
        Target.objects.visible_to(access)
        .filter(Q(body=body) | Q(consortium_wide=True, body_id__in=partner_body_ids(body)))
        .select_related("body", "talent_type", "level", "course")
        .prefetch_related("years")
    )


def counted_body_ids(target: Target) -> set[int]:
    """Whose records a target counts: its body's, or the whole consortium's."""
    from dxjinzai.organizations.selectors import partner_body_ids

    if target.consortium_wide:
        return partner_body_ids(target.body) | {target.body_id}
    return {target.body_id}


def target_get(access: Access, body: Body, pk: int) -> Target:
    return first_or_404(target_list(access, body).filter(pk=pk), "目標が見つかりません。")


def own_target_get(access: Access, body: Body, pk: int) -> Target:
    """A target of this body itself (a consortium-wide one of a partner is not corrected
    from here)."""
    return first_or_404(
        target_list(access, body).filter(pk=pk, body=body), "目標が見つかりません。"
    )


@dataclass(frozen=True)
class YearLine:
    fiscal_year: int
    target: int | None
    actual: int | None

    @property
    def percent(self) -> Decimal | None:
        return None if self.actual is None else achievement_percent(self.actual, self.target)


@dataclass(frozen=True)
class Progress:
    target: Target
    lines: list[YearLine]
    projection: Projection | None
    # Why there is no projection (plans.rules.projection_missing_reason), else None.
    projection_note: str | None = None

    @property
    def latest(self) -> YearLine | None:
        counted = [line for line in self.lines if line.actual is not None]
        return counted[-1] if counted else None


def target_progress(target: Target, *, today: date) -> Progress:
    """Target and actual per fiscal year (actuals up to the current year), and the trend's
    projection to the final year."""
    this_year = fiscal_year_of(today)
    targets = {year.fiscal_year: year.target_value for year in target.years.all()}
    first = min([*targets, this_year])
    last = max([*targets, this_year, target.final_fiscal_year or this_year])
    actuals = _actuals(target, range(first, this_year + 1))
    lines = [
        YearLine(year, targets.get(year), actuals.get(year)) for year in range(first, last + 1)
    ]
    note = projection_missing_reason(target.final_fiscal_year, this_year, len(actuals))
    projection = (
        linear_projection(actuals, target.final_fiscal_year)
        if note is None and target.final_fiscal_year
        else None
    )
    return Progress(target, lines, projection, note)


def _actuals(target: Target, years: range) -> dict[int, int]:
    if target.metric in (Metric.TYPE_HOLDERS, Metric.LEVEL_HOLDERS):
        return {year: _holders(target, fiscal_year_end(year)) for year in years}
    if target.metric == Metric.COURSE_COMPLETERS:
        return {year: _completers(target, year) for year in years}
    if target.metric == Metric.CERTIFIED:
        return {year: _certified(target, fiscal_year_end(year)) for year in years}
    if target.metric == Metric.IMPROVEMENTS:
        per_year = {
            year: Improvement.unscoped.filter(
                body_id__in=counted_body_ids(target), fiscal_year=year
            ).count()
            for year in years
        }
    elif target.metric == Metric.IN_HOUSE_SYSTEMS:
        per_year = {year: _systems_built(target, year) for year in years}
    elif target.metric == Metric.PROJECT_MEMBERS:
        # Each person once, in the fiscal year of their first project (improvements).
        joined = project_members_by_year(set(counted_body_ids(target)))
        per_year = {year: joined.get(year, 0) for year in years}
    elif target.metric == Metric.CHALLENGERS:
        # Each person once, in the year of their first study meeting (community.rules).
        first_met = challengers_by_year(set(counted_body_ids(target)))
        per_year = {year: first_met.get(year, 0) for year in years}
    else:
        per_year = {
            y.fiscal_year: y.manual_actual
            for y in target.years.all()
            if y.manual_actual is not None and y.fiscal_year in years
        }
    return running_totals(per_year) if target.cumulative else per_year


def _systems_built(target: Target, year: int) -> int:
    """Systems of the register that went live in the fiscal year; a stopped one stays
    counted (it was built). 滋賀県's 100 over R4–R6 is the running total (cumulative)."""
    return InHouseSystem.unscoped.filter(
        body_id__in=counted_body_ids(target),
        went_live_on__gte=fiscal_year_start(year),
        went_live_on__lte=fiscal_year_end(year),
    ).count()


def _holders(target: Target, on: date) -> int:
    """People of the body holding the type (or level) at the end of the year: a stock."""
    holdings = TalentHolding.unscoped.filter(body_id__in=counted_body_ids(target), since__lte=on)
    if target.metric == Metric.TYPE_HOLDERS:
        holdings = holdings.filter(talent_type=target.talent_type)
    else:
        holdings = holdings.filter(level=target.level)
    return holdings.values("staff_id").distinct().count()


def _completers(target: Target, year: int) -> int:
    """People who completed the course in the year, or by its end when cumulative (a person
    trained twice counts once)."""
    completions = Completion.unscoped.filter(
        body_id__in=counted_body_ids(target),
        course=target.course,
        completed_on__lte=fiscal_year_end(year),
    )
    if not target.cumulative:
        completions = completions.filter(completed_on__gte=fiscal_year_start(year))
    return completions.values("staff_id").distinct().count()


def _certified(target: Target, on: date) -> int:
    """People holding a certification of the rule that is valid at the end of the year."""
    from dxjinzai.plans.models import Certification

    valid = Certification.unscoped.filter(rule=target.certification_rule, certified_on__lte=on)
    valid = valid.filter(valid_on(on))
    return valid.values("staff_id").distinct().count()


# --- DX人材認定 and awards: rules, candidates, certifications -----------------------------


def rule_list(access: Access, body: Body) -> QuerySet[CertificationRule]:
    return CertificationRule.objects.visible_to(access).filter(body=body)


def rule_get(access: Access, body: Body, pk: int) -> CertificationRule:
    return first_or_404(rule_list(access, body).filter(pk=pk), "認定の基準が見つかりません。")


def certification_list(access: Access, body: Body) -> QuerySet[Certification]:
    """Certifications the viewer may see: HR all, a head their department, a person theirs."""
    return (
        Certification.objects.visible_to(access)
        .filter(body=body)
        .select_related("staff", "staff__department", "rule")
    )


def certification_get(access: Access, body: Body, pk: int) -> Certification:
    return first_or_404(certification_list(access, body).filter(pk=pk), "認定が見つかりません。")


def conditions_of(rule: CertificationRule) -> CertificationConditions:
    return CertificationConditions(
        courses={c.pk: c.title for c in rule.required_courses.all()},
        min_hours=rule.min_hours,
        qualifications={q.pk: q.name for q in rule.required_qualifications.all()},
        skill_item=(rule.skill_item.pk, rule.skill_item.name) if rule.skill_item else None,
        min_proficiency=rule.min_proficiency,
        project=rule.requires_project,
        adopted_proposal=rule.requires_adopted_proposal,
    )


def person_records(staff_ids: list[int]) -> dict[int, PersonRecord]:
    """What certification rules look at, for many people in six queries."""
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
    projects = _projects_of(staff_ids)
    adopted = project_ids_with_adopted_proposals({p for ids in projects.values() for p in ids})
    return {
        staff_id: PersonRecord(
            completed_courses=frozenset(courses[staff_id]),
            hours=hours[staff_id],
            qualifications=frozenset(qualifications[staff_id]),
            proficiency=proficiency[staff_id],
            projects=len(projects[staff_id]),
            adopted_projects=len(projects[staff_id] & adopted),
        )
        for staff_id in staff_ids
    }


def _projects_of(staff_ids: list[int]) -> dict[int, set[int]]:
    projects: dict[int, set[int]] = defaultdict(set)
    for staff_id, project_id in project_memberships(staff_ids):
        projects[staff_id].add(project_id)
    return projects


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
    certified = set(valid_certifications(rule, today).values_list("staff_id", flat=True))
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


def valid_on(day: date) -> Q:
    """A certification in force on `day`: not expired, not revoked by then."""
    return (Q(valid_until__isnull=True) | Q(valid_until__gte=day)) & (
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
    )


def valid_certifications(rule: CertificationRule, today: date) -> QuerySet[Certification]:
    return Certification.unscoped.filter(rule=rule).filter(valid_on(today))


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
