"""Web app speed for `make bench`: dashboard latency with 10,000 applications, and one prep
through the upload form.

The app runs in its own process under uvicorn, built as `closer serve` builds it (including
its background warm-up), on a fresh SQLite file; requests go over one keep-alive HTTP
connection from this process.

- dashboard: 10,000 applications and 50,000 follow-ups (due dates spread over four months
  around today, a quarter of them finished); 2,000 GET / after 50 warm-up requests;
  p50 and p95 of the wall time per request. Target p95 <= 50 ms.
- prep: POST /applications with the sample resume.md and posting.html (multipart, with the
  CSRF token), reading, matching, planning and storing; median and worst of 20 after 3
  warm-ups (target <= 300 ms), and the first request after start on its own line (the
  vocabulary and tagger load in the background at start, as with `closer serve`).

Run alone: `python -m bench.web_bench`.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
APPLICATIONS = 10_000
FOLLOWUPS_PER_APPLICATION = 5
DASHBOARD_REQUESTS = 2_000
PREP_REQUESTS = 20


def seed(url: str, now: datetime, applications: int = APPLICATIONS) -> None:
    """Fill an empty tracker database with applications and follow-ups (bulk inserts)."""
    from sqlalchemy import insert

    from interview_closer.storage.db import open_database
    from interview_closer.storage.models import APPLICATION_STATUSES, Application, Followup

    rng = random.Random(7)
    kinds = ("thank-you", "check-in-email", "check-in-call", "send-promised-item")
    database = open_database(url)
    apps, followups = [], []
    for i in range(1, applications + 1):
        created = now - timedelta(days=rng.randint(0, 120))
        apps.append({
            "id": i, "company": f"Company {i:05d}", "role": rng.choice(
                ("Data Engineer", "Nurse", "Account Executive", "Teacher", "Analyst")),
            "status": rng.choice(APPLICATION_STATUSES), "created_at": created,
            "updated_at": created, "posting_text": "A posting.", "posting_source": "bench",
        })  # fmt: skip
        for n in range(FOLLOWUPS_PER_APPLICATION):
            due = now + timedelta(hours=rng.randint(-60 * 24, 60 * 24))
            status = "pending" if rng.random() < 0.75 else rng.choice(("done", "skipped"))
            followups.append({
                "application_id": i, "kind": kinds[n % len(kinds)], "due_at": due,
                "channel": "email", "title": f"Follow up {n + 1} with Company {i:05d}",
                "sequence": n, "status": status, "revision": 0, "created_at": created,
                "updated_at": created,
            })  # fmt: skip
    with database.write() as session:
        session.execute(insert(Application), apps)
        session.execute(insert(Followup), followups)
    database.close()


def served_app() -> Any:
    """The app as `closer serve` builds it (database from CLOSER_DATABASE_URL, warm-up on)."""
    from interview_closer.web.app import create_app

    return create_app(warm_up=True)


class Server:
    """The app under uvicorn in a child process, as `closer serve` runs it."""

    def __init__(self, url: str, data_dir: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        env = {**os.environ, "CLOSER_DATABASE_URL": url, "CLOSER_DATA_DIR": str(data_dir),
               "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bench.web_bench:served_app", "--factory",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
             "--no-access-log"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                self.connection().close()
                conn = self.connection()
                conn.request("GET", "/static/app.css")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    err = self.process.stderr.read().decode() if self.process.stderr else ""
                    raise RuntimeError(f"the web app did not start: {err[-500:]}") from None
                time.sleep(0.1)

    def connection(self) -> http.client.HTTPConnection:
        """A keep-alive connection to the server."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.connect()
        return conn

    def stop(self) -> None:
        """Stop the child process."""
        self.process.terminate()
        self.process.wait(timeout=30)


def _timed(
    conn: http.client.HTTPConnection, method: str, path: str, **kw: Any
) -> tuple[float, Any]:
    start = time.perf_counter()
    conn.request(method, path, **kw)
    reply = conn.getresponse()
    body = reply.read()
    elapsed = (time.perf_counter() - start) * 1000
    if reply.status >= 400:
        raise RuntimeError(f"{method} {path} answered {reply.status}: {body[:300]!r}")
    return elapsed, reply


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def dashboard_latency(server: Server, requests: int = DASHBOARD_REQUESTS) -> tuple[float, float]:
    """p50 and p95 in ms of GET / (the dashboard)."""
    conn = server.connection()
    for _ in range(50):
        _timed(conn, "GET", "/")
    times = [_timed(conn, "GET", "/")[0] for _ in range(requests)]
    conn.close()
    return statistics.median(times), _percentile(times, 0.95)


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())  # fmt: skip
    for name, (filename, data) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n')
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def prep_latency(server: Server, requests: int = PREP_REQUESTS) -> tuple[float, float, float]:
    """First (cold), median and worst warm ms of a new application via the upload form."""
    from interview_closer.service import sample_path

    conn = server.connection()
    _, reply = _timed(conn, "GET", "/applications/new")
    cookie = reply.getheader("set-cookie", "").split(";", 1)[0]
    token = cookie.split("=", 1)[1]
    body, kind = _multipart(
        {"csrf_token": token, "status": "applied"},
        {"resume": ("resume.md", sample_path("resume.md").read_bytes()),
         "posting_file": ("posting.html", sample_path("posting.html").read_bytes())},
    )  # fmt: skip
    headers = {"Content-Type": kind, "Cookie": cookie}
    times, cold = [], 0.0
    for i in range(requests + 3):
        elapsed, reply = _timed(conn, "POST", "/applications", body=body, headers=headers)
        if reply.status != 303 or not re.match(r"/applications/\d+/card", reply.getheader(
                "location", "")):  # fmt: skip
            raise RuntimeError(f"the upload form answered {reply.status}")
        if i == 0:
            cold = elapsed  # the first close card after start
        if i >= 3:
            times.append(elapsed)
    conn.close()
    return cold, statistics.median(times), max(times)


def measure() -> dict[str, float]:
    """Seed a fresh database, start the app and take every figure."""
    folder = Path(tempfile.mkdtemp(prefix="closer-web-bench-"))
    url = f"sqlite:///{folder / 'closer.db'}"
    seed(url, datetime.now(UTC))
    server = Server(url, folder)
    try:
        p50, p95 = dashboard_latency(server)
        prep_cold, prep_median, prep_max = prep_latency(server)
    finally:
        server.stop()
    return {"p50": p50, "p95": p95, "prep_cold": prep_cold, "prep_median": prep_median,
            "prep_max": prep_max}


def section_web(row: Any = None) -> list[Any]:
    """Rows for bench.run (pass its Row class): dashboard p50/p95 and prep via the form."""
    if row is None:
        # Run as `python -m bench.run`, that module is __main__: pass its Row to avoid a copy.
        from bench.run import Row as row
    got = measure()
    return [
        row("Web", "dashboard p50 ms (10k apps)", None, got["p50"], "", ".1f"),
        row("Web", "dashboard p95 ms (10k apps)", None, got["p95"], "<= 50", ".1f"),
        row("Web", "prep via upload form ms", None, got["prep_median"], "<= 300", ".0f"),
        row("Web", "prep via upload form max ms", None, got["prep_max"], "", ".0f"),
        row("Web", "prep via upload form, 1st ms", None, got["prep_cold"], "", ".0f"),
    ]


if __name__ == "__main__":
    for _extra in (REPO, REPO / "src"):
        if str(_extra) not in sys.path:
            sys.path.insert(0, str(_extra))
    figures = measure()
    print(f"dashboard: p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms (target <= 50)")
    print(f"prep via the upload form: median {figures['prep_median']:.0f} ms, "
          f"max {figures['prep_max']:.0f} ms (target <= 300); "
          f"first request {figures['prep_cold']:.0f} ms")  # fmt: skip
