"""Geometry of the server-rendered SVG charts; the template draws, a data table sits beside.

No JavaScript and nothing from outside the server (DESIGN.md). Values are drawn on a fixed
scale so that two charts of the same figure compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH = 220
BAR_WIDTH = 380
ROW_HEIGHT = 26


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    y: int
    width: int

    # Where each part is drawn (templates/includes/bar_chart.html): the label right-aligned
    # before the bar, the value just after it, a note where there is no value.
    @property
    def text_y(self) -> int:
        return self.y + 16

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 6

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_y(self) -> int:
        return self.y + 4

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6

    @property
    def note_x(self) -> int:
        return LABEL_WIDTH + 6


def horizontal_bars(rows: list[tuple[str, Decimal | None]], scale: Decimal) -> list[Bar]:
    """One bar per row, `scale` being the full width (100 for percentages); a row without
    a value gets no bar (the table says why)."""
    bars = []
    for index, (label, value) in enumerate(rows):
        width = 0 if value is None else round(BAR_WIDTH * min(value, scale) / scale)
        bars.append(Bar(label=label, value=value, y=index * ROW_HEIGHT, width=width))
    return bars


def chart_height(bars: list[Bar]) -> int:
    return max(1, len(bars)) * ROW_HEIGHT + 4
