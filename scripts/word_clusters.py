"""Word clusters for the tagger, learned from openly licensed text in ../shared.

A word's left and right neighbours are counted over a corpus (SkillSpan train sentences,
ESCO skill and occupation texts, O*NET task statements, occupation descriptions and
technology names), weighted by positive PMI, reduced with a seeded randomised SVD and
grouped with k-means at three sizes. Each word gets a code such as "a17|b143|c881" (its
cluster at each size) that the tagger uses as features, so words never seen in SkillSpan
still share weights with similar words. Deterministic: fixed seeds, sorted vocabularies.

Needs numpy (the `train` extra); the product itself only reads the resulting TSV.
Data credit: ESCO (© European Union, CC BY 4.0), O*NET 29.2 (USDOL/ETA, CC BY 4.0),
SkillSpan (MIT / CC BY 4.0).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SIZES = (48, 256, 1024)
MIN_COUNT = 4
MAX_WORDS = 24000
CONTEXT_WORDS = 1200
DIMS = 96


def corpus_lines() -> Iterator[str]:
    """Every text of the clustering corpus, one sentence or field at a time."""
    import json

    with (SHARED / "eval" / "skillspan" / "train.json").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield " ".join(json.loads(line)["tokens"])
    csv.field_size_limit(10**7)
    for name in ("skills.csv", "occupations.csv"):
        with (SHARED / "taxonomy" / "esco" / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) >= 2:
                    yield row[1]
    onet = SHARED / "taxonomy" / "onet"
    for name, column in (
        ("Task Statements.txt", "Task"),
        ("Occupation Data.txt", "Description"),
        ("Technology Skills.txt", "Example"),
        ("Alternate Titles.txt", "Alternate Title"),
    ):
        with (onet / name).open(encoding="utf-8", errors="replace") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            col = header.index(column)
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) > col:
                    yield cols[col]


def build_clusters(seed: int = 7) -> dict[str, str]:
    """word -> cluster code, learned from the corpus."""
    import numpy as np

    from interview_closer.core.extract import crf_tokens
    from interview_closer.core.tagger import core_word

    sents = [[core_word(t.text) for t in crf_tokens(line)] for line in corpus_lines()]
    counts = Counter(w for s in sents for w in s)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    words = [w for w, c in ranked if c >= MIN_COUNT and w.strip()][:MAX_WORDS]
    index = {w: i for i, w in enumerate(words)}
    ctx = {w: i for i, w in enumerate(words[:CONTEXT_WORDS])}
    n_ctx = len(ctx)
    mat = np.zeros((len(words), 4 * n_ctx), dtype=np.float32)
    # Four blocks: the word two to the left, one to the left, one right, two right.
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        cids = [ctx.get(w, -1) for w in s]
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for block, d in enumerate((-2, -1, 1, 2)):
                j = i + d
                if 0 <= j < len(s) and cids[j] >= 0:
                    mat[wi, block * n_ctx + cids[j]] += 1.0
    total = mat.sum()
    row = mat.sum(axis=1, keepdims=True) + 1e-9
    col = mat.sum(axis=0, keepdims=True) + 1e-9
    with np.errstate(divide="ignore"):
        pmi = np.log(mat * total / (row * col))
    ppmi = np.where(mat > 0, np.maximum(pmi, 0.0), 0.0).astype(np.float32)
    rng = np.random.default_rng(seed)
    # Randomised SVD: project, orthonormalise, then an exact SVD of the small matrix.
    q, _ = np.linalg.qr(ppmi @ rng.standard_normal((ppmi.shape[1], DIMS + 20)).astype(np.float32))
    q, _ = np.linalg.qr(ppmi @ (ppmi.T @ q))
    u, sv, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    emb = (q @ u[:, :DIMS]) * np.sqrt(sv[:DIMS])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    codes = [""] * len(words)
    for letter, k in zip("abc", SIZES, strict=True):
        labels = _kmeans(emb, k, rng)
        codes = [
            f"{c}|{letter}{lab}" if c else f"{letter}{lab}"
            for c, lab in zip(codes, labels, strict=True)
        ]
    return dict(zip(words, codes, strict=True))


def _kmeans(x: object, k: int, rng: object, iterations: int = 15) -> list[int]:
    import numpy as np

    data = np.asarray(x)
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(0)
    centres = data[gen.choice(len(data), size=k, replace=False)].copy()
    labels = np.zeros(len(data), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(data @ centres.T, axis=1)  # unit vectors: cosine k-means
        for c in range(k):
            members = data[labels == c]
            if len(members):
                v = members.sum(axis=0)
                centres[c] = v / (np.linalg.norm(v) + 1e-9)
    return [int(v) for v in labels]


if __name__ == "__main__":
    for extra in (REPO, REPO / "src"):
        sys.path.insert(0, str(extra))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/clusters.tsv")
    found = build_clusters()
    target.write_text("".join(f"{w}\t{c}\n" for w, c in sorted(found.items())), encoding="utf-8")
    print(f"{len(found)} words -> {target}")
