"""Rank ESCO skill labels for a sentence from the skill mentions extracted from it."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from interview_closer.core.models import SkillMention

_PAREN = re.compile(r"\s*\([^)]*\)")
_NON_WORD = re.compile(r"[^\w+#]+")


def normalise_label(label: str) -> str:
    """Lowercase, drop parenthesised qualifiers ("Java (computer programming)" -> "java")."""
    return " ".join(_NON_WORD.sub(" ", _PAREN.sub("", label).lower()).split())


class EscoRanker:
    """Maps mentions to ESCO labels by normalised string similarity (rapidfuzz).

    The scorer is token_set_ratio: a label whose words all occur in a longer mention
    ("Java" in "develop Java services") scores full marks. On the validation sets it ranked
    better than token_sort_ratio, WRatio and plain ratio for both baseline and product.
    """

    def __init__(self, labels: Sequence[str], min_score: float = 60.0) -> None:
        self.labels = list(labels)
        self.norm = [normalise_label(lab) for lab in self.labels]
        self.exact: dict[str, int] = {}
        for i, n in enumerate(self.norm):
            self.exact.setdefault(n, i)
        self.min_score = min_score

    def candidates(self, phrase: str, limit: int = 5) -> list[tuple[float, int]]:
        """(score, label index) pairs for one phrase, best first."""
        from rapidfuzz import fuzz, process

        q = normalise_label(phrase)
        if not q:
            return []
        if q in self.exact:
            return [(101.0, self.exact[q])]
        hits = process.extract(
            q, self.norm, scorer=fuzz.token_set_ratio, limit=limit, score_cutoff=self.min_score
        )
        return [(float(score), idx) for _, score, idx in hits]

    def rank(
        self,
        mentions: Sequence[SkillMention],
        k: int = 5,
        extra: Sequence[SkillMention] = (),
        extra_weight: float = 0.95,
    ) -> list[str]:
        """The top k labels for a sentence: each label scored by its best-matching mention.

        `extra` mentions (the tagger's free-text spans) count with their fuzzy scores scaled
        by extra_weight, so a vocabulary skill wins a near tie against a loose phrase match;
        an exact label match counts in full either way.
        """
        best: dict[int, tuple[float, int, int]] = {}
        for group, (found, weight) in enumerate(((mentions, 1.0), (extra, extra_weight))):
            for order, m in enumerate(found):
                for phrase in dict.fromkeys((m.name, m.surface)):
                    for score, idx in self.candidates(phrase, limit=k):
                        scaled = score if score > 100 else score * weight
                        # Higher score first; among equals, the earlier group and mention.
                        key = (scaled, -group, -order)
                        if idx not in best or key > best[idx]:
                            best[idx] = key
        ranked = sorted(best, key=lambda i: best[i], reverse=True)
        return [self.labels[i] for i in ranked[:k]]


# How much the embedding similarity counts beside the fuzzy score (both on a 0..1 scale).
# The one tuned setting: tried 0.5, 1 and 2 on the ESCO-linked validation sets (R-P@5 TECH
# 0.593/0.624/0.680, HOUSE 0.445/0.455/0.546) and 2 kept; nothing else was tuned on them.
SEMANTIC_WEIGHT = 2.0
# Labels closest to the sentence by embedding that join the fuzzy candidates.
SEMANTIC_POOL = 20


def label_cache_dir() -> Path:
    """Where label embeddings are kept between bench runs (a temp folder, never the repo)."""
    return Path(tempfile.gettempdir()) / "interview-closer-bench"


class SemanticEscoRanker:
    """The fuzzy ranking plus MiniLM similarity between the sentence (and its spans) and labels.

    A label's score is its fuzzy score scaled to 0..1 (0 when the fuzzy matcher did not
    propose it) plus `weight` times its best cosine similarity with the sentence or any
    extracted phrase. Candidates: the fuzzy ones and the labels closest to the sentence.
    """

    def __init__(
        self,
        fuzzy: EscoRanker,
        encode: Callable[[list[str]], Any],
        weight: float = SEMANTIC_WEIGHT,
        cache_dir: Path | None = None,
    ) -> None:
        import numpy as np

        self.fuzzy = fuzzy
        self.encode = encode
        self.weight = weight
        key = hashlib.sha256("\n".join(fuzzy.labels).encode()).hexdigest()[:16]
        cache = (cache_dir or label_cache_dir()) / f"esco-labels-{key}.npy"
        try:
            self.matrix = np.load(cache)
        except (OSError, ValueError):
            self.matrix = np.asarray(encode(fuzzy.labels), dtype=np.float32)
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                np.save(cache, self.matrix)
            except OSError:
                pass  # no writable temp folder: embed again next run

    def rank(
        self,
        sentence: str,
        mentions: Sequence[SkillMention],
        k: int = 5,
        extra: Sequence[SkillMention] = (),
        extra_weight: float = 0.95,
    ) -> list[str]:
        """The top k labels for a sentence by fuzzy score plus weighted embedding similarity."""
        import numpy as np

        fuzzy: dict[int, float] = {}
        for group, weight in ((mentions, 1.0), (extra, extra_weight)):
            for m in group:
                for phrase in dict.fromkeys((m.name, m.surface)):
                    for score, idx in self.fuzzy.candidates(phrase, limit=k):
                        scaled = (score if score > 100 else score * weight) / 100.0
                        fuzzy[idx] = max(fuzzy.get(idx, 0.0), scaled)
        phrases = list(dict.fromkeys([sentence] + [m.surface for m in (*mentions, *extra)]))
        vecs = np.asarray(self.encode(phrases), dtype=np.float32)
        sims = (vecs @ self.matrix.T).max(axis=0)
        pool = set(fuzzy) | {int(i) for i in np.argsort(-sims[: len(sims)])[:SEMANTIC_POOL]}
        scored = sorted(pool, key=lambda i: (-(fuzzy.get(i, 0.0) + self.weight * sims[i]), i))
        return [self.fuzzy.labels[i] for i in scored[:k]]
