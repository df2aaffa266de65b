"""The parsed-data cache: reused while sources are unchanged, rebuilt otherwise, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_closer.core.datacache import cached, data_dir, load_yaml


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _counting_build(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_second_call_reuses_the_saved_value(tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    src.write_text("one", encoding="utf-8")
    calls, build = _counting_build({"words": ["one"], "n": 1})
    assert cached("thing", [src], build) == {"words": ["one"], "n": 1}
    assert cached("thing", [src], build) == {"words": ["one"], "n": 1}
    assert len(calls) == 1
    assert (data_dir() / "cache" / "thing.marshal").is_file()


def test_a_changed_source_or_version_rebuilds(tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    src.write_text("one", encoding="utf-8")
    calls, build = _counting_build(1)
    cached("thing", [src], build)
    src.write_text("one two", encoding="utf-8")
    cached("thing", [src], build)
    cached("thing", [src], build, version=2)
    assert len(calls) == 3


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    src.write_text("one", encoding="utf-8")
    target = data_dir() / "cache" / "thing.marshal"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"\x00garbage")
    assert cached("thing", [src], lambda: [1, 2]) == [1, 2]
    assert cached("thing", [src], lambda: [3]) == [1, 2]  # the rebuilt file was saved


def test_an_unwritable_cache_folder_still_works(tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    src.write_text("one", encoding="utf-8")
    data_dir().mkdir(parents=True)
    (data_dir() / "cache").write_text("a file where the folder should be", encoding="utf-8")
    assert cached("thing", [src], lambda: "v") == "v"
    assert (data_dir() / "cache").is_file()


def test_unsaveable_values_are_returned_anyway(tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    src.write_text("one", encoding="utf-8")
    value = object()
    assert cached("thing", [src], lambda: value) is value


def test_load_yaml_parses_and_caches(tmp_path: Path) -> None:
    src = tmp_path / "p.yaml"
    src.write_text("pitch:\n  - I build things\n  - I fix things\n", encoding="utf-8")
    assert load_yaml(src) == {"pitch": ["I build things", "I fix things"]}
    assert (data_dir() / "cache" / "yaml-p.marshal").is_file()
    assert load_yaml(src) == {"pitch": ["I build things", "I fix things"]}
