"""The due-follow-ups query uses its index (the bench measures its speed at scale)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from interview_closer.storage.db import open_database


def test_due_query_uses_the_status_due_index(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'closer.db'}")
    with db.read() as s:
        plan = s.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT f.id FROM followups f "
                "JOIN applications a ON a.id = f.application_id "
                "LEFT JOIN contacts c ON c.id = f.contact_id "
                "WHERE f.status = 'pending' AND f.due_at <= :until ORDER BY f.due_at, f.id"
            ),
            {"until": datetime(2026, 12, 1, tzinfo=UTC).replace(tzinfo=None)},
        ).all()
    db.close()
    assert any("ix_followups_status_due" in str(row) for row in plan), plan
