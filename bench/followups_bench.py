"""The "due follow-ups" query over 10,000 applications and 100,000 follow-ups.

What is timed is exactly what `closer followups --days 7` runs: pending follow-ups due
up to seven days ahead (overdue included), joined with their application and contact,
in due order, in a fresh read session. SQLite always; PostgreSQL too when
CLOSER_TEST_POSTGRES_URL (or --pg URL) is set, in a scratch schema dropped afterwards.

Run alone: `python -m bench.followups_bench [--pg URL] [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for _extra in (REPO, REPO / "src"):
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

APPLICATIONS = 10_000
FOLLOWUPS = 100_000
TARGET_MS = 50.0
NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
KINDS = ("thank-you", "send-promised-item", "check-in-email", "check-in-call",
         "no-response-review")  # fmt: skip


def fill(url: str, seed: int = 7) -> int:
    """Write the synthetic data set; returns the number of pending follow-ups due in 7 days."""
    from sqlalchemy import insert

    from interview_closer.storage.db import open_database
    from interview_closer.storage.models import Application, Contact, Followup

    rng = random.Random(seed)
    db = open_database(url)
    apps: list[dict[str, Any]] = []
    contacts: list[dict[str, Any]] = []
    follow: list[dict[str, Any]] = []
    per_app = FOLLOWUPS // APPLICATIONS
    due_soon = 0
    for a in range(1, APPLICATIONS + 1):
        # Most applications of a long search are closed; about one in twenty is live.
        live = rng.random() < 0.05
        status = "interviewing" if live else rng.choice(("rejected", "no-response", "withdrawn"))
        created = NOW - timedelta(days=rng.randint(1, 700))
        apps.append(dict(id=a, company=f"Company {a}", role="Engineer", status=status,
                         created_at=created, updated_at=created))  # fmt: skip
        contacts.append(dict(id=a, name=f"Person {a}", email=f"p{a}@example.test",
                             created_at=created))  # fmt: skip
        for k in range(per_app):
            if live and k >= per_app // 2:
                state = "pending"
                due = NOW + timedelta(hours=rng.randint(-14 * 24, 60 * 24))
                due_soon += due <= NOW + timedelta(days=7)
            else:
                state = rng.choice(("done", "done", "done", "skipped", "cancelled"))
                due = created + timedelta(days=k * 5)
            follow.append(dict(
                application_id=a, contact_id=a, kind=KINDS[k % len(KINDS)], due_at=due,
                channel="email", title=f"Follow-up {k}", sequence=k, status=state, revision=0,
                created_at=created, updated_at=created,
            ))  # fmt: skip
    with db.write() as s:
        s.execute(insert(Application), apps)
        s.execute(insert(Contact), contacts)
        for start in range(0, len(follow), 20_000):
            s.execute(insert(Followup), follow[start : start + 20_000])
    if not db.is_sqlite:
        with db.write() as s:
            from sqlalchemy import text

            s.execute(text("ANALYZE"))
    db.close()
    return due_soon


def time_query(url: str, runs: int) -> tuple[float, float, int]:
    """Median and p95 milliseconds of the due-follow-ups query, and the rows it returns."""
    from interview_closer.storage import repo
    from interview_closer.storage.db import open_database

    db = open_database(url)
    until = NOW + timedelta(days=7)
    timings: list[float] = []
    count = 0
    for i in range(runs + 3):
        t0 = time.perf_counter()
        with db.read() as s:
            count = len(repo.list_followups(s, until=until))
        if i >= 3:  # the first runs warm the caches and the connection pool
            timings.append((time.perf_counter() - t0) * 1000)
    db.close()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, count


@contextmanager
def _postgres(base: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def measure(pg_url: str | None = None, runs: int = 40) -> list[tuple[str, float, float, int]]:
    """(backend, median ms, p95 ms, rows) for SQLite and, when given, PostgreSQL."""
    results = []
    with tempfile.TemporaryDirectory(prefix="closer-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        expected = fill(url)
        median, p95, rows = time_query(url, runs)
        assert rows == expected, (rows, expected)
        results.append(("SQLite", median, p95, rows))
    if pg_url:
        with _postgres(pg_url) as url:
            expected = fill(url)
            median, p95, rows = time_query(url, runs)
            assert rows == expected, (rows, expected)
            results.append(("PostgreSQL", median, p95, rows))
    return results


def section_followups() -> list[object]:
    """Bench rows: median and p95 of the due-follow-ups query per database."""
    from bench.run import Row

    rows: list[object] = []
    for backend, median, p95, count in measure(os.environ.get("CLOSER_TEST_POSTGRES_URL")):
        label = f"{backend} due query ({count} rows)"
        rows.append(Row("Follow-ups", f"{label} median ms", None, median, "<= 50", ".1f"))
        rows.append(Row("Follow-ups", f"{backend} due query p95 ms", None, p95, "<= 50", ".1f"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when a median misses the 50 ms target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", default=os.environ.get("CLOSER_TEST_POSTGRES_URL"),
                    help="PostgreSQL URL (default: $CLOSER_TEST_POSTGRES_URL)")  # fmt: skip
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args(argv)
    print(f"{APPLICATIONS} applications, {FOLLOWUPS} follow-ups; target <= {TARGET_MS:.0f} ms")
    ok = True
    for backend, median, p95, count in measure(args.pg, args.runs):
        print(f"{backend:11s} rows {count:5d}  median {median:6.1f} ms  p95 {p95:6.1f} ms")
        ok &= median <= TARGET_MS
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
