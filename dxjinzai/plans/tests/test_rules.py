"""Targets by fiscal year with the seed's numbers (袋井市, つくば市)."""

from decimal import Decimal

from dxjinzai.plans.rules import Projection, achievement_percent, linear_projection, running_totals


def test_fukuroi_24_staff_and_3_improvements_a_year_make_96_and_12_over_r2_to_r5():
    staff = running_totals({2020: 24, 2021: 24, 2022: 24, 2023: 24})
    assert staff == {2020: 24, 2021: 48, 2022: 72, 2023: 96}
    improvements = running_totals({2020: 3, 2021: 3, 2022: 3, 2023: 3})
    assert improvements[2023] == 12


def test_tsukuba_targets_against_actuals():
    targets = {2022: 510, 2023: 630, 2024: 750}
    assert achievement_percent(510, targets[2022]) == Decimal("100.0")
    assert achievement_percent(493, targets[2022]) == Decimal("96.7")  # R3's 493 against R4's 510
    assert achievement_percent(630, None) is None


def test_projection_is_the_least_squares_line_to_the_final_year():
    # Cumulative completions 493, 1003, 1633: slope (550 + 590) / 2 = 570 a year,
    # through the mean (2022, 1043): 1043 + 570 × 8 = 5603 in FY2030.
    assert linear_projection({2021: 493, 2022: 1003, 2023: 1633}, 2030) == Projection(2030, 5603)
    # Two points: the line through them.
    assert linear_projection({2022: 100, 2023: 150}, 2024) == Projection(2024, 200)


def test_projection_needs_two_years_and_does_not_go_below_zero():
    assert linear_projection({2023: 10}, 2030) is None
    assert linear_projection({2022: 50, 2023: 10}, 2030) == Projection(2030, 0)


def test_projection_rounds_half_up():
    # 1, 2, 2 in years 1–3: slope 0.5 through (2, 5/3); year 5 → 3.17 → 3.
    assert linear_projection({1: 1, 2: 2, 3: 2}, 5) == Projection(5, 3)
    # 0 in year 1 and 1 in year 3: year 2 is exactly 0.5 → 1.
    assert linear_projection({1: 0, 3: 1}, 2) == Projection(2, 1)


def test_certification_conditions_name_what_is_missing():
    from dxjinzai.plans.rules import (
        CertificationConditions,
        PersonRecord,
        certification_number,
        unmet_conditions,
    )

    # 真岡市-like: the BPR project's course, 10 hours in all, and BPR assessed at 3 or more.
    rule = CertificationConditions(
        courses={1: "BPR実践プロジェクト"},
        min_hours=Decimal(10),
        qualifications={7: "ITパスポート試験"},
        skill_item=(5, "業務分析"),
        min_proficiency=3,
    )
    ready = PersonRecord(frozenset({1, 2}), Decimal(12), frozenset({7}), {5: 3})
    assert unmet_conditions(rule, ready) == []
    beginner = PersonRecord(frozenset(), Decimal("7.5"), frozenset(), {5: 2})
    assert unmet_conditions(rule, beginner) == [
        "研修「BPR実践プロジェクト」が未修了",
        "研修の累計時間が10時間に足りない（7.5時間）",
        "資格「ITパスポート試験」がない",
        "「業務分析」の習熟度が3に届かない（2）",
    ]
    assert certification_number("DX認定", "R8", 7) == "DX認定第R8-007号"
