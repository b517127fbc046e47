"""The payment statement (謝金等支払明細書) of one expert for a month or a fiscal year, as PDF."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from dxjinzai.core.pdf import FONT, a4_pdf
from dxjinzai.dispatch.models import DispatchScheme, Expert
from dxjinzai.dispatch.selectors import PaymentLine
from dxjinzai.lib.fiscal import wareki

_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, spaceAfter=6)
_TEXT = ParagraphStyle("text", fontName=FONT, fontSize=10, leading=15)


def _yen(amount: int) -> str:
    return f"{amount:,}円"


def payment_statement_pdf(
    *,
    scheme: DispatchScheme,
    expert: Expert,
    period: str,
    lines: Sequence[PaymentLine],
    issued: str,
) -> bytes:
    rows = [["実施日", "依頼団体", "時間", "謝金", "旅費", "源泉徴収税額", "差引支払額"]]
    for line in lines:
        rows.append(
            [
                wareki(line.activity.day),
                line.activity.request.requester.name,
                f"{line.activity.minutes}分",
                _yen(line.honorarium),
                _yen(line.travel),
                _yen(line.withholding),
                _yen(line.net),
            ]
        )
    totals = [
        sum(getattr(line, name) for line in lines)
        for name in ("honorarium", "travel", "withholding", "net")
    ]
    rows.append(["合計", "", "", *(_yen(total) for total in totals)])
    table = Table(
        rows,
        repeatRows=1,
        colWidths=[30 * mm, 38 * mm, 14 * mm, 20 * mm, 18 * mm, 26 * mm, 26 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#767676")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2")),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f2f2f2")),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story = [
        Paragraph("謝金等支払明細書", _TITLE),
        Paragraph(f"{expert.name} 様", _TEXT),
        Paragraph(f"{scheme.name}（{scheme.body.name}）　対象：{period}", _TEXT),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 6 * mm),
        Paragraph(
            "源泉徴収税額は所得税法第204条により、1回の支払額の10.21%（100万円を超える部分は20.42%）、"
            "1円未満切り捨てです。交通機関・宿泊先へ直接支払った旅費は含みません。",
            _TEXT,
        ),
        Paragraph(f"発行日：{issued}　{scheme.body.name}", _TEXT),
    ]
    return a4_pdf(
        story,
        title=f"謝金等支払明細書 {expert.name} {period}",
        author=scheme.body.name,
        margin_mm=18,
    )
