"""Skill mention extraction: tokenising, span helpers, the merge rule and the real model."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tests.vocab_factory import ENTRIES

from interview_closer.core.extract import (
    SkillExtractor,
    bio_to_spans,
    crf_tokens,
    merge_spans,
    spans_to_bio,
    vocab_bio,
)
from interview_closer.core.vocab import Vocabulary


def _vocab() -> Vocabulary:
    return Vocabulary(ENTRIES)


def test_tokens_keep_offsets_and_technical_names_but_drop_commas() -> None:
    text = "Use C++, node.js and .NET (CI/CD)."
    toks = crf_tokens(text)
    expected = ["Use", "C++", "node.js", "and", ".NET", "(", "CI/CD", ")", "."]
    assert [t.text for t in toks] == expected
    assert all(text[t.start : t.end] == t.text for t in toks)


def test_bio_helpers() -> None:
    assert bio_to_spans(["B", "I", "O", "B", "B", "I"]) == [(0, 2), (3, 4), (4, 6)]
    assert bio_to_spans(["O", "I", "I"]) == [(1, 3)]
    assert spans_to_bio([(0, 2), (3, 4)], 5) == ["B", "I", "O", "B", "O"]


@given(st.lists(st.sampled_from(["B", "I", "O"]), max_size=30))
def test_bio_round_trip_normalises_stray_inside_tags(tags: list[str]) -> None:
    spans = bio_to_spans(tags)
    again = spans_to_bio(spans, len(tags))
    assert bio_to_spans(again) == spans
    assert [t == "O" for t in again] == [t == "O" for t in tags]


def test_merge_keeps_tagger_spans_and_adds_only_non_overlapping_vocab_spans() -> None:
    merged = merge_spans([(0, 3), (5, 6)], [(1, 2), (4, 5), (7, 9)])
    assert merged == [(0, 3), (4, 5), (5, 6), (7, 9)]


def test_vocab_bio_marks_vocabulary_matches() -> None:
    tokens = ["Experience", "with", "Postgres", "and", "Apache", "Kafka", "."]
    assert vocab_bio(_vocab(), tokens) == ["O", "O", "B", "O", "B", "I", "O"]


def test_without_tagger_the_extractor_is_the_vocabulary_lookup() -> None:
    ex = SkillExtractor(_vocab(), None)
    text = "You know Postgres, k8s and team management."
    found = ex.find(text)
    assert [(m.name, m.surface) for m in found] == [
        ("PostgreSQL", "Postgres"), ("Kubernetes", "k8s"), ("People management", "team management")
    ]
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_default_extractor_finds_offsets_verbatim_and_splits_lists_at_commas() -> None:
    text = (
        "About us: we sell shoes.\n"
        "Requirements:\n- 5+ years of experience with Python, Kubernetes, and Terraform.\n"
        "- Knowledge of financial reporting is a plus."
    )
    found = SkillExtractor.default().find(text)
    assert found, "expected mentions"
    assert all(text[m.start : m.end] == m.surface for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all("," not in m.surface for m in found)
    surfaces = {m.surface for m in found}
    assert "Python" in surfaces
    assert any("Terraform" in s for s in surfaces)
    assert all(not s.endswith(".") for s in surfaces)


def test_many_texts_at_once_read_as_each_alone() -> None:
    texts = [
        "Requirements:\n- 3 years with React and TypeScript.\n- A driving licence.",
        "",
        "Knowledge of payroll software such as Sage or Xero. We offer free lunches.",
        "Experience with Kubernetes, Terraform and Docker in production.",
    ]
    for ex in (SkillExtractor.default(), SkillExtractor(_vocab(), None)):
        together = ex.find_many(texts)
        assert together == [ex.find(text) for text in texts]
        assert together[1] == [] and together[3]  # Kubernetes is in both vocabularies


def test_tag_tokens_is_one_tag_per_token() -> None:
    tokens = ["Knowledge", "of", "Java", "and", "Docker", "is", "required", "."]
    tags = SkillExtractor.default().tag_tokens(tokens)
    assert len(tags) == len(tokens) and set(tags) <= {"B", "I", "O"}
    assert tags[2] != "O"
    assert SkillExtractor.default().tag_tokens([]) == []
    assert SkillExtractor.default().find("   ") == []


def test_beats_plain_lookup_on_skillspan_dev(shared_dir: Path) -> None:
    import json

    from interview_closer.core.extract import builtin_vocabulary

    lines = (shared_dir / "eval" / "skillspan" / "dev.json").read_text(encoding="utf-8")
    rows = [json.loads(x) for x in lines.splitlines()[:600] if x.strip()]
    product = SkillExtractor.default()
    baseline = SkillExtractor(builtin_vocabulary(), None)

    def f1(ex: SkillExtractor) -> float:
        tp = n_pred = n_gold = 0
        for r in rows:
            gold = set(bio_to_spans(r["tags_skill"])) | set(bio_to_spans(r["tags_knowledge"]))
            pred = set(bio_to_spans(ex.tag_tokens(r["tokens"])))
            tp += len(gold & pred)
            n_pred += len(pred)
            n_gold += len(gold)
        return 2 * tp / (n_pred + n_gold)

    product_f1 = f1(product)
    assert product_f1 > 0.3
    assert product_f1 > f1(baseline)


def test_analyse_tokens_gives_ungated_spans_and_the_gate_view() -> None:
    tokens = ["We", "use", "Docker", "and", "Python", "daily", "."]
    spans, inp = SkillExtractor.default().analyse_tokens(tokens)
    assert list(inp.tokens) == tokens
    assert list(inp.spans) == spans
    assert all(0 <= a < b <= len(tokens) for a, b in spans)
    assert "tool" in inp.vocab_kinds
    assert spans_to_bio(spans, len(tokens)) == SkillExtractor.default("off").tag_tokens(tokens)
