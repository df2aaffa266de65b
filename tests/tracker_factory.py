"""Test data for the tracker: plan dicts, debrief mappings and fresh databases per backend.

`backend_urls` gives a fresh SQLite file, and when CLOSER_TEST_POSTGRES_URL is set, a
fresh PostgreSQL schema (dropped afterwards), so every storage test runs on both.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PG_ENV = "CLOSER_TEST_POSTGRES_URL"
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set"),
        ],
    ),
]


@contextlib.contextmanager
def fresh_url(backend: str, folder: Path) -> Iterator[str]:
    """A URL to an empty database on `backend`, removed again when the block ends."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'closer.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ[PG_ENV]
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def plan_dict(
    company: str = "Northwind Analytics",
    role: str = "Backend Engineer",
    skills: tuple[str, ...] = ("Python", "PostgreSQL", "API design", "AWS", "Mentoring"),
    candidate: str | None = "Alex Morgan",
) -> dict[str, Any]:
    """A closing plan in the interview-closer/plan@1 shape, with evidence per skill."""
    return {
        "schema": "interview-closer/plan@1",
        "job": {"title": role, "company": company},
        "candidate": {"name": candidate},
        "requirements": [
            {"id": f"R{i + 1}", "text": f"Experience with {s}", "importance": "must"}
            for i, s in enumerate(skills)
        ],
        "top_skills": [
            {
                "skill": s,
                "requirement_ids": [f"R{i + 1}"],
                "evidence": [{"text": f"Used {s} to ship the billing service", "line": 10 + i}],
            }
            for i, s in enumerate(skills)
        ],
        "gaps": [{"requirement_id": "R9", "severity": "minor", "answer": "I learn fast."}],
        "script": {"pitch": "I bring Python and PostgreSQL."},
    }


def debrief_data(**overrides: Any) -> dict[str, Any]:
    """A full debrief mapping (the --from file format); keys can be overridden or removed."""
    data: dict[str, Any] = {
        "interview_at": "2026-11-24T10:00:00-05:00",
        "ended_at": "2026-11-24T11:00:00-05:00",
        "stage": "first",
        "met": [
            {"name": "Dana Reyes", "title": "Engineering Manager", "email": "dana@northwind.test",
             "phone": "+1 555 0100", "topic": "the move to event-driven billing"},
            {"name": "Sam Lee", "title": "Staff Engineer", "email": "sam@northwind.test"},
        ],
        "next_step": "a technical interview with the platform team",
        "decision_by": "by the end of next week",
        "permission_to_call": True,
        "best_time_to_call": "mornings",
        "concerns": [
            {"concern": "no Kafka in production", "raised_by": "Sam Lee",
             "answer": "I ran RabbitMQ at scale and have built a Kafka prototype."},
        ],
        "promised": [{"item": "two references", "by": "Friday"}],
        "feeling": 4,
        "notes": "Team of eight; on-call one week in six.",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
