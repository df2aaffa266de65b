"""A BERT encoder's forward pass over many sentences packed end to end, for inference.

The linear layers, which do nearly all the arithmetic, read the sentences' word pieces
packed one after another, with no padding; only attention, which needs each sentence on a
row of its own, sees them padded, in groups of like length. The query, key and value
projections are one matrix product, and the attention scale is folded into the query
weights. A batch of posting sentences, whose lengths vary from 5 to 100 pieces, was about
half padding before.
torch is imported inside functions: the default install never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class PackedEncoder:
    """The forward pass of a transformers BertModel (weights copied once, in `dtype`)."""

    def __init__(self, bert: Any, dtype: Any = None) -> None:
        import torch

        def cast(t: Any) -> Any:
            return t.detach().to(dtype if dtype is not None else t.dtype).contiguous()

        config = bert.config
        if config.hidden_act != "gelu" or getattr(config, "position_embedding_type",
                                                  "absolute") != "absolute":  # fmt: skip
            raise ValueError("the packed forward pass knows BERT with GELU and absolute positions")
        emb = bert.embeddings
        self.heads = int(config.num_attention_heads)
        self.eps = float(config.layer_norm_eps)
        self.hidden_size = int(config.hidden_size)
        self.word = cast(emb.word_embeddings.weight)
        # Every sentence is segment 0: its type embedding is added to the positions once.
        self.position = cast(emb.position_embeddings.weight + emb.token_type_embeddings.weight[0])
        self.norm = (cast(emb.LayerNorm.weight), cast(emb.LayerNorm.bias))
        self.layers: list[tuple[Any, ...]] = []
        scale = (self.hidden_size // self.heads) ** -0.5
        for layer in bert.encoder.layer:
            attn, out = layer.attention, layer.output
            qkv_w = torch.cat([attn.self.query.weight * scale, attn.self.key.weight,
                               attn.self.value.weight])  # fmt: skip
            qkv_b = torch.cat([attn.self.query.bias * scale, attn.self.key.bias,
                               attn.self.value.bias])  # fmt: skip
            parts = (qkv_w, qkv_b, attn.output.dense.weight, attn.output.dense.bias,
                     attn.output.LayerNorm.weight, attn.output.LayerNorm.bias,
                     layer.intermediate.dense.weight, layer.intermediate.dense.bias,
                     out.dense.weight, out.dense.bias,
                     out.LayerNorm.weight, out.LayerNorm.bias)  # fmt: skip
            self.layers.append(tuple(cast(p) for p in parts))

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
        for qkv_w, qkv_b, o_w, o_b, n1_w, n1_b, up_w, up_b, down_w, down_b, n2_w, n2_b in (
            self.layers
        ):
            qkv = F.linear(x, qkv_w, qkv_b)
            context = torch.cat([g.attend(qkv, heads) for g in groups])
            x = F.layer_norm(F.linear(context, o_w, o_b) + x, (size,), n1_w, n1_b, self.eps)
            inner = F.gelu(F.linear(x, up_w, up_b))
            x = F.layer_norm(F.linear(inner, down_w, down_b) + x, (size,), n2_w, n2_b, self.eps)
        return x


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
