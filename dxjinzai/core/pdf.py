"""What every PDF the platform prints shares: reportlab's built-in Japanese CID font, and
the A4 page every certificate and statement is printed on.

The font draws Japanese with no font file in the project; PDF viewers supply the glyphs
(DESIGN.md).
"""

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import SimpleDocTemplate

FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def a4_pdf(story: list[Any], *, title: str, author: str, margin_mm: int) -> bytes:
    """The story printed on A4 with the same margin left, right and top; the title and the
    issuing body go into the document's properties."""
    buffer = io.BytesIO()
    margin = margin_mm * mm
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        title=title,
        author=author,
    ).build(story)
    return buffer.getvalue()
