"""What waits for the viewer, shown first on the home page. Apps above this one register
what they know to be waiting (dispatch: requests received; sharing: support requests not yet
taken; training: applications to approve) from their ready(), so the home page lists them
without importing those apps."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from dxjinzai.core.access import Access


@dataclass(frozen=True)
class Waiting:
    """One kind of work waiting for the viewer: 「派遣依頼（受付）3件」 and where it starts."""

    label: str
    count: int
    url: str
    unit: str = "件"


WaitingSource = Callable[[Access, date], Iterable[Waiting]]
_SOURCES: list[WaitingSource] = []


def register_waiting(source: WaitingSource) -> None:
    _SOURCES.append(source)


def waiting_for(access: Access, *, today: date) -> list[Waiting]:
    """Every registered kind with something waiting (a count of zero is not shown)."""
    return [item for source in _SOURCES for item in source(access, today) if item.count]
