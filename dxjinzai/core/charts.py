"""Geometry of the server-rendered SVG charts; the template draws, a data table sits beside.

No JavaScript and nothing from outside the server (DESIGN.md). Values are drawn on a fixed
scale so that two charts of the same figure compare; an axis under the bars gives the scale,
and a bar can be highlighted (the viewer's own division).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH = 220
BAR_WIDTH = 380
ROW_HEIGHT = 26
# Room under the bars for the axis and its labels.
AXIS_HEIGHT = 30
TICKS = 4  # intervals on the axis: 0, ¼, ½, ¾ and the whole scale


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    y: int
    width: int
    highlighted: bool = False

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


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]

    @property
    def has_values(self) -> bool:
        """False when no bar has a value: the page says what to set up instead of drawing
        an empty frame."""
        return any(bar.value is not None for bar in self.bars)

    @property
    def axis_y(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 4

    @property
    def tick_label_y(self) -> int:
        return self.axis_y + 18

    @property
    def height(self) -> int:
        return self.axis_y + AXIS_HEIGHT

    @property
    def axis_x(self) -> int:
        return LABEL_WIDTH

    @property
    def axis_end_x(self) -> int:
        return LABEL_WIDTH + BAR_WIDTH


def bar_chart(
    rows: list[tuple[str, Decimal | None]],
    scale: Decimal,
    *,
    unit: str = "",
    highlighted: set[int] | frozenset[int] = frozenset(),
) -> Chart:
    """A horizontal bar chart of `rows`, `scale` being the full width (100 for percentages);
    a row without a value gets no bar (the table says why). `highlighted` holds the indexes
    of rows drawn apart (the viewer's own division)."""
    scale = scale if scale > 0 else Decimal(1)
    bars = []
    for index, (label, value) in enumerate(rows):
        width = 0 if value is None else round(BAR_WIDTH * min(value, scale) / scale)
        bars.append(
            Bar(
                label=label,
                value=value,
                y=index * ROW_HEIGHT,
                width=width,
                highlighted=index in highlighted,
            )
        )
    return Chart(bars=bars, ticks=axis_ticks(scale, unit))


def axis_ticks(scale: Decimal, unit: str = "") -> list[Tick]:
    """The axis' marks: 0, a quarter, a half, three quarters and the whole scale; whole
    numbers only, so a scale of 2 people marks 0, 1 and 2."""
    values = sorted({round(scale * step / TICKS) for step in range(TICKS + 1)})
    return [
        Tick(x=LABEL_WIDTH + round(BAR_WIDTH * value / scale), label=f"{value}{unit}")
        for value in values
    ]
