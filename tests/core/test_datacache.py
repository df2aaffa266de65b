"""The parsed-data cache: reused while sources are unchanged, rebuilt otherwise, never fatal."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_closer.core import datacache
from interview_closer.core.datacache import (
    BucketTable,
    cached,
    data_dir,
    load_yaml,
    pack_buckets,
)


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


def test_a_bucket_table_answers_like_the_dict_it_was_packed_from() -> None:
    table = {f"word{i}": f"a{i % 7}|b{i}" for i in range(500)} | {"naïve": "x", "\udc80": "y"}
    size, parts = pack_buckets(table, 64)
    packed = BucketTable(size, parts)
    assert len(packed) == len(table) and bool(packed)
    for key, value in table.items():
        assert packed[key] == value and packed.get(key) == value and key in packed
    assert packed.get("absent") is None and packed.get("absent", "d") == "d"
    assert "absent" not in packed and 3 not in packed and packed.get(3) is None  # type: ignore[call-overload]
    with pytest.raises(KeyError):
        packed["absent"]
    assert dict(packed) == table


def test_a_bucket_table_unpacks_only_the_parts_its_lookups_need(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    size, parts = pack_buckets({f"w{i}": i for i in range(1000)}, 100)
    unpacked: list[bytes] = []
    real_loads = datacache.marshal.loads

    def counting_loads(blob: bytes) -> object:
        unpacked.append(blob)
        return real_loads(blob)

    monkeypatch.setattr(datacache.marshal, "loads", counting_loads)
    packed = BucketTable(size, parts)
    assert packed.get("w1") == 1 and packed.get("w1") == 1 and packed.get("nope") is None
    assert len(unpacked) <= 2  # one part per distinct key, each unpacked once
    assert packed.get("w1") == 1 and len(unpacked) <= 2


def test_an_empty_bucket_table_finds_nothing() -> None:
    size, parts = pack_buckets({}, 0)
    packed = BucketTable(size, parts)
    assert len(packed) == 0 and not packed and packed.get("a") is None and "a" not in packed
    assert list(packed) == []


def test_a_table_packed_by_another_process_is_found_by_this_one(tmp_path: Path) -> None:
    # Parts are chosen by a hash that stays the same between processes (str hashes do not).
    saved = tmp_path / "table.marshal"
    code = (
        "import marshal, sys\n"
        "from interview_closer.core.datacache import pack_buckets\n"
        "table = {f'word{i}': i for i in range(300)}\n"
        f"open({str(saved)!r}, 'wb').write(marshal.dumps(pack_buckets(table, 32)))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)
    size, parts = marshal.loads(saved.read_bytes())
    packed = BucketTable(size, parts)
    assert all(packed.get(f"word{i}") == i for i in range(300))
