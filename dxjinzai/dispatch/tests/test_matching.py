"""The optimal assignment agrees with a second exact method and beats greedy where greedy errs."""

import numpy as np
import pytest

from dxjinzai.dispatch.matching import (
    MatchProblem,
    greedy_assignment,
    optimal_assignment,
    reference_assignment,
    total_score,
    violations,
)


def _problem(scores, allowed=None, capacity=None):
    scores = np.asarray(scores, dtype=float)
    return MatchProblem(
        scores=scores,
        allowed=np.ones(scores.shape, bool) if allowed is None else np.asarray(allowed, bool),
        capacity=np.ones(scores.shape[1], int) if capacity is None else np.asarray(capacity),
    )


def test_greedy_is_beaten_where_the_best_pair_blocks_two_good_ones():
    # Greedy takes (0,0)=10 and leaves request 1 with nothing: 10. Optimal: 9 + 9 = 18.
    problem = _problem([[10, 9], [9, 0]])
    assert total_score(problem, greedy_assignment(problem)) == 10
    assert total_score(problem, optimal_assignment(problem)) == 18
    assert sorted(optimal_assignment(problem)) == [(0, 1), (1, 0)]


def test_caps_and_availability_are_respected():
    problem = _problem([[5, 4], [5, 4], [5, 4]], allowed=[[1, 1], [1, 0], [1, 1]], capacity=[2, 1])
    pairs = optimal_assignment(problem)
    assert violations(problem, pairs) == []
    assert total_score(problem, pairs) == 14  # two on expert 0 (5 + 5), one on expert 1 (4)


def test_a_request_nobody_can_take_stays_open():
    problem = _problem([[3, 3], [2, 2]], allowed=[[0, 0], [1, 1]])
    assert [r for r, _ in optimal_assignment(problem)] == [1]


def test_violations_name_each_broken_rule():
    problem = _problem([[1, 1], [1, 1]], allowed=[[1, 0], [1, 1]], capacity=[1, 1])
    found = violations(problem, [(0, 1), (1, 1), (0, 0)])
    assert "同じ依頼に複数の専門家が割り当てられています。" in found
    assert "依頼0の日程に専門家1は対応できません。" in found
    assert "専門家1の上限（1件）を超えています。" in found


@pytest.mark.parametrize("seed", range(8))
def test_optimal_equals_the_reference_on_random_problems(seed):
    rng = np.random.default_rng(seed)
    requests, experts = rng.integers(5, 40), rng.integers(3, 15)
    problem = MatchProblem(
        scores=rng.random((requests, experts)).round(3),
        allowed=rng.random((requests, experts)) < 0.6,
        capacity=rng.integers(0, 4, experts),
    )
    optimal, reference = optimal_assignment(problem), reference_assignment(problem)
    assert violations(problem, optimal) == [] and violations(problem, reference) == []
    assert total_score(problem, optimal) == pytest.approx(total_score(problem, reference), abs=1e-9)
    assert total_score(problem, optimal) >= total_score(problem, greedy_assignment(problem)) - 1e-9
