"""The IDF-weighted label index that maps a phrase to labelled concepts."""

from __future__ import annotations

import pytest

from interview_closer.core.label_index import LabelIndex, stem, stems


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("cooperate", "cooperating", "cooperation"), True),
        (("manage", "managed", "management", "manager"), True),
        (("independently", "independence"), True),
        (("analyse", "analyze", "analysis"), True),
        (("debug", "debugging"), True),
        (("communicate", "communication"), True),
        (("java", "javascript"), False),
        (("staff", "stuff"), False),
    ],
)
def test_stem_meets_word_families_only(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


def test_short_words_keep_their_letters() -> None:
    assert [stem(w) for w in ("sql", "css", "lead", "team")] == ["sql", "css", "lead", "team"]


def test_stems_drop_stop_words_numbers_and_split_hyphens() -> None:
    assert stems("3+ years of strong experience with full-stack Teams") == ["full", "stack", "team"]


def _index() -> LabelIndex:
    return LabelIndex(
        [
            ["manage staff", "supervise employees", "manage a team"],
            ["manage budgets"],
            ["manage projects"],
            ["mass spectrometry"],
            ["manage staff"],  # a second concept with the same words is kept apart
        ]
    )


def test_lookup_reports_both_covers_and_the_preferred_flag() -> None:
    hits = {(h.concept, h.preferred): h for h in _index().lookup("managing a team")}
    alt = hits[(0, False)]  # "manage a team", an alternative label of concept 0
    assert alt.label_cover == pytest.approx(1.0)
    assert alt.query_cover == pytest.approx(1.0)
    preferred = hits[(0, True)]  # "manage staff": only "manage" shared
    assert 0 < preferred.label_cover < 1
    assert preferred.query_cover < 1


def test_rare_words_weigh_more_than_common_ones() -> None:
    index = _index()
    assert index.idf(stem("spectrometry")) > index.idf(stem("manage"))
    [hit] = [h for h in index.lookup("spectrometry and managing") if h.concept == 3]
    # "spectrometry" alone is most of the phrase's weight although it is one word of two.
    assert hit.query_cover > 0.6


def test_document_frequency_counts_concepts_not_labels() -> None:
    index = LabelIndex([["plan events", "plan an event", "plan events of all kinds"], ["dance"]])
    # Three labels of one concept repeat "plan" yet it is in one of two concepts, as "dance".
    assert index.idf("plan") == pytest.approx(index.idf("danc"))


def test_unknown_words_only_dilute_the_query() -> None:
    index = _index()
    assert index.lookup("zyxwv") == []
    [hit] = [h for h in index.lookup("mass spectrometry zyxwv") if h.concept == 3]
    assert hit.label_cover == pytest.approx(1.0)
    assert hit.query_cover < 0.7


def test_posting_filler_is_dropped_from_lookups_but_not_from_labels() -> None:
    assert stems("strong knowledge of management") == ["manag"]
    assert stems("knowledge management", filler=False) == ["knowledg", "manag"]
    index = LabelIndex([["knowledge management"], ["project management"], ["lead others"]])
    covers = {h.concept: h.label_cover for h in index.lookup("good project management skills")}
    assert covers[1] == pytest.approx(1.0)
    assert covers[0] < 0.7  # "knowledge" is this label's skill, not filler
    # "others" is a pronoun, no skill: "lead" states all of "lead others".
    assert [h.label_cover for h in index.lookup("lead")] == [pytest.approx(1.0)]
