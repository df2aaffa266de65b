"""The default-mode ESCO ranker: ESCO alternative labels and IDF word overlap."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bench.esco_lexical import (
    LexicalEscoRanker,
    default_ranker,
    load_esco_concepts,
    split_alternatives,
)

from interview_closer.core.models import SkillMention

FIRST = Counter({"manage": 9, "supervise": 5, "work": 6, "make": 4, "use": 8, "direct": 3})
LAST = Counter({"work": 6, "staff": 2})


def test_alternatives_are_cut_before_words_that_mostly_start_labels() -> None:
    words = "supervise staff direct employees manage a crew".split()
    assert split_alternatives(words, FIRST, LAST) == [
        "supervise staff", "direct employees", "manage a crew"
    ]


def test_no_cut_after_a_binding_word_a_one_word_piece_or_a_word_that_ends_labels() -> None:
    # "work" ends as many labels as it starts; "make" alone is no label; "of" binds.
    words = "do street work in social work make use of tools manage of staff".split()
    assert split_alternatives(words, FIRST, LAST) == [
        "do street work in social work", "make use of tools", "manage of staff"
    ]


def test_the_preferred_labels_words_are_never_cuts() -> None:
    words = "coordinate team work plans direct team work".split()
    with_keep = split_alternatives(words, FIRST, Counter(), frozenset({"work"}))
    assert with_keep == ["coordinate team work plans", "direct team work"]
    without = split_alternatives(words, FIRST, Counter())
    assert without == ["coordinate team", "work plans", "direct team"]  # lone "work" dropped


CSV = (
    "id,description\n"
    'x/1,"manage staff supervise staff direct employees Manage the staff of a team '
    'to accomplish more."\n'
    'x/2,"attend to detail in preparation for audits ensure preparedness for audits '
    'maintain preparedness for audits Ensure compliance."\n'
    'x/3,"attend to detail attend to details work meticulously Accomplish a task."\n'
    'x/4,"Java (computer programming) Java The techniques of programming in Java."\n'
    'x/5,"an entry for a label nobody lists Something else."\n'
)


def test_concepts_take_alternatives_from_the_entry_of_their_label(tmp_path: Path) -> None:
    path = tmp_path / "skills.csv"
    path.write_text(CSV, encoding="utf-8")
    labels = ["manage staff", "attend to detail", "Java (computer programming)", "lead others"]
    # Starters are counted over all labels: give "supervise" and "direct" a few more.
    labels += [f"{verb} {obj}" for verb in ("supervise", "direct") for obj in "abc"]
    concepts = load_esco_concepts(labels, path)
    assert concepts[0] == ["manage staff", "supervise staff", "direct employees"]
    # Two entries start with "attend to detail"; the one whose own label is that wins.
    assert concepts[1][0] == "attend to detail"
    assert "audits" not in " ".join(concepts[1])
    assert concepts[1][1:] == ["attend to details work meticulously"]
    assert concepts[2] == ["Java (computer programming)", "Java"]
    assert concepts[3] == ["lead others"]  # no entry: the label alone


def _mention(text: str) -> SkillMention:
    return SkillMention(text, text, 0, len(text))


def _ranker() -> LexicalEscoRanker:
    labels = [
        "cooperate with colleagues",
        "provide professional care in nursing",
        "professional ethics",
        "work in teams",
        "SQL",
        "SQL Server",
        "mass spectrometry",
    ]
    concepts = [[lab] for lab in labels]
    concepts[3] += ["work in groups", "team player"]
    return LexicalEscoRanker(labels, concepts)


def test_a_common_word_does_not_outrank_the_label_that_the_phrase_states() -> None:
    sentence = "You are capable of cooperating with colleagues in a professional manner"
    spans = [_mention("cooperating with colleagues"), _mention("professional")]
    assert _ranker().rank(sentence, [], k=2, extra=spans)[0] == "cooperate with colleagues"


def test_an_exact_label_beats_a_longer_label_containing_it() -> None:
    assert _ranker().rank("SQL is a plus", [_mention("SQL")], k=2) == ["SQL", "SQL Server"]


def test_alternative_labels_and_the_sentence_find_labels_without_spans() -> None:
    ranker = _ranker()
    assert ranker.rank("A real team player", [], k=1, extra=[_mention("team player")]) == [
        "work in teams"
    ]
    # No spans at all: the sentence itself states the label.
    assert ranker.rank("Hands-on mass spectrometry", [], k=1) == ["mass spectrometry"]
    assert ranker.rank("Nothing to see", [], k=3) == []


@pytest.mark.shared
def test_real_esco_alternatives_reach_the_gold_label(shared_dir: Path) -> None:
    ranker = default_ranker()
    top = ranker.rank("Are you ready to work in a dynamic and international team?", [], k=5)
    assert "work in teams" in top
    spans = [_mention("Team player")]
    assert "work in teams" in ranker.rank("Team player", [], k=5, extra=spans)


def test_a_lone_verb_left_before_the_definition_is_no_label() -> None:
    # "manage" mostly starts labels: alone, it is a verb whose object the cut took away.
    assert split_alternatives("supervise staff manage".split(), FIRST, LAST) == ["supervise staff"]
    assert split_alternatives("teamwork".split(), FIRST, LAST) == ["teamwork"]
