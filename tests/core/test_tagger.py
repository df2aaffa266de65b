"""The CRF tagger: token features, label collapsing and loading real model files."""

from __future__ import annotations

import time
from pathlib import Path

import pycrfsuite
import pytest

from interview_closer.core.tagger import (
    CrfTagger,
    _default_tagger,
    clusters_path,
    collapse_label,
    core_word,
    model_path,
    read_clusters,
    sentence_features,
    word_shape,
)


def test_core_word_strips_edge_punctuation_but_keeps_symbols() -> None:
    assert core_word("posted:") == "posted"
    assert core_word("(Java)") == "java"
    assert core_word("C++") == "c++"
    assert core_word("C#.") == "c#"
    assert core_word(".NET") == ".net"
    assert core_word("(") == "("


def test_word_shape_collapses_repeats() -> None:
    assert word_shape("Java") == "Xx"
    assert word_shape("CI/CD") == "X/X"
    assert word_shape("2021") == "d"
    assert word_shape("node.js") == "x.x"


def test_features_one_list_per_token_with_cues_and_vocab_tags() -> None:
    tokens = ["Experience", "with", "Kubernetes", "is", "required"]
    feats = sentence_features(tokens, ["O", "O", "B", "O", "O"], {"kubernetes": "a1|b2|c3"})
    assert len(feats) == len(tokens)
    k = feats[2]
    assert "w=kubernetes" in k
    assert "v=B" in k and "v-1=O" in k
    assert "cue=experience_with@1" in k
    assert {"c=a1", "c=b2", "c=c3"} <= set(k)
    assert "w-1=with" in k and "w1=is" in k
    assert "pos=0" in feats[0] and "w-1=<s>" in feats[0]
    assert "has=experience" in feats[4]


def test_features_without_vocab_tags_default_to_outside() -> None:
    feats = sentence_features(["Python"])
    assert "v=O" in feats[0] and "cap" in feats[0]
    assert sentence_features([]) == []


def test_collapse_label() -> None:
    assert [collapse_label(x) for x in ("B-SKILL", "I-KNOW", "O", "B", "I")] == [
        "B", "I", "O", "B", "I"
    ]


def test_a_model_trained_here_is_loaded_and_tags(tmp_path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    sents = [
        (["Experience", "with", "Rust", "required"], ["O", "O", "B-KNOW", "O"]),
        (["Experience", "with", "Haskell", "required"], ["O", "O", "B-KNOW", "O"]),
        (["We", "offer", "lunch"], ["O", "O", "O"]),
        (["Knowledge", "of", "Erlang", "wanted"], ["O", "O", "B-KNOW", "O"]),
    ]
    for toks, labels in sents * 5:
        trainer.append(sentence_features(toks), labels)
    trainer.set_params({"c2": 0.01, "max_iterations": 60})
    path = tmp_path / "tiny.crfsuite"
    trainer.train(str(path))
    tagger = CrfTagger(path)
    assert tagger.tag(["Experience", "with", "Scala", "required"]) == ["O", "O", "B", "O"]
    assert tagger.tag([]) == []


def test_read_clusters(tmp_path: Path) -> None:
    path = tmp_path / "clusters.tsv"
    path.write_text("java\ta1|b2\nbroken line\n\tnoword\n", encoding="utf-8")
    assert read_clusters(path) == {"java": "a1|b2"}
    assert read_clusters(tmp_path / "missing.tsv") == {}


def test_shipped_model_is_small_and_loads_fast() -> None:
    path = model_path()
    assert path.is_file()
    assert path.stat().st_size < 6_000_000
    t0 = time.perf_counter()
    tagger = CrfTagger.default()
    tags = tagger.tag(["Strong", "experience", "with", "Python", "and", "SQL", "."])
    assert time.perf_counter() - t0 < 1.0
    assert len(tags) == 7 and set(tags) <= {"B", "I", "O"}
    assert tags[3] in ("B", "I")


def test_the_default_tagger_reads_every_shipped_cluster_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The clusters are kept in parts unpacked on demand; they must still be the file's.
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "data"))
    _default_tagger.cache_clear()
    try:
        for attempt in ("builds the cache", "reads it"):
            clusters = CrfTagger.default().clusters
            assert dict(clusters) == read_clusters(clusters_path()), attempt
            _default_tagger.cache_clear()
    finally:
        _default_tagger.cache_clear()


def test_marginals_sum_to_one_and_agree_with_the_tags() -> None:
    tagger = CrfTagger.default()
    words = ["Strong", "experience", "with", "Python", "and", "SQL", "."]
    probs = tagger.marginals(words)
    assert len(probs) == len(words)
    for row in probs:
        assert sum(row) == pytest.approx(1.0, abs=1e-6)
        assert all(0.0 <= p <= 1.0 for p in row)
    # Where the CRF tags a word B, B is that word's likeliest label.
    tags = tagger.tag(words)
    assert tags[3] == "B" and max(range(3), key=lambda k: probs[3][k]) == 1
    assert max(range(3), key=lambda k: probs[2][k]) == 0  # "with" is outside
    assert tagger.marginals([]) == []


def test_kept_token_features_give_the_same_features() -> None:
    tokens = ["Experience", "with", "Kubernetes", "and", "Kubernetes", "operators", "."]
    clusters = {"kubernetes": "a1|b2|c3", "operators": "a2|b9"}
    fresh = sentence_features(tokens, ["O", "O", "B", "O", "B", "I", "O"], clusters)
    known: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {}
    kept = sentence_features(tokens, ["O", "O", "B", "O", "B", "I", "O"], clusters, known)
    again = sentence_features(tokens, ["O", "O", "B", "O", "B", "I", "O"], clusters, known)
    assert set(known) == set(tokens)
    assert [sorted(f) for f in kept] == [sorted(f) for f in fresh] == [sorted(f) for f in again]
    assert "c-1=a1" in fresh[5] and "c1=a2" in fresh[4]
