"""The literal-requirement filter never hides a real regex match."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_closer.core.literals import could_match, required_literals

DATA = Path(__file__).resolve().parents[2] / "src" / "interview_closer" / "data"
SAMPLES = DATA / "samples"


def test_required_words_of_simple_shapes() -> None:
    assert required_literals(r"\b(?:led|managed)\s+(?:a |an )?team of") == [
        ["team of"], ["led", "managed"]
    ]
    assert required_literals(r"colou?r") == [["colo"], ["r"]]
    assert required_literals(r"(?:a|b)?c") == [["c"]]
    assert required_literals(r"\bsav(?:ed|ing) \$\d") == [["sav"], ["ed", "ing"], [" $"]]
    assert required_literals(r"x{0,2}yz") == [["yz"]]
    assert required_literals(r"Agile|\bScrum\b") == [["agile", "scrum"]]


def test_unknown_shapes_require_nothing() -> None:
    for pattern in (r"(?i:abc)", r"[ab]+", r"\d+|ratio", r"(?P<x>a)", r"(unbalanced", r"a)b"):
        assert required_literals(pattern) == [], pattern
    assert required_literals(r"\d+ patients|^ratio") == [[" patients", "ratio"]]
    assert could_match([], "anything at all")
    assert could_match([["team"], ["led", "ran"]], "ran the team")
    assert not could_match([["team"], ["led", "ran"]], "ran the shop")


def test_filter_keeps_every_shipped_paraphrase_match_on_the_samples() -> None:
    lines = [
        line
        for sample in ("resume.md", "resume_nurse.txt", "posting.txt")
        for line in (SAMPLES / sample).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    checked = 0
    for raw in (DATA / "paraphrases.tsv").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or "\t" not in raw:
            continue
        pattern = raw.split("\t", 1)[1].strip()
        compiled = re.compile(pattern, re.IGNORECASE)
        reqs = required_literals(pattern)
        for line in lines:
            if compiled.search(line):
                checked += 1
                assert could_match(reqs, line.lower()), (pattern, line)
    assert checked >= 5  # the samples do show paraphrased skills


_WORDS = st.sampled_from(["led", "team", "of", "managed", "sales", "a ", "six", "nurse", "x"])
_ATOMS = st.one_of(
    _WORDS,
    _WORDS.map(lambda w: f"(?:{w}|{w}s)"),
    _WORDS.map(lambda w: f"(?:{w})?"),
    st.sampled_from([r"\s+", r"\d{1,3}", r"[a-z]*", r"\b", " ", r"\.", "s?", r"[\w ]{0,10}?"]),
)


@settings(max_examples=300, deadline=None)
@given(
    atoms=st.lists(_ATOMS, min_size=1, max_size=6),
    alt=st.booleans(),
    words=st.lists(st.sampled_from(["led", "team", "of", "managed", "sales", "a", "six",
                                    "nurse", "x", "teams", "12", "."]), max_size=12),
)
def test_no_false_negatives_on_generated_patterns(
    atoms: list[str], alt: bool, words: list[str]
) -> None:
    pattern = "".join(atoms) + ("|nurse" if alt else "")
    text = " ".join(words)
    if re.search(pattern, text, re.IGNORECASE):
        assert could_match(required_literals(pattern), text.lower()), (pattern, text)
