"""Optimal assignment of open dispatch requests to experts (issue 7, "Matching").

Each request gets at most one expert; each expert at most their remaining cap of requests;
a pair is allowed only where the expert is available on the request's dates. We maximise
the total match quality.

`optimal_assignment` solves it as an assignment problem on capacity-expanded columns
(each expert repeated cap times, plus one "nobody" column per request) with scipy's
`linear_sum_assignment`. `reference_assignment` solves the same problem as an integer
program with HiGHS (scipy's `milp`), a second exact method used to check the first and
to time it against. `greedy_assignment` is the obvious heuristic, for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import coo_array

# Cost of a forbidden pair: far above any sum of real scores, so never chosen while the
# "nobody" column keeps every request feasible.
_FORBIDDEN = 1e9


@dataclass(frozen=True)
class MatchProblem:
    """scores[r, e] ≥ 0 is the quality of expert e for request r; allowed[r, e] says the
    expert is available on the request's dates; capacity[e] is what is left of their cap."""

    scores: np.ndarray
    allowed: np.ndarray
    capacity: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.scores.shape  # type: ignore[return-value]


Pairs = list[tuple[int, int]]


def optimal_assignment(problem: MatchProblem) -> Pairs:
    requests, experts = problem.shape
    # Only pairs with a positive score are worth making; the rest is "nobody".
    usable = problem.allowed & (problem.scores > 0)
    slots = np.repeat(np.arange(experts), problem.capacity.astype(int))
    cost = np.where(usable[:, slots], -problem.scores[:, slots], _FORBIDDEN)
    nobody = np.full((requests, requests), _FORBIDDEN)
    np.fill_diagonal(nobody, 0.0)
    rows, columns = linear_sum_assignment(np.hstack([cost, nobody]))
    return [
        (int(r), int(slots[c]))
        for r, c in zip(rows, columns, strict=True)
        if c < len(slots) and usable[r, slots[c]]
    ]


def reference_assignment(problem: MatchProblem) -> Pairs:
    requests, experts = problem.shape
    r_index, e_index = np.nonzero(problem.allowed & (problem.scores > 0))
    count = len(r_index)
    if count == 0:
        return []
    variables = np.arange(count)
    one_per_request = coo_array((np.ones(count), (r_index, variables)), shape=(requests, count))
    cap_per_expert = coo_array((np.ones(count), (e_index, variables)), shape=(experts, count))
    result = milp(
        c=-problem.scores[r_index, e_index],
        constraints=[
            LinearConstraint(one_per_request.tocsr(), 0, 1),
            LinearConstraint(cap_per_expert.tocsr(), 0, problem.capacity),
        ],
        integrality=np.ones(count),
        bounds=Bounds(0, 1),
    )
    if not result.success:
        raise RuntimeError(f"参照解法が解を得られませんでした：{result.message}")
    chosen = np.nonzero(result.x > 0.5)[0]
    return [(int(r_index[v]), int(e_index[v])) for v in chosen]


def greedy_assignment(problem: MatchProblem) -> Pairs:
    """Best remaining pair first, until nothing allowed is left."""
    left = problem.capacity.astype(int).copy()
    taken: set[int] = set()
    pairs = []
    r_index, e_index = np.nonzero(problem.allowed & (problem.scores > 0))
    order = np.argsort(-problem.scores[r_index, e_index], kind="stable")
    for v in order:
        r, e = int(r_index[v]), int(e_index[v])
        if r not in taken and left[e] > 0:
            pairs.append((r, e))
            taken.add(r)
            left[e] -= 1
    return pairs


def total_score(problem: MatchProblem, pairs: Pairs) -> float:
    return float(sum(problem.scores[r, e] for r, e in pairs))


def violations(problem: MatchProblem, pairs: Pairs) -> list[str]:
    """Every broken rule of an assignment, in Japanese; empty when it is feasible."""
    found = []
    requests = [r for r, _ in pairs]
    if len(requests) != len(set(requests)):
        found.append("同じ依頼に複数の専門家が割り当てられています。")
    for r, e in pairs:
        if not problem.allowed[r, e]:
            found.append(f"依頼{r}の日程に専門家{e}は対応できません。")
    used = np.bincount([e for _, e in pairs], minlength=problem.shape[1])
    for expert in np.nonzero(used > problem.capacity)[0]:
        found.append(f"専門家{expert}の上限（{problem.capacity[expert]}件）を超えています。")
    return found
