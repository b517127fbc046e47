"""Reads of frameworks, the qualification catalogue and a person's holdings, always scoped."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from dxjinzai.core.access import Access, consortium_peer_ids
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills.models import (
    Framework,
    Level,
    Qualification,
    QualificationHolding,
    RoleClass,
    SkillCategory,
    TalentHolding,
    TalentType,
)


def framework_list(access: Access, body: Body) -> QuerySet[Framework]:
    """The body's frameworks and those its consortium partners share with it."""
    return (
        Framework.objects.visible_to(access)
        .filter(Q(body=body) | Q(shared_with_consortium=True, body_id__in=_partners(access, body)))
        .select_related("body")
        .order_by("is_reference", "body__code", "name")
    )


def _partners(access: Access, body: Body) -> set[int]:
    return consortium_peer_ids(access) - {body.pk}


def framework_get(access: Access, pk: int) -> Framework:
    framework = (
        Framework.objects.visible_to(access)
        .filter(pk=pk)
        .select_related("body")
        .prefetch_related(
            "types",
            "levels",
            "role_classes",
            Prefetch("categories", queryset=SkillCategory.objects.prefetch_related("items")),
        )
        .first()
    )
    if framework is None:
        raise Http404("フレームワークが見つかりません。")
    return framework


def framework_choices(access: Access, body: Body) -> dict[str, QuerySet]:
    """Types, levels and role classes usable in the body, for forms."""
    frameworks = framework_list(access, body)
    return {
        "talent_types": TalentType.objects.filter(framework__in=frameworks).select_related(
            "framework"
        ),
        "levels": Level.objects.filter(framework__in=frameworks).select_related("framework"),
        "role_classes": RoleClass.objects.filter(framework__in=frameworks).select_related(
            "framework"
        ),
    }


def qualification_list(body: Body) -> QuerySet[Qualification]:
    """The national catalogue and the body's own additions (no personal data)."""
    return Qualification.objects.filter(Q(body__isnull=True) | Q(body=body))


def talent_holding_list(access: Access, staff: StaffMember) -> QuerySet[TalentHolding]:
    return (
        TalentHolding.objects.visible_to(access)
        .filter(staff=staff)
        .select_related("talent_type__framework", "level__framework", "role_class__framework")
    )


def qualification_holding_list(
    access: Access, staff: StaffMember
) -> QuerySet[QualificationHolding]:
    return (
        QualificationHolding.objects.visible_to(access)
        .filter(staff=staff)
        .select_related("qualification")
    )
