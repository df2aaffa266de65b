"""Rank ESCO skill labels for a sentence from the skill mentions extracted from it."""

from __future__ import annotations

import re
from collections.abc import Sequence

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
