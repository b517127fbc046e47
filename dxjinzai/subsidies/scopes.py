"""Who sees the rows of the subsidies app's models (registered in SubsidiesConfig.ready)."""

from dxjinzai.core.access import Perm
from dxjinzai.core.scoping import ScopeRule, bodies_where, scope_known_bodies, scope_personal
from dxjinzai.subsidies.models import SubsidyApplication, SubsidyPayment, SubsidyScheme

SCOPE_RULES: dict[type, ScopeRule] = {
    # The scheme is published to the body's staff (who may apply).
    SubsidyScheme: scope_known_bodies,
    # An application is the person's own record: themself, their body's HR, their head.
    SubsidyApplication: scope_personal,
    SubsidyPayment: bodies_where(Perm.MANAGE_TALENT),
}
