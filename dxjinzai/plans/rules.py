"""Progress against a target by fiscal year (issue 5 §1), pure functions.

- Counts of a flow (completers, improvements) per year become running totals when the
  target is cumulative (袋井市: 24 staff a year, 96 over R2–R5).
- The projection to the final year is the least-squares line through the actual values
  of the years so far, rounded half up to a whole number; it needs two years.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def running_totals(per_year: dict[int, int]) -> dict[int, int]:
    total, result = 0, {}
    for year in sorted(per_year):
        total += per_year[year]
        result[year] = total
    return result


def achievement_percent(actual: int, target: int | None) -> Decimal | None:
    """Actual ÷ target as a percentage to one decimal (half up); none without a target."""
    if not target:
        return None
    value = Decimal(actual * 100) / Decimal(target)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Projection:
    fiscal_year: int
    value: int


def projection_missing_reason(
    final_year: int | None, this_year: int, actual_years: int
) -> str | None:
    """Why no projection is shown, in the order an official fixes it; None when one can be
    drawn (a final year still ahead, and actuals of at least two years)."""
    if final_year is None:
        return "最終目標年度が設定されていません（目標を修正して設定できます）"
    if final_year <= this_year:
        return "最終目標年度に達しています"
    if actual_years < 2:
        return "2年度以上の実績が必要です"
    return None


def linear_projection(actuals: dict[int, int], final_year: int) -> Projection | None:
    """Where the trend of `actuals` (year → value) reaches by `final_year`."""
    if len(actuals) < 2:
        return None
    years = sorted(actuals)
    n = len(years)
    mean_x = Fraction(sum(years), n)
    mean_y = Fraction(sum(actuals[y] for y in years), n)
    # Exact arithmetic: the projection must not depend on float rounding.
    spread = sum(((y - mean_x) * (y - mean_x) for y in years), Fraction(0))
    covariance = sum(((y - mean_x) * (actuals[y] - mean_y) for y in years), Fraction(0))
    slope = covariance / spread
    value = mean_y + slope * (final_year - mean_x)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return Projection(final_year, max(0, int(exact.quantize(Decimal(1), ROUND_HALF_UP))))


# --- Certification (DX人材認定) -------------------------------------------------------------


@dataclass(frozen=True)
class CertificationConditions:
    """What a rule asks; names kept for the reasons shown to HR."""

    courses: dict[int, str]
    min_hours: Decimal | None = None
    qualifications: dict[int, str] | None = None
    skill_item: tuple[int, str] | None = None
    min_proficiency: int | None = None
    # 真岡市: took part in an improvement project; one of their projects' proposals adopted.
    project: bool = False
    adopted_proposal: bool = False


@dataclass(frozen=True)
class PersonRecord:
    completed_courses: frozenset[int]
    hours: Decimal
    qualifications: frozenset[int]
    # skill item → the person's latest assessed proficiency (the superior's where there is one)
    proficiency: dict[int, int]
    # improvement projects the person was a member of, and how many of those had a proposal
    # adopted (with or without conditions)
    projects: int = 0
    adopted_projects: int = 0


def unmet_conditions(rule: CertificationConditions, person: PersonRecord) -> list[str]:
    """Every condition the person does not meet yet, in Japanese; empty: a candidate."""
    unmet = [
        f"研修「{title}」が未修了"
        for cid, title in rule.courses.items()
        if cid not in person.completed_courses
    ]
    if rule.min_hours is not None and person.hours < rule.min_hours:
        unmet.append(f"研修の累計時間が{rule.min_hours}時間に足りない（{person.hours}時間）")
    for qid, name in (rule.qualifications or {}).items():
        if qid not in person.qualifications:
            unmet.append(f"資格「{name}」がない")
    if rule.skill_item is not None and rule.min_proficiency:
        item_id, item_name = rule.skill_item
        level = person.proficiency.get(item_id)
        if level is None or level < rule.min_proficiency:
            unmet.append(
                f"「{item_name}」の習熟度が{rule.min_proficiency}に届かない（{level or '未評価'}）"
            )
    if rule.project and not person.projects:
        unmet.append("改善プロジェクトに参加していない")
    if rule.adopted_proposal and not person.adopted_projects:
        unmet.append("参加したプロジェクトから採択された提案がない")
    return unmet


def certification_number(prefix: str, era_year: str, sequence: int) -> str:
    """DX認定第R8-001号: the rule's prefix, the fiscal year as officials write it, a serial."""
    return f"{prefix}第{era_year}-{sequence:03d}号"
