"""JSON backup: backup -> import into an empty database -> backup gives the same data."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.tracker_factory import BACKENDS, debrief_data, fresh_url, plan_dict

from interview_closer.core.debrief import debrief_from
from interview_closer.core.followup import FollowupRules
from interview_closer.errors import DataError, UsageError
from interview_closer.storage import repo
from interview_closer.storage.backup import export_backup, import_backup
from interview_closer.storage.db import Database, open_database
from interview_closer.storage.settings import calendar_of, save_setting

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("America/New_York"))


def _fill(db: Database) -> None:
    settings = {"country": "US", "timezone": "America/New_York"}
    cal = calendar_of(settings)
    with db.write() as s:
        for key, value in settings.items():
            save_setting(s, key, value)
        app = repo.add_application(
            s, company="Northwind «Analytics»", role="Backend Engineer", now=NOW,
            posting_text="We need Python.\nAnd “PostgreSQL”.", resume_path="/tmp/r.md",
            plan=plan_dict(),
        )  # fmt: skip
        repo.add_application(s, company="=HYPERLINK()", role="Nurse", now=NOW, status="saved")
        repo.record_debrief(
            s, app, debrief_from(debrief_data(), cal), rules=FollowupRules(), cal=cal, now=NOW
        )
    with db.write() as s:
        first = repo.list_followups(s)[0].id
        repo.complete_followup(
            s, first, now=NOW, rules=FollowupRules(), cal=cal, outcome="sent"
        )


def _canonical(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def test_backup_import_backup_is_identical(db: Database, tmp_path: Path) -> None:
    _fill(db)
    with db.read() as s:
        first = export_backup(s)
    text = json.dumps(first, ensure_ascii=False)
    assert first["tables"]["followups"][0]["outcome"] == "sent"
    with fresh_url("sqlite", tmp_path / "restore") as url:
        restored = open_database(url)
        with restored.write() as s:
            counts = import_backup(s, json.loads(text))
        with restored.read() as s:
            second = export_backup(s)
        restored.close()
    assert counts["followups"] == 7
    assert _canonical(second) == _canonical(first)
    assert json.dumps(second, ensure_ascii=False) == text  # same order too


@pytest.mark.parametrize("target", BACKENDS)
def test_backup_moves_between_backends(db: Database, tmp_path: Path, target: str) -> None:
    _fill(db)
    with db.read() as s:
        first = export_backup(s)
    with fresh_url(target, tmp_path / "other") as url:
        other = open_database(url)
        with other.write() as s:
            import_backup(s, first)
        # ids continue after the imported ones (PostgreSQL sequences are moved on)
        with other.write() as s:
            new = repo.add_application(s, company="Globex", role="Analyst", now=NOW)
            assert new.id == 3
        with other.read() as s:
            second = export_backup(s)
        other.close()
    second["tables"]["applications"].pop()
    assert _canonical(second) == _canonical(first)


def test_import_refuses_a_database_in_use(db: Database) -> None:
    _fill(db)
    with db.read() as s:
        data = export_backup(s)
    with db.write() as s, pytest.raises(UsageError, match="empty"):
        import_backup(s, data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "something/else"}, "not an interview-closer backup"),
        ({"format": "interview-closer/backup@1"}, "no 'tables'"),
        ({"format": "interview-closer/backup@1", "tables": {"pets": []}}, "unknown table"),
        ({"format": "interview-closer/backup@1",
          "tables": {"applications": [{"id": 1, "colour": "red"}]}}, "unknown column"),
        ({"format": "interview-closer/backup@1",
          "tables": {"applications": [{"id": 1, "company": "A", "role": "B", "status": "saved",
                                       "created_at": "yesterday", "updated_at": None}]}},
         "not a valid date"),
    ],
)  # fmt: skip
def test_import_refuses_bad_files(db: Database, data: dict[str, object], message: str) -> None:
    with pytest.raises(DataError, match=message), db.write() as s:
        import_backup(s, data)
    with db.read() as s:
        assert export_backup(s)["tables"]["applications"] == []
