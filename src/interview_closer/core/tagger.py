"""The CRF sequence tagger for skill and knowledge mentions: token features and the model.

Features are plain strings (what python-crfsuite reads fastest). They are built from the
token itself, its neighbours, cue phrases such as "experience with", the position in the
sentence and the vocabulary's own BIO tags, so the trained model can lean on the
vocabulary without being limited to it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from interview_closer.core import fastre
from interview_closer.core.datacache import BucketTable, cached, pack_buckets

# The package is always installed as plain files (the model is opened by C code, which
# needs a real path), so the data folder is found next to this module.
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"

# Phrases after which a skill or body of knowledge usually follows.
_CUES = {
    ("experience", "with"), ("experience", "in"), ("experience", "of"), ("knowledge", "of"),
    ("knowledge", "in"), ("proficiency", "in"), ("proficiency", "with"), ("proficient", "in"),
    ("proficient", "with"), ("understanding", "of"), ("familiarity", "with"),
    ("familiar", "with"), ("skills", "in"), ("skilled", "in"), ("expertise", "in"),
    ("exposure", "to"), ("background", "in"), ("ability", "to"), ("able", "to"),
    ("degree", "in"), ("competence", "in"), ("fluent", "in"), ("fluency", "in"),
    ("working", "with"), ("work", "with"), ("such", "as"), ("like", ""), ("including", ""),
    ("e.g.", ""), ("responsible", "for"), ("will", ""), ("you", "will"), ("strong", ""),
    ("solid", ""), ("excellent", ""), ("good", ""), ("deep", ""), ("hands-on", ""),
}
_CUE_HEADS = {a for a, _ in _CUES}
# Words whose presence anywhere in a sentence makes a requirement likely (or unlikely).
_SENT_CUES = frozenset(
    "experience knowledge skills skill ability understanding proficiency familiarity degree "
    "required preferred plus must strong years we you benefits offer salary apply"
    .split()
)
_PUNCT_EDGE = fastre.compile(r"^[^\w#+.]+|[^\w#+]+$")
_SHAPE_SUBS = (
    (fastre.compile(r"[A-Z]"), "X"),
    (fastre.compile(r"[a-z]"), "x"),
    (fastre.compile(r"\d"), "d"),
)
_REPEATS = fastre.compile(r"(.)\1+")


def core_word(token: str) -> str:
    """The lowercased token without leading/trailing punctuation (the token itself if all punct)."""
    stripped = _PUNCT_EDGE.sub("", token)
    return (stripped or token).lower()


def word_shape(token: str) -> str:
    """A collapsed character-class shape: "Java" -> "Xx", "CI/CD" -> "X/X", "2021" -> "d"."""
    shape = token
    for pattern, repl in _SHAPE_SUBS:
        shape = pattern.sub(repl, shape)
    return _REPEATS.sub(r"\1", shape)[:6]


def _position_bucket(i: int) -> str:
    return str(i) if i < 3 else ("3-5" if i < 6 else "6+")


def _cue_before(words: Sequence[str], i: int) -> str | None:
    """The nearest cue phrase that ends within the three words before position i."""
    for back in range(1, 4):
        j = i - back
        if j < 0:
            return None
        if words[j] in _CUE_HEADS and ((words[j], "") in _CUES):
            return f"{words[j]}@{back}"
        if j >= 1 and (words[j - 1], words[j]) in _CUES:
            return f"{words[j - 1]}_{words[j]}@{back}"
    return None


# What a token contributes on its own: its core word, shape, own features and cluster codes.
TokenFeatures = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def token_features(tok: str, clusters: Mapping[str, str]) -> TokenFeatures:
    """The features a token has whatever its sentence (see `sentence_features`)."""
    w = core_word(tok)
    shape = word_shape(tok)
    own = ["b", "w=" + w, "s=" + shape, "p3=" + w[:3], "x2=" + w[-2:], "x3=" + w[-3:],
           "x4=" + w[-4:]]  # fmt: skip
    if tok[:1].isupper():
        own.append("cap")
    if tok.isupper() and len(tok) > 1:
        own.append("upper")
    if any(ch.isdigit() for ch in tok):
        own.append("digit")
    if not any(ch.isalnum() for ch in tok):
        own.append("punct")
    if "-" in tok or "/" in tok:
        own.append("joined")
    if tok != w and tok.lower() != w:
        own.append("edgepunct")
    cl = clusters.get(w)
    codes = tuple(cl.split("|")) if cl else ()
    own.extend("c=" + part for part in codes)
    return w, shape, tuple(own), codes


def sentence_features(
    tokens: Sequence[str],
    vocab_tags: Sequence[str] | None = None,
    clusters: Mapping[str, str] | None = None,
    known: dict[str, TokenFeatures] | None = None,
) -> list[list[str]]:
    """One feature list per token; vocab_tags are the vocabulary's B/I/O tags for the tokens.

    known, if given, keeps each token's own features between calls (see `token_features`):
    tokens recur, and working them out was most of the cost. The order of features in a
    list carries no meaning to the CRF.
    """
    n = len(tokens)
    clusters = clusters or {}
    if known is None:
        per_token = [token_features(t, clusters) for t in tokens]
    else:
        per_token = []
        for t in tokens:
            found = known.get(t)
            if found is None:
                found = known[t] = token_features(t, clusters)
            per_token.append(found)
    words = [p[0] for p in per_token]
    vt = list(vocab_tags) if vocab_tags is not None else ["O"] * n
    sent = _sentence_cues(words)
    feats: list[list[str]] = []
    for i in range(n):
        w, _, own, _ = per_token[i]
        f = [*own, "pos=" + _position_bucket(i), "v=" + vt[i], *sent]
        cue = _cue_before(words, i)
        if cue:
            f.append("cue=" + cue)
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}={words[j]}")
                if d in (-1, 1):
                    wj, sj, _, cj = per_token[j]
                    f.append(f"s{d}={sj}")
                    f.append(f"x{d}={wj[-3:]}")
                    f.append(f"v{d}={vt[j]}")
                    f.extend(f"c{d}={part}" for part in cj[:2])
            else:
                f.append(f"w{d}=<{'s' if d < 0 else 'e'}>")
        if i > 0:
            f.append(f"w-1|w={words[i - 1]}|{w}")
        if i + 1 < n:
            f.append(f"w|w+1={w}|{words[i + 1]}")
        feats.append(f)
    return feats


def _sentence_cues(words: Sequence[str]) -> list[str]:
    """Features shared by every token of a sentence: its length and the cue words it holds."""
    n = len(words)
    out = ["len=" + ("1" if n == 1 else "2-4" if n < 5 else "5-9" if n < 10 else "10+")]
    present = _SENT_CUES.intersection(words)
    out.extend("has=" + w for w in sorted(present))
    return out


def collapse_label(label: str) -> str:
    """Map a typed model label (B-SKILL, I-KNOW) to the plain B/I/O layer."""
    return label[:1] if label[:1] in ("B", "I") else "O"


Marginals = list[tuple[float, float, float]]  # per token: P(O), P(B), P(I)
# Tokens whose own features a tagger keeps.
TOKEN_CACHE = 100_000


class CrfTagger:
    """A trained CRF model (python-crfsuite) that tags tokens with B/I/O."""

    def __init__(self, path: Path, clusters: Mapping[str, str] | None = None) -> None:
        import pycrfsuite  # a compiled extension: imported only when a tagger is needed

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self.path = path
        self.clusters = clusters or {}
        # Each model label with the O/B/I column its marginal adds to (read once: the
        # semantic mode asks for marginals on every sentence).
        self._columns = [(lab, "OBI".index(collapse_label(lab))) for lab in self._tagger.labels()]
        # Each token's own features, kept between sentences.
        self._known: dict[str, TokenFeatures] = {}

    def _features(self, tokens: Sequence[str], vocab_tags: Sequence[str] | None) -> list[list[str]]:
        if len(self._known) > TOKEN_CACHE:
            self._known.clear()  # a long-running server starts afresh
        return sentence_features(tokens, vocab_tags, self.clusters, self._known)

    @classmethod
    def default(cls) -> CrfTagger:
        """The model shipped in the package (loaded once)."""
        return _default_tagger()

    def tag(self, tokens: Sequence[str], vocab_tags: Sequence[str] | None = None) -> list[str]:
        """B/I/O tags for a sentence's tokens."""
        if not tokens:
            return []
        labels = self._tagger.tag(self._features(tokens, vocab_tags))
        return [collapse_label(lab) for lab in labels]

    def marginals(
        self, tokens: Sequence[str], vocab_tags: Sequence[str] | None = None
    ) -> Marginals:
        """Per-token probabilities of O, B and I (typed labels summed), from the CRF."""
        if not tokens:
            return []
        crf = self._tagger
        crf.set(self._features(tokens, vocab_tags))
        out: Marginals = []
        for i in range(len(tokens)):
            probs = [0.0, 0.0, 0.0]
            for label, column in self._columns:
                probs[column] += crf.marginal(label, i)
            out.append((probs[0], probs[1], probs[2]))
        return out


def model_path() -> Path:
    """Where the shipped model file lives inside the installed package."""
    return MODEL_DIR / "skills.crfsuite"


def read_clusters(path: Path) -> dict[str, str]:
    """Word cluster codes (word<TAB>code lines); empty when the file is absent."""
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, code = line.partition("\t")
        if word and code:
            out[word] = sys.intern(code)  # shared codes are saved and loaded once
    return out


def clusters_path() -> Path:
    """Where the shipped word-cluster file lives inside the installed package."""
    return MODEL_DIR / "clusters.tsv"


# About four words a part: the sample plan unpacks 147 parts, 4% of the words.
_CLUSTER_PARTS = 4096


@lru_cache(maxsize=1)
def _default_tagger() -> CrfTagger:
    path = clusters_path()
    size, parts = cached(
        "clusters", [path], lambda: pack_buckets(read_clusters(path), _CLUSTER_PARTS), version=2
    )
    return CrfTagger(model_path(), BucketTable(size, parts))
