"""A debrief from its file form (YAML/JSON mapping) to `Debrief`, and back to plain data.

Pure: the time zone for naive times and the working calendar are passed in. Every
mistake raises DataError naming the key, the value and what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from interview_closer.core.followup import Concern, Debrief, Person, Promise
from interview_closer.core.timeline import WorkCalendar, read_timeline
from interview_closer.errors import DataError

KEYS = (
    "interview_at", "ended_at", "stage", "met", "next_step", "decision_by",
    "permission_to_call", "best_time_to_call", "concerns", "promised", "feeling", "notes",
)  # fmt: skip
_PERSON = re.compile(
    r"^\s*(?P<name>[^,<]+?)\s*(?:,\s*(?P<title>[^<]+?))?\s*(?:<(?P<email>[^>]+)>)?\s*$"
)


def parse_moment(value: Any, key: str, cal: WorkCalendar) -> datetime:
    """An ISO 8601 date-time (or a YAML datetime) as an aware datetime; naive means local."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise DataError(f"{key}: '{value}' has no time of day; write e.g. {value}T10:00")
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise DataError(
                f"{key}: '{value}' is not an ISO date-time; write e.g. 2026-11-24T10:00"
            ) from exc
    else:
        raise DataError(f"{key}: expected a date-time like 2026-11-24T10:00, got {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=cal.tz)
    return moment


def parse_end(value: Any, start: datetime, cal: WorkCalendar) -> datetime:
    """The end of the interview: an ISO date-time or HH:MM on the day it started."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}:\d{2}\s*", value):
        clock = time.fromisoformat(value.strip().zfill(5))
        local = start.astimezone(cal.tz)
        end = datetime.combine(local.date(), clock, tzinfo=cal.tz)
    else:
        end = parse_moment(value, "ended_at", cal)
    if end < start:
        raise DataError(f"ended_at {end.isoformat()} is before interview_at {start.isoformat()}")
    if end - start > timedelta(hours=12):
        raise DataError(f"ended_at {end.isoformat()} is over 12 hours after interview_at")
    return end


def _text(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise DataError(f"{key}: expected text, got a {type(value).__name__}")
    text = str(value).strip()
    return text or None


def person_from(value: Any) -> Person:
    """A person from a mapping {name, title, email, phone} or "Name, Title <email>"."""
    if isinstance(value, str):
        match = _PERSON.match(value)
        if not match or not match.group("name").strip():
            raise DataError(f"met: cannot read '{value}'; write 'Name, Title <email>'")
        return Person(match["name"].strip(), match["title"], match["email"])
    if not isinstance(value, Mapping):
        raise DataError(f"met: each person is a mapping with a name, got {value!r}")
    extra = set(value) - {"name", "title", "email", "phone", "topic"}
    if extra:
        raise DataError(f"met: unknown key(s) {', '.join(sorted(extra))} for {value.get('name')}")
    name = _text(value.get("name"), "met.name")
    if not name:
        raise DataError("met: every person needs a name")
    email = _text(value.get("email"), "met.email")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise DataError(f"met: '{email}' is not an email address (for {name})")
    return Person(
        name,
        _text(value.get("title"), "met.title"),
        email,
        _text(value.get("phone"), "met.phone"),
        _text(value.get("topic"), "met.topic"),
    )


def _flag(value: Any, key: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    raise DataError(f"{key}: '{value}' is not yes or no")


def _list(value: Any, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"{key}: expected a list, got {type(value).__name__}")
    return value


def _concern(value: Any) -> Concern:
    if isinstance(value, str):
        concern, _, answer = value.partition("=>")
        return Concern(concern.strip(), answer.strip() or None)
    if not isinstance(value, Mapping) or not _text(value.get("concern"), "concerns.concern"):
        raise DataError(f"concerns: each entry needs a 'concern', got {value!r}")
    extra = set(value) - {"concern", "answer", "raised_by"}
    if extra:
        raise DataError(f"concerns: unknown key(s) {', '.join(sorted(extra))}")
    return Concern(
        str(value["concern"]).strip(),
        _text(value.get("answer"), "concerns.answer"),
        _text(value.get("raised_by"), "concerns.raised_by"),
    )


def _words(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else _text(value, "date")


def _promise(value: Any, day0: date, cal: WorkCalendar) -> Promise:
    if isinstance(value, str):
        item, _, by_text = value.partition("=>")
        value = {"item": item, "by": by_text.strip() or None}
    if not isinstance(value, Mapping) or not _text(value.get("item"), "promised.item"):
        raise DataError(f"promised: each entry needs an 'item', got {value!r}")
    extra = set(value) - {"item", "by"}
    if extra:
        raise DataError(f"promised: unknown key(s) {', '.join(sorted(extra))}")
    by = _words(value.get("by"))
    due = None
    if by:
        try:
            due = read_timeline(by, day0, cal).date
        except DataError as exc:
            raise DataError(f"promised '{value['item']}' by: {exc}") from exc
    return Promise(str(value["item"]).strip(), by, due)


def debrief_from(data: Mapping[str, Any], cal: WorkCalendar) -> Debrief:
    """Check and convert a debrief mapping (the --from file format) into a Debrief."""
    if not isinstance(data, Mapping):
        raise DataError("a debrief is a mapping of keys such as interview_at, met, decision_by")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise DataError(f"unknown debrief key(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    if data.get("interview_at") in (None, ""):
        raise DataError("interview_at is required: when the interview began, e.g. 2026-11-24T10:00")
    start = parse_moment(data["interview_at"], "interview_at", cal)
    day0 = start.astimezone(cal.tz).date()
    decision_by = _words(data.get("decision_by"))
    decision_date = None
    if decision_by:
        try:
            decision_date = read_timeline(decision_by, day0, cal).date
        except DataError as exc:
            raise DataError(f"decision_by: {exc}") from exc
    feeling = data.get("feeling")
    if feeling is not None:
        try:
            feeling = int(feeling)
        except (TypeError, ValueError):
            feeling = 0
        if not 1 <= feeling <= 5:
            raise DataError(f"feeling: '{data['feeling']}' is not a whole number from 1 to 5")
    met = tuple(person_from(p) for p in _list(data.get("met"), "met"))
    concerns = tuple(_concern(c) for c in _list(data.get("concerns"), "concerns"))
    names = {p.name.casefold() for p in met}
    for concern in concerns:
        if concern.raised_by and names and concern.raised_by.casefold() not in names:
            raise DataError(f"concerns: raised_by '{concern.raised_by}' is not among those met")
    return Debrief(
        interview_at=start,
        ended_at=parse_end(data["ended_at"], start, cal) if data.get("ended_at") else None,
        stage=_text(data.get("stage"), "stage"),
        met=met,
        next_step=_text(data.get("next_step"), "next_step"),
        decision_by=decision_by,
        decision_date=decision_date,
        permission_to_call=_flag(data.get("permission_to_call"), "permission_to_call"),
        best_time_to_call=_text(data.get("best_time_to_call"), "best_time_to_call"),
        concerns=concerns,
        promised=tuple(_promise(p, day0, cal) for p in _list(data.get("promised"), "promised")),
        feeling=feeling,
        notes=_text(data.get("notes"), "notes"),
    )


def debrief_to_dict(debrief: Debrief) -> dict[str, Any]:
    """The debrief as plain data in the file format (ISO date-times with offsets)."""
    return {
        "interview_at": debrief.interview_at.isoformat(),
        "ended_at": debrief.ended_at.isoformat() if debrief.ended_at else None,
        "stage": debrief.stage,
        "met": [
            {k: v for k, v in (("name", p.name), ("title", p.title), ("email", p.email),
                               ("phone", p.phone), ("topic", p.topic)) if v is not None}
            for p in debrief.met
        ],
        "next_step": debrief.next_step,
        "decision_by": debrief.decision_by,
        "decision_date": debrief.decision_date.isoformat() if debrief.decision_date else None,
        "permission_to_call": debrief.permission_to_call,
        "best_time_to_call": debrief.best_time_to_call,
        "concerns": [
            {"concern": c.concern, "answer": c.answer, "raised_by": c.raised_by}
            for c in debrief.concerns
        ],
        "promised": [
            {"item": p.item, "by": p.by, "due": p.due.isoformat() if p.due else None}
            for p in debrief.promised
        ],
        "feeling": debrief.feeling,
        "notes": debrief.notes,
    }
