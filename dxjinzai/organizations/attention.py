"""What waits for the viewer: the inbox (対応待ち) on the home page, its own page, the count
in the header and the daily digest all read it from here. Each app registers from its
ready() the kinds of work it knows to be waiting (dispatch: requests received; training:
applications to approve …), so this app lists them without importing the apps above it.

A source answers in a fixed number of queries whatever the data: one count and, when
asked for them, one query for the items of each kind it yields (a test counts them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Model, QuerySet

from dxjinzai.core.access import Access

M = TypeVar("M", bound=Model)
T = TypeVar("T")


@dataclass(frozen=True)
class Decision:
    """A decision the viewer takes from the inbox itself: a form posting `decision=<value>`
    (and `next`, to come back) to the page that records it."""

    url: str
    choices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Item:
    """One thing to do and the page where it is done. The key names it for good (the
    digest announces an item once): 「training.application:42」."""

    key: str
    title: str
    url: str
    due: date | None = None
    decision: Decision | None = None


@dataclass(frozen=True)
class Waiting:
    """One kind of work waiting for the viewer: 「派遣依頼（受付）3件」, the page where it
    starts, and its first items (as many as the caller asked for)."""

    label: str
    count: int
    url: str
    unit: str = "件"
    items: tuple[Item, ...] = ()


# limit: how many items each kind lists: 0 for counts only (the header), None for all of
# them (the digest).
WaitingSource = Callable[[Access, date, int | None], Iterable[Waiting]]
_SOURCES: list[WaitingSource] = []


def register_waiting(source: WaitingSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def waiting_for(access: Access, *, today: date, limit: int | None = 0) -> list[Waiting]:
    """Every registered kind with something waiting (a count of zero is not shown)."""
    return [item for source in _SOURCES for item in source(access, today, limit) if item.count]


def waiting_count(access: Access, *, today: date) -> int:
    """How many things wait for the viewer, all kinds together (the header's figure)."""
    return sum(waiting.count for waiting in waiting_for(access, today=today, limit=0))


def first(query: QuerySet[M], limit: int | None) -> list[M]:
    """The first `limit` rows of a query (all for None; for 0 none, and no query)."""
    if limit == 0:
        return []
    return list(query if limit is None else query[:limit])


def first_of(rows: list[T], limit: int | None) -> list[T]:
    """The first `limit` of rows already read."""
    return rows if limit is None else rows[:limit]


def waiting_kind(
    label: str,
    rows: QuerySet[M],
    limit: int | None,
    *,
    list_url: Callable[[M], str],
    item: Callable[[M], Item],
    unit: str = "件",
) -> Waiting:
    """One kind read from a query in two queries at most: its first rows (at least one, for
    the address of the list where the work starts) and, when there is any, its count."""
    wanted = None if limit is None else max(limit, 1)
    read = first(rows, wanted)
    if not read:
        return Waiting(label, 0, "", unit)
    # Fewer rows than asked for are all of them: no count query.
    count = len(read) if wanted is None or len(read) < wanted else rows.count()
    return Waiting(label, count, list_url(read[0]), unit, tuple(item(r) for r in read[:limit]))
