"""Schema migrations: a first-version database with data upgrades to head, nothing lost."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from interview_closer.errors import StorageError
from interview_closer.storage import repo
from interview_closer.storage.db import MIGRATIONS, open_database
from interview_closer.storage.migrations import HEAD, REVISIONS

ROWS = [
    "INSERT INTO applications (id, company, role, status, posting_text, created_at, updated_at)"
    " VALUES (1, 'Northwind', 'Engineer', 'interviewing', 'We need Python', "
    "'2026-11-20 15:00:00', '2026-11-24 16:00:00')",
    "INSERT INTO contacts (id, name, email, created_at) VALUES "
    "(1, 'Dana Reyes', 'dana@northwind.test', '2026-11-24 16:00:00')",
    "INSERT INTO interviews (id, application_id, at, stage, created_at) VALUES "
    "(1, 1, '2026-11-24 15:00:00', 'first', '2026-11-24 16:00:00')",
    "INSERT INTO interview_contacts (interview_id, contact_id) VALUES (1, 1)",
    "INSERT INTO plans (id, application_id, data, created_at) VALUES "
    "(1, 1, '{\"schema\": \"interview-closer/plan@1\"}', '2026-11-20 15:00:00')",
    "INSERT INTO debriefs (id, interview_id, decision_by, decision_date, concerns, promised, "
    "topics, created_at) VALUES (1, 1, 'in two weeks', '2026-12-08', '[]', '[]', '{}', "
    "'2026-11-24 16:00:00')",
    "INSERT INTO followups (id, application_id, interview_id, contact_id, kind, due_at, channel,"
    " title, sequence, status, revision, created_at, updated_at) VALUES "
    "(1, 1, 1, 1, 'thank-you', '2026-11-24 22:00:00', 'email', 'Thank Dana', 0, 'done', 1,"
    " '2026-11-24 16:00:00', '2026-11-24 21:30:00'),"
    "(2, 1, 1, 1, 'check-in-email', '2026-12-10 14:00:00', 'email', 'Check in', 1, 'pending', 0,"
    " '2026-11-24 16:00:00', '2026-11-24 16:00:00')",
]


def test_revisions_list_matches_the_migration_files() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    assert script.get_current_head() == HEAD
    chain = [rev.revision for rev in script.walk_revisions()]
    assert tuple(reversed(chain)) == REVISIONS


def test_first_version_upgrades_with_nothing_lost(db_url: str) -> None:
    old = open_database(db_url, target="0001")
    with old.engine.begin() as conn:
        assert "outcome" not in {c["name"] for c in inspect(conn).get_columns("followups")}
        for statement in ROWS:
            conn.execute(text(statement))
    old.close()
    new = open_database(db_url)
    with new.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        app = repo.load_application(s, 1)
        assert (app.company, app.status, app.posting_text) == ("Northwind", "interviewing",
                                                                "We need Python")
        assert [c.email for c in app.interviews[0].contacts] == ["dana@northwind.test"]
        assert app.interviews[0].debrief is not None
        assert str(app.interviews[0].debrief.decision_date) == "2026-12-08"
        assert app.plans[0].data == {"schema": "interview-closer/plan@1"}
        done, pending = app.followups
        assert (done.status, done.outcome, done.completed_at) == ("done", None, done.updated_at)
        assert (pending.status, pending.completed_at) == ("pending", None)
        assert pending.due_at.isoformat() == "2026-12-10T14:00:00+00:00"
        indexes = {i["name"] for i in inspect(s.connection()).get_indexes("followups")}
    assert {"ix_followups_status_due", "ix_followups_application"} <= indexes
    # the new database keeps working: new rows get fresh ids
    with new.write() as s:
        assert repo.get_followup(s, 2).kind == "check-in-email"
    new.close()


def test_newer_schema_is_refused(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.close()
    with pytest.raises(StorageError, match="newer interview-closer"):
        open_database(db_url)


def test_foreign_database_is_refused(db_url: str) -> None:
    db = open_database(db_url, upgrade=False)
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE recipes (id INTEGER PRIMARY KEY)"))
    db.close()
    with pytest.raises(StorageError, match="not an interview-closer database"):
        open_database(db_url)


def test_reopening_is_idempotent(db_url: str) -> None:
    for _ in range(3):
        open_database(db_url).close()
    db = open_database(db_url)
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    db.close()
