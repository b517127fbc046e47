"""The division dashboard's scores for every division at once, counted by the database.

`selectors.division_rows` follows each person through the rules in Python; it is kept for
the drill-down (one division's people) and as the reference the tests compare this with.
For the overview, a body of 20,000 people and 1,000 divisions would mean reading every
person, holding and completion into Python; here one statement returns, per division, the
few counts the named score functions need, so the page costs the same number of queries
whatever the number of divisions (issue 5 §6).

The statement places each person exactly as `selectors._people_by_division` does and
applies a rule exactly as `training.rules.requirement_applies` and `requirement_status`
do; `dashboards/tests/test_aggregates.py` checks both give the same scores.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Count

from dxjinzai.dashboards.rules import (
    Score,
    elective_score,
    leader_training_score,
    mandatory_training_score,
)
from dxjinzai.improvements.models import Improvement
from dxjinzai.lib.fiscal import fiscal_year_end, fiscal_year_start
from dxjinzai.organizations.models import Appointment, Body, Department, StaffMember, StaffStatus
from dxjinzai.skills.models import RoleClass, TalentHolding
from dxjinzai.training.models import Completion, Recurrence, Requirement


@dataclass
class DivisionScores:
    department: Department
    headcount: int
    mandatory: Score | None
    leaders: Score | None
    electives: Score | None
    improvements: int = 0
    # Place in the ranking by the chosen score; None for a division it does not apply to.
    rank: int | None = None


@dataclass
class _Counts:
    headcount: dict[int, int] = field(default_factory=dict)
    mandatory: dict[int, tuple[int, int]] = field(default_factory=dict)
    leader_courses: dict[int, dict[int, bool]] = field(default_factory=lambda: defaultdict(dict))
    leaders: set[int] = field(default_factory=set)
    electives: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))


def division_scores(
    body: Body,
    *,
    fiscal_year: int,
    on: date,
    tiered: list[Requirement],
    for_leaders: list[Requirement],
    electives: list[Requirement],
    leader_class: RoleClass | None,
) -> list[DivisionScores]:
    """Every division with people on `on`, with its ①②③ scores and ④ improvement count,
    sorted by division code. Three queries: the counts, the divisions, the improvements."""
    counts = _counts(
        body,
        fiscal_year=fiscal_year,
        on=on,
        tiered=[r.pk for r in tiered],
        for_leaders=[r.pk for r in for_leaders],
        offered=sorted({r.course_id for r in electives}),
        leader_class=leader_class,
    )
    # By body, not in_bulk(ids): SQLite splits a list of 1,000 ids into two queries.
    departments = Department.unscoped.filter(body=body).in_bulk()
    improvements = dict(
        Improvement.unscoped.filter(body=body, fiscal_year=fiscal_year)
        .values_list("department_id")
        .annotate(n=Count("pk"))
        .values_list("department_id", "n")
    )
    offered = {r.course_id for r in electives}
    rows = []
    for division_id, headcount in counts.headcount.items():
        required, done = counts.mandatory.get(division_id, (0, 0))
        leader_courses = counts.leader_courses.get(division_id, {})
        rows.append(
            DivisionScores(
                department=departments[division_id],
                headcount=headcount,
                mandatory=mandatory_training_score([(required, done)]),
                leaders=leader_training_score(
                    set(leader_courses),
                    {course for course, is_done in leader_courses.items() if is_done},
                    has_leaders=division_id in counts.leaders,
                ),
                electives=elective_score(offered, counts.electives.get(division_id, set())),
                improvements=improvements.get(division_id, 0),
            )
        )
    return sorted(rows, key=lambda row: row.department.code)


def _in_list(ids: list[int]) -> tuple[str, list[int]]:
    """`IN (…)` for a short list of ids known in Python (the body's rules); never empty."""
    if not ids:
        return "(NULL)", []
    return "(" + ", ".join(["%s"] * len(ids)) + ")", list(ids)


def _tables() -> dict[str, str]:
    return {
        "staff": StaffMember._meta.db_table,
        "appointment": Appointment._meta.db_table,
        "department": Department._meta.db_table,
        "holding": TalentHolding._meta.db_table,
        "completion": Completion._meta.db_table,
        "requirement": Requirement._meta.db_table,
    }


def _counts(
    body: Body,
    *,
    fiscal_year: int,
    on: date,
    tiered: list[int],
    for_leaders: list[int],
    offered: list[int],
    leader_class: RoleClass | None,
) -> _Counts:
    tiered_in, tiered_params = _in_list(tiered)
    leaders_in, leaders_params = _in_list(for_leaders)
    both_in, both_params = _in_list(tiered + for_leaders)
    offered_in, offered_params = _in_list(offered)
    start, end = fiscal_year_start(fiscal_year), fiscal_year_end(fiscal_year)
    sql = _STATEMENT.format(
        **_tables(),
        both_in=both_in,
        tiered_in=tiered_in,
        leaders_in=leaders_in,
        offered_in=offered_in,
    )
    params = [
        # people
        body.pk,
        False,
        on,
        on,
        body.pk,
        StaffStatus.ACTIVE,
        # under
        *both_params,
        # applicable
        end,
        Recurrence.ONCE,
        start,
        *both_params,
        # the result
        *tiered_params,
        *leaders_params,
        leader_class.pk if leader_class else None,
        *offered_params,
        start,
        end,
    ]
    counts = _Counts()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, division_id, course_id, a, b in cursor.fetchall():
            _collect(counts, kind, division_id, course_id, int(a), int(b))
    return counts


def _collect(counts: _Counts, kind: str, division_id: int, course_id: int, a: int, b: int) -> None:
    if kind == "headcount":
        counts.headcount[division_id] = a
    elif kind == "mandatory":
        counts.mandatory[division_id] = (a, b)
    elif kind == "leader_course":
        counts.leader_courses[division_id][course_id] = bool(b)
    elif kind == "leaders":
        counts.leaders.add(division_id)
    elif kind == "elective":
        counts.electives[division_id].add(course_id)


# A person's division: their latest-starting main appointment in the body on the reference
# day, else their record's department. A rule applies when each criterion it names matches
# (grade; a department the division is, or is under; a type or role class held); it is done
# by a completion up to the year's end, inside the year when the rule is yearly. `under`
# lists, for each rule naming a department, that department and every unit below it: a
# handful of rows, where the units above each of 1,000 divisions would be thousands.
_STATEMENT = """
WITH RECURSIVE
people AS MATERIALIZED (
  SELECT staff_id, grade_id, division_id FROM (
    SELECT s.id AS staff_id, s.grade_id AS grade_id,
      COALESCE((
        SELECT a.department_id FROM {appointment} a
        WHERE a.staff_id = s.id AND a.body_id = %s AND a.is_concurrent = %s
          AND a.department_id IS NOT NULL AND a.start_date <= %s
          AND (a.end_date IS NULL OR a.end_date >= %s)
        ORDER BY a.start_date DESC, a.id DESC LIMIT 1
      ), s.department_id) AS division_id
    FROM {staff} s WHERE s.body_id = %s AND s.status = %s
  ) placed
  WHERE division_id IS NOT NULL
),
under (requirement_id, department_id) AS (
  SELECT id, department_id FROM {requirement}
  WHERE id IN {both_in} AND department_id IS NOT NULL
  UNION
  SELECT u.requirement_id, d.id FROM under u JOIN {department} d ON d.parent_id = u.department_id
),
applicable AS (
  SELECT p.division_id, p.staff_id, r.id AS requirement_id, r.course_id,
    CASE WHEN EXISTS (
      SELECT 1 FROM {completion} c
      WHERE c.staff_id = p.staff_id AND c.course_id = r.course_id AND c.completed_on <= %s
        AND (r.recurrence = %s OR c.completed_on >= %s)
    ) THEN 1 ELSE 0 END AS done
  FROM people p JOIN {requirement} r ON r.id IN {both_in}
  WHERE (r.grade_id IS NULL OR r.grade_id = p.grade_id)
    AND (r.department_id IS NULL OR EXISTS (
      SELECT 1 FROM under u WHERE u.requirement_id = r.id AND u.department_id = p.division_id))
    AND (r.talent_type_id IS NULL OR EXISTS (
      SELECT 1 FROM {holding} h WHERE h.staff_id = p.staff_id AND h.talent_type_id = r.talent_type_id))
    AND (r.role_class_id IS NULL OR EXISTS (
      SELECT 1 FROM {holding} h WHERE h.staff_id = p.staff_id AND h.role_class_id = r.role_class_id))
)
SELECT 'headcount', division_id, CAST(NULL AS BIGINT), COUNT(*), 0 FROM people GROUP BY division_id
UNION ALL
SELECT 'mandatory', division_id, CAST(NULL AS BIGINT), COUNT(*), SUM(done) FROM applicable
WHERE requirement_id IN {tiered_in} GROUP BY division_id
UNION ALL
SELECT 'leader_course', division_id, course_id, 1, MAX(done) FROM applicable
WHERE requirement_id IN {leaders_in} GROUP BY division_id, course_id
UNION ALL
SELECT 'leaders', p.division_id, CAST(NULL AS BIGINT), 1, 0 FROM people p
WHERE EXISTS (SELECT 1 FROM {holding} h WHERE h.staff_id = p.staff_id AND h.role_class_id = %s)
GROUP BY p.division_id
UNION ALL
SELECT 'elective', p.division_id, c.course_id, 1, 1 FROM people p
JOIN {completion} c ON c.staff_id = p.staff_id
WHERE c.course_id IN {offered_in} AND c.completed_on >= %s AND c.completed_on <= %s
GROUP BY p.division_id, c.course_id
"""
