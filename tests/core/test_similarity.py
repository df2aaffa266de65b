"""The default lexical similarity: shares of stemmed content words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_closer.core.similarity import LexicalSimilarity, grouped_stem, named_acronyms
from interview_closer.core.stems import stem


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


def test_a_name_written_out_meets_its_initials_both_ways() -> None:
    sim = LexicalSimilarity()
    assert sim.scores("New Roads and Street Works Act", ["NRSWA Supervisor, 2024"]) == [1.0]
    assert sim.scores("CSPT", ["Compounded Sterile Preparation Technician, 2025"]) == [1.0]
    # Two capitalised words make no name to abbreviate, and other initials do not meet.
    assert sim.scores("Street Works", ["SW region"]) == [0.0]
    assert sim.scores("New Roads and Street Works Act", ["NRSA Supervisor"]) == [0.0]


def test_named_acronyms_keep_the_joiners_initials_as_a_variant() -> None:
    names = named_acronyms("Department of Transportation Operations rules")
    assert set(names) == {"dto", "doto"}
    assert names["dto"] == {stem(w) for w in ("department", "transportation", "operations")}


def test_a_plain_phrase_of_the_ask_meets_its_initials_in_capitals() -> None:
    sim = LexicalSimilarity()
    [score] = sim.scores("commissioning variable refrigerant flow systems",
                         ["Commissioned VRF systems in two buildings"])
    assert score == 1.0
    # Initials only count when the line writes them in capitals.
    assert sim.scores("variable refrigerant flow", ["vrf"]) == [0.0]


def test_everyday_synonyms_and_irregular_pasts_count_as_the_same_word() -> None:
    sim = LexicalSimilarity()
    assert sim.scores("cutting transport spend", ["Reduced freight costs by 12%"]) == [1.0]
    assert sim.scores("teach algebra", ["Taught algebra to Year 9"]) == [1.0]
    assert grouped_stem("cut") == grouped_stem("reduced") != grouped_stem("raised")
    assert grouped_stem("pupil") == grouped_stem("student")
    assert grouped_stem("instructed") == grouped_stem("taught")


@given(st.text(alphabet="ABCDEFGH abcdefgh", max_size=40),
       st.text(alphabet="ABCDEFGH abcdefgh", max_size=40))
def test_scores_stay_between_zero_and_one(query: str, line: str) -> None:
    [score] = LexicalSimilarity().scores(query, [line])
    assert 0.0 <= score <= 1.0
