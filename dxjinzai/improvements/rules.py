"""The rules of improvement proposals (真岡市, 袋井市) and how they feed ④ (福井県)."""

from __future__ import annotations

from datetime import date, timedelta

# The effect is measured a year after the decision (袋井市: implemented where feasible, then
# looked at again).
EFFECT_AFTER_DAYS = 365


def counts_as_improvement(decision: str) -> bool:
    """An adopted proposal, with or without conditions, is its division's improvement (④)."""
    return decision in ("adopted", "conditional")


def decision_problem(
    decision: str, decided_on: date | None, presented_on: date | None
) -> dict[str, str]:
    """Why a decision cannot be recorded as given, by field (empty when it can)."""
    if decision == "pending":
        return {}
    if decided_on is None:
        return {"decided_on": "審査日を入力してください。"}
    if presented_on is not None and decided_on < presented_on:
        return {"decided_on": "審査日は発表日以降にしてください。"}
    return {}


def effect_problem(
    *,
    decision: str,
    implementation: str,
    measured_hours: int | None,
    measured_on: date | None,
    decided_on: date | None,
) -> dict[str, str]:
    """The effect is recorded for an adopted proposal that was carried out, on a day after
    its decision; a measured figure needs its day."""
    if implementation != "not_started" and not counts_as_improvement(decision):
        return {"implementation": "採択された提案の実施の状況を記録します。"}
    if measured_hours is None:
        return {}
    if implementation != "done":
        return {"measured_hours_per_year": "実績は実施済の提案について記録します。"}
    if measured_on is None:
        return {"measured_on": "効果を測った日を入力してください。"}
    if decided_on is not None and measured_on < decided_on:
        return {"measured_on": "効果を測った日は審査日以降にしてください。"}
    return {}


def effect_due(decided_on: date | None, today: date) -> bool:
    """Whether a year has passed since the decision (the time to measure the effect)."""
    return decided_on is not None and today >= decided_on + timedelta(days=EFFECT_AFTER_DAYS)


def proposal_stage(decision: str, implementation: str, presented_on: date | None) -> str:
    """A proposal's place on its project's issue → idea board: 提案 until it is presented,
    検討中 while the executives consider it, 採用 once adopted (with or without
    conditions), 実施済 once carried out; 見送り when rejected or stopped after adoption."""
    if decision == "rejected" or implementation == "stopped":
        return "dropped"
    if counts_as_improvement(decision):
        return "done" if implementation == "done" else "adopted"
    return "considering" if presented_on is not None else "proposed"


def issue_problem(issue_project_ids: set[int], project_id: int | None) -> str | None:
    """The issues a proposal answers are those of its own project."""
    if not issue_project_ids:
        return None
    if project_id is None:
        return "課題を選ぶときは、その課題のプロジェクトを選んでください。"
    if issue_project_ids != {project_id}:
        return "選んだプロジェクトの課題だけを選べます。"
    return None
