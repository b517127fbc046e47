"""Monthly personnel costs of the pool from a CSV or XLSX file: every row checked, all or
nothing, problems reported by row (the employer's payroll exports one row per person and
month).

Columns: 職員番号, 年月 (2026-04, 2026/4, 2026年4月 or a date), and one column per cost
item (給料, 手当, 共済費等, 旅費, 退職手当; amounts in yen, "300,000" and "300000円" read the
same). A month already recorded is replaced, as in the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from dxjinzai.core.actor import Actor
from dxjinzai.lib.rowimport import RowImportResult, RowProblem
from dxjinzai.lib.tabular import TabularError, read_table
from dxjinzai.lib.text import nfkc, normalize_code
from dxjinzai.organizations.models import Body
from dxjinzai.sharing.models import COST_ITEMS, PoolMember
from dxjinzai.sharing.services import monthly_cost_errors, monthly_cost_set

# Far more than a pool's year of months; the import runs inside the request.
MAX_ROWS = 20_000
REQUIRED = ("職員番号", "年月")
TEMPLATE_EXAMPLE = {"職員番号": "000123", "年月": "2026-04"} | {
    item: amount
    for item, amount in zip(COST_ITEMS, ("300000", "50000", "60000", "0", "0"), strict=True)
}
_MONTH = re.compile(r"^(\d{4})\D+(\d{1,2})")


@dataclass(frozen=True)
class _Row:
    member: PoolMember
    year: int
    month: int
    items: dict[str, int]


def monthly_cost_import(
    *, actor: Actor, employer: Body, data: bytes, filename: str
) -> RowImportResult:
    result = RowImportResult()
    try:
        table = read_table(data, filename, max_rows=MAX_ROWS)
        # Read here, inside the try: a damaged part or an over-long cell shows while reading.
        read_rows = list(table.rows)
    except TabularError as error:
        result.file_error = str(error)
        return result
    missing = [h for h in REQUIRED if h not in table.headers]
    if not any(item in table.headers for item in COST_ITEMS):
        missing.append("費目の列（" + "・".join(COST_ITEMS) + "のいずれか）")
    if missing:
        result.file_error = f"必要な列がありません：{'、'.join(missing)}"
        return result
    pool = {
        m.staff.number: m for m in PoolMember.unscoped.filter(body=employer).select_related("staff")
    }
    rows: list[_Row] = []
    seen: set[tuple[int, int, int]] = set()
    for number, cells in read_rows:
        values = dict(zip(table.headers, cells, strict=False))
        row, messages = _read_row(pool, values)
        if row is not None:
            key = (row.member.pk, row.year, row.month)
            if key in seen:
                messages.append(f"{row.year}年{row.month}月の行が重複しています。")
            seen.add(key)
            messages += monthly_cost_errors(row.member, row.year, row.month, row.items)
        if messages:
            result.problems.append(RowProblem(number, messages))
        elif row is not None:
            rows.append(row)
    if not result.problems:
        _write(actor, rows)
        result.recorded = len(rows)
    return result


def _read_row(pool: dict[str, PoolMember], values: dict) -> tuple[_Row | None, list[str]]:
    messages = []
    number = normalize_code(values.get("職員番号", ""))
    member = pool.get(number)
    if member is None:
        messages.append(f"職員番号「{number}」の人は共通人材に登録されていません。")
    found = _MONTH.match(nfkc(values.get("年月", "")).strip())
    if found is None:
        messages.append(f"年月「{values.get('年月', '')}」を読めません（例：2026-04）。")
    items = {}
    for item in COST_ITEMS:
        text = nfkc(values.get(item, "")).replace(",", "").replace("円", "").strip()
        if not text:
            continue
        if not text.isdigit():
            messages.append(f"{item}「{values.get(item)}」を金額（円）として読めません。")
            continue
        items[item] = int(text)
    if member is None or found is None or messages:
        return None, messages
    return _Row(member, int(found.group(1)), int(found.group(2)), items), messages


@transaction.atomic
def _write(actor: Actor, rows: list[_Row]) -> None:
    for row in rows:
        monthly_cost_set(
            actor=actor, member=row.member, year=row.year, month=row.month, items=row.items
        )
