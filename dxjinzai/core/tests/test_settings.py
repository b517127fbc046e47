"""Production mode: refuses to start without its secrets, and `check --deploy` is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DXJINZAI_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", env={"DXJINZAI_ENV": "production", "DJANGO_ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY（または DJANGO_SECRET_KEY_FILE）を設定してください。" in result.stderr


def test_production_reads_secret_from_a_file_and_check_deploy_is_clean(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(secrets.token_urlsafe(64))
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DXJINZAI_ENV": "production",
            "DJANGO_SECRET_KEY_FILE": str(secret_file),
            "DJANGO_ALLOWED_HOSTS": "dx.example.lg.jp",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_sqlite_database_url_works_and_gets_the_sqlite_options(tmp_path):
    """DATABASE_URL=sqlite:///… once crashed: a PostgreSQL-only option was added to any URL."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'platform.sqlite3'}"}
    # Connecting is what crashed; the database checks connect without the minutes a full
    # migration takes.
    checked = _manage("check", "--database", "default", env=env)
    assert checked.returncode == 0, checked.stderr
    shown = _manage(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0])",
        env=env,
    )
    assert shown.stdout.strip().splitlines()[-1] == "wal", shown.stderr
