"""Benchmark: a 100,000-row cp932 staff CSV imported into SQLite and PostgreSQL, against a
bare insert of the same already-parsed rows measured in the same run (issue 3).

    bench/run                      # both databases (PostgreSQL via scripts/postgres)
    bench/run --rows 20000 --only sqlite
    .venv/bin/python bench/import_staff.py --only sqlite --repeat 1 --flat-rows 1000000

Each measurement runs in its own child process on its own fresh database, so that both
start from the same state (a fresh SQLite file grows as it fills, which costs as much as
the inserts themselves):
- import: the full import (read, decode, validate, normalise, plan, write, audit) of the
  file, then a re-import of the same file with 1% of rows changed;
- baseline: the same rows, already parsed (not timed), inserted by one bare executemany in
  one transaction (SQLite) or COPY (PostgreSQL) into the same table with the same indexes.
Peak memory is the import child's peak resident set size after the first import
(interpreter and Django included); one more import of `--flat-rows` rows (a million by
default) shows whether it stays flat as the file grows ten times. Each is run 5 times (`--repeat`), each on a fresh
database; the medians are compared, with min and max printed. Checks (the run fails when one
does not hold): every row imported and inserted, and the re-import updates exactly the 1%.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    DEFAULT_PG_DATABASE,
    REPEATS,
    Checks,
    Timing,
    add_summary,
    fresh_postgres_database,
)

GOAL_RATIO = 0.5
GOAL_PEAK_MB = 150
# "Flat": the peak for ten times the rows may differ by this much (allocator noise).
FLAT_MARGIN_MB = 15

HEADER = [
    "職員番号",
    "氏",
    "名",
    "氏フリガナ",
    "名フリガナ",
    "所属コード",
    "職層",
    "雇用区分",
    "メールアドレス",
    "採用日",
    "内線",
]
DEPARTMENTS = [f"{i:04d}" for i in range(100, 400)]
GRADES = ["主事・主任級", "主査級", "係長級", "課長補佐級", "課長級", "部長級"]


def generate_csv(path: Path, rows: int, *, changed_every: int = 0, seed: int = 7) -> None:
    """A personnel-system export; with changed_every=100, every 100th row has a new surname.
    Written row by row (the benchmark's own memory stays out of what it measures)."""
    rng = random.Random(seed)
    with path.open("w", encoding="cp932", newline="") as out:
        _write_rows(csv.writer(out, lineterminator="\r\n"), rows, changed_every, rng)


def _write_rows(writer, rows: int, changed_every: int, rng: random.Random) -> None:
    from dxjinzai.organizations.demo_names import FAMILY_NAMES, GIVEN_NAMES

    writer.writerow(HEADER)
    for n in range(1, rows + 1):
        family, family_kana = rng.choice(FAMILY_NAMES)
        given, given_kana = rng.choice(GIVEN_NAMES)
        if changed_every and n % changed_every == 0:
            family, family_kana = "改姓", "カイセイ"
        writer.writerow(
            [
                f"{n:07d}",
                family,
                given,
                family_kana,
                given_kana,
                DEPARTMENTS[n % len(DEPARTMENTS)],
                GRADES[n % len(GRADES)],
                "正規",
                f"staff{n}@example.lg.jp",
                f"R{2 + n % 6}.4.1",
                f"{n % 10000:04d}",
            ]
        )


# --- Child: one database --------------------------------------------------------------------


def child(mode: str, csv_path: Path, changed_path: Path) -> dict:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    body = _prepare_body()
    if mode == "baseline":
        parsed = _parsed_rows(csv_path, body)
        result = {"baseline_seconds": _bare_insert(connection, parsed), "rows": len(parsed)}
        if connection.vendor == "postgresql":
            # Are the deferred foreign keys what slows COPY? The same COPY again, into the
            # emptied table, with every constraint checked at once (SET CONSTRAINTS).
            _empty_staff_table(connection)
            result["immediate_seconds"] = _bare_insert(connection, parsed, immediate=True)
        return result
    from dxjinzai.organizations.import_jobs import staff_import_run, staff_import_start_record

    def timed_import(path: Path) -> tuple[float, dict]:
        # Handed over as the web page hands over an upload: the file, copied to the store
        # a piece at a time.
        with path.open("rb") as upload:
            run = staff_import_start_record(
                actor=None,
                body=body,
                filename=path.name,
                data=upload,
                dry_run=False,
                complete=False,
                only_valid=False,
                sheet="",
            )
        started = time.perf_counter()
        staff_import_run(run.pk, today=date(2026, 11, 26))
        elapsed = time.perf_counter() - started
        run.refresh_from_db()
        assert run.counts.get("rejected") == 0, run.problems[:3]
        return elapsed, run.counts

    first_seconds, first_counts = timed_import(csv_path)
    peak_mb = _peak_rss_mb()
    if mode == "import-once":
        return {"rows": first_counts["created"], "peak_rss_mb": peak_mb}
    reimport_seconds, reimport_counts = timed_import(changed_path)
    return {
        "rows": first_counts["created"],
        "import_seconds": first_seconds,
        "reimport_seconds": reimport_seconds,
        "reimport_updated": reimport_counts["updated"],
        "peak_rss_mb": peak_mb,
    }


def _peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program (VmHWM). Not
    getrusage's ru_maxrss: Linux carries that over from before exec, when the forked child
    was still a copy of the parent (which has just written a file of a million rows)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _prepare_body():
    from dxjinzai.organizations import services
    from dxjinzai.organizations.models import Body

    Body.objects.filter(name="ベンチ市").exists() and sys.exit("bench database is not fresh")
    body = services.body_create(actor=None, code="39201", name="ベンチ市", kind="municipality")
    for rank, name in enumerate(GRADES, start=1):
        services.grade_create(actor=None, body=body, name=name, rank=rank)
    for code in DEPARTMENTS:
        services.department_create(
            actor=None, body=body, code=code, name=f"課{code}", valid_from=date(2000, 4, 1)
        )
    return body


def _parsed_rows(path: Path, body) -> list[tuple]:
    """The rows as the baseline gets them: parsed, resolved, ready to insert (not timed)."""
    from dxjinzai.lib.dates import parse_date_text
    from dxjinzai.organizations.models import Department, Grade

    departments = dict(Department.unscoped.filter(body=body).values_list("code", "id"))
    grades = dict(Grade.unscoped.filter(body=body).values_list("name", "id"))
    reader = csv.reader(io.StringIO(path.read_bytes().decode("cp932")))
    next(reader)
    return [
        (
            body.pk,
            r[0],
            "active",
            r[1],
            r[2],
            r[3],
            r[4],
            r[8],
            departments[r[5]],
            grades[r[6]],
            "regular",
            parse_date_text(r[9]).isoformat(),
        )
        for r in reader
    ]


def _empty_staff_table(connection) -> None:
    from dxjinzai.organizations.models import StaffMember

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {StaffMember._meta.db_table} CASCADE")


def _bare_insert(connection, rows: list[tuple], *, immediate: bool = False) -> float:
    from dxjinzai.organizations.models import StaffMember
    from dxjinzai.organizations.staff_import import WRITTEN_FIELDS

    # The columns the import writes, in its order; _parsed_rows builds rows to match.
    columns = ["body_id", "number", "status", *WRITTEN_FIELDS]
    table = StaffMember._meta.db_table
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with raw.transaction(), raw.cursor() as cursor:
            if immediate:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        raw.execute("BEGIN")
        raw.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            rows,
        )
        raw.execute("COMMIT")
    return time.perf_counter() - started


# --- Parent -----------------------------------------------------------------------------------


def run_backend(
    backend: str, csv_path: Path, changed_path: Path, workdir: Path, *, repeats: int, pg: str
) -> dict:
    """`repeats` imports and as many bare inserts, each on a fresh database."""
    imports = [
        _run_child(backend, "import", csv_path, changed_path, workdir, pg) for _ in range(repeats)
    ]
    baselines = [
        _run_child(backend, "baseline", csv_path, changed_path, workdir, pg) for _ in range(repeats)
    ]
    import_time = _timing([run["import_seconds"] for run in imports])
    baseline_time = _timing([run["baseline_seconds"] for run in baselines])
    immediate = [run["immediate_seconds"] for run in baselines if "immediate_seconds" in run]
    return {
        "rows": [run["rows"] for run in imports],
        "baseline_rows": [run["rows"] for run in baselines],
        "reimport_updated": [run["reimport_updated"] for run in imports],
        "import": import_time,
        "reimport": _timing([run["reimport_seconds"] for run in imports]),
        "baseline": baseline_time,
        "baseline_kind": "COPY" if backend == "postgresql" else "executemany",
        "ratio": baseline_time.median / import_time.median,
        "peak_rss_mb": max(run["peak_rss_mb"] for run in imports),
        "immediate": _timing(immediate) if immediate else None,
    }


def _timing(seconds: list[float]) -> Timing:
    return Timing(statistics.median(seconds), min(seconds), max(seconds), len(seconds))


def _run_child(
    backend: str, mode: str, csv_path: Path, changed_path: Path, workdir: Path, pg: str
) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    # As the production worker runs: with DEBUG on, Django keeps the last 9,000 queries'
    # text, and a batch's lookup of 5,000 numbers is a long text.
    env["DJANGO_DEBUG"] = "0"
    if backend == "sqlite":
        database = workdir / f"bench-{mode}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        env["SQLITE_PATH"] = str(database)
    else:
        env["DATABASE_URL"] = fresh_postgres_database(pg)
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(csv_path), str(changed_path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--repeat", type=int, default=REPEATS)
    parser.add_argument("--pg-database", default=DEFAULT_PG_DATABASE)
    parser.add_argument(
        "--flat-rows",
        type=int,
        default=1_000_000,
        help="one more import of this many rows, to see memory stay flat (0: skip)",
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "CSV", "CHANGED"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), Path(args.child[2]))))
        return
    checks = Checks("staff import")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        csv_path, changed_path = workdir / "staff.csv", workdir / "staff_1pct_changed.csv"
        generate_csv(csv_path, args.rows)
        generate_csv(changed_path, args.rows, changed_every=100)
        size_mb = csv_path.stat().st_size / 1024 / 1024
        print(f"職員CSV（cp932）: {args.rows:,}行、{len(HEADER)}列、{size_mb:.1f}MB")
        backends = [args.only] if args.only else ["sqlite", "postgresql"]
        results = {
            backend: run_backend(
                backend, csv_path, changed_path, workdir, repeats=args.repeat, pg=args.pg_database
            )
            for backend in backends
        }
        for backend, r in results.items():
            report(backend, r, args.rows, checks)
        if args.flat_rows:
            csv_path.unlink()
            changed_path.unlink()
            generate_csv(csv_path, args.flat_rows)
            for backend, r in results.items():
                once = _run_child(
                    backend, "import-once", csv_path, csv_path, workdir, args.pg_database
                )
                report_flatness(backend, r["peak_rss_mb"], args.rows, once, args.flat_rows, checks)
    checks.finish()


def report_flatness(
    backend: str, peak_mb: float, rows: int, once: dict, flat_rows: int, checks: Checks
) -> None:
    """Memory is flat when the larger file's peak is within FLAT_MARGIN_MB of the smaller's."""
    grown = once["peak_rss_mb"] - peak_mb
    print(
        f"{backend:>10}: peak RSS {peak_mb:.0f} MB at {rows:,} rows, "
        f"{once['peak_rss_mb']:.0f} MB at {flat_rows:,} rows ({grown:+.0f} MB)"
    )
    checks.expect(
        once["rows"] == flat_rows, f"{backend}: imported {once['rows']} rows of {flat_rows}"
    )
    add_summary(
        "staff import memory",
        f"{backend}: {rows:,} → {flat_rows:,} rows",
        f"{peak_mb:.0f} → {once['peak_rss_mb']:.0f} MB",
        f"{grown:+.0f} MB",
        f"< {GOAL_PEAK_MB} MB, flat (±{FLAT_MARGIN_MB} MB)",
        met=once["peak_rss_mb"] < GOAL_PEAK_MB and abs(grown) <= FLAT_MARGIN_MB,
    )


def report(backend: str, r: dict, rows: int, checks: Checks) -> None:
    print(
        f"{backend:>10}: import {r['import']} | bare {r['baseline_kind']} {r['baseline']} | "
        f"ratio {r['ratio']:.2f}x (bare ÷ import, medians) | re-import 1% changed {r['reimport']} "
        f"| peak RSS {r['peak_rss_mb']:.0f} MB"
    )
    if r["immediate"]:
        print(
            f"{backend:>10}: COPY with its foreign keys deferred {r['baseline']} | "
            f"checked at once (SET CONSTRAINTS ALL IMMEDIATE) {r['immediate']}"
        )
    checks.expect(
        set(r["rows"]) == set(r["baseline_rows"]) == {rows},
        f"{backend}: imported {r['rows']}, inserted {r['baseline_rows']} rows of {rows}",
    )
    checks.expect(
        set(r["reimport_updated"]) == {rows // 100},
        f"{backend}: the re-import updated {r['reimport_updated']}, not {rows // 100}",
    )
    add_summary(
        "staff import",
        f"{backend}: {rows:,} rows",
        f"{r['import'].median:.1f} s, peak {r['peak_rss_mb']:.0f} MB",
        f"{r['ratio']:.2f}× bare {r['baseline_kind']}",
        f"≥ {GOAL_RATIO}×, < {GOAL_PEAK_MB} MB",
        met=r["ratio"] >= GOAL_RATIO and r["peak_rss_mb"] < GOAL_PEAK_MB,
    )


if __name__ == "__main__":
    main()
