"""Benchmark: optimal matching of 1,000 open dispatch requests to 300 experts (issue 7).

Experts have caps of 1 to 3 and are available for about half of the requests' dates.
In the same run: the reference optimum (an integer program solved by HiGHS through scipy's
milp, a second exact method) and a greedy baseline. Reported: each method's time and
total score, the score ratio to the reference (must be 1.000), the time ratio to the
reference, and any cap or availability violation.

    .venv/bin/python bench/matching.py [--requests 1000] [--experts 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dxjinzai.dispatch.matching import (
    MatchProblem,
    greedy_assignment,
    optimal_assignment,
    reference_assignment,
    total_score,
    violations,
)


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


def best_time(solve, problem: MatchProblem, repeat: int):
    best, pairs = float("inf"), []
    for _ in range(repeat):
        started = time.perf_counter()
        pairs = solve(problem)
        best = min(best, time.perf_counter() - started)
    return best, pairs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--experts", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    problem = synthetic_problem(args.requests, args.experts)
    print(
        f"依頼 {args.requests:,}件 × 専門家 {args.experts}人（上限合計 {int(problem.capacity.sum())}件、"
        f"対応可能な組 {int(problem.allowed.sum()):,}）"
    )
    results = {
        name: best_time(solve, problem, args.repeat)
        for name, solve in [
            ("reference (milp/HiGHS)", reference_assignment),
            ("optimal (assignment)", optimal_assignment),
            ("greedy", greedy_assignment),
        ]
    }
    reference_seconds, reference_pairs = results["reference (milp/HiGHS)"]
    reference_score = total_score(problem, reference_pairs)
    for name, (seconds, pairs) in results.items():
        score = total_score(problem, pairs)
        broken = violations(problem, pairs)
        print(
            f"{name:>22}: {seconds:7.3f}s  score {score:10.3f}  "
            f"score ratio {score / reference_score:.3f}  time ratio {seconds / reference_seconds:5.2f}x  "
            f"assigned {len(pairs):4d}  violations {len(broken)}"
        )


if __name__ == "__main__":
    main()
