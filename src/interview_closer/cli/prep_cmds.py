"""`closer prep`, `closer extract` and `closer demo`: the closing plan on the command line."""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

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


def _render(plan: object, fmt: PlanFormat, to_terminal: bool) -> str | None:
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


def _prep(
    resume: Path,
    job: Path,
    company: str | None,
    role: str | None,
    interviewer: str | None,
    fmt: PlanFormat,
    output: Path | None,
    semantic_model: str | None = None,
) -> None:
    from interview_closer.service import prepare_plan

    plan = prepare_plan(
        resume, job, company=company, role=role, interviewer=interviewer, today=date.today(),
        semantic_model=semantic_model,
    )
    to_terminal = output is None and fmt is PlanFormat.text and sys.stdout.isatty()
    content = _render(plan, fmt, to_terminal)
    if content is not None:
        write_output(content, output)


FORMAT_HELP = "Output format: text (terminal), markdown or html (a one-page close card), json."


def register(app: typer.Typer) -> None:
    """Add prep, extract and demo to the app."""

    @app.command()
    def prep(
        resume: Annotated[Path, typer.Option("--resume", "-r", help="Your resume: PDF, DOCX, TXT, "
                                             "Markdown or JSON Resume.")],
        job: Annotated[Path, typer.Option("--job", "-j", help="The job posting: TXT, Markdown "
                                          "or a saved HTML page.")],
        company: Annotated[str | None, typer.Option(help="Employer name, if the posting "
                                                    "does not make it clear.")] = None,
        role: Annotated[str | None, typer.Option(help="Job title, if the posting does not "
                                                 "make it clear.")] = None,
        interviewer: Annotated[str | None, typer.Option(help="Who you will meet (used in "
                                                        "the thank-you line).")] = None,
        fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = (
            PlanFormat.text
        ),
        output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this "
                                                    "file instead of standard output.")] = None,
        semantic: Annotated[bool, typer.Option(help="Match with sentence embeddings (needs "
                                               "the optional 'semantic' extra).")] = False,
        model: Annotated[str | None, typer.Option(help="With --semantic: a local "
                                                  "sentence-transformers model folder "
                                                  "(default: the packaged one).")] = None,
    ) -> None:
        """Prepare the close: an evidence-backed closing plan from a resume and a posting."""
        if model is not None and not semantic:
            raise UsageError("--model goes with --semantic")
        _prep(resume, job, company, role, interviewer, fmt, output,
              (model or "packaged") if semantic else None)

    @app.command()
    def extract(
        file: Annotated[Path, typer.Argument(help="A job posting: TXT, Markdown or saved HTML.")],
        fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="text or json.")] = (
            ExtractFormat.text
        ),
        output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this "
                                                    "file instead of standard output.")] = None,
    ) -> None:
        """Show what a posting asks for: requirements, importance, kind and skills."""
        from interview_closer.readers import read_posting
        from interview_closer.service import understand_posting

        doc = read_posting(file)
        posting = understand_posting(doc.text, doc.title, doc.company, all_mentions=True)
        if fmt is ExtractFormat.json:
            import json

            from interview_closer.render.json_plan import posting_to_dict

            content = json.dumps(posting_to_dict(posting), indent=2, ensure_ascii=False)
        else:
            content = _posting_text(posting)
        write_output(content, output)

    @app.command()
    def demo(
        fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = (
            PlanFormat.text
        ),
        output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this "
                                                    "file instead of standard output.")] = None,
    ) -> None:
        """Run `prep` on the bundled sample resume and posting."""
        from interview_closer.service import sample_path

        _prep(sample_path("resume.md"), sample_path("posting.html"), None, None, "Sam",
              fmt, output)


def _posting_text(posting: object) -> str:
    from interview_closer.core.models import Posting

    assert isinstance(posting, Posting)
    lines = [f"Job: {posting.title or '(title not found)'}"
             f" at {posting.company or '(company not found)'}", ""]
    for r in posting.requirements:
        skills = ", ".join(s.name for s in r.skills) or "-"
        years = f" {r.years:g}+ years" if r.years else ""
        lines.append(f"{r.id} [{r.importance}/{r.kind}{years}] {r.text}")
        lines.append(f"    skills: {skills}")
    lines.append("")
    lines.append(f"{len(posting.mentions)} skill mentions: "
                 + ", ".join(sorted({m.name for m in posting.mentions})))
    return "\n".join(lines)
