"""福井県's division dashboard (CASES.md case 12), each score one named function on plain
values, so that the numbers can be checked by hand.

A score is a fraction (done ÷ required) shown as a percentage; a division to which a score
does not apply (no one required, no DX leader, nothing offered) gets None, shown as "—"
and left out of the ranking, rather than 0% or 100%.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, TypeVar


class HasName(Protocol):
    name: str


@dataclass(frozen=True)
class Score:
    done: int
    required: int

    @property
    def percent(self) -> Decimal:
        """Rounded half up to one decimal: 31/40 → 77.5."""
        value = Decimal(self.done * 100) / Decimal(self.required)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def __str__(self) -> str:
        return f"{self.percent}%（{self.done}/{self.required}）"


def mandatory_training_score(people: Iterable[tuple[int, int]]) -> Score | None:
    """① 階層別の必須研修: completions ÷ Σ over the division's people of the trainings
    required of each. `people` gives (required of the person, of those completed); a
    completion beyond what is required of the person does not count.
    20 people × 2 trainings with 31 completions → 31/40 = 77.5%."""
    required = done = 0
    for person_required, person_done in people:
        required += person_required
        done += min(person_done, person_required)
    return Score(done, required) if required else None


def leader_training_score(
    required_courses: set[int], completed_by_leaders: set[int], *, has_leaders: bool
) -> Score | None:
    """② DXリーダー必須研修: each training required of DX leaders counts once, done when any
    of the division's leaders completed it (leaders may share them).
    2 required, 1 done → 1/2 = 50%. No leader in the division, or nothing required: None."""
    if not has_leaders or not required_courses:
        return None
    return Score(len(required_courses & completed_by_leaders), len(required_courses))


def elective_score(offered_courses: set[int], taken_by_division: set[int]) -> Score | None:
    """③ 選択研修: for each elective offered to all staff, done when at least one person of
    the division took it; score = done ÷ offered."""
    if not offered_courses:
        return None
    return Score(len(offered_courses & taken_by_division), len(offered_courses))


@dataclass(frozen=True)
class Coverage:
    """How many divisions have at least one person of a type (金沢市: a デジタル行政推進リーダー
    in each of about 100 divisions; 北海道, 真岡市: one per division)."""

    covered: int
    divisions: int

    @property
    def percent(self) -> Decimal | None:
        if not self.divisions:
            return None
        return Score(self.covered, self.divisions).percent


def division_coverage(people_of_type_by_division: dict[int, int]) -> Coverage:
    """`people_of_type_by_division` has every division, with 0 where nobody holds the type."""
    covered = sum(1 for count in people_of_type_by_division.values() if count > 0)
    return Coverage(covered, len(people_of_type_by_division))


# The role class whose holders 福井県 counts as the divisions' DX leaders, until the viewer
# chooses another, and the word that marks the talent type the coverage page opens on.
DEFAULT_LEADER_CLASS_NAME = "DXリーダー"
LEADER_WORD = "リーダー"
Named = TypeVar("Named", bound=HasName)


def default_leader_class(role_classes: Iterable[Named]) -> Named | None:
    """The class named DXリーダー, if the body's framework has one."""
    return next((r for r in role_classes if r.name == DEFAULT_LEADER_CLASS_NAME), None)


def default_coverage_type(types: Sequence[Named]) -> Named | None:
    """The first type with リーダー in its name (the one 福井県 places in every division),
    else the first type, else none."""
    return next((t for t in types if LEADER_WORD in t.name), types[0] if types else None)
