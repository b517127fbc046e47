"""Calendar feeds in iCalendar (RFC 5545), built with the icalendar library: every date is an
all-day entry, so a calendar shows it on the right day whatever its own time zone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from dxjinzai.reminders.selectors import CalendarDate

PRODUCT_ID = "-//dxjinzai//DX人材プラットフォーム//JA"


def ics_feed(name: str, dates: Iterable[CalendarDate], *, site_url: str, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for entry in dates:
        calendar.add_component(_event(entry, site_url=site_url, now=now))
    return calendar.to_ical()


def _event(entry: CalendarDate, *, site_url: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}@dxjinzai")
    event.add("dtstamp", now)
    event.add("summary", entry.summary)
    event.add("dtstart", entry.start)
    # An all-day entry ends the day after its last day (DTEND is exclusive).
    event.add("dtend", entry.end + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    if entry.location:
        event.add("location", entry.location)
    if entry.path:
        event.add("url", site_url.rstrip("/") + entry.path)
    return event
