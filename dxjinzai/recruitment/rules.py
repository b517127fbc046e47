"""The rules of recruitment, each named and tested (CASES.md case 6, 中野区)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dxjinzai.recruitment.models import Stage

# 中野区 opened its windows for 2–3 weeks; a shorter one reaches few people.
SHORTEST_USUAL_WINDOW = timedelta(days=14)

# The order of the pipeline; the ends (採用・不採用・辞退) follow any open stage.
OPEN_STAGES = [
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.FIRST_INTERVIEW,
    Stage.FINAL_INTERVIEW,
    Stage.OFFERED,
]
ENDED_STAGES = [Stage.HIRED, Stage.REJECTED, Stage.DECLINED]


# The stages a body may do without; the others every pipeline has.
OPTIONAL_STAGES = [Stage.SCREENING, Stage.FIRST_INTERVIEW, Stage.FINAL_INTERVIEW]


def pipeline(labels: dict[str, str], unused: list[str]) -> list[tuple[str, str]]:
    """A body's stages in order with their names: the default pipeline, renamed where the
    body named a stage, without the optional stages it does not use."""
    return [
        (stage, labels.get(stage) or Stage(stage).label)
        for stage in [*OPEN_STAGES, *ENDED_STAGES]
        if stage not in unused or stage not in OPTIONAL_STAGES
    ]


def window_problem(opens_at: datetime, closes_at: datetime) -> str | None:
    """Why an application window cannot be used, or None."""
    if closes_at <= opens_at:
        return "受付終了は受付開始より後の日時にしてください。"
    return None


def window_warning(opens_at: datetime, closes_at: datetime) -> str | None:
    """A window shorter than the usual two weeks is allowed, but said."""
    if closes_at - opens_at < SHORTEST_USUAL_WINDOW:
        days = (closes_at - opens_at).days
        return f"受付期間が{days}日です。通常は2〜3週間（14日以上）です。"
    return None


def is_open(opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    """Applications are taken from the opening time up to, not including, the closing time."""
    return opens_at <= now < closes_at


def move_problem(current: str, target: str) -> str | None:
    """Why an applicant cannot move from one stage to another, or None: an ended
    application (採用・不採用・辞退) is not reopened, and 採用 is reached only by hiring."""
    if current == target:
        return "すでにその段階です。"
    if current in ENDED_STAGES:
        return f"「{Stage(current).label}」で終わった応募は動かせません。"
    if target == Stage.HIRED:
        return "採用は「採用する」から行います（職員の記録を作ります）。"
    return None


def weighted_score(scores: Iterable[tuple[int, int]]) -> Decimal | None:
    """The weighted mean of (weight, score) pairs, rounded half up to two decimals; None
    when nothing was scored. Scores are 1–5; a criterion weighing 3 counts three times."""
    pairs = list(scores)
    total_weight = sum(weight for weight, _ in pairs)
    if not total_weight:
        return None
    mean = Decimal(sum(weight * score for weight, score in pairs)) / Decimal(total_weight)
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def panel_score(sheets: Iterable[Decimal | None]) -> Decimal | None:
    """An interview's total: the mean of its panel members' weighted scores (those who
    scored), rounded half up to two decimals."""
    scored = [s for s in sheets if s is not None]
    if not scored:
        return None
    return (sum(scored, Decimal(0)) / len(scored)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def days_to_offer(closed_on: date, offered_on: date) -> int:
    """Days from the window's close to an offer, in Japan's dates (0 when offered before
    it closed)."""
    return max(0, (offered_on - closed_on).days)


def fills_head_count(hired: int, head_count: int) -> str | None:
    """Why one more hire is refused: the posting's head-count is reached."""
    if hired >= head_count:
        return f"採用予定人数（{head_count}人）に達しています。"
    return None
