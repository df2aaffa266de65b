"""Alembic migrations of the tracker database, run by `storage.db` when a database opens."""

from __future__ import annotations

# Every revision this code knows, oldest first; the last one is the head. A test checks
# that this list matches the files in versions/ so the fast path at open cannot drift.
REVISIONS = ("0001", "0002")
HEAD = REVISIONS[-1]
