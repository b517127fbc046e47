"""Who sees the rows of the plans app's models (registered in PlansConfig.ready)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dxjinzai.core.access import Access
from dxjinzai.core.scoping import ScopeRule, scope_known_bodies, scope_personal
from dxjinzai.organizations.access import consortium_peer_ids
from dxjinzai.plans.models import Certification, CertificationRule, Target


def _scope_targets(qs: QuerySet, access: Access) -> QuerySet:
    # A body's targets are its published plan: every member may read them, and a
    # consortium-wide target every partner.
    return qs.filter(
        Q(body_id__in=access.known_body_ids)
        | Q(consortium_wide=True, body_id__in=consortium_peer_ids(access))
    )


SCOPE_RULES: dict[type, ScopeRule] = {
    Target: _scope_targets,
    CertificationRule: scope_known_bodies,
    Certification: scope_personal,
}
