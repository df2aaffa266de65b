"""Faults: busy, read-only, corrupt and full databases give StorageError; kills lose nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, text

from interview_closer.errors import StorageError
from interview_closer.storage import repo
from interview_closer.storage.db import open_database, storage_error

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("UTC"))
REPO = Path(__file__).resolve().parents[2]


def _sqlite(tmp_path: Path, rows: int = 1) -> Path:
    path = tmp_path / "closer.db"
    db = open_database(f"sqlite:///{path}")
    with db.write() as s:
        for i in range(rows):
            repo.add_application(s, company=f"Company {i}", role="Engineer", now=NOW)
    db.close()
    return path


def test_busy_database_gives_storage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _sqlite(tmp_path)
    monkeypatch.setenv("CLOSER_BUSY_TIMEOUT_MS", "200")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        db = open_database(f"sqlite:///{path}")
        with db.read() as s:  # readers are not blocked in WAL mode
            assert repo.get_application(s, 1).company == "Company 0"
        started = time.monotonic()
        with pytest.raises(StorageError, match="busy"), db.write() as s:
            repo.add_application(s, company="Late", role="Engineer", now=NOW)
        assert time.monotonic() - started < 5
        db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_read_only_database_gives_storage_error(tmp_path: Path) -> None:
    path = _sqlite(tmp_path)
    db = open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    with db.read() as s:
        assert repo.get_application(s, 1).role == "Engineer"
    with pytest.raises(StorageError, match="read-only"), db.write() as s:
        repo.add_application(s, company="New", role="Engineer", now=NOW)
    db.close()


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "closer.db"
    path.write_bytes(b"this is my shopping list, not a database\n" * 200)
    with pytest.raises(StorageError, match="not a usable interview-closer database"):
        open_database(f"sqlite:///{path}")


def test_damaged_pages_give_storage_error(tmp_path: Path) -> None:
    path = _sqlite(tmp_path, rows=400)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page):
        data[start : start + 100] = b"\xff" * 100  # wreck every page header but the first
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError, match=r"not a usable|database error"):
        db = open_database(f"sqlite:///{path}")
        with db.read() as s:
            repo.list_followups(s)
            [a.company for a, _, _ in repo.applications_with_next(s)]


def test_full_disk_gives_storage_error_and_keeps_old_data(tmp_path: Path) -> None:
    path = _sqlite(tmp_path)
    db = open_database(f"sqlite:///{path}")
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _tiny(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    with pytest.raises(StorageError, match="full"), db.write() as s:
        for i in range(200):
            repo.add_application(
                s, company=f"Big {i}", role="x" * 150, now=NOW, posting_text="y" * 4000
            )
    db.close()
    again = open_database(f"sqlite:///{path}")
    with again.read() as s:
        assert [a.company for a, _, _ in repo.applications_with_next(s)] == ["Company 0"]
    again.close()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("disk I/O error", "disk I/O error"),
        ("database or disk is full", "full"),
        ("unable to open database file", "folder is missing or not writable"),
        ("attempt to write a readonly database", "read-only"),
        ("database is locked", "busy"),
    ],
)
def test_sqlite_messages_are_translated(message: str, expected: str) -> None:
    error = storage_error(sqlite3.OperationalError(message), "sqlite:////data/closer.db")
    assert expected in str(error)
    assert "/data/closer.db" in str(error)
    assert "\n" not in str(error)


def test_postgres_password_is_not_shown() -> None:
    error = storage_error(
        OSError("connection refused"), "postgresql+psycopg://me:secret@db.example:5432/closer"
    )
    assert "secret" not in str(error)
    assert "db.example" in str(error)


def test_missing_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot create the data folder"):
        open_database(f"sqlite:///{blocker / 'sub' / 'closer.db'}")


_WRITER = """
import sys
from datetime import datetime, timezone
from interview_closer.core.debrief import debrief_from
from interview_closer.core.followup import FollowupRules
from interview_closer.core.timeline import WorkCalendar
from interview_closer.storage import repo
from interview_closer.storage.db import open_database
from tests.tracker_factory import debrief_data

db = open_database(sys.argv[1])
cal = WorkCalendar()
now = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
for i in range(100000):
    with db.write() as s:
        app = repo.add_application(s, company=f"Company {i}", role="Engineer", now=now,
                                   posting_text="p" * 20000)
        debrief = debrief_from(debrief_data(), cal)
        repo.record_debrief(s, app, debrief, rules=FollowupRules(), cal=cal, now=now)
    print(i, flush=True)
"""


def test_killed_writer_leaves_a_consistent_database(db_url: str) -> None:
    env = dict(os.environ, PYTHONPATH=f"{REPO}{os.pathsep}{REPO / 'src'}")
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, db_url], stdout=subprocess.PIPE, env=env, cwd=REPO
    )
    assert child.stdout is not None
    for _ in range(5):
        child.stdout.readline()
    time.sleep(0.037)  # land somewhere inside a later transaction
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    db = open_database(db_url)
    with db.read() as s:
        if db.is_sqlite:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert s.execute(text("PRAGMA foreign_key_check")).all() == []
        rows = repo.applications_with_next(s)
        assert len(rows) >= 5
        for app, _, pending in rows:
            assert pending == 7, f"application {app.id} is half-written"
            assert len(app.interviews) == 1
            assert app.interviews[0].debrief is not None
    db.close()
