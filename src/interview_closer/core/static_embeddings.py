"""The semantic mode's matching embeddings: a word-piece table distilled from MiniLM.

`scripts/train_static_embeddings.py` reads each of all-MiniLM-L6-v2's word pieces through
the encoder once and keeps a small weighted vector per piece (int8, about 3 MB in the
package). A text's embedding is the sum of its pieces' rows, less its part along the
direction all texts share, normalised: a table lookup instead of an encoder pass. On the
matching set's tune, fresh and probe splits it reads as the full encoder did (649 of 733
cases for the encoder, 652 for the table) at a few microseconds a text instead of a few
milliseconds, which is what lets a semantic plan compare some 60 texts quickly. The
tokenizer is the packaged model's own (the `tokenizers` library, no torch); numpy does
the sums.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from interview_closer.core.packed_encoder import load_tokenizer
from interview_closer.core.semantic import INSTALL_HINT, CosineSimilarity, packaged_model_path
from interview_closer.core.similarity import Similarity
from interview_closer.core.tagger import MODEL_DIR
from interview_closer.errors import UsageError

TABLE_PATH = MODEL_DIR / "static_embeddings.safetensors"
# Cosines below LOW count nothing and from HIGH up count fully (between: a straight line);
# the matcher then takes the higher of that and the lexical score. Chosen with the table on
# the matching set's tune, fresh and probe splits (652 of 733 right), as for the encoder;
# 0.4-0.95 read 650, 0.2-0.8 640.
LOW, HIGH = 0.3, 0.9
# What reading the table needs (all installed by the semantic extra).
_NEEDS = ("numpy", "safetensors", "tokenizers")


def table_available() -> bool:
    """True when the table ships with this install."""
    return TABLE_PATH.is_file()


@lru_cache(maxsize=1)
def _table() -> tuple[Any, Any]:
    """The table as a float32 matrix, one row per word piece, and the direction texts share.

    Read once per process.
    """
    from safetensors.numpy import load_file

    if not TABLE_PATH.is_file():
        raise UsageError(f"the static embedding table {TABLE_PATH} is missing; reinstall")
    stored = load_file(str(TABLE_PATH))
    return stored["rows"].astype("float32") * stored["scales"][:, None], stored["common"]


class StaticEmbeddingSimilarity(CosineSimilarity):
    """Cosine similarity of the distilled word-piece embeddings (see CosineSimilarity)."""

    def __init__(
        self, *, low: float = LOW, high: float = HIGH, lexical: Similarity | None = None
    ) -> None:
        super().__init__(low, high, lexical)
        self._tokenizer: Any = None

    def load(self) -> None:
        """Read the table and the tokenizer now (they are otherwise read on first use)."""
        if self._tokenizer is None:
            missing = [m for m in _NEEDS if importlib.util.find_spec(m) is None]
            if missing:
                raise UsageError(f"the semantic mode needs {', '.join(missing)}; {INSTALL_HINT}")
            _table()
            self._tokenizer = load_tokenizer(packaged_model_path())

    def _encode(self, texts: list[str]) -> Any:
        """Unit-length embeddings of texts, one row per text (a text of no pieces: zeros).

        The sum of a text's rows less its part along the direction all texts share, which
        would otherwise make any two long texts look alike.
        """
        self.load()  # first: it says which parts of the extra are missing
        import numpy as np

        table, common = _table()
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=False)
        for row, encoding in enumerate(encodings):
            if encoding.ids:
                out[row] = table[encoding.ids].sum(0)
        out -= np.outer(out @ common, common)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)
