"""Where the user's data lives: CLOSER_DATA_DIR, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DIR = "CLOSER_DATA_DIR"


def data_dir() -> Path:
    """The interview-closer data folder (database, saved resumes, imports, caches)."""
    folder = os.environ.get(ENV_DIR)
    if not folder:
        from platformdirs import user_data_dir

        folder = user_data_dir("interview-closer", appauthor=False)
    return Path(folder).expanduser()
