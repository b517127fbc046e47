"""Who sees the rows of the skills app's models (registered in SkillsConfig.ready)."""

from __future__ import annotations

from django.db.models import QuerySet

from dxjinzai.core.access import Access
from dxjinzai.core.scoping import ScopeRule, scope_known_bodies, scope_personal
from dxjinzai.organizations.scopes import scope_shared
from dxjinzai.skills.models import (
    ExamDate,
    Framework,
    QualificationHolding,
    SkillAssessment,
    TalentHolding,
    TalentProfile,
    TalentSearchDocument,
)


def _scope_frameworks(qs: QuerySet, access: Access) -> QuerySet:
    return scope_shared(qs, access, "shared_with_consortium")


SCOPE_RULES: dict[type, ScopeRule] = {
    Framework: _scope_frameworks,
    # A person's talent record: their body's HR, their head, themself.
    TalentHolding: scope_personal,
    QualificationHolding: scope_personal,
    TalentProfile: scope_personal,
    SkillAssessment: scope_personal,
    TalentSearchDocument: scope_personal,
    ExamDate: scope_known_bodies,
}
