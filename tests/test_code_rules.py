"""Rules of the code checked by machine: one clock (core.clock) for every "today" and "now".

The check reads the source (AST), so a planted violation is caught the same way as a real
one; the test proves it on a sample.
"""

from __future__ import annotations

import ast
from pathlib import Path

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
