"""An event, or a community's events, as iCalendar (RFC 5545) for the calendar apps of
LGWAN desks and phones."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from dxjinzai.community.models import Event


def events_ics(name: str, events: Iterable[Event], *, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//dxjinzai//community//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"community-event-{event.pk}@dxjinzai")
        entry.add("dtstamp", now)  # required by RFC 5545
        entry.add("summary", f"{event.get_kind_display()}：{event.title}")
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("location", event.place)
        if event.agenda:
            entry.add("description", event.agenda)
        calendar.add_component(entry)
    return calendar.to_ical()
