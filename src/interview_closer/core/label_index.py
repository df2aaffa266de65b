"""Map a phrase to the closest of many labelled concepts (e.g. imported ESCO skills).

Each concept has a preferred label and any number of alternative labels. A phrase is
compared with every label by the words they share after light stemming, each word
weighted by its inverse document frequency over all labels, so that a rare word
("phosphoproteomics") counts for far more than a common one ("manage"). No model is
needed and a lookup touches only the labels that share a word with the phrase.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from interview_closer.core.text import tokenize

# Words that never name a skill, in labels and in the texts looked up alike.
FUNCTION_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or our the their "
    "this to with within you your we will who can etc e.g i.e such other".split()
)
# Posting boilerplate around a skill ("strong knowledge of", "3+ years experience"):
# dropped from looked-up texts only, since labels use some of these words as their skill
# ("knowledge management", "own management skills" must not shrink to "management").
FILLER_WORDS = frozenset(
    "able ability strong experience experienced skill knowledge good excellent great solid "
    "proven demonstrated understanding related relevant similar least minimum year "
    "plus".split()
)

# Suffixes folded away, longest first, so "cooperating", "cooperation" and "cooperate"
# meet; a suffix is only removed when at least four letters stay.
_SUFFIXES = (
    "isations", "isation", "ational", "ations", "ation", "ating",
    "ative", "ively", "ments", "ities", "ising", "ised", "ment", "ness",
    "ings", "ence", "ance", "ency", "ancy", "ical", "ated", "ates", "ator", "ally", "ity",
    "ing", "ive", "ate", "ise", "is", "ent", "ant", "ial", "ers", "ed", "er", "or", "al",
    "ly", "ic", "e", "y",
)


def stem(word: str) -> str:
    """A light stem of a lowercase word: up to two suffixes and a final e dropped."""
    word = word.replace("yz", "ys").replace("iz", "is")  # one spelling: analyse, organise
    if word.endswith("s") and not word.endswith(("ss", "is", "us")) and len(word) > 4:
        word = word[:-1]
    # Two rounds, so "independently" -> "independent" -> "independ" meets "independence".
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        else:
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeioulsfz":
        word = word[:-1]  # "debugging" -> "debugg" -> "debug"
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def stems(text: str, filler: bool = True) -> list[str]:
    """The stems of a text's content words, in order (numbers like 3+ left out).

    Function words always go; FILLER_WORDS go too unless filler is False (for labels).
    """
    out: list[str] = []
    for tok in tokenize(text.replace("-", " ")):
        w = tok.norm
        if w in FUNCTION_WORDS or (filler and w in FILLER_WORDS):
            continue
        if not any(ch.isalpha() for ch in w):
            continue
        out.append(stem(w))
    return out


class LabelHit(NamedTuple):
    """How one label covers a query: shares of the label's and the query's weight found.

    A named tuple: a sentence's lookup makes thousands, and tuples are quick to create.
    """

    concept: int
    label_cover: float
    query_cover: float
    preferred: bool
    label_weight: float


class LabelIndex:
    """An inverted index from word stems to the labels of concepts, weighted by IDF."""

    def __init__(self, concepts: Sequence[Sequence[str]]) -> None:
        # Label i: its concept, its distinct stems, whether it is the concept's preferred one.
        self._concept: list[int] = []
        self._stems: list[frozenset[str]] = []
        self._preferred: list[bool] = []
        seen: set[tuple[int, frozenset[str]]] = set()
        for c, labels in enumerate(concepts):
            for j, label in enumerate(labels):
                key = (c, frozenset(stems(label, filler=False)))
                if not key[1] or key in seen:
                    continue
                seen.add(key)
                self._concept.append(c)
                self._stems.append(key[1])
                self._preferred.append(j == 0)
        self.concepts = len(concepts)
        postings: dict[str, list[int]] = {}
        for i, bag in enumerate(self._stems):
            for s in bag:
                postings.setdefault(s, []).append(i)
        # Document frequency over concepts, not labels: ten alternative labels of one
        # skill repeating a word do not make that word common.
        df = {s: len({self._concept[i] for i in ids}) for s, ids in postings.items()}
        self._idf = {s: math.log(1 + self.concepts / n) for s, n in df.items()}
        self._unseen_idf = math.log(1 + self.concepts)
        self._postings = postings
        self._weight = [sum(self._idf[s] for s in bag) for bag in self._stems]

    def idf(self, word_stem: str) -> float:
        """The weight of a stem; a stem no label uses weighs as much as the rarest."""
        return self._idf.get(word_stem, self._unseen_idf)

    def lookup(self, text: str) -> list[LabelHit]:
        """Every label sharing a stem with the text, with how much of each side is covered."""
        query = set(stems(text))
        return self.lookup_stems(query)

    def lookup_stems(self, query: Iterable[str]) -> list[LabelHit]:
        """As lookup, for stems already computed."""
        query = set(query)
        total = sum(self.idf(s) for s in query)
        if not total:
            return []
        shared: dict[int, float] = {}
        for s in query:
            w = self._idf.get(s)
            if w is None:
                continue
            for i in self._postings[s]:
                shared[i] = shared.get(i, 0.0) + w
        return [
            LabelHit(
                self._concept[i], hit / self._weight[i], hit / total, self._preferred[i],
                self._weight[i],
            )
            for i, hit in shared.items()
        ]
