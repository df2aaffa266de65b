"""`closer prep`, `closer extract` and `closer demo`: the closing plan on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from interview_closer.cli.prep_run import (
    ExtractFormat,
    PlanFormat,
    demo_inputs,
    run_prep,
    write_output,
)
from interview_closer.errors import UsageError

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
        semantic: Annotated[bool, typer.Option(help="Match with embeddings as well as "
                                               "words (needs the optional 'semantic' "
                                               "extra).")] = False,
        model: Annotated[str | None, typer.Option(help="With --semantic: a local "
                                                  "sentence-transformers model folder whose "
                                                  "encoder embeds the texts (default: the "
                                                  "word-piece table distilled from the "
                                                  "packaged MiniLM).")] = None,
    ) -> None:
        """Prepare the close: an evidence-backed closing plan from a resume and a posting."""
        if model is not None and not semantic:
            raise UsageError("--model goes with --semantic")
        run_prep(resume, job, company, role, interviewer, fmt, output,
              (model or "packaged") if semantic else None)

    @app.command()
    def extract(
        file: Annotated[Path, typer.Argument(help="A job posting: TXT, Markdown or saved HTML.")],
        fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="text or json.")] = (
            ExtractFormat.text
        ),
        output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this "
                                                    "file instead of standard output.")] = None,
        semantic: Annotated[bool, typer.Option(help="Find the skill mentions with the neural "
                                               "tagger (needs the optional 'semantic' "
                                               "extra).")] = False,
    ) -> None:
        """Show what a posting asks for: requirements, importance, kind and skills."""
        from interview_closer.readers import read_posting
        from interview_closer.service import require_neural_tagger, understand_posting

        if semantic:
            require_neural_tagger()
        doc = read_posting(file)
        posting = understand_posting(doc.text, doc.title, doc.company, all_mentions=True,
                                     semantic=semantic)  # fmt: skip
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
        resume, job, interviewer = demo_inputs()
        run_prep(resume, job, None, None, interviewer, fmt, output)


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
