"""Form fields -> the core's inputs, with every problem attached to the field it belongs to.

The checks themselves are the core's (debrief_from, read_timeline, person_from); this
module only names the fields, gathers one message per field, and words them for a form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from interview_closer.core.debrief import debrief_from, parse_moment, person_from
from interview_closer.core.followup import Debrief
from interview_closer.core.timeline import WorkCalendar, read_timeline
from interview_closer.errors import CloserError, DataError

PEOPLE_ROWS = 3
CONCERN_ROWS = 2
PROMISE_ROWS = 2
STAGES = ("", "phone screen", "first interview", "second interview", "final interview", "other")


class FormError(DataError):
    """A form has problems: a message per field name (key "form" for the form as a whole)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())) if errors else "the form has problems")
        self.errors = errors


@dataclass(slots=True)
class Fields:
    """Submitted text values by field name, and the messages found so far."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str:
        """The trimmed value of a field ('' when absent)."""
        return self.values.get(name, "").strip()

    def fail(self, name: str, message: str) -> None:
        """Record the first message for a field."""
        self.errors.setdefault(name, message)


def text_fields(form: Mapping[str, Any]) -> dict[str, str]:
    """Only the text fields of a submitted form (uploads and the CSRF token left out)."""
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


def _strip_key(message: str, key: str) -> str:
    """'decision_by: cannot read ...' -> 'Cannot read ...' (the field already names it)."""
    text = re.sub(rf"^{re.escape(key)}[^:]*:\s*", "", message)
    return text[:1].upper() + text[1:]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value.lower())


def people_rows(fields: Fields, prefix: str) -> list[dict[str, str]]:
    """The filled rows `<prefix>-<i>-name/title/email` as person mappings, each checked."""
    people = []
    for i in range(PEOPLE_ROWS):
        person = {k: fields.get(f"{prefix}-{i}-{k}") for k in ("name", "title", "email")}
        if not any(person.values()):
            continue
        if not person["name"]:
            fields.fail(f"{prefix}-{i}-name", "Add this person's name, or clear the row.")
            continue
        entry = {k: v for k, v in person.items() if v}
        try:
            person_from(entry)
        except DataError as exc:
            fields.fail(f"{prefix}-{i}-email", _strip_key(str(exc), "met"))
            continue
        people.append(entry)
    return people


def debrief_mapping(fields: Fields, cal: WorkCalendar) -> dict[str, Any]:
    """The debrief form as the debrief file mapping; per-field problems go to `fields.errors`."""
    data: dict[str, Any] = {}
    start = fields.get("interview_at")
    day0: date | None = None
    if not start:
        fields.fail("interview_at", "Tell us when the interview started (date and time).")
    else:
        try:
            day0 = parse_moment(start, "interview_at", cal).astimezone(cal.tz).date()
            data["interview_at"] = start
        except DataError:
            fields.fail("interview_at", "Give the date and time, like 2026-11-24 10:00.")
    if fields.get("ended_at"):
        data["ended_at"] = fields.get("ended_at")
    for key in ("stage", "next_step", "best_time_to_call", "notes"):
        if fields.get(key):
            data[key] = fields.get(key)
    data["met"] = people_rows(fields, "met")
    decision = fields.get("decision_by")
    if decision:
        data["decision_by"] = decision
        if day0 is not None:
            try:
                read_timeline(decision, day0, cal)
            except DataError as exc:
                fields.fail("decision_by", _strip_key(str(exc), "decision_by"))
    call = _yes_no(fields.get("permission_to_call"))
    if call is not None:
        data["permission_to_call"] = call
    concerns = []
    for i in range(CONCERN_ROWS):
        concern, answer = fields.get(f"concern-{i}-text"), fields.get(f"concern-{i}-answer")
        if answer and not concern:
            fields.fail(f"concern-{i}-text", "Write the concern this answer was for.")
        elif concern:
            concerns.append({"concern": concern, "answer": answer or None})
    data["concerns"] = concerns
    promised = []
    for i in range(PROMISE_ROWS):
        item, by = fields.get(f"promised-{i}-item"), fields.get(f"promised-{i}-by")
        if by and not item:
            fields.fail(f"promised-{i}-item", "Write what you promised to send.")
            continue
        if not item:
            continue
        if by and day0 is not None:
            try:
                read_timeline(by, day0, cal)
            except DataError as exc:
                fields.fail(f"promised-{i}-by", _strip_key(str(exc), "promised"))
        promised.append({"item": item, "by": by or None})
    data["promised"] = promised
    feeling = fields.get("feeling")
    if feeling:
        if feeling.isdigit() and 1 <= int(feeling) <= 5:
            data["feeling"] = int(feeling)
        else:
            fields.fail("feeling", "Pick a number from 1 to 5.")
    return data


_PREFIX_FIELD = {
    "interview_at": "interview_at",
    "ended_at": "ended_at",
    "decision_by": "decision_by",
    "feeling": "feeling",
    "met": "met-0-name",
    "concerns": "concern-0-text",
    "promised": "promised-0-item",
    "stage": "stage",
}


def field_for(message: str) -> str:
    """Which form field a core message is about (from its leading key), else 'form'."""
    for prefix, name in _PREFIX_FIELD.items():
        if message.startswith(prefix):
            return name
    return "form"


def read_debrief_form(values: dict[str, str], cal: WorkCalendar) -> Debrief:
    """The Debrief a debrief form describes, or FormError with a message per field."""
    fields = Fields(values)
    data = debrief_mapping(fields, cal)
    if fields.errors:
        raise FormError(fields.errors)
    return checked_debrief(data, cal)


def checked_debrief(data: Mapping[str, Any], cal: WorkCalendar) -> Debrief:
    """debrief_from, with its message placed on the field it concerns."""
    try:
        return debrief_from(data, cal)
    except CloserError as exc:
        name = field_for(str(exc))
        key = name.split("-", 1)[0]
        raise FormError({name: _strip_key(str(exc), key)}) from exc
