"""Where the user's data lives: CLOSER_DATA_DIR, else the platform's user data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DIR = "CLOSER_DATA_DIR"
APP = "interview-closer"


def data_dir() -> Path:
    """The interview-closer data folder (database, saved resumes, imports, caches)."""
    folder = os.environ.get(ENV_DIR)
    if folder:
        return Path(folder).expanduser()
    if sys.platform.startswith("linux"):
        # The XDG rule platformdirs applies on Linux, written out because importing
        # platformdirs costs more than a whole short command's own work.
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(base) / APP
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))
