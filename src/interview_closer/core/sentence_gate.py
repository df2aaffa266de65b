"""The sentence gate: does a sentence state a skill or knowledge requirement at all?

A small logistic regression over sparse string features (words, word pairs, what the
tagger and the vocabulary found, the sentence's length and shape). The tagger alone marks
spans in many sentences that only describe the company or the benefits; the gate drops
those, which raises span and sentence precision. Weights are trained on SkillSpan train by
scripts/train_sentence_gate.py and shipped as JSON; scoring is pure Python.

The semantic variant adds the sentence's MiniLM embedding as dense features (its own weight
file); it needs the optional `semantic` extra and is only built on request.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from interview_closer.core.datacache import BucketTable, cached, pack_buckets
from interview_closer.core.tagger import (
    MODEL_DIR,
    core_word,
)
from interview_closer.errors import UsageError

LEXICAL_FILE = "sentence_gate.json"
SEMANTIC_FILE = "sentence_gate_semantic.json"
GATE_MODES = ("off", "lexical", "semantic")

TokSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GateInput:
    """What the gate sees of one sentence: its tokens and what the extractor found in it."""

    tokens: Sequence[str]
    spans: Sequence[TokSpan]  # final spans (tagger plus vocabulary fill)
    crf_spans: Sequence[TokSpan]  # the tagger's own spans
    vocab_kinds: Sequence[str]  # kind of every vocabulary mention ("tool", "soft", ...)
    text: str = ""  # the sentence text (the semantic gate embeds it)


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The label of the first edge n stays below ("<4"), or the last edge plus ("20+")."""
    for e in edges:
        if n < e:
            return f"<{e}"
    return f"{edges[-1]}+"


def gate_features(inp: GateInput) -> list[str]:
    """The sparse binary features of one sentence (deduplicated, order kept)."""
    words = [core_word(t) for t in inp.tokens]
    content = [w for w in words if any(ch.isalnum() for ch in w)]
    feats = ["bias", "len=" + _bucket(len(content), (2, 4, 7, 12, 20, 35))]
    feats.extend("w=" + w for w in content)
    feats.extend(f"b={a}|{b}" for a, b in itertools.pairwise(content))
    if content:
        feats.append("first=" + content[0])
        feats.append("last=" + content[-1])
    if inp.tokens:
        last = inp.tokens[-1]
        feats.append("end=" + (last if not any(ch.isalnum() for ch in last) else "word"))
    if ":" in inp.tokens:
        feats.append("colon")
    if inp.tokens and inp.tokens[0][:1] in "-•*·–":
        feats.append("bullet")
    feats.append("crf=" + _bucket(len(inp.crf_spans), (1, 2, 3, 5)))
    feats.append("spans=" + _bucket(len(inp.spans), (1, 2, 3, 5)))
    covered = sum(b - a for a, b in inp.spans)
    if words:
        feats.append("cover=" + _bucket(int(10 * covered / len(words)), (1, 3, 5, 8)))
    for a, b in inp.crf_spans:
        feats.append("slen=" + _bucket(b - a, (2, 3, 5, 8)))
        feats.extend("sw=" + w for w in words[a:b])
        if a > 0:
            feats.append("before=" + words[a - 1])
    feats.append("voc=" + _bucket(len(inp.vocab_kinds), (1, 2, 3, 5)))
    feats.extend("vk=" + k for k in inp.vocab_kinds)
    return list(dict.fromkeys(feats))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(slots=True)
class SentenceGate:
    """The lexical gate: a weight per feature, a bias and the decision threshold."""

    weights: Mapping[str, float]
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> SentenceGate:
        """Read a gate weight file written by scripts/train_sentence_gate.py."""
        weights, threshold, meta, _ = _read_gate(path)
        return cls(weights, threshold, meta)

    @classmethod
    def default(cls) -> SentenceGate:
        """The shipped lexical gate (loaded once)."""
        return _default_gate()

    def score(self, inp: GateInput) -> float:
        """The linear score (log-odds) of the sentence holding a requirement."""
        w = self.weights
        return sum(w.get(f, 0.0) for f in gate_features(inp))

    def probability(self, inp: GateInput) -> float:
        """Probability that the sentence holds a skill or knowledge requirement."""
        return _sigmoid(self.score(inp))

    def accepts(self, inp: GateInput) -> bool:
        """True when the sentence passes the gate (its spans are kept)."""
        return self.probability(inp) >= self.threshold


class SemanticSentenceGate(SentenceGate):
    """The gate with the sentence's MiniLM embedding as extra dense features."""

    def __init__(
        self,
        weights: Mapping[str, float],
        threshold: float,
        dense: Sequence[float],
        model: str | Path | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(weights, threshold, meta or {})
        self.dense = list(dense)
        self.model_choice = model
        self._embedder: Any = None  # the semantic module's EmbeddingSimilarity, made on use

    @classmethod
    def load_semantic(cls, path: Path, model: str | Path | None = None) -> SemanticSentenceGate:
        """Read a semantic gate weight file; the embedding model loads on first use."""
        weights, threshold, meta, raw = _read_gate(path)
        try:
            dense = [float(x) for x in raw["dense"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"sentence gate {path}: no dense weights ({exc})") from None
        return cls(weights, threshold, dense, model, meta)

    def _embeddings(self) -> Any:
        if self._embedder is None:
            from interview_closer.core.semantic import EmbeddingSimilarity

            # float32, as the dense weights were fitted; bfloat16 is the matcher's shortcut.
            self._embedder = EmbeddingSimilarity(self.model_choice, bf16=False)
        return self._embedder

    def clear_cache(self) -> None:
        """Forget every embedding (the benchmark measures speed on texts not seen before)."""
        if self._embedder is not None:
            self._embedder.clear_cache()

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed many sentences in one batch ahead of the calls that will need them."""
        self._embeddings().embed(texts)

    def embedding(self, text: str) -> Sequence[float]:
        """The unit-length embedding of a sentence (cached)."""
        vec: Sequence[float] = self._embeddings().embed([text])[0]
        return vec

    def score(self, inp: GateInput) -> float:
        """Lexical score plus the embedding's dot product with the dense weights."""
        vec = self.embedding(inp.text or " ".join(inp.tokens))
        return super().score(inp) + sum(
            float(a) * b for a, b in zip(vec, self.dense, strict=True)
        )


def _read_gate(path: Path) -> tuple[dict[str, float], float, dict[str, Any], dict[str, Any]]:
    """Weights, threshold and meta of a gate weight file, and the whole parsed file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in raw["weights"].items()}
        return weights, float(raw["threshold"]), dict(raw.get("meta", {})), raw
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(
            f"sentence gate {path}: unreadable ({exc}); retrain it with "
            "scripts/train_sentence_gate.py"
        ) from None


def gate_path(semantic: bool = False) -> Path:
    """Where a shipped gate weight file lives inside the installed package."""
    return MODEL_DIR / (SEMANTIC_FILE if semantic else LEXICAL_FILE)


# About two weights a part: the sample plan unpacks 454 parts, 7% of the weights.
_WEIGHT_PARTS = 8192


@lru_cache(maxsize=1)
def _default_gate() -> SentenceGate:
    path = gate_path()

    def parse() -> tuple[tuple[int, tuple[bytes, ...]], float, dict[str, Any]]:
        gate = SentenceGate.load(path)
        return pack_buckets(gate.weights, _WEIGHT_PARTS), gate.threshold, gate.meta

    # The parsed weights go through the marshal data cache: several times faster than JSON,
    # which matters for one-shot CLI runs; in parts, as a plan scores a few hundred of them.
    (size, parts), threshold, meta = cached("sentence_gate", [path], parse, version=1)
    return SentenceGate(BucketTable(size, parts), threshold, meta)


@lru_cache(maxsize=1)
def default_semantic_gate() -> SemanticSentenceGate:
    """The shipped semantic gate with the packaged embedding model (built once)."""
    return SemanticSentenceGate.load_semantic(gate_path(semantic=True))
