"""`python -m bench.run` as make bench calls it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.shared
def test_a_section_runs_when_the_semantic_extra_is_missing(
    shared_dir: Path, tmp_path: Path
) -> None:
    # Run as __main__, a section's Skip (raised as bench.run.Skip) must still be caught.
    out = subprocess.run(
        [sys.executable, "-m", "bench.run", "--only", "esco", "--json", str(tmp_path / "r.json")],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "HOUSE R-Precision@5" in out.stdout
    assert (tmp_path / "r.json").exists()
