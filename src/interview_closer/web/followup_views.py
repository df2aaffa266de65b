"""The follow-ups page's contents: follow-ups grouped by when they are due, with drafts.

Drafts come from core.drafts, links and .eml files from export.mail, calendar files from
export.ics; this module only gathers what they need from the stored rows, the way the
`closer draft` and `closer ics` commands do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from interview_closer.core.drafts import Draft, DraftInput, draft_for
from interview_closer.core.followup import Person
from interview_closer.export.mail import mailto
from interview_closer.storage.models import Application, Followup, Interview, Plan
from interview_closer.storage.views import stored_debrief
from interview_closer.web.state import WebState

PAGE_LIMIT = 100


@dataclass(frozen=True, slots=True)
class FollowupItem:
    """One follow-up as the page shows it: the stored row's values and its drafted note."""

    id: int
    application_id: int
    company: str
    role: str
    kind: str
    title: str
    due: datetime
    channel: str
    contact: str | None
    reason: str | None
    status: str
    outcome: str | None
    draft: Draft | None
    mailto: str | None


@dataclass(frozen=True, slots=True)
class FollowupBoard:
    """Follow-ups in groups (overdue, today, upcoming, finished) and how many were left out."""

    groups: list[tuple[str, str, list[FollowupItem]]]
    total: int
    shown: int
    application: dict[str, Any] | None


def draft_input(row: Followup, plan: dict[str, Any] | None, tz: tzinfo) -> DraftInput:
    """Everything the draft of one follow-up may draw on (as `closer draft` gathers it)."""
    app = row.application
    interview = next((i for i in app.interviews if i.id == row.interview_id), None)
    contact = None
    if row.contact is not None:
        contact = Person(row.contact.name, row.contact.title, row.contact.email, row.contact.phone)
    candidate = app.candidate_name or ((plan or {}).get("candidate") or {}).get("name")
    return DraftInput(
        kind=row.kind,
        company=app.company,
        role=app.role,
        contact=contact,
        interview_at=interview.at.astimezone(tz) if interview is not None else None,
        debrief=stored_debrief(interview) if interview is not None else None,
        plan=plan,
        candidate=candidate,
        sequence=row.sequence,
        detail=row.detail,
        topics=interview.debrief.topics if interview is not None and interview.debrief else None,
    )


def note_for(row: Followup, plan: dict[str, Any] | None, tz: tzinfo) -> tuple[Draft, str | None]:
    """The drafted note of a follow-up and its mailto: link (None for calls and reminders)."""
    draft = draft_for(draft_input(row, plan, tz))
    link = mailto(draft.to_email, draft.subject, draft.body) if draft.is_email else None
    return draft, link


def _plans(session: Session, app_ids: set[int]) -> dict[tuple[int, int | None], dict[str, Any]]:
    """Plans by (application, interview): the newest per application also under (app, None)."""
    found: dict[tuple[int, int | None], dict[str, Any]] = {}
    if not app_ids:
        return found
    rows = session.scalars(select(Plan).where(Plan.application_id.in_(app_ids)).order_by(Plan.id))
    for plan in rows:
        found[(plan.application_id, None)] = plan.data
        if plan.interview_id is not None:
            found[(plan.application_id, plan.interview_id)] = plan.data
    return found


def _plan_for(plans: dict[tuple[int, int | None], dict[str, Any]], row: Followup) -> Any:
    """The interview's own plan, else the application's newest (as repo.latest_plan)."""
    own = plans.get((row.application_id, row.interview_id))
    return own or plans.get((row.application_id, None))


def followup_board(
    state: WebState, *, application_id: int | None = None, include_all: bool = False
) -> FollowupBoard:
    """Follow-ups (pending, or all) with drafts, grouped by when they are due."""
    context = state.context()
    tz = context.tz
    now = state.now()
    today = now.astimezone(tz).date()
    tomorrow = datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)
    with state.db.read() as session:
        query = select(Followup).options(
            selectinload(Followup.contact),
            selectinload(Followup.application).selectinload(Application.interviews)
            .selectinload(Interview.contacts),
            selectinload(Followup.application).selectinload(Application.interviews)
            .selectinload(Interview.debrief),
        ).order_by(Followup.due_at, Followup.id)  # fmt: skip
        if not include_all:
            query = query.where(Followup.status == "pending")
        if application_id is not None:
            from interview_closer.storage import repo

            app = repo.get_application(session, application_id)
            header: dict[str, Any] | None = {"id": app.id, "company": app.company,
                                             "role": app.role, "status": app.status}
            query = query.where(Followup.application_id == application_id)
        else:
            header = None
        rows = list(session.scalars(query.limit(PAGE_LIMIT + 1)))
        shown = rows[:PAGE_LIMIT]
        plans = _plans(session, {r.application_id for r in shown})
        items = []
        for row in shown:
            draft, link = note_for(row, _plan_for(plans, row), tz)
            items.append(
                FollowupItem(
                    id=row.id, application_id=row.application_id,
                    company=row.application.company, role=row.application.role, kind=row.kind,
                    title=row.title, due=row.due_at, channel=row.channel,
                    contact=row.contact.name if row.contact else None, reason=row.reason,
                    status=row.status, outcome=row.outcome, draft=draft, mailto=link,
                )
            )  # fmt: skip
    groups: list[tuple[str, str, list[FollowupItem]]] = [
        ("overdue", "Overdue", [i for i in items if i.status == "pending" and i.due < now]),
        ("today", "Later today",
         [i for i in items if i.status == "pending" and now <= i.due < tomorrow]),
        ("upcoming", "Coming up",
         [i for i in items if i.status == "pending" and i.due >= tomorrow]),
        ("finished", "Done, skipped or cancelled", [i for i in items if i.status != "pending"]),
    ]  # fmt: skip
    total = len(rows) if len(rows) <= PAGE_LIMIT else PAGE_LIMIT + 1
    return FollowupBoard(groups, total, len(items), header)


def calendar_file(state: WebState, application_id: int | None) -> bytes:
    """The pending follow-ups (of one application, or all) as an iCalendar file."""
    from interview_closer.export.ics import to_ics
    from interview_closer.storage import repo
    from interview_closer.storage.views import calendar_items

    with state.db.read() as session:
        if application_id is not None:
            repo.get_application(session, application_id)  # unknown id: NotFoundError
        items = calendar_items(session, application_id)
    return to_ics(items, now=state.now())


def eml_file(state: WebState, followup_id: int) -> tuple[bytes, str]:
    """A follow-up's drafted note as an unsent e-mail (.eml) and a file name for it."""
    from interview_closer.errors import UsageError
    from interview_closer.export.mail import to_eml
    from interview_closer.storage import repo

    tz = state.context().tz
    with state.db.read() as session:
        row = repo.get_followup(session, followup_id)
        plan = repo.latest_plan(session, row.application, row.interview_id)
        draft, _ = note_for(row, plan.data if plan else None, tz)
        kind = row.kind
    if not draft.is_email:
        raise UsageError(f"follow-up {followup_id} is a {kind}, not an e-mail")
    data = to_eml(subject=draft.subject, body=draft.body, date=state.now(),
                  to_name=draft.to_name, to_email=draft.to_email)  # fmt: skip
    return data, f"note-{followup_id}.eml"
