"""Low-rank adapters (LoRA) of the MiniLM encoder: built for training, saved, folded for use.

`scripts/train_neural_tagger.py` trains a low-rank update of each linear layer of the frozen
all-MiniLM-L6-v2 encoder and a token head; only those are saved (`trained_state`). At load
time `fold_into_state` adds each update into the base weights it adapts, so tagging runs a
plain encoder. torch and transformers are imported inside functions (and only training
needs transformers): the default install never pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from interview_closer.core.packed_encoder import PieceTokenizer

# Linear layers of each BERT block that get a low-rank update.
TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense")


def build_model(
    base_path: Path, rank: int, alpha: float, n_labels: int, layers: int = 0
) -> tuple[Any, Any, Any]:
    """The base encoder with trainable LoRA updates, its tokenizer and a token head.

    layers > 0 keeps only the encoder's first that many blocks (a faster, smaller tagger).
    """
    from interview_closer.core.semantic import quiet_offline

    quiet_offline()
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars would land on the user's terminal
    tokenizer = PieceTokenizer(base_path)
    encoder = AutoModel.from_pretrained(str(base_path), local_files_only=True)
    if layers:
        encoder.encoder.layer = encoder.encoder.layer[:layers]
        encoder.config.num_hidden_layers = layers
    for p in encoder.parameters():
        p.requires_grad_(False)
    for name, module in list(encoder.named_modules()):
        if any(name.endswith(t) for t in TARGETS) and isinstance(module, torch.nn.Linear):
            parent_name, _, child = name.rpartition(".")
            parent = encoder.get_submodule(parent_name)
            setattr(parent, child, with_lora(module, rank, alpha))
    head = torch.nn.Linear(encoder.config.hidden_size, n_labels)
    return encoder, tokenizer, head


def with_lora(base: Any, rank: int, alpha: float) -> Any:
    """A torch module computing base(x) + scale * x A^T B^T, with B starting at zero."""
    import torch

    class _Lora(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = base
            self.lora_a = torch.nn.Parameter(torch.empty(rank, base.in_features))
            self.lora_b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
            torch.nn.init.kaiming_uniform_(self.lora_a, a=5**0.5)
            self.scale = alpha / rank

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale

    return _Lora()


def trained_state(encoder: Any, head: Any) -> dict[str, Any]:
    """The tensors worth saving: LoRA factors and the head (the base stays in its package)."""
    state = {f"enc.{k}": v for k, v in encoder.state_dict().items() if ".lora_" in k}
    state.update({f"head.{k}": v for k, v in head.state_dict().items()})
    return state


def fold_into_state(state: dict[str, Any], update: Mapping[str, Any], scale: float) -> None:
    """Add each saved low-rank update (`trained_state` names) into the base weights it adapts."""
    import torch

    with torch.no_grad():
        for key, a in update.items():
            if key.startswith("enc.") and key.endswith(".lora_a"):
                stem = key[len("enc.") : -len(".lora_a")]
                b = update[f"enc.{stem}.lora_b"]
                state[f"{stem}.weight"] = state[f"{stem}.weight"] + (b @ a) * scale
