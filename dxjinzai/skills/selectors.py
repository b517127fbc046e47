"""Reads of frameworks, the qualification catalogue and a person's holdings, always scoped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from dxjinzai.core.access import Access
from dxjinzai.core.selectors import first_or_404
from dxjinzai.organizations.access import consortium_peer_ids
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills.models import (
    AssessorKind,
    ExamDate,
    Framework,
    Level,
    Qualification,
    QualificationHolding,
    RoleClass,
    SkillAssessment,
    SkillCategory,
    SkillItem,
    SkillTarget,
    TalentHolding,
    TalentProfile,
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


def own_qualification_get(body: Body, pk: int) -> Qualification:
    return first_or_404(
        Qualification.objects.filter(body=body, pk=pk), "この団体が登録した資格が見つかりません。"
    )


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


@dataclass(frozen=True)
class GapRow:
    item: SkillItem
    target: int
    self_level: int | None
    superior_level: int | None

    @property
    def assessed(self) -> int | None:
        """The superior's view where there is one, else the person's own."""
        return self.superior_level if self.superior_level is not None else self.self_level

    @property
    def gap(self) -> int | None:
        return None if self.assessed is None else max(0, self.target - self.assessed)


def skill_gap(access: Access, staff: StaffMember, *, fiscal_year: int) -> list[GapRow]:
    """Each skill the person's goal type (or level) expects, against their latest assessment
    up to `fiscal_year`."""
    profile = TalentProfile.objects.visible_to(access).filter(staff=staff).first()
    if profile is None or not (profile.goal_type_id or profile.goal_level_id):
        return []
    targets = SkillTarget.objects.filter(
        Q(talent_type_id=profile.goal_type_id)
        if profile.goal_type_id
        else Q(level_id=profile.goal_level_id)
    ).select_related("skill_item__category")
    latest = _latest_assessments(access, staff, fiscal_year)
    return [
        GapRow(
            item=target.skill_item,
            target=target.proficiency,
            self_level=latest.get((target.skill_item_id, AssessorKind.SELF)),
            superior_level=latest.get((target.skill_item_id, AssessorKind.SUPERIOR)),
        )
        for target in targets.order_by("skill_item__category__order", "skill_item__order")
    ]


def _latest_assessments(
    access: Access, staff: StaffMember, fiscal_year: int
) -> dict[tuple[int, str], int]:
    latest: dict[tuple[int, str], int] = {}
    rows = (
        SkillAssessment.objects.visible_to(access)
        .filter(staff=staff, fiscal_year__lte=fiscal_year)
        .order_by("fiscal_year")
        .values_list("skill_item_id", "assessor_kind", "proficiency")
    )
    for item_id, kind, proficiency in rows:
        latest[(item_id, kind)] = proficiency
    return latest


def assessment_history(access: Access, staff: StaffMember) -> QuerySet[SkillAssessment]:
    return (
        SkillAssessment.objects.visible_to(access)
        .filter(staff=staff)
        .select_related("skill_item__category__framework")
        .order_by(
            "-fiscal_year",
            "skill_item__category__framework__name",
            "skill_item__category__order",
            "skill_item__order",
            "assessor_kind",
        )
    )


def talent_profile(access: Access, staff: StaffMember) -> TalentProfile | None:
    return TalentProfile.objects.visible_to(access).filter(staff=staff).first()


def skill_items_of(access: Access, body: Body) -> QuerySet[SkillItem]:
    """Every skill item of the frameworks the body may use (its own and shared ones)."""
    return SkillItem.objects.filter(
        category__framework__in=framework_list(access, body)
    ).select_related("category__framework")


def framework_items(framework: Framework) -> QuerySet[SkillItem]:
    return SkillItem.objects.filter(category__framework=framework).select_related("category")


def talent_type_get(access: Access, pk: int) -> TalentType:
    found = (
        TalentType.objects.filter(pk=pk, framework__in=Framework.objects.visible_to(access))
        .select_related("framework__body")
        .first()
    )
    if found is None:
        raise Http404("人材像が見つかりません。")
    return found


def target_levels(talent_type: TalentType) -> dict[int, int]:
    return dict(
        SkillTarget.objects.filter(talent_type=talent_type).values_list(
            "skill_item_id", "proficiency"
        )
    )


def assessment_levels(
    access: Access, staff: StaffMember, fiscal_year: int, assessor_kind: str
) -> dict[int, int]:
    return dict(
        SkillAssessment.objects.visible_to(access)
        .filter(staff=staff, fiscal_year=fiscal_year, assessor_kind=assessor_kind)
        .values_list("skill_item_id", "proficiency")
    )


def exam_date_list(access: Access, body: Body, *, since: date | None = None) -> QuerySet[ExamDate]:
    exams = ExamDate.objects.visible_to(access).filter(body=body).select_related("qualification")
    return exams.filter(exam_on__gte=since) if since else exams


def exam_date_get(access: Access, body: Body, pk: int) -> ExamDate:
    return first_or_404(exam_date_list(access, body).filter(pk=pk), "試験日程が見つかりません。")


def assessable_frameworks(access: Access, body: Body) -> list[Framework]:
    """The frameworks a person can be assessed against: those with a skill map."""
    return [f for f in framework_list(access, body) if f.categories.exists()]
