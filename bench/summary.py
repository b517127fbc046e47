"""bench/run's closing table: one row per measured work, its ratio and the goal."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def table(rows: list[dict]) -> str:
    header = ("benchmark", "work", "measured", "ratio", "goal", "")
    lines = [header] + [
        (
            row["benchmark"],
            row["work"],
            row["measured"],
            row["ratio"],
            row["goal"],
            {True: "met", False: "NOT met", None: "—"}[row["met"]],
        )
        for row in rows
    ]
    widths = [max(_width(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)).rstrip()
        for line in lines
    )


def _width(text: str) -> int:
    """Columns on a terminal: a Japanese character takes two."""
    return sum(2 if ord(character) > 0x2E7F else 1 for character in text)


def main() -> None:
    path = Path(sys.argv[1])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    print(table(rows))


if __name__ == "__main__":
    main()
