"""Saved compiled regexes behave exactly like re.compile, and a bad table is harmless."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interview_closer.core import fastre

PATTERNS = [
    (r"(?P<year>(?:19|20)\d\d)\s*[-–]\s*(?P<end>present|\d{4})", re.IGNORECASE),
    (r"(?<![\w.])\$\d{1,3}(?:,\d{3})*(?:\.\d+)?\s?(?:k|m|bn)?\b", 0),
    (r"\b(?:led|managed)\s+(?:a |an )?team of (\d+|six)", re.IGNORECASE),
    (r"[^\x00-\x7f]+|\s{2,}", 0),
]
TEXTS = ["Led a team of 6 nurses", "2019 – Present", "raised $1,200.50k in 2021-2023",
         "café  naïve", "managed an team of six", ""]  # fmt: skip


def _run_twice(tmp_path: Path, code: str) -> list[str]:
    """Run code in two fresh processes sharing one data folder (the second reads the table)."""
    env = {"CLOSER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    outs = []
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env=env, timeout=60)  # fmt: skip
        assert run.returncode == 0, run.stderr
        outs.append(run.stdout)
    return outs


def test_saved_patterns_match_like_re(tmp_path: Path) -> None:
    code = (
        "import re\nfrom interview_closer.core import fastre\n"
        f"P = {PATTERNS!r}\nT = {TEXTS!r}\n"
        "for p, f in P:\n"
        "    c = fastre.compile(p, f)\n"
        "    for t in T:\n"
        "        print([m.span() for m in c.finditer(t)], [m.groupdict() for m in c.finditer(t)],"
        " c.groupindex == re.compile(p, f).groupindex, c.flags == re.compile(p, f).flags)\n"
        "print(fastre.cached_count())\n"
    )
    first, second = _run_twice(tmp_path, code)
    assert first == second  # the second run compiled from the saved table
    assert (tmp_path / "cache" / "regex.marshal").is_file()
    for p, f in PATTERNS:
        plain = re.compile(p, f)
        for t in TEXTS:
            expected = f"{[m.span() for m in plain.finditer(t)]} {[m.groupdict() for m in plain.finditer(t)]} True True"  # noqa: E501
            assert expected in first.splitlines()
    assert first.splitlines()[-1] == str(len(PATTERNS))


def test_a_damaged_table_falls_back_to_re(tmp_path: Path) -> None:
    key = fastre._KEY
    if key is None:
        pytest.skip("not CPython: nothing is ever cached")
    pattern = r"\bnurse(s)?\b"
    bogus = {(pattern, 0): (0, [1, 2, 3, 999999], 0, {}, (None,))}
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "regex.marshal").write_bytes(marshal.dumps((key, bogus)))
    code = (
        "from interview_closer.core import fastre\n"
        f"print(bool(fastre.compile({pattern!r}).search('two nurses')))\n"
    )
    first, second = _run_twice(tmp_path, code)
    assert first == second == "True\n"


def test_a_table_from_another_python_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    table = {("x", 0): (0, [], 0, {}, (None,))}
    (tmp_path / "cache" / "regex.marshal").write_bytes(marshal.dumps((("other",), table)))
    code = "from interview_closer.core import fastre\nprint(fastre.compile('x').pattern)\n"
    assert _run_twice(tmp_path, code) == ["x\n", "x\n"]


def test_garbage_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "regex.marshal").write_bytes(b"not marshal at all")
    code = "from interview_closer.core import fastre\nprint(fastre.compile('a+').match('aa')[0])\n"
    assert _run_twice(tmp_path, code) == ["aa\n", "aa\n"]


def test_an_overgrown_table_keeps_only_what_a_run_uses(tmp_path: Path) -> None:
    key = fastre._KEY
    if key is None:
        pytest.skip("not CPython: nothing is ever cached")
    stale = {(f"old{i}", 0): (0, b"", 0, {}, (None,)) for i in range(fastre.MAX_ENTRIES + 5)}
    (tmp_path / "cache").mkdir()
    table_file = tmp_path / "cache" / "regex.marshal"
    table_file.write_bytes(marshal.dumps((key, stale)))
    code = "from interview_closer.core import fastre\nfastre.compile('new+')\n"
    _run_twice(tmp_path, code)
    saved_key, table = marshal.loads(table_file.read_bytes())
    assert saved_key == key
    assert list(table) == [("new+", 0)]
