"""The wording seed's SHA-256 is the standard one (same digests as hashlib)."""

from __future__ import annotations

import hashlib

from interview_closer.core.digest import sha256


def test_same_digests_as_hashlib() -> None:
    for data in (b"", b"abc", "résumé|pitch|0".encode(), bytes(range(256)) * 40):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
