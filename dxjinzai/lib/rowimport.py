"""The outcome of a small all-or-nothing import (a session's attendance, a pool's monthly
costs): how many rows were recorded, or why none was."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RowProblem:
    row: int  # as Excel shows it; the header is row 1
    messages: list[str]


@dataclass
class RowImportResult:
    recorded: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_error
