"""What waits in training (registered in ready()): for HR, applications to approve and
mandatory courses overdue in their body; for a department head, members who still lack a
mandatory course; for the person, sessions they were nominated for, surveys to answer
after a session and mandatory courses due this month."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial

from django.core.cache import cache
from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.lib.fiscal import fiscal_year_of, wareki
from dxjinzai.organizations.attention import Decision, Item, Waiting, first_of, waiting_kind
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.training.models import Application, ApplicationStatus, RequirementKind
from dxjinzai.training.rules import RequirementState
from dxjinzai.training.selectors import (
    MissingCourse,
    department_ancestors,
    missing_list,
    required_of,
    requirement_list,
)

# Who is overdue is worked out person by person over the whole body (a third of a second
# for a city of 2,000): HR's list is kept this long, so a completion just recorded leaves
# it within minutes (the 必須研修の未修了者 page itself is always current).
OVERDUE_KEPT_FOR = 300
# A survey is asked for in the weeks after the session, not for ever.
SURVEY_WINDOW = timedelta(days=30)


def waiting_applications(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_TALENT)
    if not bodies:
        return
    waiting = Application.objects.visible_to(access).filter(
        body_id__in=bodies, status=ApplicationStatus.APPLIED, session__starts_on__gte=today
    )
    yield waiting_kind(
        "承認待ちの受講申込（最も近い研修回から）",
        waiting.select_related("session__course", "staff").order_by("session__starts_on", "pk"),
        limit,
        list_url=lambda a: reverse("session_detail", args=[a.session_id]),
        item=_application_item,
    )


def _application_item(application: Application) -> Item:
    session = application.session
    return Item(
        key=f"training.application:{application.pk}",
        title=f"{application.staff.full_name}：{session.course.title}（{wareki(session.starts_on)}）",
        url=reverse("session_detail", args=[session.pk]),
        due=session.application_deadline,
        decision=Decision(
            reverse("application_decide", args=[application.pk]),
            (("approve", "承認"), ("reject", "不承認")),
        ),
    )


def overdue_in_my_bodies(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    """HR: people of their body past the due date of a mandatory course this fiscal year."""
    for body in Body.objects.filter(pk__in=access.body_ids_with(Perm.MANAGE_TALENT)):
        overdue: list[Item] = (
            cache.get_or_set(
                f"training.overdue:{body.pk}:{today.isoformat()}",
                partial(_overdue_items, access, body, today),
                OVERDUE_KEPT_FOR,
            )
            or []
        )
        yield Waiting(
            f"{body.name}：必須研修の期限を過ぎた未修了",
            len(overdue),
            reverse("missing_list", args=[body.url_key]),
            items=tuple(first_of(overdue, limit)),
        )


def _overdue_items(access: Access, body: Body, today: date) -> list[Item]:
    year = fiscal_year_of(today)
    overdue = missing_list(access, body, fiscal_year=year, today=today, overdue_only=True)
    return [_missing_item(body, missing, year) for missing in overdue]


def missing_in_my_departments(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    """A department head: members of the units they head who still lack a mandatory course."""
    headed = access.headed_department_ids
    if not headed:
        return
    year = fiscal_year_of(today)
    bodies = Body.objects.filter(departments__pk__in=headed).distinct()
    for body in bodies:
        ancestors = department_ancestors(body)
        members = [
            m
            for m in missing_list(access, body, fiscal_year=year, today=today)
            if ancestors.get(m.staff.department_id, frozenset()) & headed
        ]
        yield Waiting(
            f"{body.name}：所属の職員の必須研修（未修了）",
            len(members),
            reverse("staff_list", args=[body.url_key]),
            items=tuple(_missing_item(body, m, year) for m in first_of(members, limit)),
        )


def _missing_item(body: Body, missing: MissingCourse, year: int) -> Item:
    staff, requirement = missing.staff, missing.requirement
    return Item(
        key=f"training.missing:{staff.pk}:{requirement.pk}:{year}:{missing.status.state}",
        title=f"{staff.full_name}：{requirement.course.title}（期限 {wareki(missing.status.due)}）",
        url=reverse("staff_detail", args=[body.url_key, staff.number]),
        due=missing.status.due,
    )


def waiting_for_the_participant(
    access: Access, today: date, limit: int | None
) -> Iterator[Waiting]:
    if access.staff_id is None:
        return
    mine = Application.objects.visible_to(access).filter(staff_id=access.staff_id)
    my_page = reverse("my_page")
    nominated = mine.filter(
        nominated_by__isnull=False,
        status__in=(ApplicationStatus.APPLIED, ApplicationStatus.APPROVED),
        session__starts_on__gte=today,
    ).select_related("session__course")
    yield waiting_kind(
        "推薦された研修回",
        nominated.order_by("session__starts_on", "pk"),
        limit,
        list_url=lambda a: my_page,
        item=lambda a: Item(
            key=f"training.nominated:{a.pk}",
            title=f"{a.session.course.title}（{wareki(a.session.starts_on)}から）",
            url=my_page,
            due=a.session.starts_on,
        ),
    )
    to_answer = mine.filter(
        status=ApplicationStatus.APPROVED,
        session__ends_on__lte=today,
        session__ends_on__gte=today - SURVEY_WINDOW,
        survey__isnull=True,
    ).select_related("session__course")
    yield waiting_kind(
        "研修後の理解度アンケート（未回答）",
        to_answer.order_by("-session__ends_on", "pk"),
        limit,
        list_url=lambda a: my_page,
        item=lambda a: Item(
            key=f"training.survey:{a.pk}",
            title=f"{a.session.course.title}（{wareki(a.session.ends_on)}終了）",
            url=reverse("survey_answer", args=[a.pk]),
        ),
    )
    yield from _due_this_month(access, today, limit)


def _mandatory_due_in(access: Access, staff: StaffMember, month: int) -> bool:
    """Whether any mandatory course of the person's body falls due in this month of the
    year: without one, nothing of theirs can (a cheap question asked first)."""
    return (
        requirement_list(access, staff.body)
        .filter(kind=RequirementKind.MANDATORY, due_month=month)
        .exists()
    )


def _due_this_month(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    staff = StaffMember.objects.visible_to(access).filter(pk=access.staff_id).first()
    if staff is None or not _mandatory_due_in(access, staff, today.month):
        return
    due = [
        course
        for course in required_of(access, staff, fiscal_year=fiscal_year_of(today), today=today)
        if course.requirement.kind == RequirementKind.MANDATORY
        and course.status.state == RequirementState.PENDING
        and (course.status.due.year, course.status.due.month) == (today.year, today.month)
    ]
    my_page = reverse("my_page")
    yield Waiting(
        "今月が期限の必須研修",
        len(due),
        my_page,
        items=tuple(
            Item(
                key=f"training.due:{staff.pk}:{c.requirement.pk}:{c.status.due.isoformat()}",
                title=f"{c.requirement.course.title}（期限 {wareki(c.status.due)}）",
                url=my_page,
                due=c.status.due,
            )
            for c in first_of(due, limit)
        ),
    )
