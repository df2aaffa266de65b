"""Resumes uploaded through the web app, kept as files so the next application can reuse them.

Each file is saved once under `<data_dir>/resumes/` as `<12 hex of its SHA-256>-<safe name>`;
that file name is its id. Ids are checked against a strict pattern and the folder listing,
so no request can name a path outside the folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_closer.errors import InputError, NotFoundError, StorageError

_ID = re.compile(r"^[0-9a-f]{12}-[A-Za-z0-9._-]{1,80}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class SavedResume:
    """A saved resume: its id (file name), the name it was uploaded as, and when."""

    id: str
    name: str
    saved_at: datetime
    size: int
    path: Path


def safe_name(filename: str) -> str:
    """The upload's base name keeping only letters, digits, dot, dash and underscore."""
    base = Path(filename.replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip("._") or "resume"
    stem, dot, ext = cleaned.rpartition(".")
    if dot and len(ext) <= 8:
        return f"{stem[: 80 - len(ext) - 1]}.{ext}"
    return cleaned[:80]


class ResumeStore:
    """The folder of saved resumes."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir) / "resumes"

    def save(self, data: bytes, filename: str) -> SavedResume:
        """Keep an uploaded resume (once per content); returns its record."""
        digest = hashlib.sha256(data).hexdigest()[:12]
        ident = f"{digest}-{safe_name(filename)}"
        path = self.folder / ident
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                tmp = path.with_name(f".{ident}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, path)
        except OSError as exc:
            raise StorageError(
                f"cannot save the resume in {self.folder}: {exc.strerror or exc}"
            ) from exc
        return self._record(path)

    def _record(self, path: Path) -> SavedResume:
        stat = path.stat()
        return SavedResume(
            id=path.name,
            name=path.name.split("-", 1)[1],
            saved_at=datetime.fromtimestamp(stat.st_mtime, UTC),
            size=stat.st_size,
            path=path,
        )

    def list(self) -> list[SavedResume]:
        """Every saved resume, newest first."""
        if not self.folder.is_dir():
            return []
        found = [self._record(p) for p in self.folder.iterdir() if _ID.match(p.name)]
        return sorted(found, key=lambda r: (r.saved_at, r.id), reverse=True)

    def get(self, ident: str) -> SavedResume:
        """The saved resume with this id, or NotFoundError."""
        if not _ID.match(ident or ""):
            raise NotFoundError(f"'{ident}' is not a saved resume; choose one from the list")
        path = self.folder / ident
        if not path.is_file():
            raise NotFoundError(f"the saved resume '{ident}' is gone; upload it again")
        return self._record(path)

    def read(self, ident: str) -> tuple[bytes, str]:
        """The bytes and original name of a saved resume."""
        record = self.get(ident)
        try:
            return record.path.read_bytes(), record.name
        except OSError as exc:
            raise InputError(f"cannot read the saved resume {record.name}: {exc}") from exc
