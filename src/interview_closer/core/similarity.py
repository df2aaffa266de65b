"""Text similarity behind one interface, so an embedding model can replace the default."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Protocol

from interview_closer.core.text import tokenize

_STOP = frozenset(
    "a an and are as at be by for from has have in is it of on or our the this to with you your "
    "we will who can able ability strong experience experienced work working years year plus "
    "including include etc using use skills skill knowledge good excellent proven demonstrated "
    "track record must required preferred ideally least minimum other related relevant field "
    "role team new per all any both each more most such than that these those very well".split()
)


class Similarity(Protocol):
    """Scores how well each candidate text answers a query text, each in [0, 1]."""

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        """One score per candidate."""
        ...


def content_words(text: str) -> list[str]:
    """Normalised tokens of a text without stop words and bare numbers."""
    return [
        t.norm for t in tokenize(text)
        if t.norm not in _STOP and not t.norm.isdigit() and len(t.norm) > 1
    ]


def _stem(word: str) -> str:
    # Crude suffix folding so "managed", "managing" and "management" meet.
    for suffix in ("ments", "ment", "ings", "ing", "ions", "ion", "ed", "er", "ers", "ly", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class LexicalSimilarity:
    """The default: weighted overlap of stemmed content words; needs no model."""

    def __init__(self, idf: dict[str, float] | None = None) -> None:
        self._idf = idf or {}

    def _weight(self, word: str) -> float:
        return self._idf.get(word, 1.0)

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        """Share of the query's (weighted) content words that each candidate contains."""
        q = {_stem(w) for w in content_words(query)}
        if not q:
            return [0.0] * len(candidates)
        total = sum(self._weight(w) for w in q)
        out: list[float] = []
        for cand in candidates:
            c = {_stem(w) for w in content_words(cand)}
            hit = sum(self._weight(w) for w in q & c)
            # Damp short queries: one shared word out of two is weaker evidence than it looks.
            out.append(hit / total * (1 - math.exp(-len(q & c))))
        return out


_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of white space to one space."""
    return _SPACE.sub(" ", text).strip()
