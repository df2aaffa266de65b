"""A BERT encoder's forward pass over many sentences packed end to end, for inference.

The linear layers, which do nearly all the arithmetic, read the sentences' word pieces
packed one after another, with no padding; only attention, which needs each sentence on a
row of its own, sees them padded, in groups of like length. The query, key and value
projections are one matrix product, and the attention scale is folded into the query
weights. A batch of posting sentences, whose lengths vary from 5 to 100 pieces, was about
half padding before.
The weights and the word-piece tokenizer are read straight from the model's files
(safetensors, tokenizer.json): importing transformers' BERT took about 3 of the 4 seconds
the neural tagger needed to load. torch is imported inside functions: the default install
never pays for it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


class PackedEncoder:
    """The forward pass of a BERT encoder from its weights (copied once, in `dtype`).

    state holds the weights under transformers' BertModel names ("embeddings.*",
    "encoder.layer.N.*"); config is the model's config.json. layers > 0 keeps only the
    first that many blocks.
    """

    def __init__(
        self, state: Mapping[str, Any], config: Mapping[str, Any], dtype: Any = None,
        layers: int = 0,
    ) -> None:
        import torch

        def cast(t: Any) -> Any:
            return t.detach().to(dtype if dtype is not None else t.dtype).contiguous()

        def dense(weight: Any, bias: Any) -> _Linear:
            return _Linear(cast(weight), cast(bias))

        if config.get("hidden_act") != "gelu" or config.get(
            "position_embedding_type", "absolute"
        ) != "absolute":
            raise ValueError("the packed forward pass knows BERT with GELU and absolute positions")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.hidden_size = int(config["hidden_size"])
        self.word = cast(state["embeddings.word_embeddings.weight"])
        # Every sentence is segment 0: its type embedding is added to the positions once.
        self.position = cast(state["embeddings.position_embeddings.weight"]
                             + state["embeddings.token_type_embeddings.weight"][0])  # fmt: skip
        self.norm = (cast(state["embeddings.LayerNorm.weight"]),
                     cast(state["embeddings.LayerNorm.bias"]))  # fmt: skip
        self.layers: list[tuple[Any, ...]] = []
        scale = (self.hidden_size // self.heads) ** -0.5
        count = int(config["num_hidden_layers"])
        names = ("attention.output.dense", "attention.output.LayerNorm", "intermediate.dense",
                 "output.dense", "output.LayerNorm")  # fmt: skip
        for n in range(min(layers, count) if layers else count):
            at = f"encoder.layer.{n}."
            q, k, v = (f"{at}attention.self.{x}." for x in ("query", "key", "value"))
            qkv = [torch.cat([state[q + part] * scale, state[k + part], state[v + part]])
                   for part in ("weight", "bias")]  # fmt: skip
            out, norm1, up, down, norm2 = (
                (state[f"{at}{name}.weight"], state[f"{at}{name}.bias"]) for name in names
            )
            self.layers.append((dense(*qkv), dense(*out), cast(norm1[0]), cast(norm1[1]),
                                dense(*up), dense(*down), cast(norm2[0]), cast(norm2[1])))

    @classmethod
    def from_bert(cls, bert: Any, dtype: Any = None) -> PackedEncoder:
        """The packed pass of a transformers BertModel (the tests compare the two)."""
        return cls(bert.state_dict(), bert.config.to_dict(), dtype)

    def forward(self, sequences: Sequence[Sequence[int]]) -> Any:
        """Last hidden states of every piece of every sequence, packed: one row per piece.

        Row k belongs to the sequence whose pieces cover k when the sequences are laid end
        to end in the order given. Sequences sorted by length run fastest.
        """
        import torch
        import torch.nn.functional as F

        lengths = [len(s) for s in sequences]
        size, heads = self.hidden_size, self.heads
        ids = torch.tensor([i for s in sequences for i in s], dtype=torch.long)
        positions = torch.tensor([p for m in lengths for p in range(m)], dtype=torch.long)
        groups = [_AttentionGroup(lengths[a:b], sum(lengths[:a]))
                  for a, b in attention_groups(lengths)]  # fmt: skip

        x = F.embedding(ids, self.word) + self.position[positions]
        x = F.layer_norm(x, (size,), *self.norm, self.eps)
        for to_qkv, to_out, n1_w, n1_b, up, down, n2_w, n2_b in self.layers:
            qkv = to_qkv(x)
            context = torch.cat([g.attend(qkv, heads) for g in groups])
            x = F.layer_norm(to_out(context) + x, (size,), n1_w, n1_b, self.eps)
            x = F.layer_norm(down(F.gelu(up(x))) + x, (size,), n2_w, n2_b, self.eps)
        return x


class _Linear:
    """x W^T + b in the weights' own float type."""

    def __init__(self, weight: Any, bias: Any) -> None:
        self.weight, self.bias = weight, bias

    def __call__(self, x: Any) -> Any:
        import torch.nn.functional as F

        return F.linear(x, self.weight, self.bias)


# A run of sequences shares one padded attention batch while padding adds at most this share
# to its attention work (which grows with the square of the width).
PADDING_ALLOWANCE = 0.5


def attention_groups(lengths: Sequence[int]) -> list[tuple[int, int]]:
    """Runs [a, b) of consecutive sequences that attend in one padded batch each."""
    groups: list[tuple[int, int]] = []
    start, squares = 0, 0
    for k, m in enumerate(lengths):
        width = max(lengths[start : k + 1])
        if k > start and (k + 1 - start) * width**2 > (1 + PADDING_ALLOWANCE) * (squares + m * m):
            groups.append((start, k))
            start, squares = k, 0
        squares += m * m
    if lengths:
        groups.append((start, len(lengths)))
    return groups


class _AttentionGroup:
    """Consecutive packed sequences laid out on padded rows for self-attention."""

    def __init__(self, lengths: Sequence[int], first_row: int) -> None:
        import torch

        self.batch, self.width = len(lengths), max(lengths)
        # Each padded slot's row among the packed pieces (a padding slot reads the group's
        # first piece: as a key it is masked, and what it computes as a query is dropped) ...
        rows = torch.full((self.batch, self.width), first_row, dtype=torch.long)
        # ... and each real piece's slot, in packed order.
        slots: list[int] = []
        at = first_row
        for b, m in enumerate(lengths):
            rows[b, :m] = torch.arange(at, at + m)
            slots.extend(range(b * self.width, b * self.width + m))
            at += m
        self.rows = rows.view(-1)
        self.slots = torch.tensor(slots, dtype=torch.long)
        # Padded keys get no attention.
        width = torch.arange(self.width)[None, :]
        self.keep = ((width >= torch.tensor(lengths)[:, None]).float() * -1e4).view(
            self.batch, 1, 1, self.width
        )

    def attend(self, qkv: Any, heads: int) -> Any:
        """The attention output of this group's pieces, packed, from every piece's q, k, v."""
        import torch.nn.functional as F

        size = qkv.shape[1] // 3
        # In float32: torch's fused attention was about a tenth faster so than the same
        # products in bfloat16 on this CPU, where bfloat16 softmax alone took a fifth of
        # the pass. The scale is in the query weights already.
        padded = qkv[self.rows].float().view(self.batch, self.width, 3, heads, size // heads)
        q, k, v = padded.permute(2, 0, 3, 1, 4)
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=self.keep, scale=1.0)
        return context.transpose(1, 2).reshape(-1, size)[self.slots].to(qkv.dtype)


def load_bert(base: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A BERT model folder's weights (torch tensors, float32) and its config.json."""
    from safetensors.torch import load_file

    state = load_file(str(base / "model.safetensors"))
    # Checkpoints saved from a task model name the encoder's weights "bert.*".
    state = {k.removeprefix("bert."): v.float() for k, v in state.items()}
    return state, json.loads((base / "config.json").read_text(encoding="utf-8"))


def load_tokenizer(base: Path) -> Any:
    """A model folder's word-piece tokenizer (no padding, no truncation)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


class PieceTokenizer:
    """A BERT model's word-piece tokenizer with the ids of its special pieces."""

    def __init__(self, base: Path) -> None:
        self._tokenizer = load_tokenizer(base)
        self.cls_token_id = self._id("[CLS]")
        self.sep_token_id = self._id("[SEP]")
        self.unk_token_id = self._id("[UNK]")

    def _id(self, piece: str) -> int:
        found = self._tokenizer.token_to_id(piece)
        if found is None:
            raise ValueError(f"the tokenizer has no {piece} piece")
        return int(found)

    def pieces(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's piece ids, without [CLS] and [SEP], in one call for them all."""
        encoded = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [list(e.ids) for e in encoded]
