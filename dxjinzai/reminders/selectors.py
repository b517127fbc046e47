"""Reads of the reminders app: a person's settings, and the dates their calendar feed and
their body's feed carry, each read through the access layer of the person it is for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse

from dxjinzai.core.access import Access, Perm
from dxjinzai.dispatch.models import DispatchRequest, RequestStatus
from dxjinzai.organizations.models import Body, Consortium
from dxjinzai.reminders.models import BodyCalendar, ReminderSettings
from dxjinzai.subsidies.models import ApplicationStatus as SubsidyStatus
from dxjinzai.subsidies.models import SubsidyApplication
from dxjinzai.training.models import Application, ApplicationStatus, Session

# A feed carries what is coming and the year behind it (a calendar keeps what it has seen).
FEED_HISTORY = timedelta(days=365)


@dataclass(frozen=True)
class CalendarDate:
    """One all-day entry of a feed: from `start` to `end` inclusive."""

    uid: str
    summary: str
    start: date
    end: date
    location: str = ""
    path: str = ""


def settings_of(user: Any) -> ReminderSettings:
    found, _ = ReminderSettings.objects.get_or_create(user=user)
    return found


def settings_by_calendar_token(token: str) -> ReminderSettings | None:
    if not token:
        return None
    return (
        ReminderSettings.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )


def body_calendar_by_token(token: str) -> BodyCalendar | None:
    # The token is the feed's only credential: the feed shows no personal data.
    return (
        BodyCalendar.unscoped.filter(token=token).select_related("body").first() if token else None
    )


@dataclass(frozen=True)
class BodyFeed:
    body: Body
    token: str | None


def body_feed_list(access: Access) -> list[BodyFeed]:
    """Each body whose joint-session feed the viewer manages, with its secret if made."""
    bodies = Body.objects.filter(pk__in=access.body_ids_with(Perm.MANAGE_TALENT)).order_by("code")
    tokens = dict(
        BodyCalendar.objects.visible_to(access)
        .filter(body__in=bodies)
        .values_list("body_id", "token")
    )
    return [BodyFeed(body, tokens.get(body.pk)) for body in bodies]


def person_dates(access: Access, *, today: date) -> list[CalendarDate]:
    """The person's sessions, exam dates they applied for, and dispatch dates (experts)."""
    since = today - FEED_HISTORY
    return sorted(
        [*_sessions(access, since), *_exams(access, since), *_dispatches(access, since)],
        key=lambda d: (d.start, d.uid),
    )


def _sessions(access: Access, since: date) -> list[CalendarDate]:
    if access.staff_id is None:
        return []
    applications = (
        Application.objects.visible_to(access)
        .filter(
            staff_id=access.staff_id,
            status__in=(ApplicationStatus.APPLIED, ApplicationStatus.APPROVED),
            session__ends_on__gte=since,
        )
        .select_related("session__course")
    )
    return [
        _session_date(
            a.session,
            uid=f"training-application-{a.pk}",
            note="" if a.status == ApplicationStatus.APPROVED else "（承認待ち）",
        )
        for a in applications
    ]


def _exams(access: Access, since: date) -> list[CalendarDate]:
    if access.staff_id is None:
        return []
    applications = (
        SubsidyApplication.objects.visible_to(access)
        .filter(staff_id=access.staff_id, exam_on__gte=since)
        .exclude(status__in=(SubsidyStatus.REFUSED, SubsidyStatus.WITHDRAWN))
        .select_related("qualification")
    )
    return [
        CalendarDate(
            uid=f"subsidy-application-{a.pk}",
            summary=f"受験：{a.qualification.name}",
            start=a.exam_on,
            end=a.exam_on,
            path=reverse("my_subsidies"),
        )
        for a in applications
    ]


def _dispatches(access: Access, since: date) -> list[CalendarDate]:
    if access.user_id is None:
        return []
    requests = (
        DispatchRequest.objects.visible_to(access)
        .filter(
            expert__user_id=access.user_id,
            decided_date__gte=since,
            status__in=(RequestStatus.DECIDED, RequestStatus.DONE, RequestStatus.REPORTED),
        )
        .select_related("requester")
    )
    return [
        CalendarDate(
            uid=f"dispatch-request-{r.pk}",
            summary=f"専門家派遣：{r.requester.name}「{r.theme}」",
            start=r.decided_date,
            end=r.decided_date,
            location="オンライン" if r.online else r.place,
            path=reverse("dispatch_request_detail", args=[r.scheme_id, r.pk]),
        )
        for r in requests
        if r.decided_date is not None
    ]


def joint_session_dates(body: Body, *, today: date) -> list[CalendarDate]:
    """Sessions open to the consortium, organised by the body or a body it shares a
    consortium with: what its staff may join."""
    consortia = Consortium.objects.filter(Q(members=body) | Q(operator=body))
    partners = {body.pk} | set(consortia.values_list("operator_id", flat=True))
    partners |= set(Body.objects.filter(consortia__in=consortia).values_list("pk", flat=True))
    sessions = (
        Session.unscoped.filter(
            body_id__in=partners, open_to_consortium=True, ends_on__gte=today - FEED_HISTORY
        )
        .select_related("course", "body")
        .order_by("starts_on", "pk")
    )
    return [
        _session_date(s, uid=f"training-session-{s.pk}", note=f"（{s.body.name}）")
        for s in sessions
    ]


def _session_date(session: Session, *, uid: str, note: str) -> CalendarDate:
    return CalendarDate(
        uid=uid,
        summary=f"研修：{session.course.title} {session.name}{note}",
        start=session.starts_on,
        end=session.ends_on,
        location=session.place or ("オンライン" if session.url else ""),
        path=reverse("session_detail", args=[session.pk]),
    )
