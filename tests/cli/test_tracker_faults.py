"""The real `closer` process against broken databases: one line on stderr, exit code 5."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "src" / "interview_closer" / "data" / "samples"


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    env.update(CLOSER_DATA_DIR=str(data), CLOSER_NOW="2026-11-24T09:00:00-05:00",
               TZ="America/New_York", PYTHONPATH=str(REPO / "src"), **extra)  # fmt: skip
    return env


def _closer(data: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interview_closer", *args], capture_output=True, text=True,
        env=_env(data), timeout=120, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def _one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder holding a database with one application in it."""
    folder = tmp_path / "data"
    result = _closer(folder, "add", "--resume", str(SAMPLES / "resume.md"), "--job",
                     str(SAMPLES / "posting.txt"), "--company", "Acme", "--role", "Nurse")
    assert result.returncode == 0, result.stderr
    return folder


def test_corrupt_database_file(data: Path) -> None:
    (data / "closer.db").write_bytes(b"\x00garbage" * 512)
    for suffix in ("-wal", "-shm"):
        (data / f"closer.db{suffix}").unlink(missing_ok=True)
    result = _closer(data, "status")
    assert result.returncode == 5
    assert "not a usable interview-closer database" in _one_clean_line(result)


def test_newer_database(data: Path) -> None:
    con = sqlite3.connect(data / "closer.db")
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    result = _closer(data, "followups")
    assert result.returncode == 5
    assert "made by a newer interview-closer" in _one_clean_line(result)


def test_locked_database(data: Path) -> None:
    con = sqlite3.connect(data / "closer.db", isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "interview_closer", "settings", "set", "country", "GB"],
            capture_output=True, text=True, timeout=60,
            env=_env(data, CLOSER_BUSY_TIMEOUT_MS="300"),
        )  # fmt: skip
    finally:
        con.execute("ROLLBACK")
        con.close()
    assert result.returncode == 5
    assert "busy" in _one_clean_line(result)


def test_read_only_database(data: Path) -> None:
    if os.geteuid() == 0:
        # root ignores file modes; SQLite's own read-only open gives the same refusal
        url = f"sqlite:///file:{data / 'closer.db'}?mode=ro&uri=true"
        result = _closer(data, "settings", "set", "country", "GB", "--db", url)
    else:
        for path in data.iterdir():
            path.chmod(0o444)
        data.chmod(0o555)
        try:
            result = _closer(data, "settings", "set", "country", "GB")
        finally:
            data.chmod(0o755)
    assert result.returncode == 5, result.stderr
    line = _one_clean_line(result)
    assert "read-only" in line or "not writable" in line


def test_ctrl_c_in_the_debrief_form_saves_nothing(data: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "interview_closer", "debrief", "1"], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(data),
        # a shell may start tests with Ctrl-C ignored; the child must see it like a user's
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    assert child.stdin is not None
    for answer in ("2026-11-24 10:00", "", "11:00", "", "first", "Dana Reyes <d@x.test>", ""):
        child.stdin.write(answer + "\n")
    child.stdin.flush()
    time.sleep(2.0)  # let it reach the next question, then press Ctrl-C
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "nothing was saved" in err
    con = sqlite3.connect(data / "closer.db")
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("interviews", "debriefs", "followups", "contacts")]  # fmt: skip
    con.close()
    assert counts == [0, 0, 0, 0]


def test_tracker_commands_do_not_slow_down_start_up() -> None:
    code = (
        "import sys, interview_closer.cli.app\n"
        "heavy = ('sqlalchemy', 'alembic', 'dateparser', 'icalendar', 'holidays', 'yaml')\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=_env(Path("/nonexistent")), timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_immutable_database_file(data: Path) -> None:
    """A file the system refuses to change (chattr +i stops even root) gives exit code 5."""
    db = data / "closer.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        result = _closer(data, "settings", "set", "country", "GB")
        listing = _closer(data, "status")
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert result.returncode == 5, result.stderr
    assert "read-only" in _one_clean_line(result)
    assert listing.returncode == 0  # reading still works
