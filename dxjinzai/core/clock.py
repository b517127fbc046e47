"""The one clock of the platform: today and now as Japan sees them.

Every "today" is the date in settings.TIME_ZONE (Asia/Tokyo). `date.today()` reads the
process's own zone instead, which Django aligns with TIME_ZONE on Unix only, while jobs
used `timezone.localdate()`: two clocks that could disagree between 00:00 and 09:00 JST.
One clock also gives tests one place to fix the date (monkeypatch.setattr(clock, "today",
...)). A test of the code rules forbids date.today(), datetime.now() and direct calls of
timezone.now()/localdate() anywhere else.
"""

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def now() -> datetime:
    """An aware datetime (UTC inside, shown in Asia/Tokyo)."""
    return timezone.now()


def date_of(moment: datetime) -> date:
    """The day a moment falls on in Japan (an event at 08:00 JST is on that day, whatever
    the UTC date inside)."""
    return timezone.localdate(moment)
