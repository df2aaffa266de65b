"""The sentence gate: features, the shipped weights, the extractor option and SkillSpan dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_closer.core.extract import SkillExtractor, bio_to_spans
from interview_closer.core.sentence_gate import (
    GateInput,
    SentenceGate,
    _default_gate,
    gate_features,
    gate_path,
)
from interview_closer.errors import UsageError


def _semantic_ready() -> bool:
    from interview_closer.core.semantic import semantic_available

    return semantic_available()


def test_features_describe_words_pairs_and_what_was_found() -> None:
    tokens = ["Experience", "with", "Docker", "."]
    inp = GateInput(tokens, [(2, 3)], [(2, 3)], ["tool"], " ".join(tokens))
    feats = gate_features(inp)
    assert feats[0] == "bias"
    assert len(feats) == len(set(feats))
    for f in ("w=experience", "b=experience|with", "sw=docker", "before=with", "vk=tool",
              "crf=<2", "end=.", "first=experience"):
        assert f in feats
    empty = gate_features(GateInput([], [], [], []))
    assert "crf=<1" in empty and "voc=<1" in empty


def test_gate_scores_with_its_weights_and_threshold(tmp_path: Path) -> None:
    path = tmp_path / "gate.json"
    path.write_text(json.dumps({"threshold": 0.5, "weights": {"bias": -1.0, "sw=docker": 3.0}}))
    gate = SentenceGate.load(path)
    yes = GateInput(["use", "Docker"], [(1, 2)], [(1, 2)], [])
    no = GateInput(["we", "are", "fun"], [(2, 3)], [(2, 3)], [])
    assert gate.score(yes) == pytest.approx(2.0)
    assert gate.accepts(yes) and not gate.accepts(no)
    assert 0.0 < gate.probability(no) < 0.5


def test_an_unreadable_gate_file_is_a_one_line_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "gate.json"
    path.write_text("{not json")
    with pytest.raises(UsageError) as info:
        SentenceGate.load(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_shipped_gate_is_small_and_separates_requirements_from_company_blurb() -> None:
    assert gate_path().stat().st_size < 400_000
    ex = SkillExtractor.default(gate="off")
    gate = SentenceGate.default()
    need = "Strong experience with Python and Kubernetes is required ."
    blurb = "We are a fast growing company with offices in Berlin and Paris ."
    p_need = gate.probability(ex.analyse_tokens(need.split())[1])
    p_blurb = gate.probability(ex.analyse_tokens(blurb.split())[1])
    assert p_need > gate.threshold > p_blurb


def test_gated_extractor_keeps_the_api_and_drops_only_whole_sentences() -> None:
    text = "We are a fast growing company with offices in Berlin. You know Python and Docker."
    gated = SkillExtractor.default().find(text)
    plain = SkillExtractor.default(gate="off").find(text)
    assert SkillExtractor.default().gate is not None
    assert SkillExtractor.default(gate="off").gate is None
    assert {m.surface for m in gated} <= {m.surface for m in plain}
    assert any(m.surface == "Python" for m in gated)
    assert all(text[m.start : m.end] == m.surface for m in gated)
    with pytest.raises(UsageError, match="unknown"):
        SkillExtractor.default(gate="maybe")


def _dev_scores(shared_dir: Path, ex: SkillExtractor, limit: int) -> tuple[float, float]:
    """(sentence F1, exact F1) on the first `limit` SkillSpan dev sentences."""
    lines = (shared_dir / "eval" / "skillspan" / "dev.json").read_text(encoding="utf-8")
    rows = [json.loads(x) for x in lines.splitlines()[:limit] if x.strip()]
    prepare = getattr(ex.gate, "prepare", None)
    if prepare is not None:
        prepare([" ".join(r["tokens"]) for r in rows])
    tp = n_pred = n_gold = s_tp = s_pred = s_gold = 0
    for r in rows:
        gold = set(bio_to_spans(r["tags_skill"])) | set(bio_to_spans(r["tags_knowledge"]))
        pred = set(bio_to_spans(ex.tag_tokens(r["tokens"])))
        tp, n_pred, n_gold = tp + len(gold & pred), n_pred + len(pred), n_gold + len(gold)
        s_tp += int(bool(gold) and bool(pred))
        s_pred += int(bool(pred))
        s_gold += int(bool(gold))
    return 2 * s_tp / (s_pred + s_gold), 2 * tp / (n_pred + n_gold)


def test_gate_lifts_sentence_and_exact_f1_on_skillspan_dev(shared_dir: Path) -> None:
    plain = _dev_scores(shared_dir, SkillExtractor.default(gate="off"), 800)
    gated = _dev_scores(shared_dir, SkillExtractor.default(gate="lexical"), 800)
    assert gated[0] > plain[0] + 0.01
    assert gated[1] > plain[1]


@pytest.mark.skipif(not _semantic_ready(), reason="the semantic extra is not installed")
def test_semantic_gate_is_at_least_as_good_as_having_none(shared_dir: Path) -> None:
    plain = _dev_scores(shared_dir, SkillExtractor.default(gate="off"), 400)
    semantic = _dev_scores(shared_dir, SkillExtractor.default(gate="semantic"), 400)
    assert semantic[0] > plain[0]


def test_the_default_gate_scores_with_every_shipped_weight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The weights are kept in parts unpacked on demand; they must still be the file's.
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "data"))
    shipped = SentenceGate.load(gate_path())
    _default_gate.cache_clear()
    try:
        for attempt in ("builds the cache", "reads it"):
            gate = SentenceGate.default()
            assert dict(gate.weights) == shipped.weights, attempt
            assert (gate.threshold, gate.meta) == (shipped.threshold, shipped.meta), attempt
            _default_gate.cache_clear()
    finally:
        _default_gate.cache_clear()
