"""A local cache of parsed data files, so a short command does not re-parse them.

Parsing the vocabulary, the phrasing YAML and the word clusters costs more than a
whole plan. The parsed form is saved with `marshal` (plain Python values only)
under the user's data folder and reused while the source files keep their size
and modification time. The cache never leaves the machine; a cache that cannot
be read or written only costs the next run a re-parse.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from interview_closer.paths import data_dir

# Bump when the saved shape of any cached value changes.
CACHE_FORMAT = 1


def _signature(paths: Sequence[Path], version: int) -> list[object]:
    out: list[object] = [CACHE_FORMAT, version]
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return out


def cache_file(name: str) -> Path:
    """Where the cache called `name` is kept (the cache folder of the user's data folder)."""
    return data_dir() / "cache" / f"{name}.marshal"


def cached(name: str, sources: Sequence[Path], build: Callable[[], Any], version: int = 0) -> Any:
    """build() for these source files, from the cache when they have not changed."""
    cache = cache_file(name)
    signature = _signature(sources, version)
    try:
        saved_signature, value = marshal.loads(cache.read_bytes())
        if saved_signature == signature:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((signature, value)))
        os.replace(tmp, cache)
    except (OSError, ValueError):
        pass  # read-only home folder, or a value marshal cannot save: parse again next time
    return value


def load_yaml(path: Path) -> Any:
    """A package YAML data file, parsed (cached, so most runs never import PyYAML)."""

    def parse() -> Any:
        import yaml

        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)

    return cached(f"yaml-{path.stem}", [path], parse)
