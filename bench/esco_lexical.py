"""ESCO ranking without embeddings: exact label match plus IDF-weighted word overlap.

The word overlap compares the sentence and its extracted phrases with every ESCO
label, preferred and alternative (the alternatives are read from the ESCO skills CSV,
the file `closer vocab import esco` takes), through core.label_index.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.esco_rank import normalise_label
from interview_closer.core.label_index import LabelHit, LabelIndex
from interview_closer.core.models import SkillMention
from interview_closer.core.vocab_import import definition_start

# Words after which an alternative label cannot end ("manage staff of | music" is wrong).
_BINDING = frozenset("of and to for in with the a an on or from by at into as & -".split())


def split_alternatives(
    words: Sequence[str],
    first: Counter[str],
    last: Counter[str],
    keep: frozenset[str] = frozenset(),
) -> list[str]:
    """Cut a run of alternative labels into labels before each word that mostly starts one.

    `first` and `last` count how often a word starts and ends a preferred label: "manage"
    only starts labels, "work" ends many ("social work"), so only the first is a cut.
    Words of `keep` (the preferred label's own words after its first) are never cuts,
    and a one-word piece is never cut ("make | use of" would break "make use of").
    """
    out: list[list[str]] = []
    for w in words:
        starts = _starts_labels(w, first, last) and w.lower() not in keep
        if not out or (starts and len(out[-1]) > 1 and out[-1][-1].lower() not in _BINDING):
            out.append([w])
        else:
            out[-1].append(w)
    # A lone word that mostly starts labels is a verb cut from its object ("develop" before
    # a definition that begins "X-ray..."), not a label.
    return [" ".join(p) for p in out if len(p) > 1 or not _starts_labels(p[0], first, last)]


def _starts_labels(word: str, first: Counter[str], last: Counter[str]) -> bool:
    return first[word] >= 3 and first[word] >= 2 * last[word]


def load_esco_concepts(labels: Sequence[str], path: Path) -> list[list[str]]:
    """For each preferred label, [label, *alternative labels] read from an ESCO skills CSV.

    The simplified CSV runs preferred label, alternatives and definition together; the
    entry whose text starts with a label (case aside) is that label's, and the words up
    to the definition are its alternatives. A label without an entry keeps only itself.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r[1] for r in csv.reader(fh) if len(r) >= 2][1:]
    runs = [r.split() for r in rows]
    lower_words = {w for run in runs for w in run if w.islower()}
    first = Counter(lab.split()[0] for lab in labels if lab.split())
    last = Counter(lab.split()[-1] for lab in labels if lab.split())
    by_first: dict[str, list[int]] = {}
    for i, lab in enumerate(labels):
        by_first.setdefault(lab.split()[0].lower(), []).append(i)
    claims: dict[int, list[list[str]]] = {}
    for run in runs:
        text = " ".join(run).lower()
        owners = [
            i for i in by_first.get(run[0].lower(), [])
            if text == labels[i].lower() or text.startswith(labels[i].lower() + " ")
        ]
        if owners:
            claims.setdefault(max(owners, key=lambda i: len(labels[i])), []).append(run)
    concepts = [[lab] for lab in labels]
    for owner, found in claims.items():
        words = labels[owner].split()
        own = {w.lower() for w in words}
        cut_runs = [run[len(words) : definition_start(run, lower_words)] for run in found]
        # A few labels prefix another entry too ("attend to detail in preparation for
        # audits"). The label's own entry does not go on with "in"/"on"..., and its
        # alternatives restate the label, so its run repeats most of the label's words.
        alts = max(
            cut_runs,
            key=lambda run: (
                not run or run[0].lower() not in _BINDING,
                sum(w.lower() in own for w in run),
            ),
        )
        keep = frozenset(w.lower() for w in words[1:])
        concepts[owner].extend(split_alternatives(alts, first, last, keep))
    return concepts


# ALT_WEIGHT, SENTENCE_WEIGHT, SENTENCE_EVIDENCE and QUERY_EXPONENT were set before
# measuring and kept; the README lists the variants then tried on the ESCO-linked
# validation sets and what they read.
# Alternative labels count slightly below the preferred label on equal overlap.
ALT_WEIGHT = 0.9
# Labels matched against the whole sentence count below those matched to a phrase.
SENTENCE_WEIGHT = 0.8
# A label found in a long sentence by chance is likelier the less its words weigh, so its
# sentence evidence is scaled by 1 - exp(-weight found / SENTENCE_EVIDENCE). 5 is about
# the IDF of one word that a hundred of the 13,896 skills use.
SENTENCE_EVIDENCE = 5.0
# An extracted phrase equal to a label (after normalise_label) adds this on top: any
# exact match outranks every overlap, as EscoRanker's 101 points did.
EXACT_BONUS = 1.01
# A phrase's evidence is label cover x query cover ** this: a label wholly inside a
# longer phrase ("debug software" in "debug software issues") still scores well.
QUERY_EXPONENT = 0.5


def phrase_score(hit: LabelHit) -> float:
    """One label's evidence from one extracted phrase: mostly how much of the label it covers."""
    score = hit.label_cover * hit.query_cover**QUERY_EXPONENT
    return score if hit.preferred else score * ALT_WEIGHT


def sentence_score(hit: LabelHit) -> float:
    """One label's evidence from the whole sentence, discounted when its words weigh little."""
    found = hit.label_cover * hit.label_weight
    score = SENTENCE_WEIGHT * hit.label_cover * (1 - math.exp(-found / SENTENCE_EVIDENCE))
    return score if hit.preferred else score * ALT_WEIGHT


class LexicalEscoRanker:
    """Ranks ESCO labels by exact label match plus IDF-weighted stemmed word overlap.

    It replaces the rapidfuzz scan of EscoRanker: token_set_ratio gives a one-word phrase
    ("professional") full marks against every label containing it, where IDF weighting
    tells a rare word from a common one; it is also about five times quicker.
    """

    def __init__(self, labels: Sequence[str], concepts: Sequence[Sequence[str]]) -> None:
        self.labels = list(labels)
        self.exact: dict[str, int] = {}
        for i, lab in enumerate(self.labels):
            self.exact.setdefault(normalise_label(lab), i)
        self.index = LabelIndex(concepts)

    def rank(
        self,
        sentence: str,
        mentions: Sequence[SkillMention],
        k: int = 5,
        extra: Sequence[SkillMention] = (),
        extra_weight: float = 0.95,
    ) -> list[str]:
        """The top k labels: exact matches first, then by best word-overlap evidence.

        `extra` (the tagger's free-text spans) counts extra_weight times a vocabulary
        mention's evidence, as in EscoRanker; an exact match counts in full either way.
        """
        score: dict[int, float] = {}
        bonus: dict[int, float] = {}
        for group, weight in ((mentions, 1.0), (extra, extra_weight)):
            for m in group:
                for phrase in dict.fromkeys((m.name, m.surface)):
                    idx = self.exact.get(normalise_label(phrase))
                    if idx is not None:
                        bonus[idx] = EXACT_BONUS
                    for hit in self.index.lookup(phrase):
                        s = phrase_score(hit) * weight
                        if s > score.get(hit.concept, 0.0):
                            score[hit.concept] = s
        for hit in self.index.lookup(sentence):
            s = sentence_score(hit)
            if s > score.get(hit.concept, 0.0):
                score[hit.concept] = s
        pool = set(score) | set(bonus)
        ranked = sorted(pool, key=lambda i: (-(bonus.get(i, 0.0) + score.get(i, 0.0)), i))
        return [self.labels[i] for i in ranked[:k]]


def default_ranker() -> LexicalEscoRanker:
    """The ranker over ../shared's ESCO labels, with alternatives when its ESCO CSV is there."""
    from bench import data

    labels = data.load_esco_labels()
    taxonomy = data.SHARED / "taxonomy" / "esco" / "skills.csv"
    concepts = load_esco_concepts(labels, taxonomy) if taxonomy.exists() else [[x] for x in labels]
    return LexicalEscoRanker(labels, concepts)
