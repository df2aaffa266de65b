"""Running `closer prep` without Typer: formats, rendering and atomic output.

Kept free of Typer, Click and Rich imports so the fast command-line path
(`interview_closer.cli.fast`) can prepare a plan without paying for them.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

from interview_closer.errors import UsageError


class PlanFormat(StrEnum):
    """Output formats of a plan."""

    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class ExtractFormat(StrEnum):
    """Output formats of a posting analysis."""

    text = "text"
    json = "json"


def write_output(content: str, output: Path | None) -> None:
    """Write to a file atomically (temp file, then rename), or to standard output."""
    if output is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    if output.is_dir():
        raise UsageError(f"{output}: is a folder; give a file name for -o")
    if not output.parent.exists():
        raise UsageError(f"{output}: folder {output.parent} does not exist; create it first")
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{output}: cannot write ({exc.strerror}); choose another path") from exc


def render_plan(plan: object, fmt: PlanFormat, to_terminal: bool) -> str | None:
    """The plan in the chosen format; None when it was printed straight to the terminal."""
    from interview_closer.core.models import Plan

    assert isinstance(plan, Plan)
    if fmt is PlanFormat.json:
        from interview_closer.render.json_plan import plan_to_json

        return plan_to_json(plan)
    if fmt is PlanFormat.markdown:
        from interview_closer.render.markdown import render_markdown

        return render_markdown(plan)
    if fmt is PlanFormat.html:
        from interview_closer.render.html import render_html

        return render_html(plan)
    if to_terminal:
        from rich.console import Console

        from interview_closer.render.text import print_plan

        print_plan(plan, Console())
        return None
    from interview_closer.render.text import render_text

    return render_text(plan)


def run_prep(
    resume: Path,
    job: Path,
    company: str | None,
    role: str | None,
    interviewer: str | None,
    fmt: PlanFormat,
    output: Path | None,
    semantic_model: str | None = None,
) -> None:
    """Prepare a plan from two files and write it out in the chosen format."""
    from interview_closer.service import prepare_plan

    plan = prepare_plan(
        resume, job, company=company, role=role, interviewer=interviewer, today=date.today(),
        semantic_model=semantic_model,
    )
    to_terminal = output is None and fmt is PlanFormat.text and sys.stdout.isatty()
    content = render_plan(plan, fmt, to_terminal)
    if content is not None:
        write_output(content, output)


def demo_inputs() -> tuple[Path, Path, str]:
    """What `closer demo` runs on: the bundled sample resume and posting, and an interviewer."""
    from interview_closer.service import sample_path

    return sample_path("resume.md"), sample_path("posting.html"), "Sam"
