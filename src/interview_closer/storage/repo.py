"""Tracker actions on one session: each public function is one user action's worth of work.

The caller (CLI, web) opens `Database.write()` around a call, so every action is one
transaction: a failure anywhere leaves nothing half-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as with_changes
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview_closer.core.followup import (
    CHECK_INS,
    Debrief,
    Effects,
    FollowupRules,
    Pending,
    Person,
    PlannedFollowup,
    outcome_effects,
    plan_followups,
)
from interview_closer.core.timeline import WorkCalendar
from interview_closer.errors import DataError, NotFoundError
from interview_closer.storage.models import (
    APPLICATION_STATUSES,
    Application,
    Contact,
    DebriefRow,
    Followup,
    Interview,
    Plan,
)
from interview_closer.storage.queries import (  # re-exported: one import for callers
    ApplicationRow,
    FollowupView,
    applications_with_next,
    count_pending,
    get_application,
    latest_plan,
    list_followups,
    load_application,
    search_applications,
    status_counts,
)

__all__ = [
    "ApplicationRow", "Completion", "FollowupView", "add_application", "add_interview",
    "applications_with_next", "complete_followup", "count_pending", "get_application",
    "get_followup", "latest_plan", "list_followups", "load_application", "record_debrief",
    "search_applications", "set_status", "status_counts", "upsert_contact",
]


def add_application(
    session: Session,
    *,
    company: str,
    role: str,
    now: datetime,
    status: str = "applied",
    posting_text: str | None = None,
    posting_source: str | None = None,
    resume_path: str | None = None,
    candidate_name: str | None = None,
    plan: dict[str, Any] | None = None,
) -> Application:
    """Store a new application (and its closing plan when there is one)."""
    if status not in APPLICATION_STATUSES:
        raise DataError(f"unknown status '{status}': use one of {', '.join(APPLICATION_STATUSES)}")
    if not company.strip() or not role.strip():
        raise DataError("an application needs a company and a role (pass --company and --role)")
    app = Application(
        company=company.strip(), role=role.strip(), status=status, posting_text=posting_text,
        posting_source=posting_source, resume_path=resume_path, candidate_name=candidate_name,
        created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(app)
    session.flush()
    if plan is not None:
        session.add(Plan(application_id=app.id, data=plan, created_at=now))
    return app


def upsert_contact(session: Session, app: Application, person: Person, now: datetime) -> Contact:
    """The contact for a person met: matched by email, else by name within this application."""
    contact = None
    if person.email:
        contact = session.scalars(
            select(Contact).where(func.lower(Contact.email) == person.email.lower())
        ).first()
    if contact is None:
        for interview in app.interviews:
            for known in interview.contacts:
                if known.name.casefold() == person.name.casefold():
                    contact = known
    if contact is None:
        contact = Contact(name=person.name, created_at=now)
        session.add(contact)
    for attr in ("title", "email", "phone"):
        value = getattr(person, attr)
        if value:
            setattr(contact, attr, value)
    session.flush()
    return contact


def add_interview(
    session: Session,
    app: Application,
    *,
    at: datetime,
    now: datetime,
    ended_at: datetime | None = None,
    stage: str | None = None,
    format: str | None = None,
    place: str | None = None,
    people: tuple[Person, ...] = (),
    plan: dict[str, Any] | None = None,
) -> Interview:
    """Record an interview (with who will be or was there) and its own closing plan."""
    interview = Interview(
        application_id=app.id, at=at, ended_at=ended_at, stage=stage, format=format,
        place=place, created_at=now,
    )  # fmt: skip
    session.add(interview)
    app.interviews.append(interview)
    for person in people:
        contact = upsert_contact(session, app, person, now)
        if contact not in interview.contacts:
            interview.contacts.append(contact)
    if app.status in ("saved", "applied"):
        app.status = "interviewing"
    app.updated_at = now
    session.flush()
    if plan is not None:
        session.add(
            Plan(application_id=app.id, interview_id=interview.id, data=plan, created_at=now)
        )
    return interview


def _store_planned(
    session: Session, app: Application, planned: list[PlannedFollowup], contacts: dict[str, int],
    interview_id: int | None, now: datetime,
) -> list[Followup]:
    rows = []
    for item in planned:
        contact_id = contacts.get(item.contact.name.casefold()) if item.contact else None
        rows.append(
            Followup(
                application_id=app.id, interview_id=interview_id, contact_id=contact_id,
                kind=item.kind, due_at=item.due, channel=item.channel, title=item.title,
                detail=item.detail, reason=item.reason, sequence=item.sequence,
                status="pending", revision=0, created_at=now, updated_at=now,
            )
        )
    session.add_all(rows)
    return rows


def _cancel(rows: list[Followup], now: datetime) -> None:
    for row in rows:
        row.status, row.revision, row.updated_at = "cancelled", row.revision + 1, now


def record_debrief(
    session: Session,
    app: Application,
    debrief: Debrief,
    *,
    rules: FollowupRules,
    cal: WorkCalendar,
    now: datetime,
    replace: bool = False,
) -> tuple[DebriefRow, list[Followup]]:
    """Store a debrief on its interview (made if new) and plan its follow-ups."""
    interview = next(
        (i for i in app.interviews if abs(i.at - debrief.interview_at) < timedelta(minutes=1)),
        None,
    )
    if interview is None:
        interview = add_interview(session, app, at=debrief.interview_at, now=now)
    if not debrief.met and interview.contacts:
        # Nobody listed in the debrief: the people recorded for the interview were there.
        people = tuple(Person(c.name, c.title, c.email, c.phone) for c in interview.contacts)
        debrief = with_changes(debrief, met=people)
    if interview.debrief is not None:
        if not replace:
            raise DataError(
                f"the interview of {interview.at.astimezone(cal.tz):%Y-%m-%d %H:%M} already has "
                "a debrief; pass --replace to record it again"
            )
        _drop_pending(session, interview.id)
        session.delete(interview.debrief)
        session.flush()
    interview.ended_at = debrief.ended_at or interview.ended_at
    interview.stage = debrief.stage or interview.stage
    contacts: dict[str, int] = {}
    for person in debrief.met:
        contact = upsert_contact(session, app, person, now)
        if contact not in interview.contacts:
            interview.contacts.append(contact)
        contacts[person.name.casefold()] = contact.id
    row = DebriefRow(
        interview_id=interview.id, next_step=debrief.next_step, decision_by=debrief.decision_by,
        decision_date=debrief.decision_date, permission_to_call=debrief.permission_to_call,
        best_time_to_call=debrief.best_time_to_call,
        concerns=[{"concern": c.concern, "answer": c.answer, "raised_by": c.raised_by}
                  for c in debrief.concerns],
        promised=[{"item": p.item, "by": p.by, "due": p.due.isoformat() if p.due else None}
                  for p in debrief.promised],
        topics={p.name: p.topic for p in debrief.met if p.topic},
        feeling=debrief.feeling, notes=debrief.notes, created_at=now,
    )  # fmt: skip
    session.add(row)
    interview.debrief = row
    # A newer interview's cycle replaces the check-ins still pending from earlier ones.
    earlier = session.scalars(
        select(Followup).where(
            Followup.application_id == app.id, Followup.status == "pending",
            Followup.interview_id != interview.id,
            Followup.kind.in_((*CHECK_INS, "schedule-next-interview")),
        )
    ).all()  # fmt: skip
    _cancel(list(earlier), now)
    rows = _store_planned(
        session, app, plan_followups(debrief, rules, cal), contacts, interview.id, now
    )
    if app.status in ("saved", "applied"):
        app.status = "interviewing"
    app.updated_at = now
    session.flush()
    return row, rows


def _drop_pending(session: Session, interview_id: int) -> None:
    for row in session.scalars(
        select(Followup).where(Followup.interview_id == interview_id, Followup.status == "pending")
    ):
        session.delete(row)


def get_followup(session: Session, followup_id: int) -> Followup:
    """The follow-up with this id, or NotFoundError."""
    row = session.get(Followup, followup_id)
    if row is None:
        raise NotFoundError(f"no follow-up with id {followup_id}; see `closer followups --all`")
    return row


def _person(contact: Contact | None) -> Person | None:
    if contact is None:
        return None
    return Person(contact.name, contact.title, contact.email, contact.phone)


@dataclass(slots=True)
class Completion:
    """What `done`/`skip` changed: the follow-up, the rest of the plan and the status."""

    followup: Followup
    effects: Effects
    added: list[Followup]
    status_before: str
    status_after: str


def complete_followup(
    session: Session,
    followup_id: int,
    *,
    now: datetime,
    rules: FollowupRules,
    cal: WorkCalendar,
    outcome: str | None = None,
    skip: bool = False,
    new_decision: date | None = None,
) -> Completion:
    """Mark a follow-up done (or skipped) and apply its outcome to what is still pending."""
    row = get_followup(session, followup_id)
    if row.status != "pending":
        raise DataError(f"follow-up {followup_id} is already {row.status}; nothing changed")
    app = row.application
    before = app.status
    pending = session.scalars(
        select(Followup).where(Followup.application_id == app.id, Followup.status == "pending")
    ).all()
    by_id = {p.id: p for p in pending}
    debrief = session.scalars(
        select(DebriefRow).where(DebriefRow.interview_id == row.interview_id)
    ).first() if row.interview_id else None  # fmt: skip
    call = (bool(debrief and debrief.permission_to_call),
            debrief.best_time_to_call if debrief else None)
    effects = Effects()
    if not skip:
        effects = outcome_effects(
            Pending(row.id, row.kind, row.due_at, row.sequence, row.interview_id), outcome, now,
            [Pending(p.id, p.kind, p.due_at, p.sequence, p.interview_id) for p in pending],
            rules, cal, new_decision=new_decision, call=call, contact=_person(row.contact),
        )  # fmt: skip
    row.status = "skipped" if skip else "done"
    row.outcome, row.completed_at = outcome, now
    row.revision, row.updated_at = row.revision + 1, now
    _cancel([by_id[i] for i in effects.cancel], now)
    for item_id, due in effects.move.items():
        moved = by_id[item_id]
        moved.due_at, moved.revision, moved.updated_at = due, moved.revision + 1, now
    contacts = {row.contact.name.casefold(): row.contact.id} if row.contact else {}
    added = _store_planned(session, app, effects.add, contacts, row.interview_id, now)
    if effects.status:
        app.status = effects.status
    app.updated_at = now
    session.flush()
    return Completion(row, effects, added, before, app.status)


def set_status(session: Session, app: Application, status: str, now: datetime) -> Application:
    """Change an application's status (the user moved it along the pipeline)."""
    if status not in APPLICATION_STATUSES:
        raise DataError(f"unknown status '{status}': use one of {', '.join(APPLICATION_STATUSES)}")
    app.status = status
    app.updated_at = now
    session.flush()
    return app
