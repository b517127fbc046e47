"""A person's whole development record in one place (神戸市's problem: it was nowhere)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dxjinzai.core.access import Access
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.models import Body, StaffMember
from dxjinzai.skills.models import SkillItem
from dxjinzai.skills.selectors import (
    assessment_history,
    framework_choices,
    framework_list,
    qualification_holding_list,
    qualification_list,
    skill_gap,
    talent_holding_list,
    talent_profile,
)
from dxjinzai.training import selectors


@dataclass(frozen=True)
class RecordSection:
    """A part of the record kept by an app above this one (improvement projects …), as a
    table: those apps register a source in their ready(), so this app imports none of them."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


RecordSource = Callable[[Access, StaffMember], RecordSection | None]
_RECORD_SOURCES: list[RecordSource] = []


def register_record_section(source: RecordSource) -> None:
    if source not in _RECORD_SOURCES:
        _RECORD_SOURCES.append(source)


def record_sections(access: Access, staff: StaffMember) -> list[RecordSection]:
    """The registered parts that have something for the person (an empty one is left out)."""
    return [s for source in _RECORD_SOURCES if (s := source(access, staff)) and s.rows]


@dataclass(frozen=True)
class TalentRecord:
    fiscal_year: int
    holdings: list[Any]
    qualifications: list[Any]
    completions: list[Any]
    applications: list[Any]
    required: list[selectors.RequiredCourse]
    skill_evidence: list[tuple[str, list[str]]]
    profile: Any
    gap: list[Any]
    assessments: list[Any]
    today: date
    sections: list[RecordSection] = field(default_factory=list)

    def survey_open(self, application: Any) -> bool:
        """A survey is offered once the session has begun, to the person who takes it."""
        return application.status == "approved" and application.session.starts_on <= self.today

    def cancellable(self, application: Any) -> bool:
        """An application may be withdrawn until its session starts (services.application_cancel)."""
        return (
            application.status in ("applied", "approved")
            and self.today < application.session.starts_on
        )

    @property
    def open_surveys(self) -> set[int]:
        return {a.pk for a in self.applications if self.survey_open(a) and not hasattr(a, "survey")}

    @property
    def cancellable_ids(self) -> set[int]:
        return {a.pk for a in self.applications if self.cancellable(a)}

    @property
    def mandatory(self) -> list[selectors.RequiredCourse]:
        return [r for r in self.required if r.requirement.kind == "mandatory"]

    @property
    def elective(self) -> list[selectors.RequiredCourse]:
        return [r for r in self.required if r.requirement.kind == "elective"]


def talent_record(access: Access, staff: StaffMember, *, today: date) -> TalentRecord:
    fiscal_year = fiscal_year_of(today)
    completions = list(selectors.completion_list(access, staff))
    return TalentRecord(
        fiscal_year=fiscal_year,
        holdings=list(talent_holding_list(access, staff)),
        qualifications=list(qualification_holding_list(access, staff)),
        completions=completions,
        applications=list(selectors.application_list(access, staff)),
        required=selectors.required_of(access, staff, fiscal_year=fiscal_year, today=today),
        skill_evidence=_skill_evidence(completions),
        profile=talent_profile(access, staff),
        gap=skill_gap(access, staff, fiscal_year=fiscal_year),
        assessments=list(assessment_history(access, staff)),
        today=today,
        sections=record_sections(access, staff),
    )


def _skill_evidence(completions: list[Any]) -> list[tuple[str, list[str]]]:
    """Each skill item the person's completed courses develop, with those courses."""
    found: dict[str, list[str]] = {}
    for completion in completions:
        for item in completion.course.skill_items.all():
            found.setdefault(item.name, []).append(completion.course.title)
    return sorted(found.items())


def search_choices(access: Access, body: Body) -> dict[str, Any]:
    """What the latent-talent search offers to filter by, in the body."""
    return {
        "qualification": qualification_list(body),
        "course": selectors.course_list(access, body),
        "talent_type": framework_choices(access, body)["talent_types"],
        "skill_item": SkillItem.objects.filter(
            category__framework__in=framework_list(access, body)
        ).select_related("category__framework"),
    }
