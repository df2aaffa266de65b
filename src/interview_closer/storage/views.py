"""Records as plain JSON-ready dicts, with date-times in the user's time zone (ISO 8601)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from interview_closer.core.followup import Concern, Debrief, Person, Promise
from interview_closer.storage.models import Application, Contact, Followup, Interview
from interview_closer.storage.repo import FollowupView


def iso(moment: datetime | None, tz: tzinfo) -> str | None:
    """ISO 8601 with the offset of `tz`, or None."""
    return moment.astimezone(tz).isoformat() if moment is not None else None


def followup_json(item: FollowupView | Followup, tz: tzinfo) -> dict[str, Any]:
    """The listing shape: {id, application_id, kind, due, channel, contact, status}."""
    if isinstance(item, Followup):
        contact = item.contact.name if item.contact else None
        due = item.due_at
    else:
        contact, due = item.contact, item.due
    return {
        "id": item.id,
        "application_id": item.application_id,
        "kind": item.kind,
        "due": iso(due, tz),
        "channel": item.channel,
        "contact": contact,
        "status": item.status,
    }


def followup_detail(row: Followup, tz: tzinfo) -> dict[str, Any]:
    """A follow-up with everything stored about it (for show, done and skip)."""
    out = followup_json(row, tz)
    out.update(
        interview_id=row.interview_id,
        title=row.title,
        detail=row.detail,
        reason=row.reason,
        sequence=row.sequence,
        outcome=row.outcome,
        completed_at=iso(row.completed_at, tz),
    )
    return out


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact."""
    return {
        "id": contact.id,
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone,
    }


def interview_json(interview: Interview, tz: tzinfo) -> dict[str, Any]:
    """An interview with the people at it and its debrief."""
    debrief = interview.debrief
    return {
        "id": interview.id,
        "application_id": interview.application_id,
        "at": iso(interview.at, tz),
        "ended_at": iso(interview.ended_at, tz),
        "stage": interview.stage,
        "format": interview.format,
        "place": interview.place,
        "interviewers": [contact_json(c) for c in interview.contacts],
        "debrief": None
        if debrief is None
        else {
            "id": debrief.id,
            "next_step": debrief.next_step,
            "decision_by": debrief.decision_by,
            "decision_date": debrief.decision_date.isoformat() if debrief.decision_date else None,
            "permission_to_call": debrief.permission_to_call,
            "best_time_to_call": debrief.best_time_to_call,
            "concerns": debrief.concerns,
            "promised": debrief.promised,
            "feeling": debrief.feeling,
            "notes": debrief.notes,
        },
    }


def application_json(
    app: Application, tz: tzinfo, *, next_due: datetime | None = None, pending: int | None = None
) -> dict[str, Any]:
    """An application's summary (the pipeline row)."""
    out: dict[str, Any] = {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "status": app.status,
        "posting_source": app.posting_source,
        "resume_path": app.resume_path,
        "created_at": iso(app.created_at, tz),
        "updated_at": iso(app.updated_at, tz),
    }
    if pending is not None:
        out["pending_followups"] = pending
        out["next_due"] = iso(next_due, tz)
    return out


def application_detail(app: Application, tz: tzinfo) -> dict[str, Any]:
    """An application with its interviews, plans and follow-ups (for `closer show`)."""
    out = application_json(app, tz)
    out["interviews"] = [interview_json(i, tz) for i in app.interviews]
    out["plans"] = [
        {"id": p.id, "interview_id": p.interview_id, "created_at": iso(p.created_at, tz)}
        for p in app.plans
    ]
    out["followups"] = [followup_detail(f, tz) for f in app.followups]
    return out


def stored_debrief(interview: Interview) -> Debrief | None:
    """The interview's debrief rebuilt as the core dataclass (for drafts and rules)."""
    row = interview.debrief
    if row is None:
        return None
    topics = row.topics or {}
    return Debrief(
        interview_at=interview.at,
        ended_at=interview.ended_at,
        stage=interview.stage,
        met=tuple(
            Person(c.name, c.title, c.email, c.phone, topics.get(c.name))
            for c in interview.contacts
        ),
        next_step=row.next_step,
        decision_by=row.decision_by,
        decision_date=row.decision_date,
        permission_to_call=row.permission_to_call,
        best_time_to_call=row.best_time_to_call,
        concerns=tuple(
            Concern(c["concern"], c.get("answer"), c.get("raised_by")) for c in row.concerns
        ),
        promised=tuple(
            Promise(p["item"], p.get("by"), date.fromisoformat(p["due"]) if p.get("due") else None)
            for p in row.promised
        ),
        feeling=row.feeling,
        notes=row.notes,
    )


def calendar_items(
    session: Any, application_id: int | None = None, *, include_all: bool = False
) -> list[Any]:
    """Follow-ups (pending, or all) as calendar items, in due order, for the .ics export."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from interview_closer.export.ics import CalendarItem

    query = (
        select(Followup)
        .options(selectinload(Followup.contact), selectinload(Followup.application))
        .order_by(Followup.due_at, Followup.id)
    )
    if application_id is not None:
        query = query.where(Followup.application_id == application_id)
    if not include_all:
        query = query.where(Followup.status == "pending")
    items = []
    for row in session.scalars(query):
        contact = row.contact
        reach = [x for x in (contact.email, contact.phone) if x] if contact else []
        detail = row.detail if row.detail and row.detail not in (row.reason or "") else None
        text = "\n".join(x for x in (detail, row.reason, " ".join(reach)) if x)
        items.append(CalendarItem(
            row.id, row.title, row.due_at, row.kind, row.status, row.revision, text,
            contact.name if contact else None, row.application.company,
        ))  # fmt: skip
    return items
