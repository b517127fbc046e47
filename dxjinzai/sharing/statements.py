"""負担金明細書: one host's burden charge statement from one employer for a fiscal year,
month by month for each pooled person with the year's total, as PDF and as XLSX.

Both carry the same figures as the page (`selectors.statement_lines`); the personnel cost
behind them is not printed, only the days, the share and the charge, as hosts see it.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from dxjinzai.core.exports import safe_row
from dxjinzai.core.pdf import FONT, a4_pdf
from dxjinzai.lib.fiscal import fiscal_year_label, wareki_with_seireki
from dxjinzai.organizations.models import Body
from dxjinzai.sharing.selectors import ChargeLine

_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=1)
_TEXT = ParagraphStyle("text", fontName=FONT, fontSize=10.5, leading=16)
_RIGHT = ParagraphStyle("right", parent=_TEXT, alignment=2)
_HEADER = ["年月", "配属日数", "月の日数", "負担金（円）"]


def statement_title(employer: Body, host: Body, fiscal_year: int) -> str:
    return f"負担金明細書_{host.name}_{employer.name}_{fiscal_year_label(fiscal_year)}"


def statement_pdf(
    employer: Body, host: Body, fiscal_year: int, lines: list[ChargeLine], *, issued: date
) -> bytes:
    total = sum(line.statement.total for line in lines)
    story = [
        Paragraph(wareki_with_seireki(issued), _RIGHT),
        Paragraph(f"{host.name}　御中", _TEXT),
        Spacer(1, 6 * mm),
        Paragraph(f"負担金明細書（{fiscal_year_label(fiscal_year)}）", _TITLE),
        Spacer(1, 4 * mm),
        Paragraph(employer.name, _RIGHT),
        Spacer(1, 6 * mm),
        Paragraph(f"年度合計　{total:,}円", _TEXT),
        Paragraph(
            "月ごとに「負担する費目の合計 × 勤務割合 × その月の配属日数 ÷ その月の日数」を"
            "計算し、円未満を処理した額です。",
            _TEXT,
        ),
    ]
    for line in lines:
        heading = f"{line.member.display_name}（{line.statement.months_covered}）"
        story += [Spacer(1, 6 * mm), Paragraph(heading, _TEXT)]
        if note := months_without_cost(line):
            story.append(Paragraph(note, _TEXT))
        story.append(_month_table(line))
    return a4_pdf(
        story,
        title=statement_title(employer, host, fiscal_year),
        author=employer.name,
        margin_mm=20,
    )


def months_without_cost(line: ChargeLine) -> str:
    """The months counted at 0 yen because their costs are not recorded yet, said aloud."""
    missing = [f"{m.month}月" for m in line.statement.lines if not m.cost_recorded]
    if not missing:
        return ""
    return f"{'、'.join(missing)}は費用が未登録のため0円で計上しています。"


def _month_table(line: ChargeLine) -> Table:
    rows = [_HEADER] + [
        [f"{m.year}年{m.month}月", m.covered_days, m.days_in_month, f"{m.amount:,}"]
        for m in line.statement.lines
    ]
    rows.append(["計", "", "", f"{line.statement.total:,}"])
    table = Table(rows, colWidths=[40 * mm, 30 * mm, 30 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def statement_xlsx(employer: Body, host: Body, fiscal_year: int, lines: list[ChargeLine]) -> bytes:
    """One sheet: a block per pooled person (月別明細) and the year's total at the end,
    amounts as numbers so that the host's accounts can add them up."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "負担金明細"
    sheet.append(safe_row(sheet, [f"負担金明細書（{fiscal_year_label(fiscal_year)}）"]))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(safe_row(sheet, ["負担する団体", host.name]))
    sheet.append(safe_row(sheet, ["請求する団体", employer.name]))
    for line in lines:
        sheet.append(safe_row(sheet, []))
        sheet.append(safe_row(sheet, [line.member.display_name, line.statement.months_covered]))
        if note := months_without_cost(line):
            sheet.append(safe_row(sheet, [note]))
        sheet.append(safe_row(sheet, _HEADER))
        for m in line.statement.lines:
            sheet.append(
                safe_row(
                    sheet, [f"{m.year}年{m.month}月", m.covered_days, m.days_in_month, m.amount]
                )
            )
        sheet.append(safe_row(sheet, ["計", None, None, line.statement.total]))
    sheet.append(safe_row(sheet, []))
    sheet.append(
        safe_row(sheet, ["年度合計", None, None, sum(line.statement.total for line in lines)])
    )
    sheet.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
