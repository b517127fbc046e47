"""The named rules of recruitment (CASES.md case 6, 中野区)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from dxjinzai.recruitment.rules import (
    days_to_offer,
    fills_head_count,
    is_open,
    move_problem,
    panel_score,
    weighted_score,
    window_problem,
    window_warning,
)

OPENS = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def test_a_window_closes_after_it_opens_and_two_weeks_is_usual():
    assert window_problem(OPENS, OPENS) == "受付終了は受付開始より後の日時にしてください。"
    assert window_problem(OPENS, OPENS - timedelta(days=1)) is not None
    assert window_problem(OPENS, OPENS + timedelta(days=1)) is None
    assert window_warning(OPENS, OPENS + timedelta(days=13)) == (
        "受付期間が13日です。通常は2〜3週間（14日以上）です。"
    )
    # 中野区's windows: 14 and 21 days raise nothing.
    assert window_warning(OPENS, OPENS + timedelta(days=14)) is None
    assert window_warning(OPENS, OPENS + timedelta(days=21)) is None


def test_the_window_includes_its_opening_and_excludes_its_close():
    closes = OPENS + timedelta(days=14)
    assert not is_open(OPENS, closes, OPENS - timedelta(seconds=1))
    assert is_open(OPENS, closes, OPENS)
    assert is_open(OPENS, closes, closes - timedelta(seconds=1))
    assert not is_open(OPENS, closes, closes)


def test_ended_applications_stay_ended_and_hiring_has_its_own_step():
    assert move_problem("applied", "screening") is None
    assert move_problem("interview_1", "rejected") is None
    assert move_problem("rejected", "screening") == "「不採用」で終わった応募は動かせません。"
    assert (
        move_problem("offered", "hired")
        == "採用は「採用する」から行います（職員の記録を作ります）。"
    )
    assert move_problem("screening", "screening") == "すでにその段階です。"


def test_the_weighted_score_is_a_weighted_mean_rounded_half_up_to_two_decimals():
    # Communication weighs 3, expertise 2, motivation 1: (4×3 + 3×2 + 5×1) / 6 = 23/6.
    assert weighted_score([(3, 4), (2, 3), (1, 5)]) == Decimal("3.83")
    # 3.125 → 3.13 (half up), not 3.12 (half even).
    assert weighted_score([(5, 3), (3, 3), (0, 0)]) == Decimal("3.00")
    assert weighted_score([(7, 3), (1, 4)]) == Decimal("3.13")
    assert weighted_score([]) is None


def test_the_panel_score_is_the_mean_of_the_members_totals():
    assert panel_score([Decimal("3.83"), Decimal("4.50")]) == Decimal("4.17")  # 4.165 → 4.17
    assert panel_score([Decimal("3.83"), None]) == Decimal("3.83")
    assert panel_score([None]) is None


def test_days_to_offer_count_from_the_close_in_japans_dates():
    assert days_to_offer(date(2026, 12, 15), date(2027, 1, 8)) == 24
    assert days_to_offer(date(2026, 12, 15), date(2026, 12, 10)) == 0


def test_the_head_count_caps_the_hires():
    assert fills_head_count(1, 2) is None
    assert fills_head_count(2, 2) == "採用予定人数（2人）に達しています。"


def test_a_body_renames_stages_and_does_without_optional_ones():
    from dxjinzai.recruitment.rules import pipeline

    default = pipeline({}, [])
    assert [name for _, name in default] == [
        "応募",
        "書類選考",
        "一次面接",
        "最終面接",
        "内定",
        "採用",
        "不採用",
        "辞退",
    ]
    own = pipeline({"interview_1": "面接"}, ["interview_2", "offered"])
    # 内定 is not optional: it stays; 最終面接 goes.
    assert [name for _, name in own] == [
        "応募",
        "書類選考",
        "面接",
        "内定",
        "採用",
        "不採用",
        "辞退",
    ]
