"""What the benchmarks share: repeated timings, correctness checks that fail the run, the
summary line each benchmark adds for bench/run's table, and a fresh PostgreSQL database."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Every timing is the median of at least this many runs, printed with their min and max.
REPEATS = 5
DEFAULT_PG_DATABASE = "dxjinzai_bench"


@dataclass(frozen=True)
class Timing:
    median: float
    low: float
    high: float
    runs: int

    def __str__(self) -> str:
        return (
            f"{self.median * 1000:.1f} ms (min {self.low * 1000:.1f}, "
            f"max {self.high * 1000:.1f}, n={self.runs})"
        )

    def ratio(self, other: Timing) -> float:
        return self.median / other.median


def timed(
    run: Callable[[], Any], repeats: int = REPEATS, *, warm_up: bool = True
) -> tuple[Timing, Any]:
    """The median, min and max of `repeats` runs (after one untimed run, for the caches),
    and the last run's result."""
    if warm_up:
        run()
    seconds, result = [], None
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return Timing(statistics.median(seconds), min(seconds), max(seconds), len(seconds)), result


class Checks:
    """A benchmark's correctness checks (same figures as the baseline, same people found,
    constant queries …). A failed one is printed at once; `finish` then ends the run with
    exit status 1, so that a fast wrong answer never passes for a result."""

    def __init__(self, benchmark: str) -> None:
        self.benchmark = benchmark
        self.failed: list[str] = []

    def expect(self, ok: bool, what: str) -> bool:
        if not ok:
            self.failed.append(what)
            print(f"  CHECK FAILED: {what}", flush=True)
        return ok

    def finish(self) -> None:
        if self.failed:
            print(f"{self.benchmark}: {len(self.failed)} check(s) failed", flush=True)
            add_summary(self.benchmark, "checks", "FAILED", "", "all pass", met=False)
            sys.exit(1)


def add_summary(
    benchmark: str, work: str, measured: str, ratio: str, goal: str, *, met: bool | None
) -> None:
    """One row of bench/run's summary table (kept in the file $BENCH_SUMMARY when set)."""
    path = os.environ.get("BENCH_SUMMARY")
    if not path:
        return
    row = {"benchmark": benchmark, "work": work, "measured": measured, "ratio": ratio}
    row |= {"goal": goal, "met": met}
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(json.dumps(row, ensure_ascii=False) + "\n")


def fresh_postgres_database(name: str = DEFAULT_PG_DATABASE) -> str:
    """Start the project's PostgreSQL (scripts/postgres) and give the URL of an empty
    database `name`, dropped and created again (a parameter, so two runs do not collide)."""
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"データベース名に使えない文字があります: {name}")
    url = subprocess.run(
        [str(ROOT / "scripts" / "postgres")], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(
        ["su", "postgres", "-c", f"dropdb --if-exists {name} && createdb -O dxjinzai {name}"],
        check=True,
    )
    return url.rsplit("/", 1)[0] + f"/{name}"
