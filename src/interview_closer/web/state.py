"""What every request handler shares: the database, the data folder, the clock and settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from interview_closer.core.followup import FollowupRules
from interview_closer.core.timeline import WorkCalendar
from interview_closer.storage.db import Database


def utc_now() -> datetime:
    """The current moment, time-zone aware (UTC)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class UserContext:
    """The settings one request works with: time zone, working calendar and rule figures."""

    settings: dict[str, str]
    tz: tzinfo
    cal: WorkCalendar
    rules: FollowupRules


@dataclass(slots=True)
class WebState:
    """The app's shared objects, stored on `app.state.closer`."""

    db: Database
    data_dir: Path
    clock: Callable[[], datetime] = utc_now
    allowed_hosts: frozenset[str] | None = None
    _context: tuple[dict[str, str], UserContext] | None = None

    def now(self) -> datetime:
        """The current moment from the app's clock (replaceable in tests)."""
        return self.clock()

    def context(self) -> UserContext:
        """The user's time zone, calendar and rules, rebuilt only when the settings change."""
        from interview_closer.storage.settings import (
            calendar_of,
            load_settings,
            rules_of,
            timezone_of,
        )

        with self.db.read() as session:
            settings = load_settings(session)
        cached = self._context
        if cached is not None and cached[0] == settings:
            return cached[1]
        made = UserContext(
            settings, timezone_of(settings), calendar_of(settings), rules_of(settings)
        )
        self._context = (settings, made)
        return made


def web_state(request: Any) -> WebState:
    """The WebState of the app serving `request`."""
    state: WebState = request.app.state.closer
    return state
