"""Finding latent talent (北海道): the searchable words of each person, and the search.

The document of a person is rebuilt whenever their records change (services call
`search_document_refresh`). Free text is matched as Japanese substrings: FTS5 trigram on
SQLite for terms of 3+ characters, LIKE for shorter ones; pg_trgm-indexed ILIKE on
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from dxjinzai.core.access import Access
from dxjinzai.lib.text import nfkc
from dxjinzai.organizations.models import Body, StaffMember, StaffStatus
from dxjinzai.skills.models import (
    QualificationHolding,
    SkillAssessment,
    TalentHolding,
    TalentProfile,
    TalentSearchDocument,
)

_TRIGRAM = 3

# Records of apps above skills that a search may match (training: the courses a person
# completed), registered from those apps' ready(), so skills imports none of them.
TextSource = Callable[[StaffMember], Iterable[str]]
_TEXT_SOURCES: list[TextSource] = []
# TalentQuery field -> the rows that prove a person meets it, correlated on OuterRef("pk").
StaffCondition = Callable[[int], QuerySet]
_CONDITIONS: dict[str, StaffCondition] = {}


def register_search_source(
    *, text: TextSource, conditions: dict[str, StaffCondition] | None = None
) -> None:
    _TEXT_SOURCES.append(text)
    _CONDITIONS.update(conditions or {})


def search_document_text(staff: StaffMember) -> str:
    """Everything a search may match for one person, one fact per line."""
    lines = []
    profile = TalentProfile.unscoped.filter(staff=staff).first()
    if profile and profile.experience:
        lines.append(profile.experience)
    lines += QualificationHolding.unscoped.filter(staff=staff).values_list(
        "qualification__name", flat=True
    )
    for source in _TEXT_SOURCES:
        lines += source(staff)
    for holding in TalentHolding.unscoped.filter(staff=staff).select_related(
        "talent_type", "level", "role_class"
    ):
        lines.append(holding.held.name)
    return nfkc("\n".join(dict.fromkeys(lines)))


# Inside search_documents_deferred(): the people whose document waits for the block's end.
_pending: ContextVar[set[int] | None] = ContextVar("search_documents_pending", default=None)


def search_document_refresh(staff: StaffMember) -> None:
    pending = _pending.get()
    if pending is not None:
        pending.add(staff.pk)
        return
    TalentSearchDocument.unscoped.update_or_create(
        staff=staff, defaults={"body_id": staff.body_id, "content": search_document_text(staff)}
    )


@contextmanager
def search_documents_deferred() -> Iterator[None]:
    """Rebuild each person's document once, when the block ends, however many of their
    records it changes (an import of completions, the demo): a document is read from all of
    a person's records, so once at the end gives the same text as once per change."""
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for staff in StaffMember.unscoped.filter(pk__in=pending):
        search_document_refresh(staff)


@dataclass(frozen=True)
class TalentQuery:
    text: str = ""
    qualification_id: int | None = None
    course_id: int | None = None
    talent_type_id: int | None = None
    skill_item_id: int | None = None
    min_proficiency: int | None = None


def talent_search_nothing() -> QuerySet[StaffMember]:
    """The results before anyone has searched: none."""
    return StaffMember.unscoped.none()


def talent_search(access: Access, body: Body, query: TalentQuery) -> QuerySet[StaffMember]:
    """Active staff of the body the searcher may see, matching every condition given."""
    staff = (
        StaffMember.objects.visible_to(access)
        .filter(body=body, status=StaffStatus.ACTIVE)
        .select_related("department", "grade")
        .order_by("number")
    )
    for term in nfkc(query.text).split():
        staff = staff.filter(pk__in=_documents_matching(term).values("staff_id"))
    if query.qualification_id:
        staff = staff.filter(
            Exists(
                QualificationHolding.unscoped.filter(
                    staff=OuterRef("pk"), qualification_id=query.qualification_id
                )
            )
        )
    for field_name, condition in _CONDITIONS.items():
        value = getattr(query, field_name)
        if value:
            staff = staff.filter(Exists(condition(value)))
    if query.talent_type_id:
        staff = staff.filter(
            Exists(
                TalentHolding.unscoped.filter(
                    staff=OuterRef("pk"), talent_type_id=query.talent_type_id
                )
            )
        )
    if query.skill_item_id:
        staff = staff.filter(
            Exists(
                SkillAssessment.unscoped.filter(
                    staff=OuterRef("pk"),
                    skill_item_id=query.skill_item_id,
                    proficiency__gte=query.min_proficiency or 1,
                )
            )
        )
    return staff


def _documents_matching(term: str) -> QuerySet[TalentSearchDocument]:
    documents = TalentSearchDocument.unscoped.all()
    if connection.vendor == "sqlite" and len(term) >= _TRIGRAM:
        # The FTS5 phrase: double quotes inside are doubled, as FTS5 expects.
        phrase = '"' + term.replace('"', '""') + '"'
        return documents.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM skills_talent_fts WHERE skills_talent_fts MATCH %s", [phrase]
            )
        )
    return documents.filter(Q(content__icontains=term))
