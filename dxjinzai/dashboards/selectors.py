"""The division dashboard's figures (福井県, CASES.md case 12): reads only.

Division scores are aggregates, which every member of the body may see (福井県 publishes
them on its intranet); the people behind a figure are listed only to those whose staff
scope covers them.

Where a person counts: in the division of their main (not concurrent) appointment in the
body on the reference date — the end of the fiscal year, or today while it runs — with
every completion of theirs in that fiscal year, wherever they were when they took it. A
person who moved in October counts for the whole year in the division they moved to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Q

from dxjinzai.core.access import Access
from dxjinzai.dashboards.aggregates import DivisionScores, division_scores
from dxjinzai.dashboards.rules import (
    Score,
    elective_score,
    leader_training_score,
    mandatory_training_score,
)
from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_of, fiscal_year_start
from dxjinzai.organizations.models import Appointment, Body, Department, StaffMember, StaffStatus
from dxjinzai.plans.selectors import valid_on
from dxjinzai.skills.models import RoleClass, TalentHolding, TalentType
from dxjinzai.training.models import Completion, Requirement, RequirementKind
from dxjinzai.training.rules import RequirementState, requirement_applies, requirement_status
from dxjinzai.training.selectors import department_ancestors, person_facts


def reference_date(fiscal_year: int, today: date) -> date:
    return min(today, fiscal_year_end(fiscal_year))


@dataclass
class PersonLine:
    staff: StaffMember
    required: int = 0
    done: int = 0
    is_leader: bool = False
    missing: list[str] = field(default_factory=list)


@dataclass
class DivisionRow:
    department: Department
    people: list[PersonLine]
    mandatory: Score | None
    leaders: Score | None
    electives: Score | None
    leader_courses_missing: list[str]
    electives_taken: list[str]

    @property
    def headcount(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class _Rules:
    tiered: list[Requirement]
    for_leaders: list[Requirement]
    electives: list[Requirement]


def leader_class_choices(body: Body) -> list[RoleClass]:
    """Role classes of the frameworks the body uses (own or shared with it)."""
    from dxjinzai.organizations.selectors import partner_body_ids

    return list(
        RoleClass.objects.filter(
            Q(framework__body=body)
            | Q(
                framework__shared_with_consortium=True,
                framework__body_id__in=partner_body_ids(body),
            )
        ).select_related("framework")
    )


def division_rows(
    body: Body,
    *,
    fiscal_year: int,
    today: date,
    leader_class: RoleClass | None,
    department: Department | None = None,
) -> list[DivisionRow]:
    """Every division of the body (or the one given) with its ①②③ scores for the fiscal
    year and the people behind them, person by person through the rules; `visible_people`
    guards the names."""
    on = reference_date(fiscal_year, today)
    rules = _rules(body, fiscal_year, leader_class)
    people = _people_by_division(body, on)
    if department is not None:
        people = {department.pk: people[department.pk]} if department.pk in people else {}
    staff_ids = [p.pk for members in people.values() for p in members]
    holdings = _holdings(staff_ids)
    completions = _completions(staff_ids, fiscal_year)
    taken = _taken_in_year(completions, fiscal_year)
    ancestors = department_ancestors(body)
    departments = {d.pk: d for d in Department.unscoped.filter(pk__in=people.keys())}
    rows = []
    for department_id, members in people.items():
        rows.append(
            _division(
                departments[department_id],
                members,
                rules=rules,
                fiscal_year=fiscal_year,
                on=on,
                holdings=holdings,
                completions=completions,
                taken=taken,
                ancestors=ancestors,
                leader_class=leader_class,
            )
        )
    return sorted(rows, key=lambda r: r.department.code)


def division_overview(
    body: Body,
    *,
    fiscal_year: int,
    today: date,
    leader_class: RoleClass | None,
) -> list[DivisionScores]:
    """Every division's ①②③ scores and ④ count, counted by the database in a constant
    number of queries (the page for all divisions; `division_rows` gives the people)."""
    rules = _rules(body, fiscal_year, leader_class)
    return division_scores(
        body,
        fiscal_year=fiscal_year,
        on=reference_date(fiscal_year, today),
        tiered=rules.tiered,
        for_leaders=rules.for_leaders,
        electives=rules.electives,
        leader_class=leader_class,
    )


def _rules(body: Body, fiscal_year: int, leader_class: RoleClass | None) -> _Rules:
    requirements = list(
        Requirement.unscoped.filter(body=body, from_fiscal_year__lte=fiscal_year).select_related(
            "course"
        )
    )
    mandatory = [r for r in requirements if r.kind == RequirementKind.MANDATORY]
    leader_id = leader_class.pk if leader_class else None
    return _Rules(
        tiered=[r for r in mandatory if leader_id is None or r.role_class_id != leader_id],
        for_leaders=[
            r for r in mandatory if leader_id is not None and r.role_class_id == leader_id
        ],
        electives=[
            r
            for r in requirements
            if r.kind == RequirementKind.ELECTIVE
            and not (r.role_class_id or r.grade_id or r.talent_type_id or r.department_id)
        ],
    )


def _people_by_division(body: Body, on: date) -> dict[int, list[StaffMember]]:
    """Active staff by the division of their main appointment on `on` (else their record's)."""
    staff = {
        s.pk: s
        for s in StaffMember.unscoped.filter(body=body, status=StaffStatus.ACTIVE).select_related(
            "grade"
        )
    }
    division = {pk: s.department_id for pk, s in staff.items()}
    appointments = Appointment.unscoped.filter(
        staff_id__in=staff.keys(),
        body=body,
        is_concurrent=False,
        start_date__lte=on,
        department__isnull=False,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    for staff_id, department_id in appointments.order_by("start_date", "pk").values_list(
        "staff_id", "department_id"
    ):
        division[staff_id] = department_id
    grouped: dict[int, list[StaffMember]] = defaultdict(list)
    for pk, department_id in division.items():
        if department_id is not None:
            staff[pk].department_id = department_id
            grouped[department_id].append(staff[pk])
    return grouped


def _holdings(staff_ids: list[int]) -> dict[int, list[TalentHolding]]:
    found: dict[int, list[TalentHolding]] = defaultdict(list)
    for holding in TalentHolding.unscoped.filter(staff_id__in=staff_ids):
        found[holding.staff_id].append(holding)
    return found


def _completions(staff_ids: list[int], fiscal_year: int) -> dict[tuple[int, int], list[date]]:
    """Completions up to the end of the year (a once-only training done earlier counts)."""
    dates: dict[tuple[int, int], list[date]] = defaultdict(list)
    rows = Completion.unscoped.filter(
        staff_id__in=staff_ids, completed_on__lte=fiscal_year_end(fiscal_year)
    ).values_list("staff_id", "course_id", "completed_on")
    for staff_id, course_id, day in rows:
        dates[(staff_id, course_id)].append(day)
    return dates


def _taken_in_year(
    completions: dict[tuple[int, int], list[date]], fiscal_year: int
) -> dict[int, set[int]]:
    """Each person's courses completed within the fiscal year (for the electives)."""
    start = fiscal_year_start(fiscal_year)
    taken: dict[int, set[int]] = defaultdict(set)
    for (staff_id, course_id), days in completions.items():
        if any(day >= start for day in days):
            taken[staff_id].add(course_id)
    return taken


def _division(
    department: Department,
    members: list[StaffMember],
    *,
    rules: _Rules,
    fiscal_year: int,
    on: date,
    holdings: dict[int, list[TalentHolding]],
    completions: dict[tuple[int, int], list[date]],
    taken: dict[int, set[int]],
    ancestors: dict[int | None, frozenset[int]],
    leader_class: RoleClass | None,
) -> DivisionRow:
    lines = []
    leader_required: dict[int, str] = {}
    leader_done: set[int] = set()
    taken_this_year: set[int] = set()
    for person in members:
        facts = person_facts(person, holdings[person.pk], ancestors)
        line = PersonLine(
            staff=person,
            is_leader=leader_class is not None and leader_class.pk in facts.role_class_ids,
        )
        for requirement in rules.tiered:
            if requirement_applies(requirement, facts, fiscal_year):
                line.required += 1
                if _done(requirement, person, fiscal_year, on, completions):
                    line.done += 1
                else:
                    line.missing.append(requirement.course.title)
        if line.is_leader:
            for requirement in rules.for_leaders:
                if requirement_applies(requirement, facts, fiscal_year):
                    leader_required[requirement.course_id] = requirement.course.title
                    if _done(requirement, person, fiscal_year, on, completions):
                        leader_done.add(requirement.course_id)
        taken_this_year |= taken[person.pk]
        lines.append(line)
    offered = {r.course_id: r.course.title for r in rules.electives}
    return DivisionRow(
        department=department,
        people=sorted(lines, key=lambda line: line.staff.number),
        mandatory=mandatory_training_score((line.required, line.done) for line in lines),
        leaders=leader_training_score(
            set(leader_required), leader_done, has_leaders=any(line.is_leader for line in lines)
        ),
        electives=elective_score(set(offered), taken_this_year),
        leader_courses_missing=sorted(
            title for course_id, title in leader_required.items() if course_id not in leader_done
        ),
        electives_taken=sorted(offered[c] for c in set(offered) & taken_this_year),
    )


def _done(
    requirement: Requirement,
    person: StaffMember,
    fiscal_year: int,
    on: date,
    completions: dict[tuple[int, int], list[date]],
) -> bool:
    status = requirement_status(
        requirement,
        fiscal_year=fiscal_year,
        completed_on=completions.get((person.pk, requirement.course_id), []),
        today=on,
        applies_since=person.hire_date,
    )
    return status.state == RequirementState.DONE


def visible_people(access: Access, row: DivisionRow) -> list[PersonLine]:
    """The people behind a division's figures that the viewer may see."""
    visible = set(
        StaffMember.objects.visible_to(access)
        .filter(pk__in=[line.staff.pk for line in row.people])
        .values_list("pk", flat=True)
    )
    return [line for line in row.people if line.staff.pk in visible]


@dataclass
class CoverageRow:
    department: Department
    headcount: int
    holders: list[StaffMember]
    # Filled for the page: the holders the viewer may see by name.
    visible_names: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.holders)


def coverage_rows(
    body: Body, *, on: date, talent_type: TalentType | None, role_class: RoleClass | None
) -> list[CoverageRow]:
    """Every division with staff on `on`, and who in it holds the type (or role class)
    on that day."""
    people = _people_by_division(body, on)
    holding = TalentHolding.unscoped.filter(
        staff_id__in=[p.pk for members in people.values() for p in members], since__lte=on
    )
    if talent_type is not None:
        holding = holding.filter(talent_type=talent_type)
    elif role_class is not None:
        holding = holding.filter(role_class=role_class)
    else:
        holding = holding.none()
    holders = set(holding.values_list("staff_id", flat=True))
    departments = {d.pk: d for d in Department.unscoped.filter(pk__in=people.keys())}
    return sorted(
        (
            CoverageRow(
                department=departments[department_id],
                headcount=len(members),
                holders=[p for p in members if p.pk in holders],
            )
            for department_id, members in people.items()
        ),
        key=lambda row: row.department.code,
    )


def type_choices(body: Body) -> list[TalentType]:
    from dxjinzai.organizations.selectors import partner_body_ids

    return list(
        TalentType.objects.filter(
            Q(framework__body=body)
            | Q(
                framework__shared_with_consortium=True,
                framework__body_id__in=partner_body_ids(body),
            )
        ).select_related("framework")
    )


# --- The steering figures of a body (issue 5 §5) -------------------------------------------


@dataclass(frozen=True)
class HeldCount:
    name: str
    framework: str
    people: int


@dataclass(frozen=True)
class SteeringFigures:
    held: list[HeldCount]
    completions_this_year: int
    people_completed_this_year: int
    certifications_this_year: int
    certifications_valid: int


def steering_figures(body: Body, *, today: date) -> SteeringFigures:
    """Aggregates only: people by type and level, completions and certifications."""
    from django.db.models import Count

    from dxjinzai.plans.models import Certification

    fiscal_year = fiscal_year_of(today)
    held = [
        HeldCount(row["name"], row["framework"], row["people"])
        for row in (
            TalentHolding.unscoped.filter(body=body, talent_type__isnull=False)
            .values(name=F("talent_type__name"), framework=F("talent_type__framework__name"))
            .annotate(people=Count("staff", distinct=True))
            .order_by("framework", "name")
        )
    ] + [
        HeldCount(row["name"], row["framework"], row["people"])
        for row in (
            TalentHolding.unscoped.filter(body=body, level__isnull=False)
            .values(name=F("level__name"), framework=F("level__framework__name"))
            .annotate(people=Count("staff", distinct=True))
            .order_by("framework", "name")
        )
    ]
    this_year = Completion.unscoped.filter(
        body=body,
        completed_on__gte=fiscal_year_start(fiscal_year),
        completed_on__lte=fiscal_year_end(fiscal_year),
    )
    certifications = Certification.unscoped.filter(body=body)
    return SteeringFigures(
        held=held,
        completions_this_year=this_year.count(),
        people_completed_this_year=this_year.values("staff_id").distinct().count(),
        certifications_this_year=certifications.filter(
            certified_on__gte=fiscal_year_start(fiscal_year)
        ).count(),
        certifications_valid=certifications.filter(valid_on(today)).count(),
    )


@dataclass(frozen=True)
class TrendPoint:
    fiscal_year: int
    mandatory: Score | None
    leaders: Score | None
    electives: Score | None


def _sum(scores: list[Score | None]) -> Score | None:
    counted = [score for score in scores if score is not None]
    if not counted:
        return None
    return Score(sum(s.done for s in counted), sum(s.required for s in counted))


def division_trend(
    body: Body,
    *,
    years: list[int],
    today: date,
    leader_class: RoleClass | None,
    department: Department | None = None,
) -> list[TrendPoint]:
    """The scores by fiscal year, for one division or the whole body (the sum of the
    divisions' fractions, so that large divisions weigh as much as their people)."""
    points = []
    for fiscal_year in years:
        rows = division_overview(
            body, fiscal_year=fiscal_year, today=today, leader_class=leader_class
        )
        if department is not None:
            rows = [row for row in rows if row.department.pk == department.pk]
        points.append(
            TrendPoint(
                fiscal_year,
                _sum([row.mandatory for row in rows]),
                _sum([row.leaders for row in rows]),
                _sum([row.electives for row in rows]),
            )
        )
    return points
