"""Helpers shared by the tracker commands: options, opening the database, clock, output.

Nothing heavy is imported at module level (SQLAlchemy, Rich, dateparser load inside
the functions) so that registering these commands costs `closer prep` nothing.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interview_closer.errors import DataError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from interview_closer.core.followup import FollowupRules
    from interview_closer.core.timeline import WorkCalendar
    from interview_closer.storage.db import Database

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///path.db or postgresql+psycopg://...). "
        "Default: $CLOSER_DATABASE_URL, else closer.db in the user data folder.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="Output: text or json.", show_default=True)
]
ENV_NOW = "CLOSER_NOW"


def check_format(value: str, allowed: tuple[str, ...] = ("text", "json")) -> str:
    """The output format, or UsageError naming the allowed ones."""
    value = value.lower()
    if value not in allowed:
        raise UsageError(f"--format '{value}' is not one of {', '.join(allowed)}")
    return value


def open_db(url: str | None) -> Database:
    """Open (and migrate) the tracker database."""
    from interview_closer.storage.db import open_database

    return open_database(url)


@dataclass(slots=True)
class Context:
    """An open database with the user's settings turned into clock, calendar and rules."""

    db: Database
    settings: dict[str, str]
    tz: tzinfo
    cal: WorkCalendar
    rules: FollowupRules
    now: datetime


def context(url: str | None) -> Context:
    """Open the database and read the settings (time zone, holidays, rule figures)."""
    from interview_closer.storage.settings import calendar_of, load_settings, rules_of, timezone_of

    db = open_db(url)
    with db.read() as session:
        settings = load_settings(session)
    tz = timezone_of(settings)
    return Context(db, settings, tz, calendar_of(settings), rules_of(settings), now(tz))


def now(tz: tzinfo) -> datetime:
    """The current time in `tz` ($CLOSER_NOW, an ISO date-time, pins it for scripts/tests)."""
    pinned = os.environ.get(ENV_NOW)
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError as exc:
            raise UsageError(f"{ENV_NOW}='{pinned}' is not an ISO date-time") from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return moment.astimezone(tz)
    return datetime.now(tz)


def read_moment(text: str, what: str, base: datetime, tz: tzinfo) -> datetime:
    """An ISO date-time, or words like "tomorrow 10:00" / "Tuesday 3pm" (needs a time)."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        import dateparser  # type: ignore[import-untyped, unused-ignore]

        found = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "RELATIVE_BASE": base.replace(tzinfo=None),
                "PREFER_DATES_FROM": "current_period",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
        has_time = any(ch.isdigit() for ch in text) or "noon" in text.lower()
        if found is None or not has_time:
            raise DataError(
                f"{what}: cannot read '{text}' as a date and time; write e.g. 2026-11-24T10:00"
            ) from None
        moment = found
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment


def emit_json(data: Any) -> None:
    """Print data as indented JSON (UTF-8, keys in the order given)."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def console() -> Console:
    """A Rich console on stdout (plain when not a terminal)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def when_label(due: datetime, current: datetime) -> str:
    """'overdue', 'today' or 'upcoming' for a due time seen at `current`."""
    if due < current:
        return "overdue"
    return "today" if due.date() == current.date() else "upcoming"


def stdin_is_interactive() -> bool:
    """True when a person is typing (stdin is a terminal)."""
    return sys.stdin.isatty()
