"""The data folder: the override, and the same place platformdirs would choose."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from interview_closer.paths import data_dir


def test_override_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "mine"))
    assert data_dir() == tmp_path / "mine"


@pytest.mark.parametrize("xdg", [None, "", "   ", "/srv/xdg-data"])
def test_default_matches_platformdirs(xdg: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLOSER_DATA_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    expected = Path(platformdirs.user_data_dir("interview-closer", appauthor=False))
    assert data_dir() == expected
    if sys.platform.startswith("linux") and xdg == "/srv/xdg-data":
        assert data_dir() == Path("/srv/xdg-data/interview-closer")
