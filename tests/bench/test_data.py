"""The bench finds held-out test files dropped beside the dev and validation sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import data


def _sentence(tokens: list[str], skill: list[str]) -> str:
    return json.dumps({"tokens": tokens, "tags_skill": skill, "tags_knowledge": ["O"] * len(tokens),
                       "source": "tech", "idx": 0})  # fmt: skip


def test_a_test_split_is_measured_only_when_its_files_are_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    skillspan, esco = tmp_path / "skillspan", tmp_path / "esco-linked"
    skillspan.mkdir()
    esco.mkdir()
    monkeypatch.setattr(data, "SKILLSPAN", skillspan)
    monkeypatch.setattr(data, "ESCO_LINKED", esco)
    assert data.skillspan_splits() == ["dev"]
    assert data.esco_linked_splits() == ["validation"]
    (skillspan / "test.json").write_text(_sentence(["Python", "skills"], ["B", "O"]) + "\n")
    assert data.skillspan_splits() == ["dev", "test"]
    assert data.load_skillspan("test")[0].tags_skill == ["B", "O"]
    header = "sentence,span,sub_span,label\n"
    (esco / "tech_test_annotations.csv").write_text(header + "Use Java,Java,,Java\n")
    assert data.esco_linked_splits() == ["validation"]  # both TECH and HOUSE are needed
    (esco / "house_test_annotations.csv").write_text(
        header + "Cook food,Cook food,,cook food\nWe are kind,,,LABEL NOT PRESENT\n")
    assert data.esco_linked_splits() == ["validation", "test"]
    assert data.load_esco_linked("house", "test") == [("Cook food", {"cook food"}),
                                                       ("We are kind", set())]
