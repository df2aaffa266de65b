"""Text similarity behind one interface, so an embedding model can replace the default."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from interview_closer.core import fastre
from interview_closer.core.stems import stem as word_stem
from interview_closer.core.text import Token, normalise_word, tokenize

_STOP = frozenset(
    "a an and are as at be by for from has have in is it of on or our the this to with you your "
    "we will who can able ability strong experience experienced work working years year plus "
    "including include etc using use skills skill knowledge good excellent proven demonstrated "
    "track record must required preferred ideally least minimum other related relevant field "
    "role team new per all any both each more most such than that these those very well "
    "professional industry progressive overall combined total level within across into through "
    "via upon".split()
)


class Similarity(Protocol):
    """Scores how well each candidate text answers a query text, each in [0, 1]."""

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        """One score per candidate."""
        ...


def content_words(text: str) -> list[str]:
    """Normalised tokens of a text without stop words and bare numbers."""
    return _content_norms(tokenize(text))


def _content_norms(tokens: Sequence[Token]) -> list[str]:
    """content_words for text already tokenised."""
    return [t.norm for t in tokens
            if t.norm not in _STOP and not t.norm.isdigit() and len(t.norm) > 1]


def same_stem(a: str, b: str) -> bool:
    """True when two stems are one word family: equal, or one long prefix of the other."""
    if a == b:
        return True
    # "administrat(ion)" ~ "administrator", "electric(al)" ~ "electrician": the suffix
    # list cannot know every derivation, a long shared beginning does. Short words never
    # meet this way, so "java" stays apart from "javascript".
    short = min(len(a), len(b))
    if short < 6:
        return False
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= max(6, 0.8 * short)


# Small words a name's initials may skip or keep: "Department of Transportation" is DOT,
# "New Roads and Street Works Act" is NRSWA.
_NAME_JOINERS = frozenset({"and", "of", "for", "the", "&", "in", "on", "to"})


def _acronym_key(letters: str) -> str:
    """An acronym folded as a written one would be (so "SMSTS" meets "smsts")."""
    return word_stem(normalise_word(letters))


def named_acronyms(text: str, tokens: Sequence[Token] | None = None) -> dict[str, frozenset[str]]:
    """Initials of each run of capitalised words in a text -> the stems of those words.

    "New Roads and Street Works Act" -> {"nrswa": the stems of its content words} and the
    variant with the joiners' initials ("nrasswa"): a line that writes the initials then
    shows every word of the name ("Software of Excellence" is SOE). Initials shorter than
    three letters are left out: two meet by chance too often.
    """
    out: dict[str, frozenset[str]] = {}
    run: list[str] = []
    for tok in [*(tokenize(text) if tokens is None else tokens), None]:
        word = tok.text if tok is not None else ""
        if word[:1].isupper() and word[1:].islower():
            run.append(word)
            continue
        if word.lower() in _NAME_JOINERS and run:
            run.append(word.lower())
            continue
        while run and run[-1] in _NAME_JOINERS:
            run.pop()
        capitals = [w for w in run if w[:1].isupper()]
        if len(capitals) >= 2:
            stems = frozenset(grouped_stem(w) for w in content_words(" ".join(run)))
            for letters in ("".join(w[0] for w in capitals),
                            "".join(w[0] for w in run if w != "&")):
                if len(letters) >= 3:
                    out[_acronym_key(letters)] = stems
        run = []
    return out


_GROUPS_PATH = Path(__file__).resolve().parent.parent / "data" / "word_groups.txt"


@lru_cache(maxsize=1)
def _word_groups() -> dict[str, str]:
    """Stem -> the stem standing for its group (data/word_groups.txt), read once."""
    out: dict[str, str] = {}
    for raw in _GROUPS_PATH.read_text(encoding="utf-8").splitlines():
        words = raw.split() if raw.strip() and not raw.startswith("#") else []
        stems = [word_stem(normalise_word(w)) for w in words]
        for s in stems:
            out.setdefault(s, stems[0])
    return out


def grouped_stem(word: str) -> str:
    """A content word's stem, or the stem that stands for its synonym group."""
    s = word_stem(word)
    return _word_groups().get(s, s)


class _Bag:
    """The stems of one text, with an index by six-letter prefix for near matches."""

    __slots__ = ("_phrases", "_tokens", "acronyms", "by_prefix", "names", "stems", "upper")

    def __init__(self, text: str) -> None:
        tokens = tokenize(text)  # once: the stems, the names and the capitals all read them
        self.stems = frozenset(grouped_stem(w) for w in _content_norms(tokens))
        self.by_prefix: dict[str, list[str]] = {}
        for stem in self.stems:
            if len(stem) >= 6:
                self.by_prefix.setdefault(stem[:6], []).append(stem)
        # Names written out in full, by their initials: "CSPT" asked, "Compounded Sterile
        # Preparation Technician" shown (and the other way round, see scores).
        self.names = named_acronyms(text, tokens) if any(c.isupper() for c in text) else {}
        self.acronyms = frozenset(self.names)
        # Words written in capitals ("VRF", "NRSWA"): the only ones initials may stand for.
        self.upper = frozenset(
            _acronym_key(t.text) for t in tokens if len(t.text) > 1 and t.text.isupper())
        self._tokens = tokens
        self._phrases: dict[str, frozenset[str]] | None = None

    def phrases(self) -> dict[str, frozenset[str]]:
        """Initials of every run of three or four words, names and plain words alike.

        "Commissioning variable refrigerant flow systems" asked, "commissioned VRF systems"
        shown: a line may write any phrase of the ask by its initials. Kept apart from the
        names (and built only for a query) because most such runs are no name at all.
        """
        if self._phrases is None:
            tokens = self._tokens
            out = dict(self.names)
            for size in (3, 4):
                for i in range(len(tokens) - size + 1):
                    run = tokens[i : i + size]
                    stems = frozenset(grouped_stem(w) for w in _content_norms(run))
                    if len(stems) >= 2:
                        out.setdefault(_acronym_key("".join(t.text[0] for t in run)), stems)
            self._phrases = out
        return self._phrases

    def has(self, stem: str) -> bool:
        if stem in self.stems:
            return True
        if len(stem) < 6:
            return False
        return any(same_stem(stem, x) for x in self.by_prefix.get(stem[:6], ()))


class LexicalSimilarity:
    """The default: weighted overlap of stemmed content words; needs no model."""

    _CACHE_SIZE = 4096

    def __init__(self, idf: dict[str, float] | None = None) -> None:
        self._idf = idf or {}
        # Resume lines are compared with every requirement: tokenise each text once.
        self._bags: dict[str, _Bag] = {}

    def _weight(self, word: str) -> float:
        return self._idf.get(word, 1.0)

    def _bag(self, text: str) -> _Bag:
        bag = self._bags.get(text)
        if bag is None:
            if len(self._bags) >= self._CACHE_SIZE:
                self._bags.clear()
            bag = self._bags[text] = _Bag(text)
        return bag

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        """Share of the query's (weighted) content words that each candidate contains."""
        q = self._bag(query).stems
        if not q:
            return [0.0] * len(candidates)
        total = sum(self._weight(w) for w in q)
        out: list[float] = []
        names = self._bag(query).phrases()
        for cand in candidates:
            bag = self._bag(cand)
            shared = [w for w in q if bag.has(w) or w in bag.acronyms]
            for initials in bag.upper.intersection(names):
                # The line writes a phrase of the ask by its initials.
                shared += [w for w in names[initials] if w in q and w not in shared]
            hit = sum(self._weight(w) for w in shared)
            if not shared:
                out.append(0.0)
            elif len(shared) == len(q):
                # Every word of the query is there: "sourcing" (all that is left of "strong
                # sourcing skills") is fully shown by "sourced passive candidates".
                out.append(1.0)
            else:
                # Damp partial overlaps: one shared word out of two is weaker than it looks.
                out.append(hit / total * (1 - math.exp(-len(shared))))
        return out


_SPACE = fastre.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of white space to one space."""
    return _SPACE.sub(" ", text).strip()
