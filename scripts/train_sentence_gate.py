"""Train the sentence gate (lexical, and with --semantic the embedding variant) on SkillSpan train.

Usage (from the repository root): python scripts/train_sentence_gate.py [--semantic] [--cache DIR]

Only SkillSpan *train* is read. The gate's features include what the CRF tagger found, and
the shipped tagger has seen every train sentence, so its spans there are too good; the script
therefore cross-fits: it trains a CRF on all but one of K folds (the shipped tagger's
settings and word clusters) and tags the held-out fold, giving every train sentence the
spans an unseen-data tagger would give. A logistic regression (L2, Newton-CG in numpy) is
then fitted on those sentences; its L2 strength and decision threshold are chosen by a second
cross-validation on train, maximising the sentence-level F1 of the gated extractor.
Everything is deterministic: folds by index, fixed settings, no random numbers.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for extra in (REPO, REPO / "src"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import numpy as np  # noqa: E402
from bench.data import SpanSentence, load_skillspan  # noqa: E402
from bench.metrics import SpanScores, gold_union  # noqa: E402

from interview_closer.core.extract import SkillExtractor, builtin_vocabulary  # noqa: E402
from interview_closer.core.sentence_gate import GateInput, gate_features, gate_path  # noqa: E402
from interview_closer.core.tagger import CrfTagger, clusters_path, read_clusters  # noqa: E402

CRF_FOLDS = 4
CV_FOLDS = 5
LAMBDAS = (1.0, 3.0, 10.0, 30.0)
MIN_FREQ = 2
DENSE_SCALE = 10.0  # unit embeddings have tiny components; scaled so one L2 suits both parts

Analysed = tuple[list[tuple[int, int]], GateInput]


def cross_fitted(sents: list[SpanSentence], cache: Path | None) -> list[Analysed]:
    """Every sentence's spans and gate input from a CRF that did not see it (K folds)."""
    if cache and (cache / "oof.pkl").is_file():
        return pickle.loads((cache / "oof.pkl").read_bytes())
    from scripts.train_tagger import DEFAULTS, train

    clusters = read_clusters(clusters_path())
    vocab = builtin_vocabulary()
    out: list[Analysed | None] = [None] * len(sents)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(CRF_FOLDS):
            t0 = time.perf_counter()
            rest = [s for i, s in enumerate(sents) if i % CRF_FOLDS != k]
            model = Path(tmp) / f"fold{k}.crfsuite"
            train(rest, model, DEFAULTS, "skill", clusters)
            ex = SkillExtractor(vocab, CrfTagger(model, clusters))
            for i in range(k, len(sents), CRF_FOLDS):
                out[i] = ex.analyse_tokens(sents[i].tokens)
            print(f"crf fold {k}: {time.perf_counter() - t0:.0f}s", flush=True)
    done = [a for a in out if a is not None]
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "oof.pkl").write_bytes(pickle.dumps(done))
    return done


def embeddings(sents: list[SpanSentence], cache: Path | None) -> Any:
    """Unit MiniLM embeddings of the train sentences (joined tokens, as the extractor sees them)."""
    if cache and (cache / "emb.npy").is_file():
        return np.load(cache / "emb.npy")
    from interview_closer.core.semantic import _load, resolve_model

    model = _load(resolve_model(None))
    emb = model.encode(
        [" ".join(s.tokens) for s in sents], batch_size=64, normalize_embeddings=True,
        show_progress_bar=False, convert_to_numpy=True,
    ).astype(np.float64)
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / "emb.npy", emb)
    return emb


class Design:
    """A sparse binary matrix (CSR index arrays) with optional dense columns."""

    def __init__(self, rows: list[list[int]], n_sparse: int, dense: Any = None) -> None:
        self.n = len(rows)
        self.n_sparse = n_sparse
        self.indptr = np.cumsum([0] + [len(r) for r in rows])
        self.indices = np.array([j for r in rows for j in r], dtype=np.int64)
        self.row_of = np.repeat(np.arange(self.n), np.diff(self.indptr))
        self.dense = dense
        self.dim = n_sparse + (0 if dense is None else dense.shape[1])

    def subset(self, idx: Any) -> Design:
        """The rows idx (in that order)."""
        rows = [self.indices[self.indptr[i] : self.indptr[i + 1]].tolist() for i in idx]
        return Design(rows, self.n_sparse, None if self.dense is None else self.dense[idx])

    def dot(self, w: Any) -> Any:
        """X @ w."""
        z = np.bincount(self.row_of, weights=w[self.indices], minlength=self.n)
        if self.dense is not None:
            z = z + self.dense @ w[self.n_sparse :]
        return z

    def tdot(self, r: Any) -> Any:
        """X.T @ r."""
        g = np.bincount(self.indices, weights=r[self.row_of], minlength=self.n_sparse)
        if self.dense is not None:
            g = np.concatenate([g, self.dense.T @ r])
        return g


def fit(x: Design, y: Any, lam: float, newton_steps: int = 15) -> Any:
    """L2-regularised logistic regression by Newton-CG (bias = feature 0, not penalised)."""
    w = np.zeros(x.dim)
    pen = np.full(x.dim, lam)
    pen[0] = 1e-6
    for _ in range(newton_steps):
        p = 1.0 / (1.0 + np.exp(-x.dot(w)))
        grad = x.tdot(p - y) + pen * w
        if np.linalg.norm(grad) < 1e-6:
            break
        d = p * (1.0 - p)
        step = _cg(lambda v, d=d: x.tdot(d * x.dot(v)) + pen * v, -grad)
        w = w + step
    return w


def _cg(hess: Any, b: Any, iters: int = 50) -> Any:
    """Solve hess(v) = b approximately by conjugate gradients."""
    v = np.zeros_like(b)
    r = b.copy()
    p = r.copy()
    rs = r @ r
    for _ in range(iters):
        hp = hess(p)
        alpha = rs / (p @ hp)
        v += alpha * p
        r -= alpha * hp
        new = r @ r
        if new < 1e-10 * (b @ b):
            break
        p = r + (new / rs) * p
        rs = new
    return v


def gated_scores(
    analysed: list[Analysed], golds: list[set[tuple[int, int]]], probs: Any, thr: float
) -> SpanScores:
    """Scores of the extractor whose spans are dropped where the gate's probability < thr."""
    sc = SpanScores.new()
    for (spans, _), gold, p in zip(analysed, golds, probs, strict=True):
        sc.add(spans if p >= thr else [], gold)
    return sc


def choose(
    x: Design, y: Any, analysed: list[Analysed], golds: list[set[tuple[int, int]]]
) -> tuple[float, float]:
    """(lambda, threshold) maximising out-of-fold sentence F1 of the gated extractor."""
    best = (-1.0, LAMBDAS[0], 0.5)
    for lam in LAMBDAS:
        oof = np.zeros(x.n)
        for k in range(CV_FOLDS):
            held = np.arange(k, x.n, CV_FOLDS)
            rest = np.array([i for i in range(x.n) if i % CV_FOLDS != k])
            w = fit(x.subset(rest), y[rest], lam)
            oof[held] = 1.0 / (1.0 + np.exp(-x.subset(held).dot(w)))
        for thr in np.arange(0.05, 0.951, 0.01):
            sc = gated_scores(analysed, golds, oof, float(thr))
            if sc.sentence.f1 > best[0]:
                best = (sc.sentence.f1, lam, float(thr))
        sc = gated_scores(analysed, golds, oof, best[2])
        print(f"lambda {lam:5.1f}: best so far sentence F1 {best[0]:.3f} at {best[2]:.2f}"
              f" (lambda {best[1]}); this lambda at that threshold exact F1 {sc.exact.f1:.3f}")
    return best[1], best[2]


def write(path: Path, names: list[str], w: Any, thr: float, meta: dict[str, Any]) -> None:
    """Write the gate weights (rounded; near-zero weights dropped) as JSON."""
    weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=False) if abs(v) >= 1e-3}
    payload: dict[str, Any] = {"threshold": round(thr, 4), "meta": meta, "weights": weights}
    if len(w) > len(names):
        payload["dense"] = [round(float(v) * DENSE_SCALE, 5) for v in w[len(names) :]]
    path.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} KB, {len(weights)} weights)")


def main(argv: list[str] | None = None) -> int:
    """Cross-fit the tagger, choose settings by cross-validation, fit and write the gate."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--semantic", action="store_true", help="also train the embedding variant")
    ap.add_argument("--cache", type=Path, default=None, help="keep the slow steps' results here")
    ap.add_argument("--out-dir", type=Path, default=None, help="default: the package's model dir")
    args = ap.parse_args(argv)
    sents = load_skillspan("train")
    analysed = cross_fitted(sents, args.cache)
    golds = [gold_union(s.tags_skill, s.tags_knowledge) for s in sents]
    y = np.array([1.0 if g else 0.0 for g in golds])
    feats = [gate_features(inp) for _, inp in analysed]
    counts = Counter(f for fs in feats for f in fs)
    names = ["bias", *sorted(f for f, c in counts.items() if c >= MIN_FREQ and f != "bias")]
    index = {n: i for i, n in enumerate(names)}
    rows = [[index[f] for f in fs if f in index] for fs in feats]
    base = gated_scores(analysed, golds, np.ones(len(y)), 0.0)
    print(f"train (cross-fitted tagger) ungated: sentence F1 {base.sentence.f1:.3f} "
          f"exact F1 {base.exact.f1:.3f}; {len(names)} features")
    variants = [("lexical", None)]
    if args.semantic:
        variants.append(("semantic", embeddings(sents, args.cache) * DENSE_SCALE))
    out_dir = args.out_dir or gate_path().parent
    for _name, dense in variants:
        x = Design(rows, len(names), dense)
        lam, thr = choose(x, y, analysed, golds)
        w = fit(x, y, lam)
        meta = {"lambda": lam, "trained_on": "SkillSpan train", "crf_folds": CRF_FOLDS,
                "cv_folds": CV_FOLDS, "min_freq": MIN_FREQ}
        file = "sentence_gate.json" if dense is None else "sentence_gate_semantic.json"
        write(out_dir / file, names, w, thr, meta)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
