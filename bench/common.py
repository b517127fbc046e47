"""What the benchmarks share."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_postgres_database() -> str:
    """Start the project's PostgreSQL (scripts/postgres) and give the URL of an empty
    database `dxjinzai_bench`, dropped and created again."""
    url = subprocess.run(
        [str(ROOT / "scripts" / "postgres")], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(
        [
            "su",
            "postgres",
            "-c",
            "dropdb --if-exists dxjinzai_bench && createdb -O dxjinzai dxjinzai_bench",
        ],
        check=True,
    )
    return url.rsplit("/", 1)[0] + "/dxjinzai_bench"
