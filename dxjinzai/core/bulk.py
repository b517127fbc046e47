"""Bulk writes for imports, below the ORM on purpose.

A 100,000-row import must run at a good fraction of a bare insert (issue 3's benchmark);
the ORM's per-object work is what costs. These helpers stay inside the caller's
transaction and take values already validated by the caller's rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.db import connection, transaction


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def bulk_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert rows: COPY on PostgreSQL, one executemany elsewhere, inside a transaction (the
    caller's, or its own: outside one, SQLite would commit each row on its own)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            statement = f"COPY {connection.ops.quote_name(table)} ({_quoted(columns)}) FROM STDIN"
            with raw.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # sqlite3's own executemany: Django's cursor wrapper rewrites every row's parameters.
        placeholders = ", ".join(["?"] * len(columns))
        with transaction.atomic():
            cursor.connection.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({_quoted(columns)}) "
                f"VALUES ({placeholders})",
                rows,
            )


def in_values(values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column {sql}` tests membership in `values`, with `params`: one array parameter on
    PostgreSQL (a statement of thousands of placeholders costs its driver more to split
    than the database to run), placeholders elsewhere (callers keep to SQLite's 32,766)."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [list(values)]
    return f"IN ({', '.join(['%s'] * len(values))})", list(values)


def bulk_update(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Update rows by id; each row is the new values of `columns` followed by the id."""
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {connection.ops.quote_name(table)} SET {assignments} WHERE id = %s", list(rows)
        )


def date_adapter() -> Callable[[date | None], Any]:
    """How to pass dates to this database's driver (SQLite stores ISO text); chosen once per
    bulk write because asking the connection for each row costs more than the write."""
    if connection.vendor == "postgresql":
        return lambda value: value
    return lambda value: value.isoformat() if value else None
