"""Span and sentence metrics for BIO tagging (SkillSpan) and label ranking (ESCO-linked)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """Token spans (start, end exclusive) of a BIO sequence; a stray I starts a span."""
    spans: list[Span] = []
    start: int | None = None
    for i, tag in enumerate(tags):
        if tag == "B" or (tag == "I" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif tag == "O" and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(tags)))
    return spans


def gold_union(tags_skill: Sequence[str], tags_knowledge: Sequence[str]) -> set[Span]:
    """Gold spans of both SkillSpan layers together (a span in both layers counts once)."""
    return set(bio_spans(tags_skill)) | set(bio_spans(tags_knowledge))


@dataclass(slots=True)
class PRF:
    """Counts for precision, recall and F1 (precision and recall may count differently)."""

    tp_p: int = 0  # predictions judged correct
    n_p: int = 0  # predictions
    tp_r: int = 0  # gold items found
    n_g: int = 0  # gold items

    def add(self, tp_p: int, n_p: int, tp_r: int, n_g: int) -> None:
        """Add one sentence's counts."""
        self.tp_p += tp_p
        self.n_p += n_p
        self.tp_r += tp_r
        self.n_g += n_g

    @property
    def p(self) -> float:
        """Precision."""
        return self.tp_p / self.n_p if self.n_p else 0.0

    @property
    def r(self) -> float:
        """Recall."""
        return self.tp_r / self.n_g if self.n_g else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(slots=True)
class SpanScores:
    """Exact-span, overlap-span and sentence-level scores over a data set."""

    exact: PRF
    overlap: PRF
    sentence: PRF

    @classmethod
    def new(cls) -> SpanScores:
        """Empty counters."""
        return cls(PRF(), PRF(), PRF())

    def add(self, pred: Iterable[Span], gold: Iterable[Span]) -> None:
        """Score one sentence's predicted spans against its gold spans."""
        p, g = set(pred), set(gold)
        hit = len(p & g)
        self.exact.add(hit, len(p), hit, len(g))
        # Loose match: a prediction is right if it shares a token with some gold span,
        # and a gold span is found if some prediction shares a token with it.
        p_ok = sum(1 for a in p if any(_overlaps(a, b) for b in g))
        g_ok = sum(1 for b in g if any(_overlaps(a, b) for a in p))
        self.overlap.add(p_ok, len(p), g_ok, len(g))
        both = int(bool(p) and bool(g))
        self.sentence.add(both, int(bool(p)), both, int(bool(g)))


@dataclass(slots=True)
class RankScores:
    """R-Precision@k and the share of gold labels found among the top k, over sentences."""

    k: int = 5
    rp_sum: float = 0.0
    sentences: int = 0
    found: int = 0
    gold: int = 0

    def add(self, ranked: Sequence[str], gold: set[str]) -> None:
        """Score one sentence's ranked labels; sentences without gold labels are skipped."""
        if not gold:
            return
        hits = len(gold & set(ranked[: self.k]))
        self.rp_sum += hits / min(self.k, len(gold))
        self.sentences += 1
        self.found += hits
        self.gold += len(gold)

    @property
    def rp(self) -> float:
        """Mean R-Precision@k."""
        return self.rp_sum / self.sentences if self.sentences else 0.0

    @property
    def share(self) -> float:
        """Share of all gold labels that appear in their sentence's top k."""
        return self.found / self.gold if self.gold else 0.0
