"""The person's part in improvement projects, for their record (training.record)."""

from __future__ import annotations

from dxjinzai.core.access import Access
from dxjinzai.improvements.models import Project, Proposal
from dxjinzai.lib.fiscal import fiscal_year_label
from dxjinzai.organizations.models import StaffMember
from dxjinzai.training.record import RecordSection


def projects_section(access: Access, staff: StaffMember) -> RecordSection | None:
    """The projects the person was a member of, each with its proposals adopted (採択 and
    条件付採択), which DX人材認定 may ask for."""
    projects = list(
        Project.objects.visible_to(access).filter(members=staff).order_by("-fiscal_year", "name")
    )
    if not projects:
        return None
    adopted: dict[int, list[str]] = {}
    for project_id, title in (
        Proposal.objects.visible_to(access)
        .filter(project__in=projects, decision__in=["adopted", "conditional"])
        .values_list("project_id", "title")
        .order_by("pk")
    ):
        adopted.setdefault(project_id, []).append(title)
    return RecordSection(
        title="参加した改善プロジェクト",
        headers=("年度", "プロジェクト", "テーマ", "採択された提案"),
        rows=[
            (
                fiscal_year_label(p.fiscal_year),
                p.name,
                p.get_theme_display(),
                "、".join(adopted.get(p.pk, [])) or "—",
            )
            for p in projects
        ],
    )
