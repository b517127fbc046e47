"""The term's report as PDF (各期報告会): the adviser's text, the term's meetings, the counts of
its board and the ideas the town adopted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from dxjinzai.advisers.models import AdviserTerm, Idea, Meeting, TermReport
from dxjinzai.advisers.selectors import BoardCounts
from dxjinzai.core.pdf import FONT, a4_pdf
from dxjinzai.lib.fiscal import wareki

_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, spaceAfter=6)
_HEADING = ParagraphStyle("heading", fontName=FONT, fontSize=12, leading=18, spaceBefore=8)
_TEXT = ParagraphStyle("text", fontName=FONT, fontSize=10, leading=15)
_GRID = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#767676")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _paragraphs(text: str) -> list[Paragraph]:
    """The adviser's text, line by line (reportlab reads markup: escape it)."""
    return [Paragraph(escape(line) or "&nbsp;", _TEXT) for line in text.splitlines()]


def _cell(text: str) -> Paragraph:
    return Paragraph(escape(text), _TEXT)


def term_report_pdf(
    *,
    term: AdviserTerm,
    report: TermReport,
    counts: BoardCounts,
    meetings: Sequence[Meeting],
    adopted: Sequence[Idea],
    issued: date,
) -> bytes:
    accepted = f"受理：{wareki(report.accepted_on)}" if report.accepted_on else "未受理"
    story = [
        Paragraph("アドバイザー任期の報告", _TITLE),
        Paragraph(escape(f"{term.body.name}　{term.title}　{term.adviser_name}"), _TEXT),
        Paragraph(
            escape(
                f"任期：{wareki(term.starts_on)}〜{wareki(term.ends_on)}"
                f"（テーマ：{term.get_theme_display()}）　{accepted}"
            ),
            _TEXT,
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            f"ミーティング {counts.meetings}回　課題 {counts.issues}件　"
            f"解決アイデア {counts.ideas}件（うち採用 {counts.adopted}件・実施済 {counts.done}件）",
            _HEADING,
        ),
        Paragraph("報告", _HEADING),
        *_paragraphs(report.text),
        Paragraph("ミーティング", _HEADING),
        _meetings_table(meetings),
        Paragraph("採用したアイデア", _HEADING),
        _ideas_table(adopted),
        Spacer(1, 6 * mm),
        Paragraph(f"出力日：{wareki(issued)}　{escape(term.body.name)}", _TEXT),
    ]
    return a4_pdf(
        story, title=f"アドバイザー任期の報告 {term.title}", author=term.body.name, margin_mm=18
    )


def _meetings_table(meetings: Sequence[Meeting]) -> Table | Paragraph:
    if not meetings:
        return Paragraph("記録されたミーティングはありません。", _TEXT)
    rows: list[list[object]] = [["開催日", "出席者", "課題", "アイデア"]]
    # The meetings come from selectors.meeting_list, which counts their issues and ideas.
    rows += [
        [
            wareki(m.held_on),
            _cell(m.attendees),
            f"{m.issue_count}件",  # type: ignore[attr-defined]
            f"{m.idea_count}件",  # type: ignore[attr-defined]
        ]
        for m in meetings
    ]
    table = Table(rows, repeatRows=1, colWidths=[36 * mm, 94 * mm, 22 * mm, 22 * mm])
    table.setStyle(_GRID)
    return table


def _ideas_table(ideas: Sequence[Idea]) -> Table | Paragraph:
    if not ideas:
        return Paragraph("採用したアイデアはまだありません。", _TEXT)
    rows: list[list[object]] = [["解決アイデア", "担当所属", "状態"]]
    rows += [
        [
            _cell(idea.title),
            _cell(idea.owner_department.name if idea.owner_department else "—"),
            idea.get_status_display(),
        ]
        for idea in ideas
    ]
    table = Table(rows, repeatRows=1, colWidths=[110 * mm, 44 * mm, 20 * mm])
    table.setStyle(_GRID)
    return table
