"""SHA-256 for picking wording deterministically, without loading OpenSSL.

`hashlib` loads OpenSSL's library on import (about 2 ms, a noticeable share of a short
`closer prep`); CPython's own SHA-256 module gives the very same digests and loads at once.
"""

from __future__ import annotations

import importlib
from typing import Any


def _builtin_sha256() -> Any:
    """CPython's own SHA-256 (_sha256 in 3.11, _sha2 later), else hashlib's."""
    for module in ("_sha256", "_sha2"):
        try:
            return importlib.import_module(module).sha256
        except (ImportError, AttributeError):
            continue
    import hashlib  # pragma: no cover - other interpreters

    return hashlib.sha256  # pragma: no cover


sha256: Any = _builtin_sha256()
