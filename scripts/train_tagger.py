"""Train the skill/knowledge CRF tagger on SkillSpan train and print its dev scores.

Usage (from the repository root): python scripts/train_tagger.py [--out PATH] [--c1 X] ...

The two SkillSpan layers (skill, knowledge) are merged into one typed layer: where they
overlap (almost always a knowledge span inside a longer skill span) the skill span is kept,
because the product wants whole requirement phrases ("develop Java services"), and the
inner span is dropped. Labels keep the type (B-SKILL, I-KNOW...) so the model can learn
the two different phrase patterns; the tagger collapses them to plain B/I/O.

Training is deterministic: L-BFGS with fixed parameters, sentences in file order.
Data credit: SkillSpan (Zhang et al., NAACL 2022), MIT / CC BY 4.0.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for extra in (REPO, REPO / "src"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from bench.data import SpanSentence, load_skillspan  # noqa: E402
from bench.metrics import SpanScores, bio_spans, gold_union  # noqa: E402

from interview_closer.core.extract import (  # noqa: E402
    SkillExtractor,
    builtin_vocabulary,
    vocab_bio,
)
from interview_closer.core.tagger import (  # noqa: E402
    CrfTagger,
    clusters_path,
    model_path,
    read_clusters,
    sentence_features,
)

DEFAULTS = {"c1": 0.01, "c2": 0.1, "minfreq": 2.0, "iterations": 500}


def merged_labels(sent: SpanSentence, prefer: str = "skill") -> list[str]:
    """One typed BIO layer from the two SkillSpan layers (the preferred layer wins overlaps)."""
    layers = {"SKILL": bio_spans(sent.tags_skill), "KNOW": bio_spans(sent.tags_knowledge)}
    order = ["SKILL", "KNOW"] if prefer == "skill" else ["KNOW", "SKILL"]
    labels = ["O"] * len(sent.tokens)
    for kind in order:
        for a, b in layers[kind]:
            if any(labels[k] != "O" for k in range(a, b)):
                continue
            labels[a] = "B-" + kind
            for k in range(a + 1, b):
                labels[k] = "I-" + kind
    return labels


def train(
    sents: list[SpanSentence],
    out: Path,
    params: dict[str, float],
    prefer: str,
    clusters: dict[str, str] | None = None,
) -> None:
    """Fit the CRF on the sentences and write the model file."""
    import pycrfsuite

    vocab = builtin_vocabulary()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for s in sents:
        feats = sentence_features(s.tokens, vocab_bio(vocab, s.tokens), clusters)
        trainer.append(feats, merged_labels(s, prefer))
    trainer.set_params(
        {
            "c1": params["c1"],
            "c2": params["c2"],
            "max_iterations": int(params["iterations"]),
            "feature.minfreq": params["minfreq"],
            "feature.possible_transitions": True,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def evaluate(
    model: Path,
    sents: list[SpanSentence],
    use_vocab: bool = True,
    clusters: dict[str, str] | None = None,
) -> SpanScores:
    """Exact/overlap/sentence scores of the tagger (merged with the vocabulary) on sentences."""
    extractor = SkillExtractor(builtin_vocabulary(), CrfTagger(model, clusters))
    scores = SpanScores.new()
    for s in sents:
        if use_vocab:
            pred = extractor.tag_tokens(s.tokens)
        else:
            assert extractor.tagger is not None
            pred = extractor.tagger.tag(s.tokens, vocab_bio(extractor.feature_vocab, s.tokens))
        scores.add(bio_spans(pred), gold_union(s.tags_skill, s.tags_knowledge))
    return scores


def load_or_build_clusters(choice: str, target: Path) -> dict[str, str]:
    """Word clusters per --clusters; a built set is written to target beside the model."""
    if choice == "none":
        if target.exists():
            target.unlink()  # a stale file would feed the product features the model never saw
        return {}
    if choice != "build":
        clusters = read_clusters(Path(choice))
    else:
        from scripts.word_clusters import build_clusters

        clusters = build_clusters()
    if Path(choice).resolve() != target.resolve():
        write_clusters(target, clusters)
    print(f"word clusters: {len(clusters)} words -> {target}")
    return clusters


def write_clusters(path: Path, clusters: dict[str, str]) -> None:
    """Write word<TAB>code lines sorted by word (atomically)."""
    lines = [f"{w}\t{c}" for w, c in sorted(clusters.items()) if w.strip() and "\t" not in w]
    tmp = path.with_suffix(".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate on dev, write the model."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="model file (default: the shipped one)")
    ap.add_argument("--prefer", choices=("skill", "knowledge"), default="skill")
    for name, value in DEFAULTS.items():
        ap.add_argument(f"--{name}", type=float, default=value)
    ap.add_argument("--no-dev", action="store_true", help="skip the dev evaluation")
    ap.add_argument(
        "--clusters",
        default="build",
        help="'build' (learn word clusters, needs numpy), 'none', or a clusters TSV to reuse",
    )
    args = ap.parse_args(argv)
    params = {name: getattr(args, name) for name in DEFAULTS}
    out = args.out or model_path()
    t0 = time.perf_counter()
    clusters = load_or_build_clusters(args.clusters, out.parent / clusters_path().name)
    with tempfile.TemporaryDirectory() as tmp:
        # Train into a temporary file so a failed run never leaves a half-written model.
        tmp_model = Path(tmp) / "model.crfsuite"
        train(load_skillspan("train"), tmp_model, params, args.prefer, clusters)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(tmp_model.read_bytes())
    size = out.stat().st_size
    print(f"model {out} ({size / 1e6:.2f} MB) trained in {time.perf_counter() - t0:.0f}s {params}")
    if not args.no_dev:
        dev = load_skillspan("dev")
        for label, use_vocab in (("crf only", False), ("crf+vocab", True)):
            sc = evaluate(out, dev, use_vocab, clusters)
            print(
                f"dev {label:10s} exact P/R/F1 {sc.exact.p:.3f}/{sc.exact.r:.3f}/{sc.exact.f1:.3f}"
                f"  overlap F1 {sc.overlap.f1:.3f}  sentence F1 {sc.sentence.f1:.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
