"""Settings, backup and restore pages, the saved-resume store and the `closer serve` command."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from tests.web.conftest import DEBRIEF_FORM, Web, make_app

from interview_closer.errors import NotFoundError
from interview_closer.web.resumes import ResumeStore, safe_name


def test_settings_page_shows_the_rules_in_plain_words(web: Web) -> None:
    page = web.client.get("/settings").text
    assert 'value="America/New_York"' in page and 'value="US"' in page
    assert "Stop after this many check-ins without a reply" in page
    assert 'id="rules.max_checkins"' in page and "Default: 2." in page


def test_settings_save_and_refuse_bad_values_field_by_field(web: Web) -> None:
    ok = web.post("/settings", {"country": "GB", "timezone": "Europe/London",
                                "rules.max_checkins": "3"})  # fmt: skip
    assert ok.status_code == 303 and ok.headers["location"] == "/settings?msg=settings"
    page = web.client.get("/settings?msg=settings").text
    assert "Settings saved." in page and 'value="Europe/London"' in page
    bad = web.post("/settings", {"country": "GB", "timezone": "Mars/Base",
                                 "rules.checkin_gaps_days": "soon", "rules.max_checkins": "4"})
    assert bad.status_code == 422
    assert 'id="timezone-error"' in bad.text and "unknown time zone" in bad.text.lower()
    assert 'id="rules.checkin_gaps_days-error"' in bad.text
    assert 'value="Mars/Base"' in bad.text
    settings = web.client.get("/api/settings").json()
    assert settings["settings"]["timezone"] == "Europe/London"
    assert settings["rules"]["max_checkins"] == 3  # nothing from the bad form was stored


def test_rule_change_moves_the_follow_up_plan(web: Web) -> None:
    web.post("/settings", {"country": "US", "timezone": "America/New_York",
                           "rules.thank_you_same_day_at": "15:30"})  # fmt: skip
    app_id = web.add_sample()
    web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    thank = [r for r in web.client.get("/api/followups").json() if r["kind"] == "thank-you"]
    assert thank[0]["due"] == "2026-11-24T15:30:00-05:00"


def test_backup_download_and_restore_page(
    web: Web, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from fastapi.testclient import TestClient

    app_id = web.add_sample()
    web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    download = web.client.get("/settings/backup")
    assert download.status_code == 200
    assert "interview-closer-backup-2026-11-24.json" in download.headers["content-disposition"]
    backup = download.content
    refused = web.post("/settings/restore", files={"backup": ("b.json", backup)})
    assert refused.status_code == 422 and "only into an empty tracker" in refused.text
    junk = web.post("/settings/restore", files={"backup": ("b.json", b"\x00\x01 not json")})
    assert junk.status_code == 422 and "not a backup file" in junk.text
    empty = web.post("/settings/restore", {})
    assert empty.status_code == 422 and "Choose the backup file" in empty.text
    other = make_app(tmp_path_factory.mktemp("fresh"))
    with TestClient(other) as fresh:
        fresh.get("/")
        token = fresh.cookies.get("closer_csrf")
        done = fresh.post("/settings/restore", data={"csrf_token": token},
                          files={"backup": ("b.json", backup)}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/?msg=restored"
        assert json.loads(fresh.get("/settings/backup").content) == json.loads(backup)
        assert "Larkspur Freight" in fresh.get("/applications").text


def test_resume_store_names_and_ids_are_safe(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path)
    first = store.save(b"Jordan Rivera\nPython", "../../etc/My CV (final).md")
    assert first.name == "My_CV_final_.md" and first.path.parent == tmp_path / "resumes"
    again = store.save(b"Jordan Rivera\nPython", "My CV (final).md")
    assert again.id == first.id and len(store.list()) == 1
    assert store.read(first.id) == (b"Jordan Rivera\nPython", "My_CV_final_.md")
    for bad in ("../closer.db", "resumes/x", "", "0123456789ab-../../x"):
        with pytest.raises(NotFoundError):
            store.get(bad)
    assert safe_name("") == "resume" and len(safe_name("a" * 300 + ".pdf")) <= 80


def test_serve_reports_a_busy_port_in_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "interview_closer", "serve", "--port", str(port),
             "--db", f"sqlite:///{tmp_path / 'c.db'}"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("closer: cannot listen on 127.0.0.1:")
    assert "Try --port" in result.stderr and "Traceback" not in result.stderr


def test_serve_help_lists_its_options() -> None:
    from typer.testing import CliRunner

    from interview_closer.cli.app import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--open", "--db"):
        assert option in result.output


def test_serve_starts_and_answers(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.web.conftest import free_port

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "interview_closer", "serve", "--port", str(port),
         "--db", f"sqlite:///{tmp_path / 'c.db'}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "CLOSER_DATA_DIR": str(tmp_path)},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    body = reply.read().decode()
                    headers = reply.headers
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        assert "Add your first job" in body
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
    finally:
        process.terminate()
        process.wait(timeout=20)
    printed = process.stdout.read() if process.stdout else ""
    assert f"running at http://127.0.0.1:{port}/" in printed
