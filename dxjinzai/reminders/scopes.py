"""Who sees the rows of the reminders app's body-owned model (registered in ready())."""

from dxjinzai.core.access import Perm
from dxjinzai.core.scoping import ScopeRule, bodies_where
from dxjinzai.reminders.models import BodyCalendar

SCOPE_RULES: dict[type, ScopeRule] = {
    # The feed's secret is the body's HR's to hand out or replace.
    BodyCalendar: bodies_where(Perm.MANAGE_TALENT),
}
