"""Who sees the rows of the organisations app's body-owned models (registered in
OrganizationsConfig.ready), and the consortium-wide sharing other apps' rules build on."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from dxjinzai.core import clock
from dxjinzai.core.access import Access, Perm
from dxjinzai.core.scoping import ScopeRule, bodies_where
from dxjinzai.organizations.access import consortium_peer_ids
from dxjinzai.organizations.models import Appointment, Department, Grade, StaffMember, WorkDays


def _active_on(day: date) -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=day)


def scope_staff(qs: QuerySet, access: Access) -> QuerySet:
    # HR and admins see their body; a head their department and the units below it; each
    # person themself; and a body's HR those on a current appointment there (a secondment).
    serving_here = Appointment.unscoped.filter(
        Q(body_id__in=access.staff_body_ids) | Q(department_id__in=access.headed_department_ids),
        _active_on(clock.today()),
        staff_id=OuterRef("pk"),
    )
    return qs.filter(
        Q(body_id__in=access.staff_body_ids)
        | Q(department_id__in=access.headed_department_ids)
        | Q(pk=access.staff_id)
        | Exists(serving_here)
    )


def scope_appointments(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(
        Q(body_id__in=access.staff_body_ids)
        | Q(staff__body_id__in=access.staff_body_ids)
        | Q(department_id__in=access.headed_department_ids)
        | Q(staff_id=access.staff_id)
    )


def _scope_work_days(qs: QuerySet, access: Access) -> QuerySet:
    # A part-timer's days worked: whoever sees the appointment.
    return qs.filter(appointment__in=scope_appointments(Appointment.unscoped.all(), access))


def scope_shared(qs: QuerySet, access: Access, shared_flag: str) -> QuerySet:
    """The body's own rows, and what a consortium partner opened to the consortium (with
    `shared_flag` set): frameworks, courses and joint sessions, which carry no personal
    data."""
    return qs.filter(
        Q(body_id__in=access.known_body_ids)
        | Q(**{shared_flag: True, "body_id__in": consortium_peer_ids(access)})
    )


SCOPE_RULES: dict[type, ScopeRule] = {
    StaffMember: scope_staff,
    Appointment: scope_appointments,
    WorkDays: _scope_work_days,
    Department: bodies_where(Perm.VIEW_DEPARTMENTS),
    Grade: bodies_where(Perm.VIEW_DEPARTMENTS),
}
