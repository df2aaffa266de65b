"""The quick `prep`/`demo` path: parses plain command lines, leaves the rest to Typer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interview_closer.cli.app import app
from interview_closer.cli.fast import parse_quick
from interview_closer.cli.prep_run import PlanFormat

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "interview_closer" / "data" / "samples"


def test_plain_prep_is_parsed_in_every_spelling() -> None:
    call = parse_quick(["prep", "-r", "cv.md", "--job=ad.html", "--company", "Acme",
                        "--role=Lead", "--interviewer", "Ana", "-f", "json", "-o", "out.json"])
    assert call is not None
    assert (call.resume, call.job) == (Path("cv.md"), Path("ad.html"))
    assert (call.company, call.role, call.interviewer) == ("Acme", "Lead", "Ana")
    assert call.fmt is PlanFormat.json and call.output == Path("out.json")
    assert call.semantic_model is None
    semantic = parse_quick(["prep", "--resume", "a", "--job", "b", "--semantic", "--model", "m"])
    assert semantic is not None and semantic.semantic_model == "m"
    packaged = parse_quick(["prep", "--resume", "a", "--job", "b", "--semantic"])
    assert packaged is not None and packaged.semantic_model == "packaged"
    demo = parse_quick(["demo", "-f", "markdown"])
    assert demo is not None and demo.resume.name == "resume.md" and demo.interviewer == "Sam"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["prep"],
        ["prep", "--help"],
        ["prep", "-r", "a"],  # no --job
        ["prep", "-r", "a", "-j", "b", "--colour", "red"],  # unknown option
        ["prep", "-r", "a", "-r", "b", "-j", "c"],  # repeated
        ["prep", "-r", "a", "-j"],  # missing value
        ["prep", "-r", "a", "-j", "b", "-f", "pdf"],  # bad format
        ["prep", "-r", "a", "-j", "b", "--model", "m"],  # --model without --semantic
        ["prep", "-r", "a", "-j", "b", "extra"],
        ["prep", "-r", "-j", "b"],  # a value that looks like an option
        ["track", "list"],
        ["demo", "--semantic"],
    ],
)
def test_anything_unusual_goes_to_typer(argv: list[str]) -> None:
    assert parse_quick(argv) is None


def _closer(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "interview_closer", *args],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip


def test_quick_path_prints_what_the_typer_command_prints() -> None:
    args = ["prep", "-r", str(SAMPLES / "resume_nurse.txt"), "-j", str(SAMPLES / "posting.txt"),
            "--interviewer", "Dana", "-f", "markdown"]  # fmt: skip
    quick = _closer(*args)
    assert quick.returncode == 0, quick.stderr
    via_typer = CliRunner().invoke(app, args)
    assert via_typer.exit_code == 0, via_typer.output
    assert quick.stdout == via_typer.stdout


def test_quick_path_reports_user_errors_in_one_line(tmp_path: Path) -> None:
    run = _closer("prep", "-r", str(tmp_path / "missing.md"), "-j", str(SAMPLES / "posting.txt"))
    assert run.returncode == 3
    assert run.stderr.count("\n") == 1 and "missing.md" in run.stderr
    assert "Traceback" not in run.stderr


def test_quick_path_does_not_import_typer(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    code = (
        "import sys\n"
        "from interview_closer.cli.main import run\n"
        f"sys.argv = ['closer', 'prep', '-r', {str(SAMPLES / 'resume.md')!r},"
        f" '-j', {str(SAMPLES / 'posting.txt')!r}, '-f', 'json', '-o', {str(out)!r}]\n"
        "try:\n    run()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print(','.join(m for m in ('typer', 'click', 'rich', 'pydantic', 'yaml')"
        " if m in sys.modules))\n"
    )
    env = {**os.environ, "CLOSER_DATA_DIR": str(tmp_path / "data")}
    for run in ("builds the caches", "uses them"):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env=env, timeout=120)  # fmt: skip
        assert result.returncode == 0, (run, result.stderr)
        assert out.read_text(encoding="utf-8").startswith("{")
    assert result.stdout.strip() == ""  # once cached, not even PyYAML is imported


def test_the_program_flushes_and_runs_exit_handlers_before_it_leaves(tmp_path: Path) -> None:
    # `main` ends the process without the interpreter's teardown; the plan must still reach
    # the pipe whole and the regex table (saved by an exit handler) must still be written.
    env = {**os.environ, "CLOSER_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "interview_closer", "prep", "-r", str(SAMPLES / "resume.md"),
         "-j", str(SAMPLES / "posting.html"), "-f", "json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "interview-closer/plan@1"
    assert (tmp_path / "data" / "cache" / "regex.marshal").is_file()


def test_run_leaves_the_interpreter_as_it_found_it() -> None:
    # Callers that keep their interpreter get SystemExit and a working garbage collector.
    code = (
        "import gc, sys\n"
        "from interview_closer.cli.main import run\n"
        f"sys.argv = ['closer', 'prep', '-r', {str(SAMPLES / 'resume.md')!r},"
        f" '-j', {str(SAMPLES / 'posting.txt')!r}, '-f', 'json']\n"
        "try:\n    run()\nexcept SystemExit as exc:\n    print('exit', exc.code, gc.isenabled())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "exit 0 True"


def test_leaving_early_still_flushes_buffered_output_after_the_exit_handlers() -> None:
    # A short write stays in the pipe's buffer until a flush; os._exit alone would lose it.
    code = (
        "import atexit\n"
        "from interview_closer.cli.main import _leave\n"
        "atexit.register(print, 'handler ran')\n"
        "print('short line')\n"
        "_leave(3)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120)  # fmt: skip
    assert result.returncode == 3
    assert result.stdout == "short line\nhandler ran\n"


@pytest.mark.parametrize(("argv", "collector_on"), [
    (["prep", "-r", str(SAMPLES / "resume.md"), "-j", str(SAMPLES / "posting.txt")], False),
    (["prep", "--help"], True),  # the Typer app: its commands may run long, so it collects
])  # fmt: skip
def test_the_program_collects_garbage_except_in_a_quick_prep(
    argv: list[str], collector_on: bool
) -> None:
    code = (
        "import atexit, gc, sys\n"
        "from interview_closer.cli.main import main\n"
        "atexit.register(lambda: print('collector', gc.isenabled()))\n"
        f"sys.argv = ['closer', *{argv!r}]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"collector {collector_on}"
