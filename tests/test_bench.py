"""The benchmarks fail on a wrong answer (issue 18): a fast wrong figure is not a result.
Each test plants one and sees the benchmark exit with status 1; the same small run without
the plant passes, so the check is not one that always fails."""

from __future__ import annotations

import json

import pytest

from bench import matching
from bench.common import Checks
from bench.summary import _width, table
from dxjinzai.dispatch import matching as platform

SMALL = ["--requests", "60", "--experts", "15", "--repeat", "1"]


def test_the_matching_benchmark_passes_when_the_platform_finds_the_optimum(monkeypatch, tmp_path):
    summary = tmp_path / "summary.jsonl"
    monkeypatch.setenv("BENCH_SUMMARY", str(summary))
    matching.main(SMALL)
    row = json.loads(summary.read_text(encoding="utf-8").splitlines()[0])
    assert row["benchmark"] == "matching" and row["ratio"].endswith("× LP")


def test_a_planted_worse_assignment_fails_the_matching_benchmark(monkeypatch, capsys):
    real = platform.optimal_assignment
    monkeypatch.setattr(platform, "optimal_assignment", lambda problem: real(problem)[:-1])
    with pytest.raises(SystemExit) as stopped:
        matching.main(SMALL)
    assert stopped.value.code == 1
    assert "CHECK FAILED: platform score" in capsys.readouterr().out


def test_a_planted_broken_cap_fails_the_matching_benchmark(monkeypatch, capsys):
    real = platform.optimal_assignment

    def twice(problem):
        pairs = real(problem)
        return [*pairs, pairs[0]]  # one request given to its expert a second time

    monkeypatch.setattr(platform, "optimal_assignment", twice)
    with pytest.raises(SystemExit) as stopped:
        matching.main(SMALL)
    assert stopped.value.code == 1
    assert "breaks a rule" in capsys.readouterr().out


def test_checks_end_the_run_only_when_one_failed(capsys):
    passing = Checks("example")
    passing.expect(True, "never shown")
    passing.finish()
    failing = Checks("example")
    failing.expect(1 + 1 == 3, "the figure differs from the baseline")
    with pytest.raises(SystemExit) as stopped:
        failing.finish()
    assert stopped.value.code == 1
    assert "CHECK FAILED: the figure differs from the baseline" in capsys.readouterr().out


def test_the_summary_table_lines_up_japanese_and_says_what_missed_its_goal():
    rows = [
        {
            "benchmark": "matching",
            "work": "1,000 × 300",
            "measured": "290 ms",
            "ratio": "0.80× LP",
            "goal": "≤ 1.0×",
            "met": True,
        },
        {
            "benchmark": "load",
            "work": "混在 50 req/s",
            "measured": "p99 6,593 ms",
            "ratio": "",
            "goal": "≤ 500 ms",
            "met": False,
        },
    ]
    lines = table(rows).splitlines()
    assert lines[1].startswith("matching") and lines[1].endswith("met")
    assert lines[2].endswith("NOT met")
    # The measured column starts at the same place on a terminal (Japanese is two wide).
    assert _width(lines[1][: lines[1].index("290 ms")]) == _width(lines[2][: lines[2].index("p99")])


PLANTED_RUN = """
import sys
from bench import matching
from dxjinzai.dispatch import matching as platform
real = platform.optimal_assignment
platform.optimal_assignment = lambda problem: real(problem)[:-1]  # one pair short
matching.main(sys.argv[1:])
"""


def test_the_benchmark_process_exits_1_on_a_planted_figure(tmp_path):
    """What bench/run reads: the exit status of the benchmark's own process."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    summary = tmp_path / "summary.jsonl"
    planted = subprocess.run(
        [sys.executable, "-c", PLANTED_RUN, *SMALL],
        cwd=root,
        env={"BENCH_SUMMARY": str(summary), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert planted.returncode == 1, planted.stdout + planted.stderr
    last = json.loads(summary.read_text(encoding="utf-8").splitlines()[-1])
    assert (last["benchmark"], last["measured"], last["met"]) == ("matching", "FAILED", False)
