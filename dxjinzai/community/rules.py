"""The rules of community events, as plain functions."""

from __future__ import annotations

from datetime import datetime


def registration_problem(
    *, now: datetime, starts_at: datetime, capacity: int | None, registered: int
) -> str | None:
    """Why a person may not register now, or None: registration closes when the event
    starts, and a full event takes no one more."""
    if now >= starts_at:
        return "開始したイベントには登録できません。"
    if capacity is not None and registered >= capacity:
        return f"定員（{capacity}人）に達しています。"
    return None


def event_times_problem(starts_at: datetime, ends_at: datetime) -> str | None:
    return "終了は開始より後にしてください。" if ends_at <= starts_at else None


# 滋賀県's DX推進チャレンジャー, as this platform counts it from the community: a member of
# the body who attended at least one 勉強会 (study meeting) of a community, counted once, in
# the fiscal year of their first attendance (a running total over the years).
CHALLENGER_EVENT_KIND = "study"
