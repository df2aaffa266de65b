"""`closer vocab import` and `closer vocab stats` end to end, into a temporary data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from interview_closer.cli.app import app
from interview_closer.core.vocab import Vocabulary, read_vocab_file
from interview_closer.errors import InputError, UsageError

runner = CliRunner()

ONET = (
    "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n"
    "11-1011.00\tZorblax Ledger\t43232202\tAccounting software\tN\tN\n"
    "11-1011.00\tQuibble Studio\t43232110\tGraphics software\tY\tN\n"
)
ESCO = (
    "id,description\n"
    'http://x/1,"tend frobnicator machines operate frobnicator machines Tend the machines."\n'
)


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private CLOSER_DATA_DIR for the test."""
    target = tmp_path / "data"
    monkeypatch.setenv("CLOSER_DATA_DIR", str(target))
    return target


def test_import_onet_writes_a_vocabulary_the_loader_reads(tmp_path: Path, data_dir: Path) -> None:
    src = tmp_path / "Technology Skills.txt"
    src.write_text(ONET, encoding="utf-8")
    result = runner.invoke(app, ["vocab", "import", "onet", str(src)])
    assert result.exit_code == 0, result.output
    assert "imported 2 ONET skills" in result.output
    written = data_dir / "vocab" / "onet.tsv"
    entries = read_vocab_file(written)
    assert [(e.name, e.family) for e in entries] == [
        ("Zorblax Ledger", "accounting software"), ("Quibble Studio", "graphics software")
    ]
    vocab = Vocabulary.load([written])
    assert [m.name for m in vocab.find("We use Zorblax Ledger daily")] == ["Zorblax Ledger"]
    assert not list((data_dir / "vocab").glob("*.tmp"))


def test_import_esco_simplified_and_stats(tmp_path: Path, data_dir: Path) -> None:
    src = tmp_path / "skills.csv"
    src.write_text(ESCO, encoding="cp1252")
    assert runner.invoke(app, ["vocab", "import", "ESCO", str(src)]).exit_code == 0
    entries = read_vocab_file(data_dir / "vocab" / "esco.tsv")
    assert [e.name for e in entries] == ["tend frobnicator machines"]
    stats = runner.invoke(app, ["vocab", "stats"])
    assert stats.exit_code == 0
    assert "esco.tsv" in stats.output and "imported" in stats.output


def test_reimport_replaces_the_previous_file(tmp_path: Path, data_dir: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text(ONET, encoding="utf-8")
    runner.invoke(app, ["vocab", "import", "onet", str(src)])
    src.write_text(ONET.splitlines()[0] + "\n1\tOnly One\t1\tX\tN\tN\n", encoding="utf-8")
    assert runner.invoke(app, ["vocab", "import", "onet", str(src)]).exit_code == 0
    assert [e.name for e in read_vocab_file(data_dir / "vocab" / "onet.tsv")] == ["Only One"]


@pytest.mark.parametrize(
    ("args", "content", "error", "message"),
    [
        (["vocab", "import", "onet", "{missing}"], None, InputError, "no such file"),
        (["vocab", "import", "onet", "{file}"], "", InputError, "empty"),
        (["vocab", "import", "onet", "{file}"], "not,a,taxonomy\n", InputError, "O*NET"),
        (["vocab", "import", "esco", "{file}"], "a\tb\n", InputError, "ESCO"),
        (["vocab", "import", "lightcast", "{file}"], "x\n", UsageError, "use 'onet' or 'esco'"),
    ],
)
def test_bad_imports_raise_one_line_errors_and_write_nothing(
    tmp_path: Path,
    data_dir: Path,
    args: list[str],
    content: str | None,
    error: type[Exception],
    message: str,
) -> None:
    file = tmp_path / "input.txt"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    argv = [a.format(missing=tmp_path / "nope.txt", file=file) for a in args]
    result = runner.invoke(app, argv)
    assert isinstance(result.exception, error)
    assert message in str(result.exception)
    assert "\n" not in str(result.exception)
    assert not (data_dir / "vocab").exists() or not any((data_dir / "vocab").iterdir())


def test_binary_file_is_refused(tmp_path: Path, data_dir: Path) -> None:
    file = tmp_path / "skills.csv"
    file.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = runner.invoke(app, ["vocab", "import", "esco", str(file)])
    assert isinstance(result.exception, InputError)
    assert "binary" in str(result.exception)
