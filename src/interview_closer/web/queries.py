"""Read queries the web pages need that storage.repo does not offer (yet).

Thin adapter: each function is one bounded query (a LIMIT or an aggregate) so pages stay
fast with tens of thousands of rows. They belong in storage.repo; when they land there,
callers switch and this module goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from interview_closer.errors import DataError
from interview_closer.storage.models import APPLICATION_STATUSES, Application, Followup
from interview_closer.storage.queries import FollowupView, list_followups


def status_counts(session: Session) -> dict[str, int]:
    """How many applications are in each status (every status present, zero when none)."""
    counts = dict.fromkeys(APPLICATION_STATUSES, 0)
    query = select(Application.status, func.count()).group_by(Application.status)
    for status, count in session.execute(query):
        counts[status] = counts.get(status, 0) + count
    return counts


def followups_between(
    session: Session, since: datetime | None, until: datetime | None, *, limit: int | None = None
) -> list[FollowupView]:
    """Pending follow-ups due in [since, until), earliest first."""
    return list_followups(session, since=since, before=until, limit=limit)


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


def set_status(session: Session, app: Application, status: str, now: datetime) -> Application:
    """Change an application's status (the user moved it along the pipeline)."""
    if status not in APPLICATION_STATUSES:
        raise DataError(f"unknown status '{status}': use one of {', '.join(APPLICATION_STATUSES)}")
    app.status = status
    app.updated_at = now
    session.flush()
    return app
