"""Skill and knowledge mention extraction: the trained CRF tagger merged with the vocabulary.

The tagger was trained on SkillSpan, whose tokens keep punctuation but whose commas were
removed, so text is tokenised the same way here: punctuation marks are tokens, commas are
dropped from the tagger's input and instead end any span that runs across them.

A sentence gate (core/sentence_gate.py) then drops every span of a sentence that does not
state a requirement at all. Measured on SkillSpan dev: sentence F1 0.780 -> 0.796, exact
F1 0.441 -> 0.445, overlap F1 0.722 -> 0.731; `SkillExtractor.default(gate="off")` is the
ungated extractor, gate="semantic" the embedding variant (sentence F1 0.802).

In the semantic mode `tagger="neural"` puts the adapted MiniLM encoders of
core/neural_tagger.py in front, their label probabilities blended with the CRF's; it reads
best ungated (gate="off": exact F1 0.558, overlap 0.837, sentence 0.870 on SkillSpan dev).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol

from interview_closer.core import fastre
from interview_closer.core.models import SkillMention
from interview_closer.core.sentence_gate import (
    GATE_MODES,
    GateInput,
    SentenceGate,
    default_semantic_gate,
)
from interview_closer.core.tagger import CrfTagger
from interview_closer.core.text import split_sentences
from interview_closer.core.vocab import (
    DATA_DIR,
    Vocabulary,
    builtin_vocab_files,
    user_vocab_dir,
)
from interview_closer.errors import UsageError

# A word (with inner . / - + # ' & as in node.js, CI/CD, C++), a leading-dot word (.NET),
# or any single other non-space character except the comma.
_TOKEN_RE = fastre.compile(r"(?<![\w.])\.\w+|\w(?:[\w+#'’&./-]*[\w+#])?[+#]*|[^\w\s,]")
_PUNCT_ONLY = fastre.compile(r"^[^\w#+]+$")

TokSpan = tuple[int, int]
# Vocabulary kinds whose matches are added where the tagger found nothing. Measured on
# SkillSpan dev: adding tools keeps exact-span F1 (0.436 vs 0.434 without) and finds named
# technologies the tagger misses; adding every kind drops it to 0.394, because the
# annotators mark whole phrases ("manage a team") where the vocabulary matches one word.
FILL_KINDS = frozenset({"tool"})
# The neural tagger finds named tools itself: filling from the vocabulary only cost it
# precision on SkillSpan dev (exact F1 0.511 with the fill, 0.514 without, first adapter).
NEURAL_FILL_KINDS: frozenset[str] = frozenset()
# The gate the product uses unless told otherwise (see core/sentence_gate.py).
DEFAULT_GATE = "lexical"
# "crf": the shipped CRF (default install); "neural": the adapted MiniLM encoder
# (core/neural_tagger.py, semantic extra).
TAGGERS = ("crf", "neural")


class Tagger(Protocol):
    """Anything that tags a sentence's words B/I/O (the CRF and the neural tagger)."""

    def tag(self, tokens: Sequence[str], vocab_tags: Sequence[str] | None = None) -> list[str]:
        """B/I/O tags for the words; vocab_tags are the vocabulary's own tags for them."""
        ...


class _Tok(NamedTuple):
    """A tagger token with its offsets (a named tuple: quick to make by the thousand)."""

    text: str
    start: int
    end: int


def crf_tokens(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    """Tokens of text[start:end] as the tagger expects them, with offsets into text."""
    stop = len(text) if end is None else end
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, stop)]


def bio_to_spans(tags: Sequence[str]) -> list[TokSpan]:
    """Token spans (start, end exclusive) of a B/I/O sequence; a stray I opens a span."""
    spans: list[TokSpan] = []
    begin: int | None = None
    for i, tag in enumerate(tags):
        if tag == "B" or (tag == "I" and begin is None):
            if begin is not None:
                spans.append((begin, i))
            begin = i
        elif tag == "O" and begin is not None:
            spans.append((begin, i))
            begin = None
    if begin is not None:
        spans.append((begin, len(tags)))
    return spans


def spans_to_bio(spans: Sequence[TokSpan], n: int) -> list[str]:
    """The B/I/O sequence of length n for non-overlapping token spans."""
    tags = ["O"] * n
    for a, b in spans:
        tags[a] = "B"
        for k in range(a + 1, b):
            tags[k] = "I"
    return tags


def _mention_spans(mentions: Sequence[SkillMention], toks: Sequence[_Tok]) -> list[TokSpan]:
    """Token spans covering each mention (tokens that overlap its characters)."""
    out: list[TokSpan] = []
    k = 0
    for m in mentions:
        while k < len(toks) and toks[k].end <= m.start:
            k += 1
        j = k
        while j < len(toks) and toks[j].start < m.end:
            j += 1
        if j > k:
            out.append((k, j))
    return out


class SkillExtractor:
    """Finds skill and knowledge mentions: CRF spans first, vocabulary tools fill the gaps.

    The vocabulary also feeds the tagger (its matches are features) and names the spans.
    Without a tagger the extractor is the plain vocabulary lookup (the benchmark baseline).
    With a sentence gate, every span of a sentence the gate rejects is dropped.
    """

    def __init__(
        self,
        vocab: Vocabulary,
        tagger: Tagger | None,
        feature_vocab: Vocabulary | None = None,
        gate: SentenceGate | None = None,
        fill_kinds: frozenset[str] = FILL_KINDS,
    ) -> None:
        self.vocab = vocab
        self.tagger = tagger
        # The tagger was trained with the built-in vocabulary's tags as features; user
        # imports (ESCO, O*NET) would change what those features mean, so they only join
        # through the merge step.
        self.feature_vocab = feature_vocab or vocab
        self.gate = gate
        self.fill_kinds = fill_kinds

    @classmethod
    def default(cls, gate: str = DEFAULT_GATE, tagger: str = "crf") -> SkillExtractor:
        """The shipped vocabulary with a tagger ("crf" or "neural") and a gate.

        gate: "off", "lexical" or "semantic". The "neural" tagger needs the semantic extra.
        """
        if gate not in GATE_MODES:
            raise UsageError(f"sentence gate {gate!r}: unknown; choose one of {GATE_MODES}")
        if tagger not in TAGGERS:
            raise UsageError(f"tagger {tagger!r}: unknown; choose one of {TAGGERS}")
        return _default_extractor(gate, tagger)

    def with_gate(self, gate: SentenceGate | None) -> SkillExtractor:
        """The same extractor with another gate (None: keep every span)."""
        return SkillExtractor(self.vocab, self.tagger, self.feature_vocab, gate, self.fill_kinds)

    def with_tagger(
        self, tagger: Tagger | None, fill_kinds: frozenset[str] = FILL_KINDS
    ) -> SkillExtractor:
        """The same extractor with another tagger and the vocabulary kinds that fill its gaps."""
        return SkillExtractor(self.vocab, tagger, self.feature_vocab, self.gate, fill_kinds)

    def prepare(self, sentences: Sequence[Sequence[str]]) -> None:
        """Let a batching tagger and gate work through many tokenised sentences at once."""
        tag_ahead = getattr(self.tagger, "prepare", None)
        if tag_ahead is not None:
            tag_ahead(sentences, [vocab_bio(self.feature_vocab, s) for s in sentences])
        gate_ahead = getattr(self.gate, "prepare", None)
        if gate_ahead is not None:
            gate_ahead([" ".join(s) for s in sentences])

    # -- token level (used by the benchmark on pre-tokenised sentences) -------------------
    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """B/I/O tags (skill and knowledge together) for an already tokenised sentence."""
        text, toks = _join(tokens)
        return spans_to_bio(self._sentence_spans(text, toks), len(toks))

    def analyse_tokens(self, tokens: list[str]) -> tuple[list[TokSpan], GateInput]:
        """Ungated token spans of a tokenised sentence and what the gate would see of it."""
        text, toks = _join(tokens)
        return self._analyse(text, toks)

    # -- text level -------------------------------------------------------------------------
    def find(self, text: str) -> list[SkillMention]:
        """Every skill or knowledge mention in text, without overlaps, sorted by offset."""
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str]) -> list[list[SkillMention]]:
        """`find` for each of many texts, the models that read embeddings taking them at once.

        One batch for every sentence of a posting is far cheaper for the neural tagger and
        the semantic gate than a batch per sentence or per section.
        """
        # Per text, per sentence: its tokens and the vocabulary's mentions in it (found once
        # here for the tagger's features, the vocabulary fill and the gate).
        read = [[(toks, self._vocab_mentions(text, toks)) for toks in _split(text)]
                for text in texts]  # fmt: skip
        tag_ahead = getattr(self.tagger, "prepare", None)
        if tag_ahead is not None:
            found = [(text, toks, m) for text, ss in zip(texts, read, strict=True)
                     for toks, m in ss]  # fmt: skip
            tag_ahead([[t.text for t in toks] for _, toks, _ in found],
                      [self._feature_tags(text, toks, m) for text, toks, m in found])  # fmt: skip
        prepare = getattr(self.gate, "prepare", None)
        if prepare is not None:
            prepare([text[t[0].start : t[-1].end] for text, ss in zip(texts, read, strict=True)
                     for t, _ in ss])  # fmt: skip
        out: list[list[SkillMention]] = []
        for text, sentences in zip(texts, read, strict=True):
            mentions: list[SkillMention] = []
            for toks, vocab_mentions in sentences:
                mentions.extend(self._mentions(text, toks, vocab_mentions))
            out.append(mentions)
        return out

    def _mentions(
        self, text: str, toks: list[_Tok], vocab_mentions: list[SkillMention]
    ) -> list[SkillMention]:
        out: list[SkillMention] = []
        for a, b in self._sentence_spans(text, toks, vocab_mentions):
            a, b = _balance_brackets(toks, *_trim_punct(toks, a, b))
            if a >= b:
                continue
            start, end = toks[a].start, toks[b - 1].end
            surface = text[start:end]
            if not any(ch.isalpha() for ch in surface):
                continue  # a bare number or ratio ("1" of "1:2") names no skill
            entry = self.vocab.lookup(surface)
            out.append(SkillMention(entry.name if entry else surface, surface, start, end))
        return out

    def _sentence_spans(
        self, text: str, toks: list[_Tok], vocab_mentions: list[SkillMention] | None = None
    ) -> list[TokSpan]:
        """Merged token spans for one sentence whose tokens index into text, gated."""
        spans, inp = self._analyse(text, toks, vocab_mentions)
        if spans and self.gate is not None and not self.gate.accepts(inp):
            return []
        return spans

    def _analyse(
        self, text: str, toks: list[_Tok], vocab_mentions: list[SkillMention] | None = None
    ) -> tuple[list[TokSpan], GateInput]:
        """Merged (ungated) token spans for one sentence and the gate's view of it.

        vocab_mentions: the vocabulary's mentions in the sentence, when found already.
        """
        if not toks:
            return [], GateInput((), (), (), ())
        lo, hi = toks[0].start, toks[-1].end
        mentions = self._vocab_mentions(text, toks) if vocab_mentions is None else vocab_mentions
        words = [t.text for t in toks]
        kinds = [self._kind(m.name) or "" for m in mentions]
        if self.tagger is None:
            spans = _mention_spans(mentions, toks)
            return spans, GateInput(words, spans, (), kinds, text[lo:hi])
        tags = self.tagger.tag(words, self._feature_tags(text, toks, mentions))
        crf_spans = _split_at_commas(text, toks, bio_to_spans(tags))
        fill = [m for m, k in zip(mentions, kinds, strict=True) if k in self.fill_kinds]
        spans = merge_spans(crf_spans, _mention_spans(fill, toks))
        return spans, GateInput(words, spans, crf_spans, kinds, text[lo:hi])

    def _vocab_mentions(self, text: str, toks: list[_Tok]) -> list[SkillMention]:
        """The vocabulary's mentions in one sentence, with offsets into text."""
        lo, hi = toks[0].start, toks[-1].end
        return _shift(self.vocab.find(text[lo:hi]), lo)

    def _feature_tags(
        self, text: str, toks: list[_Tok], vocab_mentions: list[SkillMention]
    ) -> list[str]:
        """The feature vocabulary's B/I/O tags for one sentence (the tagger's input).

        vocab_mentions are the vocabulary's mentions, which serve when it is the feature
        vocabulary too (no user imports).
        """
        if self.feature_vocab is self.vocab:
            found = vocab_mentions
        else:
            lo, hi = toks[0].start, toks[-1].end
            found = _shift(self.feature_vocab.find(text[lo:hi]), lo)
        return spans_to_bio(_mention_spans(found, toks), len(toks))

    def _kind(self, name: str) -> str | None:
        entry = self.vocab.entry(name)
        return entry.kind if entry else None


def merge_spans(primary: Sequence[TokSpan], extra: Sequence[TokSpan]) -> list[TokSpan]:
    """Primary spans plus every extra span that overlaps none of them, sorted."""
    merged = list(primary)
    for span in extra:
        if not any(span[0] < p[1] and p[0] < span[1] for p in primary):
            merged.append(span)
    return sorted(merged)


def _split_at_commas(text: str, toks: Sequence[_Tok], spans: Sequence[TokSpan]) -> list[TokSpan]:
    """Cut spans where a comma stands between two of their tokens (lists in running text)."""
    out: list[TokSpan] = []
    for a, b in spans:
        begin = a
        for k in range(a + 1, b):
            if "," in text[toks[k - 1].end : toks[k].start]:
                out.append((begin, k))
                begin = k
        out.append((begin, b))
    return out


def _balance_brackets(toks: Sequence[_Tok], a: int, b: int) -> TokSpan:
    """Take in a closing bracket right after a span that opened one: "therapy (CRRT)"."""
    texts = [t.text for t in toks[a:b]]
    if texts.count("(") > texts.count(")") and b < len(toks) and toks[b].text == ")":
        return a, b + 1
    return a, b


def _trim_punct(toks: Sequence[_Tok], a: int, b: int) -> TokSpan:
    while a < b and _PUNCT_ONLY.match(toks[a].text):
        a += 1
    while b > a and _PUNCT_ONLY.match(toks[b - 1].text):
        b -= 1
    return a, b


def _split(text: str) -> list[list[_Tok]]:
    """The tagger tokens of each sentence of text that has any."""
    return [toks for a, b in split_sentences(text) if (toks := crf_tokens(text, a, b))]


def _shift(mentions: list[SkillMention], offset: int) -> list[SkillMention]:
    if not offset:
        return mentions
    return [SkillMention(m.name, m.surface, m.start + offset, m.end + offset) for m in mentions]


def _join(tokens: Sequence[str]) -> tuple[str, list[_Tok]]:
    """Join given tokens with spaces, remembering each one's offsets."""
    parts: list[str] = []
    toks: list[_Tok] = []
    pos = 0
    for t in tokens:
        toks.append(_Tok(t, pos, pos + len(t)))
        parts.append(t)
        pos += len(t) + 1
    return " ".join(parts), toks


@lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    """The vocabulary shipped in the package alone (what the tagger's features were built on)."""
    return Vocabulary.load(builtin_vocab_files(), [DATA_DIR / "paraphrases.tsv"])


def vocab_bio(vocab: Vocabulary, tokens: Sequence[str]) -> list[str]:
    """The vocabulary's own B/I/O tags for a tokenised sentence (the tagger's input feature)."""
    text, toks = _join(tokens)
    return spans_to_bio(_mention_spans(vocab.find(text), toks), len(toks))


@lru_cache(maxsize=8)
def _default_extractor(gate: str = DEFAULT_GATE, tagger: str = "crf") -> SkillExtractor:
    if tagger == "neural":
        from interview_closer.core.neural_tagger import default_neural_tagger

        return _default_extractor(gate).with_tagger(default_neural_tagger(), NEURAL_FILL_KINDS)
    if gate != "off":
        # The gated extractors share the ungated one's vocabulary and tagger.
        base = _default_extractor("off")
        chosen = SentenceGate.default() if gate == "lexical" else default_semantic_gate()
        return base.with_gate(chosen)
    full = Vocabulary.default()
    user_dir = user_vocab_dir()
    imported = user_dir.is_dir() and any(user_dir.glob("*.tsv"))
    # Without imports the two vocabularies are the same: load it once.
    return SkillExtractor(full, CrfTagger.default(), builtin_vocabulary() if imported else full)
