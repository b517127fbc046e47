"""Benchmark: the division dashboard (福井県's four scores) and the operator's home on a
synthetic consortium of 60,000 staff, 1,600 divisions and 1,000,000 completions (issue 5 §6).

    .venv/bin/python bench/dashboard.py                 # SQLite and PostgreSQL
    .venv/bin/python bench/dashboard.py --only sqlite --scale 0.1

The consortium (built in bulk by `dashboards.synthetic`, not timed): the operator
prefecture with 30,000 staff in 1,000 divisions and 500,000 completions, and six
municipalities of 5,000 staff, 100 divisions and about 83,000 completions each.
Each backend runs in its own child process on a fresh database. Measured in the same run,
each the median of 5 after one warm-up (min and max printed):
- page: the whole request for the prefecture's division dashboard as its HR officer
  (middleware, session, access check, the counts, ranking, template, chart) through
  Django's test client, with its number of queries;
- baseline: one hand-written SQL statement (below, written apart from the page's) that
  computes every division's ①②③ done/required and ④ count, on a bare DB-API cursor;
- the numbers of both, division by division (a check: the run fails unless identical);
- the page's query count for a municipality of 100 divisions (a check: the same);
- the operator's home (/b/<code>/dashboard/) against bare SQL counts of its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    DEFAULT_PG_DATABASE,
    Checks,
    Timing,
    add_summary,
    fresh_postgres_database,
    timed,
)

GOAL_PAGE_RATIO = 1.5

PREFECTURE = (30_000, 1_000, 500_000)
MUNICIPALITIES = 6
MUNICIPALITY = (5_000, 100, 83_334)


def build(scale: float, fiscal_year: int):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from dxjinzai.dashboards.synthetic import SyntheticSize, build_synthetic_body
    from dxjinzai.lib.bodycode import normalize_body_code
    from dxjinzai.organizations import services
    from dxjinzai.organizations.models import BodyKind, Role

    def size(spec: tuple[int, int, int]) -> SyntheticSize:
        staff, divisions, completions = spec
        return SyntheticSize(
            round(staff * scale), max(2, round(divisions * scale)), round(completions * scale)
        )

    with transaction.atomic():
        pref = services.body_create(
            actor=None,
            code=normalize_body_code("38000"),
            name="合成県",
            kana="ゴウセイケン",
            kind=BodyKind.PREFECTURE,
        )
        consortium = services.consortium_create(actor=None, name="合成県連携", operator=pref)
        built = [build_synthetic_body(pref, size(PREFECTURE), fiscal_year=fiscal_year)]
        for n in range(MUNICIPALITIES):
            town = services.body_create(
                actor=None,
                code=normalize_body_code(f"382{n + 1:02d}"),
                name=f"合成市{n + 1}",
                kana="ゴウセイシ",
                kind=BodyKind.MUNICIPALITY,
            )
            consortium.members.add(town)
            built.append(
                build_synthetic_body(town, size(MUNICIPALITY), fiscal_year=fiscal_year, seed=n + 2)
            )
        user = get_user_model().objects.create_user(username="bench-hr", password="x" * 16)
        for role in (Role.HR_OFFICER, Role.OPERATOR):
            services.role_grant_create(actor=None, user=user, body=pref, role=role)
    return built, user


def timed_page(client, url: str) -> tuple[Timing, list[str]]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():  # type: ignore[no-untyped-def]
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    timing, _ = timed(get)
    with CaptureQueriesContext(connection) as queries:
        get()
    return timing, [query["sql"] for query in queries.captured_queries]


# --- The baseline: one statement, written apart from dashboards/aggregates.py -------------

BASELINE = """
WITH RECURSIVE
person AS (
  SELECT id, grade_id, division FROM (
    SELECT s.id, s.grade_id, COALESCE(
      (SELECT a.department_id FROM organizations_appointment a
       WHERE a.staff_id = s.id AND a.body_id = %(body)s AND a.is_concurrent = FALSE
         AND a.department_id IS NOT NULL AND a.start_date <= %(on)s
         AND (a.end_date IS NULL OR a.end_date >= %(on)s)
       ORDER BY a.start_date DESC, a.id DESC LIMIT 1),
      s.department_id) AS division
    FROM organizations_staffmember s
    WHERE s.body_id = %(body)s AND s.status = 'active'
  ) placed WHERE division IS NOT NULL
),
rule AS (
  SELECT r.*,
    CASE WHEN r.kind = 'mandatory' AND r.role_class_id = %(leader)s THEN 1 ELSE 0 END AS for_leaders,
    CASE WHEN r.kind = 'elective' AND r.role_class_id IS NULL AND r.grade_id IS NULL
      AND r.talent_type_id IS NULL AND r.department_id IS NULL THEN 1 ELSE 0 END AS offered
  FROM training_requirement r
  WHERE r.body_id = %(body)s AND r.from_fiscal_year <= %(year)s
),
subtree (rule_id, unit) AS (
  SELECT id, department_id FROM rule WHERE department_id IS NOT NULL
  UNION
  SELECT s.rule_id, d.id FROM subtree s
  JOIN organizations_department d ON d.parent_id = s.unit
),
pair AS (
  SELECT p.id AS person, p.division, r.course_id, r.for_leaders,
    CASE WHEN (SELECT COUNT(*) FROM training_completion c
               WHERE c.staff_id = p.id AND c.course_id = r.course_id
                 AND c.completed_on <= %(end)s
                 AND (r.recurrence = 'once' OR c.completed_on >= %(start)s)) > 0
      THEN 1 ELSE 0 END AS done
  FROM person p
  JOIN rule r ON r.kind = 'mandatory'
  LEFT JOIN subtree t ON t.rule_id = r.id AND t.unit = p.division
  LEFT JOIN skills_talentholding ht ON ht.staff_id = p.id AND ht.talent_type_id = r.talent_type_id
  LEFT JOIN skills_talentholding hr ON hr.staff_id = p.id AND hr.role_class_id = r.role_class_id
  WHERE (r.grade_id IS NULL OR r.grade_id = p.grade_id)
    AND (r.department_id IS NULL OR t.unit IS NOT NULL)
    AND (r.talent_type_id IS NULL OR ht.id IS NOT NULL)
    AND (r.role_class_id IS NULL OR hr.id IS NOT NULL)
),
leader_course AS (
  SELECT division, course_id, MAX(done) AS done FROM pair WHERE for_leaders = 1
  GROUP BY division, course_id
),
leader_division AS (
  SELECT DISTINCT p.division FROM person p
  JOIN skills_talentholding h ON h.staff_id = p.id AND h.role_class_id = %(leader)s
),
taken AS (
  SELECT DISTINCT p.division, c.course_id FROM person p
  JOIN training_completion c ON c.staff_id = p.id
  WHERE c.completed_on >= %(start)s AND c.completed_on <= %(end)s
    AND c.course_id IN (SELECT course_id FROM rule WHERE offered = 1)
)
SELECT h.division, h.headcount,
  COALESCE(m.required, 0), COALESCE(m.done, 0),
  COALESCE(l.required, 0), COALESCE(l.done, 0),
  CASE WHEN ld.division IS NULL THEN 0 ELSE 1 END,
  COALESCE(e.taken, 0),
  (SELECT COUNT(DISTINCT course_id) FROM rule WHERE offered = 1),
  COALESCE(i.n, 0)
FROM (SELECT division, COUNT(*) AS headcount FROM person GROUP BY division) h
LEFT JOIN (SELECT division, COUNT(*) AS required, SUM(done) AS done FROM pair
           WHERE for_leaders = 0 GROUP BY division) m ON m.division = h.division
LEFT JOIN (SELECT division, COUNT(*) AS required, SUM(done) AS done FROM leader_course
           GROUP BY division) l ON l.division = h.division
LEFT JOIN leader_division ld ON ld.division = h.division
LEFT JOIN (SELECT division, COUNT(*) AS taken FROM taken GROUP BY division) e
  ON e.division = h.division
LEFT JOIN (SELECT department_id, COUNT(*) AS n FROM improvements_improvement
           WHERE body_id = %(body)s AND fiscal_year = %(year)s GROUP BY department_id) i
  ON i.department_id = h.division
ORDER BY h.division
"""


def baseline_rows(raw, vendor: str, params: dict) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The statement on the bare DB-API connection (sqlite3 or psycopg), no Django."""
    sql, values = BASELINE, dict(params)
    if vendor == "sqlite":
        sql = re.sub(r"%\((\w+)\)s", r":\1", sql)
        values = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
    cursor = raw.cursor()
    cursor.execute(sql, values)
    rows = cursor.fetchall()
    cursor.close()
    return rows


def as_scores(row: tuple) -> tuple:
    """A baseline row as (division, headcount, ①, ②, ③, ④) with None where a score does
    not apply, the way the rules say."""
    division, headcount, m_req, m_done, l_req, l_done, has_leaders, taken, offered, n = row
    return (
        division,
        headcount,
        (m_done, m_req) if m_req else None,
        (l_done, l_req) if has_leaders and l_req else None,
        (taken, offered) if offered else None,
        n,
    )


def page_scores(rows) -> list[tuple]:  # type: ignore[no-untyped-def]
    def pair(score):  # type: ignore[no-untyped-def]
        return (score.done, score.required) if score else None

    return sorted(
        (
            r.department.pk,
            r.headcount,
            pair(r.mandatory),
            pair(r.leaders),
            pair(r.electives),
            r.improvements,
        )
        for r in rows
    )


# --- The operator's home and its bare counts -------------------------------------------------

HOME_BASELINE = [
    """SELECT t.name, COUNT(DISTINCT h.staff_id) FROM skills_talentholding h
       JOIN skills_talenttype t ON t.id = h.talent_type_id
       WHERE h.body_id = %(body)s GROUP BY t.name""",
    """SELECT COUNT(*), COUNT(DISTINCT staff_id) FROM training_completion
       WHERE body_id = %(body)s AND completed_on >= %(start)s AND completed_on <= %(end)s""",
    """SELECT COUNT(*) FROM plans_certification WHERE body_id = %(body)s""",
]


def home_baseline(raw, vendor: str, params: dict) -> None:  # type: ignore[no-untyped-def]
    for sql in HOME_BASELINE:
        if vendor == "sqlite":
            sql = re.sub(r"%\((\w+)\)s", r":\1", sql)
            values = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        else:
            values = params
        cursor = raw.cursor()
        cursor.execute(sql, values)
        cursor.fetchall()
        cursor.close()


# --- Child: one backend ----------------------------------------------------------------------


def child(scale: float) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from dxjinzai.dashboards.selectors import division_overview, reference_date
    from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_of, fiscal_year_start

    setup_test_environment()
    call_command("migrate", verbosity=0)
    today = date.today()
    year = fiscal_year_of(today)
    started = time.perf_counter()
    built, user = build(scale, year)
    build_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    pref, town = built[0], built[1]
    client = Client()
    client.force_login(user)
    query = f"?fiscal_year={year}&leader_class={pref.leader_class.pk}&sort=mandatory"
    page_url = reverse("division_dashboard", args=[pref.body.code]) + query
    page_seconds, page_queries = timed_page(client, page_url)

    connection.ensure_connection()
    raw = connection.connection
    params = {
        "body": pref.body.pk,
        "on": reference_date(year, today),
        "year": year,
        "start": fiscal_year_start(year),
        "end": fiscal_year_end(year),
        "leader": pref.leader_class.pk,
    }
    baseline_seconds, baseline = timed(lambda: baseline_rows(raw, connection.vendor, params))
    ours = page_scores(
        division_overview(pref.body, fiscal_year=year, today=today, leader_class=pref.leader_class)
    )
    theirs = sorted(as_scores(row) for row in baseline)  # type: ignore[union-attr]

    # The same page for a municipality of 100 divisions: the same number of queries.
    grant_town(user, town.body)
    town_query = f"?fiscal_year={year}&leader_class={town.leader_class.pk}&sort=mandatory"
    _, town_queries = timed_page(
        client, reverse("division_dashboard", args=[town.body.code]) + town_query
    )

    home_seconds, home_queries = timed_page(client, reverse("steering", args=[pref.body.code]))
    home_baseline_seconds, _ = timed(lambda: home_baseline(raw, connection.vendor, params))
    from dxjinzai.organizations.models import Department, StaffMember
    from dxjinzai.training.models import Completion

    return {
        "vendor": connection.vendor,
        "staff": StaffMember.unscoped.count(),
        "departments": Department.unscoped.count(),
        "divisions": sum(len(b.divisions) for b in built),
        "largest_divisions": len(pref.divisions),
        "completions": Completion.unscoped.count(),
        "build_seconds": build_seconds,
        "page_seconds": asdict(page_seconds),
        "page_queries": len(page_queries),
        "town_divisions": len(town.divisions),
        "town_queries": len(town_queries),
        "query_differences": [q[:160] for q in set(page_queries) ^ set(town_queries)][:6]
        if len(page_queries) != len(town_queries)
        else [],
        "baseline_seconds": asdict(baseline_seconds),
        "identical": ours == theirs,
        "differences": [pair for pair in zip(ours, theirs, strict=False) if pair[0] != pair[1]][:3],
        "division_rows": len(ours),
        "home_seconds": asdict(home_seconds),
        "home_queries": len(home_queries),
        "home_baseline_seconds": asdict(home_baseline_seconds),
    }


def grant_town(user, body) -> None:  # type: ignore[no-untyped-def]
    from dxjinzai.organizations import services
    from dxjinzai.organizations.models import Role

    services.role_grant_create(actor=None, user=user, body=body, role=Role.HR_OFFICER)


# --- Parent ----------------------------------------------------------------------------------


def run_backend(backend: str, scale: float, workdir: Path, pg_database: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    if backend == "sqlite":
        env["SQLITE_PATH"] = str(workdir / "bench-dashboard.sqlite3")
    else:
        env["DATABASE_URL"] = fresh_postgres_database(pg_database)
    result = subprocess.run(
        [sys.executable, __file__, "--child", "--scale", str(scale)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(r: dict, checks: Checks) -> str:
    page, baseline = Timing(**r["page_seconds"]), Timing(**r["baseline_seconds"])
    home, home_baseline = Timing(**r["home_seconds"]), Timing(**r["home_baseline_seconds"])
    checks.expect(
        r["identical"],
        f"{r['vendor']}: the page's figures differ from the baseline's: {r['differences']}",
    )
    checks.expect(
        r["page_queries"] == r["town_queries"],
        f"{r['vendor']}: {r['page_queries']} queries for the prefecture, "
        f"{r['town_queries']} for a town (must not grow with the divisions)",
    )
    ratio = page.ratio(baseline)
    add_summary(
        "dashboard",
        f"{r['vendor']}: {r['staff']:,} staff, {r['completions']:,} completions",
        f"{page.median * 1000:.0f} ms",
        f"{ratio:.2f}× raw SQL",
        f"≤ {GOAL_PAGE_RATIO}×, same figures",
        met=ratio <= GOAL_PAGE_RATIO,
    )
    return (
        f"{r['vendor']:>10}: {r['staff']:,} staff, {r['divisions']:,} divisions "
        f"(largest body {r['largest_divisions']:,}), {r['completions']:,} completions "
        f"(built in {r['build_seconds']:.0f}s)\n"
        f"  division dashboard page {page}, {r['page_queries']} queries\n"
        f"  raw SQL aggregate {baseline}\n"
        f"  ratio {ratio:.2f}x | identical numbers for {r['division_rows']:,} divisions: "
        f"{r['identical']}\n"
        f"  queries: {r['page_queries']} for {r['largest_divisions']:,} divisions, "
        f"{r['town_queries']} for {r['town_divisions']:,}\n"
        f"  operator's home {home}, {r['home_queries']} queries | bare counts {home_baseline} | "
        f"ratio {home.ratio(home_baseline):.2f}x"
        + "".join(f"\n  query of one page only: {q}" for q in r["query_differences"])
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--scale", type=float, default=1.0, help="0.1 for a quick run")
    parser.add_argument("--pg-database", default=DEFAULT_PG_DATABASE)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.scale), default=str))
        return
    checks = Checks("dashboard")
    with tempfile.TemporaryDirectory() as tmp:
        for backend in [args.only] if args.only else ["sqlite", "postgresql"]:
            result = run_backend(backend, args.scale, Path(tmp), args.pg_database)
            print(report(result, checks), flush=True)
    checks.finish()


if __name__ == "__main__":
    main()
