"""What every PDF the platform prints shares: reportlab's built-in Japanese CID font.

It draws Japanese with no font file in the project; PDF viewers supply the glyphs
(DESIGN.md).
"""

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
