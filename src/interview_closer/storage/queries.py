"""Read-side queries: finding applications, listing follow-ups, the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from interview_closer.errors import DataError, NotFoundError
from interview_closer.storage.models import (
    APPLICATION_STATUSES,
    Application,
    Contact,
    Followup,
    Interview,
    Plan,
)


def get_application(session: Session, ref: str | int) -> Application:
    """The application with this id, or the only one whose company or role contains `ref`."""
    text = str(ref).strip()
    if text.isdigit():
        app = session.get(Application, int(text))
        if app is None:
            raise NotFoundError(f"no application with id {text}; see `closer status`")
        return app
    pattern = f"%{text.lower()}%"
    found = list(
        session.scalars(
            select(Application).where(
                or_(func.lower(Application.company).like(pattern),
                    func.lower(Application.role).like(pattern))
            )
        )
    )
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(f"no application matches '{text}'; see `closer status`")
    names = ", ".join(f"{a.id} ({a.company})" for a in found[:5])
    raise DataError(f"'{text}' matches several applications ({names}); give the id")


def latest_plan(session: Session, app: Application, interview_id: int | None = None) -> Plan | None:
    """The closing plan for this interview, else the application's newest plan."""
    query = select(Plan).where(Plan.application_id == app.id).order_by(Plan.id.desc())
    if interview_id is not None:
        own = session.scalars(query.where(Plan.interview_id == interview_id)).first()
        if own is not None:
            return own
    return session.scalars(query).first()


@dataclass(frozen=True, slots=True)
class FollowupView:
    """A follow-up with the names a listing shows (one flat row per follow-up)."""

    id: int
    application_id: int
    kind: str
    due: datetime
    channel: str
    contact: str | None
    status: str
    title: str
    company: str
    role: str
    outcome: str | None


def list_followups(
    session: Session,
    *,
    include_all: bool = False,
    application_id: int | None = None,
    until: datetime | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
    limit: int | None = None,
) -> list[FollowupView]:
    """Follow-ups in due order: pending only unless `include_all`.

    Optional bounds on the due time: `until` (inclusive), `since` (inclusive), `before`
    (exclusive), so [since, before) windows tile a day without overlap.
    """
    query = (
        select(
            Followup.id, Followup.application_id, Followup.kind, Followup.due_at,
            Followup.channel, Contact.name, Followup.status, Followup.title,
            Application.company, Application.role, Followup.outcome,
        )
        .join(Application, Application.id == Followup.application_id)
        .outerjoin(Contact, Contact.id == Followup.contact_id)
        .order_by(Followup.due_at, Followup.id)
    )
    if not include_all:
        query = query.where(Followup.status == "pending")
    if application_id is not None:
        query = query.where(Followup.application_id == application_id)
    if until is not None:
        query = query.where(Followup.due_at <= until)
    if since is not None:
        query = query.where(Followup.due_at >= since)
    if before is not None:
        query = query.where(Followup.due_at < before)
    if limit is not None:
        query = query.limit(limit)
    return [FollowupView(*row) for row in session.execute(query)]


def applications_with_next(session: Session) -> list[tuple[Application, datetime | None, int]]:
    """Every application with its next pending due time and number of pending follow-ups."""
    stats = (
        select(
            Followup.application_id,
            func.min(Followup.due_at).label("next_due"),
            func.count(Followup.id).label("pending"),
        )
        .where(Followup.status == "pending")
        .group_by(Followup.application_id)
        .subquery()
    )
    query = (
        select(Application, stats.c.next_due, stats.c.pending)
        .outerjoin(stats, stats.c.application_id == Application.id)
        .order_by(Application.id)
    )
    return [(app, next_due, count or 0) for app, next_due, count in session.execute(query)]


def load_application(session: Session, ref: str | int) -> Application:
    """An application with its interviews, contacts, debriefs, plans and follow-ups loaded."""
    app = get_application(session, ref)
    return session.scalars(
        select(Application)
        .where(Application.id == app.id)
        .options(
            selectinload(Application.interviews).selectinload(Interview.contacts),
            selectinload(Application.interviews).selectinload(Interview.debrief),
            selectinload(Application.followups).selectinload(Followup.contact),
            selectinload(Application.plans),
        )
    ).one()


def status_counts(session: Session) -> dict[str, int]:
    """How many applications are in each status (every status present, zero when none)."""
    counts = dict.fromkeys(APPLICATION_STATUSES, 0)
    query = select(Application.status, func.count()).group_by(Application.status)
    for status, count in session.execute(query):
        counts[status] = counts.get(status, 0) + count
    return counts


def count_pending(session: Session, since: datetime | None, until: datetime | None) -> int:
    """How many pending follow-ups are due in [since, until)."""
    query = select(func.count()).select_from(Followup).where(Followup.status == "pending")
    if since is not None:
        query = query.where(Followup.due_at >= since)
    if until is not None:
        query = query.where(Followup.due_at < until)
    return int(session.scalar(query) or 0)


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """One line of the applications list."""

    id: int
    company: str
    role: str
    status: str
    updated_at: datetime
    next_due: datetime | None
    pending: int


def search_applications(
    session: Session,
    *,
    text: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[ApplicationRow], int]:
    """Applications whose company or role contains `text`, in `status`; newest first, paged."""
    if status and status not in APPLICATION_STATUSES:
        raise DataError(f"unknown status '{status}': use one of {', '.join(APPLICATION_STATUSES)}")
    where = []
    if text and text.strip():
        pattern = f"%{_escape_like(text.strip().lower())}%"
        where.append(
            or_(
                func.lower(Application.company).like(pattern, escape="\\"),
                func.lower(Application.role).like(pattern, escape="\\"),
            )
        )
    if status:
        where.append(Application.status == status)
    total = int(session.scalar(select(func.count()).select_from(Application).where(*where)) or 0)
    page = (
        select(Application.id, Application.company, Application.role, Application.status,
               Application.updated_at)
        .where(*where)
        .order_by(Application.updated_at.desc(), Application.id.desc())
        .limit(limit)
        .offset(offset)
        .subquery()
    )  # fmt: skip
    stats = (
        select(
            Followup.application_id,
            func.min(Followup.due_at).label("next_due"),
            func.count(Followup.id).label("pending"),
        )
        .where(Followup.status == "pending", Followup.application_id.in_(select(page.c.id)))
        .group_by(Followup.application_id)
        .subquery()
    )
    query = (
        select(page, stats.c.next_due, stats.c.pending)
        .outerjoin(stats, stats.c.application_id == page.c.id)
        .order_by(page.c.updated_at.desc(), page.c.id.desc())
    )
    rows = [
        ApplicationRow(r.id, r.company, r.role, r.status,
                       _aware(r.updated_at), _maybe_aware(r.next_due), r.pending or 0)
        for r in session.execute(query)
    ]  # fmt: skip
    return rows, total


def _aware(moment: datetime) -> datetime:
    """Subquery columns lose the UTC type decorator on some backends; put the zone back."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _maybe_aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else _aware(moment)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
