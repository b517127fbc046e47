"""Who sees the rows of the careers app (registered in ready()). The call is published to
the body; an application is a person's career wish: the body's HR and admins and the
person, not the department head (the person may want to leave the unit)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.careers.models import ChallengeApplication, ChallengeCall
from dxjinzai.core.access import Access, Perm
from dxjinzai.core.scoping import ScopeRule, scope_known_bodies


def _scope_applications(qs: QuerySet, access: Access) -> QuerySet:
    own = Q(staff_id=access.staff_id) if access.staff_id else Q(pk__in=[])
    return qs.filter(Q(body_id__in=access.body_ids_with(Perm.MANAGE_STAFF)) | own)


SCOPE_RULES: dict[type, ScopeRule] = {
    ChallengeCall: scope_known_bodies,
    ChallengeApplication: _scope_applications,
}
