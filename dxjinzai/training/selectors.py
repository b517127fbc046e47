"""Reads of the training cycle, always scoped to what the actor may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.http import Http404

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.selectors import first_or_404
from dxjinzai.organizations.access import consortium_peer_ids
from dxjinzai.organizations.models import Body, Department, StaffMember, StaffStatus
from dxjinzai.skills.models import TalentHolding
from dxjinzai.training.models import (
    Application,
    Completion,
    Course,
    Requirement,
    RequirementKind,
    Session,
    SurveyResponse,
)
from dxjinzai.training.rules import (
    PersonFacts,
    RequirementState,
    RequirementStatus,
    requirement_applies,
    requirement_status,
)


def nominating_bodies(access: Access, session: Session) -> list[Body]:
    """Bodies whose staff the user may put forward for this session (as HR, or as the
    head of their department)."""
    bodies = Body.objects.filter(pk__in=access.body_ids_with(Perm.NOMINATE_TRAINING))
    if not session.open_to_consortium:
        bodies = bodies.filter(pk=session.body_id)
    return list(bodies.order_by("code"))


def staff_in_bodies(access: Access, bodies: list[Body], number: str) -> StaffMember | None:
    """The person with this 職員番号 in one of the bodies, if the viewer may see them."""
    return (
        StaffMember.objects.visible_to(access)
        .filter(body__in=bodies, number=number)
        .select_related("body")
        .first()
    )


def course_list(access: Access, body: Body) -> QuerySet[Course]:
    """The body's courses and those its consortium partners opened to it."""
    partners = consortium_peer_ids(access) - {body.pk}
    return (
        Course.objects.visible_to(access)
        .filter(Q(body=body) | Q(shared_with_consortium=True, body_id__in=partners))
        .select_related("body")
        .annotate(session_count=Count("sessions"))
        .order_by("title")
    )


def course_get(access: Access, pk: int) -> Course:
    return first_or_404(
        Course.objects.visible_to(access).filter(pk=pk).select_related("body"),
        "研修が見つかりません。",
    )


def session_list(access: Access, course: Course) -> QuerySet[Session]:
    return (
        Session.objects.visible_to(access)
        .filter(course=course)
        .annotate(
            applied=Count(
                "applications", filter=Q(applications__status__in=["applied", "approved"])
            )
        )
    )


def session_get(access: Access, pk: int) -> Session:
    session = (
        Session.objects.visible_to(access)
        .filter(pk=pk)
        .select_related("course", "body", "course__body")
        .first()
    )
    if session is None:
        raise Http404("研修回が見つかりません。")
    return session


def open_sessions(access: Access, staff: StaffMember, today: date) -> QuerySet[Session]:
    """Sessions the person may still apply to: their body's, and joint ones of partners."""
    partners = consortium_peer_ids(access)
    return (
        Session.objects.visible_to(access)
        .filter(application_deadline__gte=today)
        .filter(Q(body_id=staff.body_id) | Q(open_to_consortium=True, body_id__in=partners))
        .exclude(applications__staff=staff)
        .select_related("course", "body")
        .order_by("starts_on")
    )


def roster(access: Access, session: Session) -> QuerySet[Application]:
    """Who applied, with their attended hours; organisers see every body's participants,
    a participant's HR only their own body's."""
    return (
        Application.objects.visible_to(access)
        .filter(session=session)
        .select_related("staff", "staff__body", "staff__department", "completion")
        .annotate(attended_hours=Sum("attendances__hours"))
        .order_by("staff__body__code", "staff__number")
    )


def application_get(access: Access, pk: int) -> Application:
    application = (
        Application.objects.visible_to(access)
        .filter(pk=pk)
        .select_related("session__course", "session__body", "staff", "staff__body")
        .first()
    )
    if application is None:
        raise Http404("申込が見つかりません。")
    return application


def application_list(access: Access, staff: StaffMember) -> QuerySet[Application]:
    return (
        Application.objects.visible_to(access)
        .filter(staff=staff)
        .select_related("session__course", "session__body", "completion", "survey")
        .annotate(attended_hours=Sum("attendances__hours"))
        .order_by("-session__starts_on")
    )


def completion_list(access: Access, staff: StaffMember) -> QuerySet[Completion]:
    return (
        Completion.objects.visible_to(access)
        .filter(staff=staff)
        .select_related("course")
        .prefetch_related("course__skill_items")
    )


def completion_get(access: Access, pk: int) -> Completion:
    completion = (
        Completion.objects.visible_to(access)
        .filter(pk=pk)
        .select_related("course__body", "staff__body")
        .first()
    )
    if completion is None:
        raise Http404("修了記録が見つかりません。")
    return completion


def survey_summary(access: Access, session: Session) -> dict:
    """Answers and averages per session (袋井市's comprehension survey)."""
    answers = SurveyResponse.objects.visible_to(access).filter(application__session=session)
    return answers.aggregate(
        count=Count("pk"), comprehension=Avg("comprehension"), usefulness=Avg("usefulness")
    )


def requirement_list(access: Access, body: Body) -> QuerySet[Requirement]:
    return (
        Requirement.objects.visible_to(access)
        .filter(body=body)
        .select_related("course", "role_class", "grade", "talent_type", "department")
    )


def requirement_get(access: Access, body: Body, pk: int) -> Requirement:
    return first_or_404(requirement_list(access, body).filter(pk=pk), "受講要件が見つかりません。")


# --- What is required of whom ------------------------------------------------------------


def person_facts(
    staff: StaffMember,
    holdings: list[TalentHolding],
    ancestors: dict[int | None, frozenset[int]],
) -> PersonFacts:
    """The facts requirements test: grade, department with the units above it, and the
    talent types and role classes held."""
    return PersonFacts(
        grade_id=staff.grade_id,
        department_ids=ancestors.get(staff.department_id, frozenset()),
        talent_type_ids=frozenset(h.talent_type_id for h in holdings if h.talent_type_id),
        role_class_ids=frozenset(h.role_class_id for h in holdings if h.role_class_id),
    )


@dataclass(frozen=True)
class RequiredCourse:
    requirement: Requirement
    status: RequirementStatus


def required_of(
    access: Access, staff: StaffMember, *, fiscal_year: int, today: date
) -> list[RequiredCourse]:
    """Every requirement of the person's body that applies to them, with its status."""
    holdings = list(TalentHolding.objects.visible_to(access).filter(staff=staff))
    facts = person_facts(staff, holdings, department_ancestors(staff.body))
    completions = completion_dates(Completion.objects.visible_to(access).filter(staff=staff))
    found = []
    for requirement in requirement_list(access, staff.body):
        if requirement_applies(requirement, facts, fiscal_year):
            status = requirement_status(
                requirement,
                fiscal_year=fiscal_year,
                completed_on=completions.get((staff.pk, requirement.course_id), []),
                today=today,
                applies_since=staff.hire_date,
            )
            found.append(RequiredCourse(requirement, status))
    return found


def completion_dates(completions: QuerySet[Completion]) -> dict[tuple[int, int], list[date]]:
    dates: dict[tuple[int, int], list[date]] = defaultdict(list)
    for staff_id, course_id, day in completions.values_list(
        "staff_id", "course_id", "completed_on"
    ):
        dates[(staff_id, course_id)].append(day)
    return dates


@dataclass(frozen=True)
class MissingCourse:
    staff: StaffMember
    requirement: Requirement
    status: RequirementStatus


def missing_list(
    access: Access, body: Body, *, fiscal_year: int, today: date, overdue_only: bool = False
) -> list[MissingCourse]:
    """Who still lacks which mandatory course this fiscal year (for HR, issue 4 §5)."""
    requirements = list(requirement_list(access, body).filter(kind=RequirementKind.MANDATORY))
    if not requirements:
        return []
    staff = list(
        StaffMember.objects.visible_to(access)
        .filter(body=body, status=StaffStatus.ACTIVE)
        .select_related("department", "grade")
        .order_by("number")
    )
    holdings: dict[int, list[TalentHolding]] = defaultdict(list)
    for holding in TalentHolding.objects.visible_to(access).filter(staff__in=staff):
        holdings[holding.staff_id].append(holding)
    completions = completion_dates(
        Completion.objects.visible_to(access).filter(
            staff__in=staff, course_id__in={r.course_id for r in requirements}
        )
    )
    ancestors = department_ancestors(body)
    missing = []
    for person in staff:
        facts = person_facts(person, holdings[person.pk], ancestors)
        for requirement in requirements:
            if not requirement_applies(requirement, facts, fiscal_year):
                continue
            status = requirement_status(
                requirement,
                fiscal_year=fiscal_year,
                completed_on=completions.get((person.pk, requirement.course_id), []),
                today=today,
                applies_since=person.hire_date,
            )
            if status.state == RequirementState.DONE:
                continue
            if overdue_only and status.state != RequirementState.OVERDUE:
                continue
            missing.append(MissingCourse(person, requirement, status))
    return missing


def department_ancestors(body: Body) -> dict[int | None, frozenset[int]]:
    """Each department with the units above it, read in one query."""
    parents = dict(Department.unscoped.filter(body=body).values_list("pk", "parent_id"))
    result: dict[int | None, frozenset[int]] = {}
    for pk in parents:
        chain, current = [], pk
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        result[pk] = frozenset(chain)
    return result


def on_roster(roster: QuerySet, staff: StaffMember) -> bool:
    return roster.filter(staff=staff).exists()
