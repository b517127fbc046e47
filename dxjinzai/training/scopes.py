"""Who sees the rows of the training app's models (registered in TrainingConfig.ready)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.scoping import ScopeRule, personal_rows, scope_known_bodies
from dxjinzai.organizations.scopes import scope_shared
from dxjinzai.training.models import (
    Application,
    Attendance,
    Completion,
    Course,
    Requirement,
    Session,
    SurveyResponse,
)


def _training_records(
    qs: QuerySet, access: Access, *, staff: str = "staff__", session: str
) -> QuerySet:
    # The organiser of a session sees its roster and records, whichever body the people
    # come from (a joint training's roster is shared by design).
    organiser = Q(**{f"{session}body_id__in": access.body_ids_with(Perm.MANAGE_TALENT)})
    return qs.filter(personal_rows(access, staff) | organiser)


def _scope_courses(qs: QuerySet, access: Access) -> QuerySet:
    return scope_shared(qs, access, "shared_with_consortium")


def _scope_sessions(qs: QuerySet, access: Access) -> QuerySet:
    return scope_shared(qs, access, "open_to_consortium")


def _scope_applications(qs: QuerySet, access: Access) -> QuerySet:
    return _training_records(qs, access, session="session__")


def _scope_application_records(qs: QuerySet, access: Access) -> QuerySet:
    # Attendance and survey answers follow their application.
    return _training_records(
        qs, access, staff="application__staff__", session="application__session__"
    )


def _scope_completions(qs: QuerySet, access: Access) -> QuerySet:
    return _training_records(qs, access, session="application__session__")


SCOPE_RULES: dict[type, ScopeRule] = {
    Course: _scope_courses,
    Session: _scope_sessions,
    Requirement: scope_known_bodies,
    Application: _scope_applications,
    Attendance: _scope_application_records,
    SurveyResponse: _scope_application_records,
    Completion: _scope_completions,
}
