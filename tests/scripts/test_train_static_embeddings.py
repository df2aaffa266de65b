"""The static embedding script's table building (numpy only, no encoder)."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")


def test_rows_are_weighted_int8_and_silent_pieces_are_zero() -> None:
    from scripts.train_static_embeddings import SMOOTHING, build

    rng = np.random.default_rng(3)
    states = rng.normal(size=(50, 16))
    counts = np.arange(50, dtype=float)  # piece 49 is the commonest, piece 0 never seen
    rows, scales = build(states, counts, 4, silent=[0, 7])
    assert rows.dtype == np.int8 and rows.shape == (50, 4) and scales.shape == (50,)
    assert not rows[0].any() and not rows[7].any()
    assert np.abs(rows).max() == 127  # each row uses the whole int8 range
    # Reconstructed rows follow the weights: a frequent piece counts less than a rare one.
    table = rows.astype(float) * scales[:, None]
    share = counts / counts.sum()
    weight = SMOOTHING / (SMOOTHING + share)
    assert weight[49] < weight[1]
    centred = states - states.mean(0)
    norms = np.linalg.norm(centred, axis=1)
    assert np.linalg.norm(table[49]) / norms[49] < np.linalg.norm(table[1]) / norms[1]


def test_the_shared_direction_is_a_unit_vector_along_what_texts_share() -> None:
    from scripts.train_static_embeddings import shared_direction

    # Every piece leans the same way on the first axis; they differ on the others.
    rows = np.array([[100, 20, 0], [100, -20, 0], [100, 0, 20], [100, 0, -20]], dtype=np.int8)
    scales = np.ones(4, dtype=np.float32)
    common = shared_direction(rows, scales, [[0], [1], [2, 3], [0, 2]])
    assert np.linalg.norm(common) == pytest.approx(1.0, abs=1e-5)
    assert abs(common[0]) > 0.95
