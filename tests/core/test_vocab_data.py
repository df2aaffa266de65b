"""Format checks for the built-in skill vocabulary and the paraphrase patterns.

The TSV files are parsed here with plain Python, independently of the loader, so a
broken data file fails these tests even if the loader would quietly skip the line.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from pathlib import Path

import pytest

import interview_closer
from interview_closer.core.text import normalise_phrase, normalise_word, tokenize

DATA = Path(interview_closer.__file__).resolve().parent / "data"
VOCAB_DIR = DATA / "vocab"
PARAPHRASES = DATA / "paraphrases.tsv"
KINDS = {"tool", "skill", "soft", "certification", "language", "degree"}
MIN_TOTAL = 3000
MIN_PER_FILE = 50
MIN_PARAPHRASES = 80
# Ordinary words that must never be matched in any case (they need "=Word" instead).
ORDINARY = {
    "go", "excel", "spark", "lead", "sales", "word", "access", "teams", "office", "project",
    "swift", "rust", "ruby", "less", "puppet", "react", "angular", "express", "flask", "spring",
    "rails", "unity", "it", "r", "c", "d", "ca", "ma", "md", "pa", "va", "or", "er", "pt", "ot",
    "rest", "server", "host", "node", "shell", "pipeline", "production", "research", "events",
    "benefits", "compensation", "professional", "passionate", "motivated", "driven", "flexible",
    "travel", "shifts", "strategy", "consulting", "assessment", "teaching", "operations",
    "programming", "coding", "monitoring", "compliance", "discovery", "closing", "safe", "lean",
}
# A group followed by an unbounded repeat ("+", "*", "{n,}").
GROUP_REPEAT = re.compile(r"\)(?:[+*]|\{\d*,\})")

Row = tuple[str, int, list[str]]


def read_rows(path: Path) -> list[Row]:
    """Data lines of a TSV file as (file name, line number, columns); comments dropped."""
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((path.name, number, line.split("\t")))
    return rows


def has_nested_quantifier(pattern: str) -> bool:
    """True when an unbounded repeat wraps a group that itself repeats without bound."""
    for m in GROUP_REPEAT.finditer(pattern):
        depth, i, body = 0, m.start() - 1, []
        while i >= 0:
            ch = pattern[i]
            escaped = i > 0 and pattern[i - 1] == "\\"
            if ch == ")" and not escaped:
                depth += 1
            elif ch == "(" and not escaped:
                if depth == 0:
                    break
                depth -= 1
            body.append(ch)
            i -= 1
        inner = re.sub(r"\\.|\[[^\]]*\]", "", "".join(reversed(body)))
        if re.search(r"[+*]|\{\d*,\}", inner):
            return True
    return False


def vocab_problems(rows: list[Row]) -> list[str]:
    """Everything wrong with a set of vocabulary rows, one message per problem."""
    problems: list[str] = []
    canon_at: dict[str, str] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for name, number, cols in rows:
        where = f"{name}:{number}"
        if len(cols) != 4:
            problems.append(f"{where}: {len(cols)} columns, want 4")
            continue
        canon, kind, family, aliases = (c.strip() for c in cols)
        if not canon:
            problems.append(f"{where}: empty canonical name")
        if kind not in KINDS:
            problems.append(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
        if not family or family != family.lower():
            problems.append(f"{where}: family {family!r} must be non-empty lowercase")
        if canon.lower() in canon_at:
            problems.append(f"{where}: canonical {canon!r} already at {canon_at[canon.lower()]}")
        canon_at[canon.lower()] = where
        listed = [a.strip() for a in aliases.split("|") if a.strip()] if aliases else []
        if any(a.lower() == canon.lower() for a in listed):
            problems.append(f"{where}: {canon!r} repeats its own name as an alias")
        names = listed if f"={canon}" in listed else [canon, *listed]
        for alias in names:
            if not alias.startswith("="):
                owners[alias.lower()].add(canon)
    for alias, canons in owners.items():
        if len(canons) > 1:
            problems.append(f"alias {alias!r} belongs to {sorted(canons)}")
        if alias in ORDINARY:
            problems.append(f"ordinary word {alias!r} is a case-insensitive alias of {canons}")
    return problems


def matcher_key_problems(rows: list[Row]) -> list[str]:
    """Aliases that differ as text but meet under the matcher's normalisation."""
    loose: dict[tuple[str, ...], set[str]] = defaultdict(set)
    exact: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for _name, _number, cols in rows:
        canon, aliases = cols[0].strip(), [a.strip() for a in cols[3].split("|") if a.strip()]
        for alias in aliases if f"={canon}" in aliases else [canon, *aliases]:
            if alias.startswith("="):
                exact[tuple(t.text for t in tokenize(alias[1:]))].add(canon)
            else:
                loose[normalise_phrase(alias)].add(canon)
    problems = [f"key {k} is shared by {sorted(v)}" for k, v in loose.items() if len(v) > 1]
    for verbatim, canons in exact.items():
        others = loose.get(tuple(normalise_word(t) for t in verbatim), set()) - canons
        if len(canons) > 1 or others:
            problems.append(f"exact {verbatim} of {sorted(canons)} also matches {sorted(others)}")
    return problems


def paraphrase_problems(rows: list[Row], canonicals: set[str]) -> list[str]:
    """Paraphrase lines that are malformed, name an unknown skill or do not compile."""
    problems: list[str] = []
    for name, number, cols in rows:
        where = f"{name}:{number}"
        if len(cols) != 2:
            problems.append(f"{where}: {len(cols)} columns, want 2")
            continue
        canon, pattern = cols
        if canon not in canonicals:
            problems.append(f"{where}: {canon!r} is not a vocabulary canonical")
        if has_nested_quantifier(pattern):
            problems.append(f"{where}: nested unbounded quantifier in {pattern!r}")
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            problems.append(f"{where}: does not compile ({exc})")
    return problems


@pytest.fixture(scope="module")
def vocab_files() -> list[Path]:
    """The shipped vocabulary files."""
    files = sorted(VOCAB_DIR.glob("*.tsv"))
    assert files, f"no vocabulary files in {VOCAB_DIR}"
    return files


@pytest.fixture(scope="module")
def vocab_rows(vocab_files: list[Path]) -> list[Row]:
    """Every data line of every shipped vocabulary file."""
    return [row for path in vocab_files for row in read_rows(path)]


def test_vocabulary_files_are_well_formed(vocab_rows: list[Row]) -> None:
    """Four columns, known kinds, families, unique names, no shared or ordinary aliases."""
    assert vocab_problems(vocab_rows) == []


def test_no_two_skills_meet_under_the_matcher_normalisation(vocab_rows: list[Row]) -> None:
    """Singular/plural, dotted and case-sensitive forms never make two skills collide."""
    assert matcher_key_problems(vocab_rows) == []


def test_vocabulary_is_large_enough(vocab_files: list[Path], vocab_rows: list[Row]) -> None:
    """At least 3,000 canonicals in all, and at least 50 in every domain file."""
    assert len(vocab_rows) >= MIN_TOTAL
    small = {p.name: n for p in vocab_files if (n := len(read_rows(p))) < MIN_PER_FILE}
    assert small == {}


def test_paraphrases_name_known_skills_and_compile(vocab_rows: list[Row]) -> None:
    """Every paraphrase names a vocabulary canonical and its regex compiles."""
    rows = read_rows(PARAPHRASES)
    assert len(rows) >= MIN_PARAPHRASES
    assert paraphrase_problems(rows, {cols[0].strip() for _, _, cols in vocab_rows}) == []


def test_paraphrases_are_fast_on_hostile_input() -> None:
    """No pattern backtracks badly on long repetitive text."""
    hostile = "managed a " * 2000 + "led team " * 2000 + "$1,1" * 2000 + " taught " * 2000
    started = time.perf_counter()
    for _name, _number, cols in read_rows(PARAPHRASES):
        re.search(cols[1], hostile, re.IGNORECASE)
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize(
    ("sentence", "skill"),
    [
        ("Led a team of 6 engineers on the billing platform.", "People management"),
        ("Exceeded quota by 20% in FY23.", "Quota attainment"),
        ("Managed a $2M budget for the department.", "Budgeting"),
        ("Cared for 6 patients per shift.", "Patient care"),
        ("Taught 30 students in Year 5.", "Classroom teaching"),
        ("Settled a long-running rota dispute between staff.", "Conflict resolution"),
    ],
)
def test_paraphrases_find_the_examples(sentence: str, skill: str) -> None:
    """The headline examples are recognised by some pattern of the right skill."""
    patterns = [cols[1] for _, _, cols in read_rows(PARAPHRASES) if cols[0] == skill]
    assert any(re.search(p, sentence, re.IGNORECASE) for p in patterns)


def test_the_checks_catch_broken_files(tmp_path: Path) -> None:
    """The checkers report each kind of mistake, so the tests above can fail."""
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "# comment\n"
        "Alpha\ttool\tgroup\n"
        "Beta\tgadget\tgroup\tb\n"
        "Gamma\tskill\t\tg\n"
        "Delta\tskill\tgroup\tdd|shared\n"
        "delta\tskill\tgroup\tx\n"
        "Eps\tskill\tgroup\tshared|Eps\n"
        "Zeta\ttool\tgroup\tgo\n"
        "Api\ttool\tgroup\tapis\n"
        "Apis2\ttool\tgroup\tapi\n",
        encoding="utf-8",
    )
    rows = read_rows(bad)
    found = "\n".join(vocab_problems(rows))
    for expected in ["bad.tsv:2: 3 columns", "kind 'gadget'", "family ''", "already at",
                     "repeats its own name", "alias 'shared'", "ordinary word 'go'"]:
        assert expected in found
    assert any("('api',)" in p for p in matcher_key_problems([r for r in rows if len(r[2]) == 4]))
    para = tmp_path / "para.tsv"
    para.write_text("Nope\tx\nAlpha\t(unclosed\nAlpha\t(?:\\w+ )+x\nAlpha\tok\textra\n")
    found = "\n".join(paraphrase_problems(read_rows(para), {"Alpha"}))
    for expected in ["'Nope' is not", "does not compile", "nested unbounded", "3 columns"]:
        assert expected in found
