"""Who sees the rows of the improvements app's models (registered in its ready())."""

from dxjinzai.core.scoping import ScopeRule, scope_known_bodies
from dxjinzai.improvements.models import Improvement, InHouseSystem

SCOPE_RULES: dict[type, ScopeRule] = {
    # Published content of the body (福井県 shows it on its intranet), not personal data.
    Improvement: scope_known_bodies,
    # The body's register of systems its staff built: shared knowledge of the body.
    InHouseSystem: scope_known_bodies,
}
