"""Follow-ups as an iCalendar file (RFC 5545): one VEVENT with a VALARM per follow-up.

Each event's UID is derived from the follow-up id, and SEQUENCE from its revision, so
importing a newer file updates the events instead of adding copies. Times are written
in UTC, which every calendar program reads without a VTIMEZONE block.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from interview_closer import __version__

PRODID = f"-//interview-closer//follow-ups {__version__}//EN"


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """What the calendar needs to know about one follow-up."""

    id: int
    title: str
    due: datetime
    kind: str
    status: str = "pending"
    revision: int = 0
    description: str = ""
    contact: str | None = None
    company: str | None = None


def uid_for(followup_id: int) -> str:
    """The stable UID of a follow-up's calendar entry."""
    return f"followup-{followup_id}@interview-closer"


def to_ics(
    items: Iterable[CalendarItem],
    *,
    now: datetime,
    alarm_minutes: int = 15,
    name: str = "interview-closer follow-ups",
) -> bytes:
    """An iCalendar file with one event (and reminder) per follow-up."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = now.astimezone(UTC)
    for item in items:
        event = Event()
        event.add("uid", uid_for(item.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due.astimezone(UTC))
        minutes = 15 if item.kind != "check-in-call" else 30
        event.add("duration", timedelta(minutes=minutes))
        summary = item.title if not item.company else f"{item.title} ({item.company})"
        event.add("summary", summary)
        lines = [item.description.strip()] if item.description.strip() else []
        lines.append(f"When done: closer done {item.id}   To skip: closer skip {item.id}")
        event.add("description", "\n".join(lines))
        event.add("categories", ["interview-closer", item.kind])
        event.add("sequence", item.revision)
        event.add("status", "CONFIRMED" if item.status == "pending" else "CANCELLED")
        event.add("transp", "TRANSPARENT")
        if item.status == "pending":
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", timedelta(minutes=-alarm_minutes))
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
