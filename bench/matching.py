"""Benchmark: optimal matching of 1,000 open dispatch requests to 300 experts (issue 7).

Experts have caps of 1 to 3 and are available for about half of the requests' dates.
In the same run: the reference optimum, a plain linear program solved by HiGHS through
scipy's `linprog` (the constraint matrix is totally unimodular, so the LP's optimum is
integral — checked), the platform's solver and a greedy baseline. Each time is the median
of 5 runs, with min and max. Checks (the run fails when one does not hold): the platform's
score equals the reference's, its assignment breaks no cap or availability, and the LP's
solution is integral. Goal (issue 18): the platform's time ≤ 1.0× the reference's.

    .venv/bin/python bench/matching.py [--requests 1000] [--experts 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array, vstack

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPEATS, Checks, add_summary, timed
from dxjinzai.dispatch import matching
from dxjinzai.dispatch.matching import MatchProblem, total_score, violations

GOAL_TIME_RATIO = 1.0
# Scores are rounded to 3 decimals: two optimal assignments agree to far better than this.
SCORE_TOLERANCE = 1e-6


def synthetic_problem(requests: int, experts: int, seed: int = 2026) -> MatchProblem:
    """Scores from overlapping fields (8 fields, each request needs 1–3, each expert has 2–4),
    plus a little for past feedback; availability about one date in two."""
    rng = np.random.default_rng(seed)
    needs = rng.random((requests, 8)) < rng.uniform(0.12, 0.38, (requests, 1))
    skills = rng.random((experts, 8)) < rng.uniform(0.25, 0.5, (experts, 1))
    overlap = needs.astype(float) @ skills.T.astype(float)
    feedback = rng.uniform(0, 0.5, experts)
    scores = np.where(overlap > 0, overlap + feedback, 0.0).round(3)
    return MatchProblem(
        scores=scores,
        allowed=rng.random((requests, experts)) < 0.5,
        capacity=rng.integers(1, 4, experts),
    )


def lp_reference(problem: MatchProblem) -> tuple[list[tuple[int, int]], bool]:
    """The reference optimum, written apart from the platform's solver: maximise the total
    score of allowed pairs, each request at most once, each expert at most their cap, every
    pair between 0 and 1. Returns the pairs and whether the LP's solution was integral."""
    requests, experts = problem.scores.shape
    r_index, e_index = np.nonzero(problem.allowed & (problem.scores > 0))
    count = len(r_index)
    if count == 0:
        return [], True
    columns = np.arange(count)
    per_request = coo_array((np.ones(count), (r_index, columns)), shape=(requests, count))
    per_expert = coo_array((np.ones(count), (e_index, columns)), shape=(experts, count))
    result = linprog(
        c=-problem.scores[r_index, e_index],
        A_ub=vstack([per_request, per_expert]).tocsr(),
        b_ub=np.concatenate([np.ones(requests), problem.capacity]),
        bounds=(0, 1),
        method="highs",
    )
    if not result.success:
        raise SystemExit(f"参照のLPが解けませんでした：{result.message}")
    integral = bool(np.all(np.minimum(result.x, 1 - result.x) < 1e-6))
    chosen = np.nonzero(result.x > 0.5)[0]
    return [(int(r_index[v]), int(e_index[v])) for v in chosen], integral


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--experts", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=REPEATS)
    args = parser.parse_args(argv)
    problem = synthetic_problem(args.requests, args.experts)
    print(
        f"依頼 {args.requests:,}件 × 専門家 {args.experts}人（上限合計 {int(problem.capacity.sum())}件、"
        f"対応可能な組 {int(problem.allowed.sum()):,}）"
    )
    checks = Checks("matching")
    reference_time, (reference_pairs, integral) = timed(lambda: lp_reference(problem), args.repeat)
    platform_time, platform_pairs = timed(lambda: matching.optimal_assignment(problem), args.repeat)
    greedy_time, greedy_pairs = timed(lambda: matching.greedy_assignment(problem), args.repeat)
    reference_score = total_score(problem, reference_pairs)
    for name, seconds, pairs in [
        ("reference (LP, HiGHS)", reference_time, reference_pairs),
        ("platform (assignment)", platform_time, platform_pairs),
        ("greedy", greedy_time, greedy_pairs),
    ]:
        score = total_score(problem, pairs)
        print(
            f"{name:>22}: {seconds}  score {score:10.3f}  "
            f"score ratio {score / reference_score:.4f}  time ratio {seconds.ratio(reference_time):5.2f}x  "
            f"assigned {len(pairs):4d}  violations {len(violations(problem, pairs))}"
        )
    checks.expect(integral, "the reference LP's solution is not integral")
    checks.expect(
        abs(total_score(problem, platform_pairs) - reference_score) <= SCORE_TOLERANCE,
        f"platform score {total_score(problem, platform_pairs):.3f} ≠ reference {reference_score:.3f}",
    )
    checks.expect(
        not violations(problem, platform_pairs),
        f"the platform's assignment breaks a rule: {violations(problem, platform_pairs)[:2]}",
    )
    ratio = platform_time.ratio(reference_time)
    add_summary(
        "matching",
        f"{args.requests:,} × {args.experts}",
        f"{platform_time.median * 1000:.0f} ms",
        f"{ratio:.2f}× LP",
        f"≤ {GOAL_TIME_RATIO}×, score equal",
        met=ratio <= GOAL_TIME_RATIO,
    )
    checks.finish()


if __name__ == "__main__":
    main()
