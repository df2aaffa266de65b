"""Distil the semantic mode's two-adapter MiniLM tagger into a shallow, faster student.

Usage (from the repository root, with the semantic and train extras installed):
    python scripts/distil_neural_tagger.py [--layers N] [--epochs N] [--out PATH]

The teacher is the pair of adapters `scripts/train_neural_tagger.py` trains (six encoder
blocks each, read twice per sentence). The student keeps only the first --layers blocks of
the same all-MiniLM-L6-v2 encoder, with its own low-rank update and B/I/O head, and learns
to give each word the teacher's averaged label probabilities. Because a teacher can label
any text, the student reads more than SkillSpan train: the O*NET task statements too
(one sentence each, about 17,500 unique), which carry the duties and tools postings list.
On SkillSpan train sentences the target mixes the teacher's probabilities with the gold
label (--gold sets the gold share). Seeded throughout; dev is only measured.

Not shipped: with the defaults (2 blocks, rank 32, 8 epochs, 13 minutes on 2 cores) the
student, blended with the CRF as the product blends the adapters, read SkillSpan dev at
exact F1 0.509, overlap 0.808, sentence 0.841 and 403-518 sentences/s, against 0.558,
0.840, 0.870 and 190-310 for the two adapters it learnt from. Routing only the sentences
the student is unsure of to the adapters kept 0.557 exact F1 but ran at 130-154/s: too few
sentences were sure enough. The script stays so that the comparison can be repeated.
Data credit: SkillSpan (Zhang et al., NAACL 2022), MIT / CC BY 4.0; O*NET 29.2 Task
Statements, USDOL/ETA, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for extra in (REPO, REPO / "src"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from bench.data import SHARED, load_skillspan  # noqa: E402

from interview_closer.core import lora  # noqa: E402
from interview_closer.core import neural_tagger as nt  # noqa: E402
from interview_closer.core.extract import crf_tokens  # noqa: E402
from interview_closer.core.semantic import packaged_model_path  # noqa: E402
from scripts.train_neural_tagger import encode_words, fit, save_adapter, union_labels  # noqa: E402

TASKS = SHARED / "taxonomy" / "onet" / "Task Statements.txt"


def task_sentences() -> list[list[str]]:
    """The unique O*NET task statements, tokenised as the product tokenises postings."""
    if not TASKS.is_file():
        raise SystemExit(f"{TASKS} is missing (../shared is not here)")
    with TASKS.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        texts = dict.fromkeys(row["Task"].strip() for row in rows if row["Task"].strip())
    return [[t.text for t in crf_tokens(text)] for text in texts]


def teacher_targets(base: Path, sentences: list[list[str]]) -> list[list[list[float]]]:
    """Per word, the teacher adapters' averaged O/B/I probabilities (renormalised)."""
    teacher = nt.NeuralTagger(base, nt.ADAPTER_PATHS)
    out = []
    for rows in teacher.batch_logp(sentences):
        probs = [[math.exp(x) for x in row] for row in rows]
        out.append([[p / sum(row) for p in row] for row in probs])
    return out


def mix_gold(rows: list[list[float]], gold: list[int], share: float) -> list[list[float]]:
    """Each word's target: `share` of the gold label, the rest the teacher's probabilities."""
    return [[(1 - share) * p + (share if y == k else 0.0) for k, p in enumerate(row)]
            for row, y in zip(rows, gold, strict=True)]  # fmt: skip


def tensors(torch, items, chunk):
    """Padded ids, mask, target grid over pieces and a mask of the pieces that start words."""
    width = max(len(items[k][0]) for k in chunk)
    ids = torch.zeros((len(chunk), width), dtype=torch.long)
    mask = torch.zeros((len(chunk), width), dtype=torch.long)
    target = torch.zeros((len(chunk), width, len(nt.LABELS)))
    starts = torch.zeros((len(chunk), width), dtype=torch.bool)
    for r, k in enumerate(chunk):
        pid, firsts, rows = items[k]
        ids[r, : len(pid)] = torch.tensor(pid)
        mask[r, : len(pid)] = 1
        if firsts:
            target[r, firsts] = torch.tensor(rows)
            starts[r, firsts] = True
    return ids, mask, target, starts


def main(argv: list[str] | None = None) -> int:
    """Label with the teacher, train the student, save it (the docstring gives its dev figures)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--rank", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--gold", type=float, default=0.5, help="gold label's share of a target")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=0, help="first N sentences only (trials)")
    args = ap.parse_args(argv)

    import torch

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    base = packaged_model_path()
    train = load_skillspan("train")
    sentences = [s.tokens for s in train] + task_sentences()
    sentences = sentences[: args.limit or None]
    t0 = time.time()
    targets = teacher_targets(base, sentences)
    for k, s in enumerate(train[: len(sentences)]):
        targets[k] = mix_gold(targets[k], union_labels(s), args.gold)
    print(f"teacher labelled {len(sentences)} sentences in {time.time() - t0:.0f}s", flush=True)

    torch.set_num_threads(args.threads)
    alpha = 2.0 * args.rank
    encoder, tokenizer, head = lora.build_model(base, args.rank, alpha, len(nt.LABELS), args.layers)
    items = [encode_words(tokenizer, words, rows)
             for words, rows in zip(sentences, targets, strict=True)]  # fmt: skip

    def batch_loss(chunk):
        ids, mask, target, starts = tensors(torch, items, chunk)
        hidden = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        logp = torch.log_softmax(head(hidden), -1)
        return -(target * logp).sum(-1)[starts].mean()  # cross-entropy on soft targets

    fit(torch, encoder, head, items, batch_loss, args, rng)
    meta = {"rank": args.rank, "alpha": alpha, "epochs": args.epochs, "seed": args.seed,
            "labels": list(nt.LABELS), "layers": args.layers, "gold_share": args.gold,
            "data": "distilled from the two MiniLM adapters on SkillSpan train "
                    "(Zhang et al. 2022) and O*NET 29.2 Task Statements (CC BY 4.0)"}
    save_adapter(torch, encoder, head, args.out, meta)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
