"""Finding vocabulary skills in text: aliases, case, inflections, offsets."""

from __future__ import annotations

import marshal
from pathlib import Path

from tests.vocab_factory import small_vocab

from interview_closer.core.vocab import (
    VocabEntry,
    Vocabulary,
    read_vocab_file,
    write_vocab_file,
)


def names(text: str) -> list[str]:
    return [m.name for m in small_vocab().find(text)]


def test_aliases_and_abbreviations_find_the_canonical_skill() -> None:
    assert names("5 years of Postgres and JS") == ["PostgreSQL", "JavaScript"]
    assert names("worked in the Intensive Care Unit") == ["Intensive care nursing"]
    assert names("ran k8s clusters") == ["Kubernetes"]


def test_inflections_match() -> None:
    assert names("designed RESTful APIs and REST services") == ["REST API", "REST API"]


def test_case_sensitive_aliases_only_match_their_case() -> None:
    assert names("Go and Spark") == ["Go", "Spark"]
    assert names("ready to go, a spark of genius") == []


def test_longest_match_wins_and_offsets_are_verbatim() -> None:
    text = "Apache Airflow with apache kafka"
    found = small_vocab().find(text)
    assert [(m.name, m.surface) for m in found] == [
        ("Airflow", "Apache Airflow"), ("Kafka", "apache kafka"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.surface


def test_multiword_alias_does_not_jump_across_punctuation() -> None:
    assert names("intensive care. unit tests") == []


def test_lookup_adjacent_and_paraphrases() -> None:
    v = small_vocab()
    entry = v.lookup("postgres")
    assert entry is not None and entry.name == "PostgreSQL"
    assert v.lookup("no such thing") is None
    assert v.adjacent("PostgreSQL", "MySQL")
    assert not v.adjacent("PostgreSQL", "Python")
    hits = v.paraphrases("Led a team of 6 engineers and closed $1.2M in new ARR")
    assert {h.name for h in hits} == {"People management", "Quota attainment"}


def test_vocab_files_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    entries = [VocabEntry("Widgetry", "tool", "widgets", ("widgetz", "=WGT"))]
    write_vocab_file(path, entries)
    assert read_vocab_file(path) == entries
    v = Vocabulary.load([path])
    assert [m.name for m in v.find("WGT and widgetz, not wgt")] == ["Widgetry", "Widgetry"]


def test_shipped_vocabulary_knows_common_aliases() -> None:
    v = Vocabulary.default()
    assert len(v) >= 3000
    for alias, canonical_part in [("Postgres", "postgres"), ("JS", "javascript"),
                                  ("ICU", "intensive care"), ("k8s", "kubernetes")]:
        entry = v.lookup(alias)
        assert entry is not None, alias
        assert canonical_part in entry.name.lower() or canonical_part in " ".join(
            entry.aliases).lower()


def test_the_saved_index_reads_like_a_fresh_load() -> None:
    """The cached state (built once, reused by every run) answers as the files do."""
    from interview_closer.core.vocab import (
        DATA_DIR,
        _from_state,
        _index_state,
        builtin_vocab_files,
    )

    fresh = Vocabulary.load(builtin_vocab_files(), [DATA_DIR / "paraphrases.tsv"])
    saved = _from_state(marshal.loads(marshal.dumps(_index_state(fresh))))
    assert saved._past_verbs() == fresh._past_verbs() and "led" in saved._past_verbs()
    line = "Lead a shift team of six carers, and supervise 4 students"
    assert saved.paraphrases(line) == fresh.paraphrases(line)
    assert saved.find(line) == fresh.find(line)


def test_a_letter_hyphenated_to_a_word_is_no_one_letter_skill() -> None:
    vocab = Vocabulary([VocabEntry("C", "tool", "systems languages", ("=C",))])
    assert [m.surface for m in vocab.find("Embedded C and C/C++ firmware")] == ["C", "C"]
    assert vocab.find("Forms 1094-C and 1095-C for the C-suite") == []


def test_members_of_a_family_named_after_a_skill_neighbour_that_skills_family() -> None:
    vocab = Vocabulary([
        VocabEntry("Sage", "tool", "accounting software", ()),
        VocabEntry("Sage 50", "tool", "sage", ()),
        VocabEntry("Sage 200", "tool", "sage", ()),
        VocabEntry("SAP", "tool", "accounting software", ()),
        VocabEntry("Python", "tool", "languages", ()),
    ])
    assert vocab.adjacent("Sage 50", "Sage 200") and vocab.adjacent("SAP", "Sage 50")
    assert vocab.adjacent("Sage 50", "SAP") and not vocab.adjacent("Python", "Sage 50")
    assert not vocab.adjacent("Sage 50", "Sage 50")


def test_shipped_vocabulary_tells_sage_products_and_hvac_credentials_apart() -> None:
    vocab = Vocabulary.default()
    assert [m.name for m in vocab.find("Sage 200 and Sage 50 Payroll")] == ["Sage 200", "Sage 50"]
    assert [m.name for m in vocab.find("NATE certified, EPA 608")] == [
        "NATE certification", "HVAC certification"]
    assert [m.name for m in vocab.find("purchase ledger")] == ["Accounts payable"]
    assert [m.name for m in vocab.find("EMIS Web and SystmOne")] == ["EMIS Web", "SystmOne"]
    assert [m.name for m in vocab.find("creating staff schedules")] == ["Staff scheduling"]
    assert [m.name for m in vocab.paraphrases("Cite-checked 30 briefs")] == ["Attention to detail"]
