"""Fixtures for the web app: an app on a fresh SQLite file with a fixed clock, a test client
that holds the CSRF cookie, a live server on a free port and a headless Chromium."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from interview_closer.service import sample_path

NY = ZoneInfo("America/New_York")
# Tuesday 24 November 2026, 12:00 in New York: the interview below ended an hour before.
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=NY)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def fixed_clock() -> datetime:
    """The tests' 'now'."""
    return NOW


def make_app(
    folder: Path, clock: Any = fixed_clock, url: str | None = None, **settings: str
) -> Any:
    """A web app on a fresh database (SQLite in `folder` unless `url`), New York time, US."""
    from interview_closer.storage.settings import save_setting
    from interview_closer.web.app import create_app

    app = create_app(url or f"sqlite:///{folder / 'closer.db'}", data_dir=folder, clock=clock)
    values = {"timezone": "America/New_York", "country": "US", **settings}
    with app.state.closer.db.write() as session:
        for key, value in values.items():
            save_setting(session, key, value)
    return app


@dataclass
class Web:
    """A test client with its CSRF token, and the app behind it."""

    client: Any
    app: Any
    folder: Path

    @property
    def token(self) -> str:
        """The CSRF token the client's cookie holds."""
        return str(self.client.cookies.get("closer_csrf"))

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """Submit a form the way the browser does: with the hidden CSRF token."""
        return self.client.post(
            path, data={"csrf_token": self.token, **(data or {})}, follow_redirects=False,
            **kwargs,
        )

    def add_sample(self, **fields: str) -> int:
        """Add an application from the bundled sample resume and posting page; its id."""
        response = self.post(
            "/applications",
            {"status": "applied", **fields},
            files={
                "resume": ("resume.md", sample_path("resume.md").read_bytes()),
                "posting_file": ("posting.html", sample_path("posting.html").read_bytes()),
            },
        )
        assert response.status_code == 303, response.text
        return int(response.headers["location"].split("/")[2])

    def count(self, table: str) -> int:
        """Rows in a tracker table."""
        from sqlalchemy import text

        with self.app.state.closer.db.read() as session:
            return int(session.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


DEBRIEF_FORM = {
    "interview_at": "2026-11-24T10:00",
    "ended_at": "11:00",
    "stage": "first interview",
    "met-0-name": "Dana Reyes",
    "met-0-title": "Engineering Manager",
    "met-0-email": "dana@larkspur.test",
    "next_step": "a technical interview with the platform team",
    "decision_by": "by the end of next week",
    "permission_to_call": "yes",
    "best_time_to_call": "mornings",
    "concern-0-text": "no Kafka in production",
    "concern-0-answer": "I ran RabbitMQ at scale and built a Kafka prototype.",
    "promised-0-item": "two references",
    "promised-0-by": "Friday",
    "feeling": "4",
    "notes": "Team of eight.",
}


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    """A fresh app and a client that has loaded one page (so it holds a CSRF cookie)."""
    from fastapi.testclient import TestClient

    app = make_app(tmp_path)
    with TestClient(app) as client:
        client.get("/")
        yield Web(client, app, tmp_path)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 and a free port (a fresh database); its URL."""
    import uvicorn

    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path))
    app = make_app(tmp_path, clock=fixed_clock)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def screenshots() -> Path:
    """The folder for page screenshots (test artefacts, not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
