"""Rules of the code checked by machine, each with a test that it catches a planted breach:
- one clock (core.clock) for every "today" and "now";
- rows are written through `Model.unscoped` only in a services module (or a place on the
  allow-list below, each with its reason);
- an app writes only its own models; another app's rows go through that app's service;
- views query nothing themselves: no `Model.objects` or `Model.unscoped` and no `.filter()`,
  `.exists()` or the like in a views module (they call selectors, which scope every read).

The checks read the source (AST), so a planted violation is caught the same way as a real
one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import connection

# Checks of the source code: the same on any database, so they run once, in the SQLite pass
# (the PostgreSQL pass keeps to what the database can change, within its time budget).
pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="checks of the source: run in the SQLite pass"
)

ROOT = Path(__file__).resolve().parent.parent
# The clock itself, and the tests (which may build dates as they like).
ALLOWED = {Path("dxjinzai/core/clock.py")}
FORBIDDEN_CALLS = {
    ("date", "today"): "date.today() は clock.today() に（プロセスの時刻帯でなく日本の日付）",
    ("datetime", "now"): "datetime.now() は clock.now() に",
    ("datetime", "today"): "datetime.today() は clock.now() に",
    ("timezone", "now"): "timezone.now() は clock.now() に（時計は一つ）",
    ("timezone", "localdate"): "timezone.localdate() は clock.today() に（時計は一つ）",
}


def clock_violations(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and (node.func.value.id, node.func.attr) in FORBIDDEN_CALLS
        ):
            rule = FORBIDDEN_CALLS[(node.func.value.id, node.func.attr)]
            found.append(f"{filename}:{node.lineno}: {rule}")
    return found


def _source_files() -> list[Path]:
    return [
        path.relative_to(ROOT)
        for folder in ("dxjinzai", "config")
        for path in (ROOT / folder).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def test_one_clock_everywhere():
    violations = [
        violation
        for path in _source_files()
        if path not in ALLOWED
        for violation in clock_violations((ROOT / path).read_text(encoding="utf-8"), str(path))
    ]
    assert violations == []


def test_the_clock_check_catches_a_planted_violation():
    planted = (
        "from datetime import date\n"
        "from django.utils import timezone\n"
        "def deadline():\n"
        "    return date.today(), timezone.now()\n"
    )
    assert clock_violations(planted, "planted.py") == [
        "planted.py:4: date.today() は clock.today() に（プロセスの時刻帯でなく日本の日付）",
        "planted.py:4: timezone.now() は clock.now() に（時計は一つ）",
    ]


# --- Writes only in services -------------------------------------------------------------

WRITE_METHODS = {
    "create",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "update",
    "bulk_update",
    "delete",
}
WRITERS_ALLOWED = {
    "dxjinzai/core/audit.py": "the audit log's writer, called by every service in its transaction",
    "dxjinzai/core/access_records.py": "the access records' writer and their retention",
    "dxjinzai/core/import_runs.py": "the ImportRun life shared by every import (issue 16 asks one in core)",
    "dxjinzai/skills/search.py": "the search index, refreshed by the services that change what it reads",
    "dxjinzai/dashboards/synthetic.py": "the benchmark's bulk builder of a million rows, never run by the platform",
    "dxjinzai/dispatch/demo.py": "the demo's scheme: no service creates a scheme yet (set up once)",
    "dxjinzai/dispatch/testing.py": "the test cast's scheme, as the demo's",
}


def unscoped_writes(source: str, filename: str) -> list[str]:
    """Calls like X.unscoped.create(…) or X.unscoped.filter(…).update(…)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITE_METHODS
            and _reaches_unscoped(node.func.value)
        ):
            found.append(
                f"{filename}:{node.lineno}: .unscoped.….{node.func.attr}() outside services"
            )
    return found


def _reaches_unscoped(node: ast.AST) -> bool:
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Attribute) and node.attr == "unscoped":
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def test_rows_are_written_only_in_services():
    violations = [
        violation
        for path in _source_files()
        if path.name != "services.py" and str(path) not in WRITERS_ALLOWED
        for violation in unscoped_writes((ROOT / path).read_text(encoding="utf-8"), str(path))
    ]
    assert violations == []


def test_the_writes_check_catches_a_planted_violation():
    planted = (
        "def grant(staff, held):\n"
        "    TalentHolding.unscoped.create(staff=staff, talent_type=held)\n"
        "    TalentHolding.unscoped.filter(staff=staff).update(since=None)\n"
        "    TalentHolding.objects.visible_to(access).filter(staff=staff).count()\n"
    )
    assert unscoped_writes(planted, "views.py") == [
        "views.py:2: .unscoped.….create() outside services",
        "views.py:3: .unscoped.….update() outside services",
    ]


def test_every_allowed_writer_still_writes():
    """An allow-list entry that no longer writes is stale and must go."""
    for path in WRITERS_ALLOWED:
        assert unscoped_writes((ROOT / path).read_text(encoding="utf-8"), path), path


# --- Each app writes only its own rows -----------------------------------------------------

FOREIGN_WRITERS_ALLOWED = {
    "dxjinzai/dashboards/synthetic.py": "the benchmark's bulk builder of a million rows, never run by the platform",
}


def foreign_writes(source: str, filename: str, app: str) -> list[str]:
    """Writes through a model imported from another app's models module: that app's service
    must do it (its rules, its audit entry, its search refresh)."""
    tree = ast.parse(source, filename)
    foreign = {
        alias.asname or alias.name: node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith("dxjinzai.")
        and (node.module or "").endswith(".models")
        and node.module.split(".")[1] != app
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            root = _root_name(node.func.value)
            if node.func.attr in WRITE_METHODS and root in foreign:
                found.append(
                    f"{filename}:{node.lineno}: {root}.….{node.func.attr}() belongs to "
                    f"{foreign[root]}'s services"
                )
    return found


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Call | ast.Attribute):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def test_each_app_writes_only_its_own_rows():
    violations = [
        violation
        for path in _source_files()
        if path.parts[0] == "dxjinzai" and str(path) not in FOREIGN_WRITERS_ALLOWED
        for violation in foreign_writes(
            (ROOT / path).read_text(encoding="utf-8"), str(path), path.parts[1]
        )
    ]
    assert violations == []


def test_the_foreign_writes_check_catches_a_planted_violation():
    planted = (
        "from dxjinzai.skills.models import QualificationHolding\n"
        "from dxjinzai.training.models import Completion\n"
        "def grant(staff, q):\n"
        "    Completion.unscoped.create(staff=staff)\n"
        "    QualificationHolding.unscoped.create(staff=staff, qualification=q)\n"
    )
    assert foreign_writes(planted, "dxjinzai/training/services.py", "training") == [
        "dxjinzai/training/services.py:5: QualificationHolding.….create() belongs to "
        "dxjinzai.skills.models's services"
    ]


def test_every_allowed_foreign_writer_still_writes():
    for path in FOREIGN_WRITERS_ALLOWED:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert foreign_writes(source, path, Path(path).parts[1]), path


# --- Thin views ------------------------------------------------------------------------------

MANAGERS = {"objects", "unscoped", "_base_manager", "_default_manager"}


# QuerySet methods that run or refine a query; a view asks a selector for the answer instead.
QUERY_METHODS = {"filter", "exclude", "exists", "values_list", "aggregate", "annotate"}


def queries_in_view(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.append(f"{filename}:{node.lineno}: {node.attr} in a view (call a selector)")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_METHODS
        ):
            found.append(
                f"{filename}:{node.lineno}: .{node.func.attr}() in a view (call a selector)"
            )
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def _view_modules() -> list[Path]:
    return [p for p in _source_files() if p.name == "views.py" or p.name.endswith("_views.py")]


def test_views_query_nothing_themselves():
    violations = [
        violation
        for path in _view_modules()
        for violation in queries_in_view((ROOT / path).read_text(encoding="utf-8"), str(path))
    ]
    assert len(_view_modules()) >= 9
    assert violations == []


def test_the_views_check_catches_a_planted_query():
    planted = (
        "def page(request, body):\n"
        "    rows = StaffMember.objects.all()\n"
        "    shown = selectors.staff_list(access, body).filter(status='active')\n"
        "    return render(request, 'x.html', {'rows': rows, 'any': shown.exists()})\n"
    )
    assert queries_in_view(planted, "views.py") == [
        "views.py:2: objects in a view (call a selector)",
        "views.py:3: .filter() in a view (call a selector)",
        "views.py:4: .exists() in a view (call a selector)",
    ]
