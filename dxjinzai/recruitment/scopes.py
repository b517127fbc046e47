"""Who sees the rows of the recruitment app's models (registered in ready()). Applicants
are people outside the body: its HR and admins (never the operator, never another body),
and a panel member for the applicants they interview, with their own score sheets only."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.core.access import Access, Perm
from dxjinzai.core.scoping import ScopeRule, bodies_where
from dxjinzai.recruitment.models import (
    Applicant,
    Criterion,
    Interview,
    Message,
    PipelineSetting,
    Posting,
    PostingPhoto,
    ScoreSheet,
    StageMove,
)


def _hr(access: Access, prefix: str = "") -> Q:
    return Q(**{f"{prefix}body_id__in": access.body_ids_with(Perm.MANAGE_RECRUITMENT)})


def _interviewed_by(access: Access) -> QuerySet:
    """The applicants whose interview panel the viewer sits on (ids, for a subquery)."""
    if access.user_id is None:
        return Interview.unscoped.none().values("applicant_id")
    return Interview.unscoped.filter(panel=access.user_id).values("applicant_id")


def _scope_postings(qs: QuerySet, access: Access) -> QuerySet:
    interviewed = Applicant.unscoped.filter(pk__in=_interviewed_by(access)).values("posting_id")
    return qs.filter(_hr(access) | Q(pk__in=interviewed))


def _scope_criteria(qs: QuerySet, access: Access) -> QuerySet:
    interviewed = Applicant.unscoped.filter(pk__in=_interviewed_by(access)).values("posting_id")
    return qs.filter(_hr(access) | Q(posting_id__in=interviewed))


def _scope_applicants(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(_hr(access) | Q(pk__in=_interviewed_by(access)))


def _scope_interviews(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(_hr(access) | Q(applicant_id__in=_interviewed_by(access)))


def _scope_sheets(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(_hr(access) | Q(member_id=access.user_id))


SCOPE_RULES: dict[type, ScopeRule] = {
    Posting: _scope_postings,
    Criterion: _scope_criteria,
    Applicant: _scope_applicants,
    Interview: _scope_interviews,
    ScoreSheet: _scope_sheets,
    StageMove: bodies_where(Perm.MANAGE_RECRUITMENT),
    Message: bodies_where(Perm.MANAGE_RECRUITMENT),
    # The body's names for its stages: HR sets them (the panel reads the names through
    # recruitment.selectors.pipeline_of, as they are no one's personal data).
    PipelineSetting: bodies_where(Perm.MANAGE_RECRUITMENT),
    # The photos are public once the posting is; here, HR manages them.
    PostingPhoto: bodies_where(Perm.MANAGE_RECRUITMENT),
}
