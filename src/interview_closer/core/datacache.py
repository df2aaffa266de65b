"""A local cache of parsed data files, so a short command does not re-parse them.

Parsing the vocabulary, the phrasing YAML and the word clusters costs more than a
whole plan. The parsed form is saved with `marshal` (plain Python values only)
under the user's data folder and reused while the source files keep their size
and modification time. The cache never leaves the machine; a cache that cannot
be read or written only costs the next run a re-parse. A big table of which a run
needs a few keys can be saved in parts (`pack_buckets`) and read as a `BucketTable`.
"""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
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


def _bucket_of(key: str, buckets: int) -> int:
    # crc32, not hash(): str hashes change from one process to the next.
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


def pack_buckets(table: Mapping[str, Any], buckets: int) -> tuple[int, tuple[bytes, ...]]:
    """A str-keyed table as its size and `buckets` marshalled parts, for `BucketTable`."""
    parts: list[dict[str, Any]] = [{} for _ in range(buckets)]
    for key, value in table.items():
        parts[_bucket_of(key, buckets)][key] = value
    return len(table), tuple(marshal.dumps(part) for part in parts)


class BucketTable(Mapping[str, Any]):
    """A read-only table saved in parts; a part is unpacked the first time a key needs it.

    A short run looks up a few hundred of a table's many thousand keys, and making the
    Python objects of the whole table would cost more than those lookups.
    """

    __slots__ = ("_open", "_parts", "_size")

    def __init__(self, size: int, parts: Sequence[bytes]) -> None:
        self._size = size
        self._parts = parts
        self._open: list[dict[str, Any] | None] = [None] * len(parts)

    def _part(self, key: str) -> dict[str, Any]:
        return self._unpacked(_bucket_of(key, len(self._parts)))

    def _unpacked(self, i: int) -> dict[str, Any]:
        part = self._open[i]
        if part is None:
            part = self._open[i] = marshal.loads(self._parts[i])
        return part

    def __getitem__(self, key: str) -> Any:
        if not isinstance(key, str) or not self._parts:
            raise KeyError(key)
        return self._part(key)[key]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of key, or default."""
        if not isinstance(key, str) or not self._parts:
            return default
        return self._part(key).get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._parts) and key in self._part(key)

    def __iter__(self) -> Iterator[str]:
        for i in range(len(self._parts)):
            yield from self._unpacked(i)

    def __len__(self) -> int:
        return self._size
