"""The default lexical similarity: shares of stemmed content words."""

from __future__ import annotations

import pytest

from interview_closer.core.similarity import LexicalSimilarity


def test_a_query_whose_one_content_word_is_shown_scores_in_full() -> None:
    sim = LexicalSimilarity()
    [score] = sim.scores("Strong sourcing skills", ["Sourced passive candidates on LinkedIn"])
    assert score == 1.0


def test_a_partial_overlap_is_still_damped() -> None:
    sim = LexicalSimilarity()
    [one_of_two] = sim.scores("inventory forecasting", ["Counted inventory every week"])
    # Half of the words, and only one of them: well below half.
    assert 0.2 < one_of_two < 0.4
    [both] = sim.scores("inventory forecasting", ["Forecasting inventory by store"])
    assert both == 1.0


@pytest.mark.parametrize("line", ["Closed $2M in deals", ""])
def test_no_shared_word_scores_nothing(line: str) -> None:
    assert LexicalSimilarity().scores("Strong sourcing skills", [line]) == [0.0]
