"""福井県's four dashboard scores with the case's own examples and the edge cases."""

from decimal import Decimal

from dxjinzai.dashboards.rules import (
    Score,
    elective_score,
    leader_training_score,
    mandatory_training_score,
)


def test_mandatory_20_people_2_trainings_31_completions_is_77_5_percent():
    people = [(2, 2)] * 11 + [(2, 1)] * 9  # 22 + 9 = 31 completions of 40 required
    score = mandatory_training_score(people)
    assert score == Score(31, 40)
    assert score.percent == Decimal("77.5")
    assert str(score) == "77.5%（31/40）"


def test_mandatory_counts_a_person_at_most_for_what_is_required_of_them():
    # A manager required 3, one staff member required 1 who took 2 (the extra one is elective).
    assert mandatory_training_score([(3, 3), (1, 2)]) == Score(4, 4)


def test_mandatory_with_no_one_required_does_not_apply():
    assert mandatory_training_score([]) is None
    assert mandatory_training_score([(0, 0), (0, 1)]) is None


def test_leader_trainings_two_required_one_done_is_50_percent():
    assert leader_training_score({10, 11}, {10}, has_leaders=True) == Score(1, 2)
    assert Score(1, 2).percent == Decimal("50.0")


def test_leaders_share_the_required_trainings():
    # Two leaders each did a different one: the division has done both, once each.
    done_by_either = {10} | {11}
    assert leader_training_score({10, 11}, done_by_either, has_leaders=True) == Score(2, 2)
    # A course done twice or one not required adds nothing.
    assert leader_training_score({10, 11}, {10, 12}, has_leaders=True) == Score(1, 2)


def test_leader_score_without_leaders_or_requirements_does_not_apply():
    assert leader_training_score({10}, set(), has_leaders=False) is None
    assert leader_training_score(set(), {10}, has_leaders=True) is None


def test_electives_done_when_anyone_in_the_division_took_each():
    assert elective_score({1, 2, 3, 4}, {1, 3, 9}) == Score(2, 4)
    assert elective_score(set(), {1}) is None


def test_percent_rounds_half_up_to_one_decimal():
    assert Score(1, 3).percent == Decimal("33.3")
    assert Score(2, 3).percent == Decimal("66.7")
    assert Score(1, 8).percent == Decimal("12.5")
    assert Score(1, 16).percent == Decimal("6.3")  # 6.25 → 6.3, not banker's 6.2


def test_coverage_counts_divisions_with_at_least_one_person():
    from dxjinzai.dashboards.rules import Coverage, division_coverage

    # 金沢市: 100 leaders over about 100 divisions; here 3 of 4 divisions have one or more.
    coverage = division_coverage({1: 1, 2: 2, 3: 0, 4: 1})
    assert coverage == Coverage(3, 4)
    assert coverage.percent == Decimal("75.0")
    assert division_coverage({}).percent is None
