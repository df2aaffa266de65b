"""Regular expressions compiled once per machine instead of once per run.

CPython spends most of a short `closer prep` run parsing and compiling the
package's own patterns (about 40 ms of a 200 ms run). The compiled program of
each pattern is a plain list of integers that `_sre.compile` accepts directly,
so it is saved under the user's data folder (see `datacache`) and reused by the
next run. The saved table is keyed by the exact interpreter build; on any other
Python, on any mismatch or error, this falls back to `re.compile`. `_sre`
re-validates every program it is given, so a damaged file cannot do harm.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
from array import array
from typing import Any

from interview_closer import __version__

try:  # CPython internals; absent or different elsewhere, in which case nothing is cached
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    # A new Python or a new release of the package starts a fresh table.
    _KEY: tuple[object, ...] | None = (
        sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE, __version__, 2
    )
    if array("I").itemsize != _sre.CODESIZE:  # pragma: no cover - exotic platforms
        _KEY = None
except (ImportError, AttributeError):  # pragma: no cover - other interpreters
    _KEY = None

# (flags, the program as 32-bit words in bytes, groups, groupindex, indexgroup): bytes load
# far faster than a list of ints, and only the programs a run uses become lists.
_Args = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# Patterns change between versions, so a table that grows past this is started afresh
# with only the patterns the current run used.
MAX_ENTRIES = 1000
_saved: dict[tuple[str, int], _Args] | None = None
_added: dict[tuple[str, int], _Args] = {}
_used: set[tuple[str, int]] = set()


def _table_path() -> str:
    from interview_closer.core.datacache import cache_file

    return str(cache_file("regex"))


def _table() -> dict[tuple[str, int], _Args]:
    global _saved
    if _saved is None:
        _saved = {}
        try:
            with open(_table_path(), "rb") as fh:
                # loads() on the whole file: load() on a file object reads piece by piece
                key, table = marshal.loads(fh.read())
            if key == _KEY and isinstance(table, dict):
                _saved = table
        except (OSError, EOFError, ValueError, TypeError):
            pass
        atexit.register(save)
    return _saved


def _capture(pattern: str, flags: int) -> tuple[re.Pattern[str], _Args] | None:
    """Compile the way re does, keeping the arguments given to _sre.compile."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    program = [int(c) for c in code]
    args: _Args = (
        int(flags | parsed.state.flags), array("I", program).tobytes(),
        int(parsed.state.groups - 1), groupindex, tuple(indexgroup),
    )
    compiled: re.Pattern[str] = _sre.compile(pattern, args[0], program, *args[2:])
    reference = re.compile(pattern, flags)
    if (compiled.flags, compiled.groups, compiled.groupindex) != (
        reference.flags, reference.groups, reference.groupindex
    ):
        return None  # this interpreter compiles differently: do not cache
    return compiled, args


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the saved table when this machine has seen it."""
    flags = int(flags)
    if _KEY is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    _used.add(key)
    args = _table().get(key)
    if args is not None:
        try:
            return _sre.compile(pattern, args[0], array("I", args[1]).tolist(), *args[2:])
        except (TypeError, ValueError, RuntimeError, IndexError):
            pass  # a damaged entry: compile afresh below
    try:
        captured = _capture(pattern, flags)
    except (AttributeError, TypeError, ValueError, RuntimeError):
        captured = None  # internals changed shape: plain re from here on
    if captured is None:
        return re.compile(pattern, flags)
    compiled, args = captured
    _added[key] = args
    return compiled


def save() -> None:
    """Write newly compiled patterns to the saved table (run at exit; errors ignored)."""
    if not _added or _KEY is None:
        return
    table = {**(_saved or {}), **_added}
    if len(table) > MAX_ENTRIES:
        table = {k: v for k, v in table.items() if k in _used}
    path = _table_path()
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        state: Any = (_KEY, table)
        with open(tmp, "wb") as fh:
            marshal.dump(state, fh)
        os.replace(tmp, path)
        _added.clear()
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def cached_count() -> int:
    """How many patterns the saved table holds (for tests and diagnostics)."""
    return len(_table()) + len(_added)
