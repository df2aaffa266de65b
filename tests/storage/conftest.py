"""Fixtures for storage tests: one fresh database per test, on every available backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.tracker_factory import BACKENDS, fresh_url

from interview_closer.storage.db import Database, open_database


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (SQLite, and PostgreSQL when configured)."""
    with fresh_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An opened, migrated tracker database."""
    database = open_database(db_url)
    yield database
    database.close()
