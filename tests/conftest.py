"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared evaluation folder; skips the test cleanly when it is absent."""
    path = REPO.parent / "shared"
    if not (path / "eval").is_dir():
        pytest.skip("../shared is not present on this machine")
    return path
