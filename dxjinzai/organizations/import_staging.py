"""Where a staff import's checked rows wait between the plan and its writing: a temporary
table of this database connection, so that the memory an import needs does not grow with its
file (issue 18 §2). A file of a million rows is read, checked and compared in batches; what
the plan needs of all the rows at once (a 職員番号 given twice, leading zeros lost, who a
complete file retires, the counts) is asked of this table in SQL.

The table is scratch space of one plan, not a record: nobody else sees it (it belongs to the
connection), it is dropped when the plan ends, and the database drops it anyway when the
connection closes (a worker killed mid-plan leaves nothing behind). The staff are written from
it by services.staff_import_apply, in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction

from dxjinzai.core.bulk import bulk_insert, in_values
from dxjinzai.organizations.staff_import import WRITTEN_FIELDS

# One row of the file: its number (as given, for a rejected row), whether it is imported
# ("ok"), what it does to the body's staff, the values it writes and what they change.
ROW_COLUMNS = ("file_row", "number", "ok", "action", "staff_id", *WRITTEN_FIELDS, "changes")
_TYPES = {
    "file_row": "INTEGER PRIMARY KEY",
    "number": "VARCHAR(2100) NOT NULL",
    "ok": "INTEGER NOT NULL",
    "action": "VARCHAR(10) NOT NULL",
    "staff_id": "INTEGER",
    "department_id": "INTEGER",
    "grade_id": "INTEGER",
    "hire_date": "DATE",
}  # the others are TEXT
CREATE, UPDATE, UNCHANGED, REJECTED = "create", "update", "unchanged", ""
# Numbers asked of the database at once (SQLite takes 32,766 parameters, PostgreSQL 65,535).
LOOKUP_CHUNK = 5_000


class Staging:
    def __init__(self) -> None:
        self.name = f"staff_import_{uuid.uuid4().hex[:16]}"

    @property
    def table(self) -> str:
        return connection.ops.quote_name(self.name)

    def create(self) -> None:
        columns = ", ".join(f"{name} {_TYPES.get(name, 'TEXT')}" for name in ROW_COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {self.table} ({columns})")
            cursor.execute(f"CREATE INDEX {self.name}_number ON {self.table} (number)")

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")

    def add(self, rows: Iterable[Sequence[Any]]) -> None:
        """Rows in ROW_COLUMNS order."""
        bulk_insert(self.name, ROW_COLUMNS, rows)

    def first_rows_of(self, numbers: Iterable[str]) -> dict[str, int]:
        """The first row already staged with each of these numbers."""
        found: dict[str, int] = {}
        for chunk in _chunks(sorted(numbers), LOOKUP_CHUNK):
            among, params = in_values(chunk)
            found.update(
                self.select(
                    f"SELECT number, MIN(file_row) FROM {self.table} WHERE number {among} "
                    "GROUP BY number",
                    params,
                )
            )
        return found

    def repeated_numbers(self) -> Iterator[tuple[str, int]]:
        """(number, row) of every row whose number another row gives too, by number and row."""
        return self.stream(
            f"SELECT number, file_row FROM {self.table} WHERE number IN ({self._repeated()}) "
            "ORDER BY number, file_row"
        )

    def reject_repeated(self) -> None:
        self.execute(
            f"UPDATE {self.table} SET ok = 0, action = %s WHERE number IN ({self._repeated()})",
            [REJECTED],
        )

    def _repeated(self) -> str:
        return f"SELECT number FROM {self.table} WHERE number <> '' GROUP BY number HAVING COUNT(*) > 1"

    def reject_rows(self, rows: Sequence[int]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {self.table} SET ok = 0, action = %s WHERE file_row = %s",
                [(REJECTED, row) for row in rows],
            )

    def counts(self) -> dict[str, int]:
        """Rows by what they do; rejected rows under REJECTED."""
        counted = self.select(
            f"SELECT CASE WHEN ok = 1 THEN action ELSE '' END, COUNT(*) FROM {self.table} "
            "GROUP BY CASE WHEN ok = 1 THEN action ELSE '' END"
        )
        return {action: count for action, count in counted}

    def imported(self, action: str, columns: Sequence[str], limit: int) -> list[tuple[Any, ...]]:
        """The first `limit` imported rows doing `action`, by row."""
        return self.select(
            f"SELECT {', '.join(columns)} FROM {self.table} WHERE ok = 1 AND action = %s "
            "ORDER BY file_row LIMIT %s",
            [action, limit],
        )

    def select(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query a batch at a time, never all of them in memory."""
        # A server-side cursor on PostgreSQL (psycopg would otherwise fetch every row at once).
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(LOOKUP_CHUNK):
                yield from batch

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
