"""Who sees the rows of the improvements app's models (registered in its ready())."""

from dxjinzai.core.scoping import ScopeRule, scope_known_bodies
from dxjinzai.improvements.models import (
    Improvement,
    InHouseSystem,
    Milestone,
    Project,
    ProjectIssue,
    Proposal,
)

SCOPE_RULES: dict[type, ScopeRule] = {
    # Published content of the body (福井県 shows it on its intranet), not personal data.
    Improvement: scope_known_bodies,
    # The body's register of systems its staff built: shared knowledge of the body.
    InHouseSystem: scope_known_bodies,
    # Projects, their teams and milestones, and proposals: presented to the executives and
    # all staff (真岡市), the body's shared work, not personal data.
    Project: scope_known_bodies,
    Milestone: scope_known_bodies,
    ProjectIssue: scope_known_bodies,
    Proposal: scope_known_bodies,
}
