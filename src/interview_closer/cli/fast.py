"""A quick path for the commands people run most (`prep`, `demo`) that skips Typer.

Typer, Click and their imports cost more than a whole plan, so a plain,
well-formed `closer prep ...` is parsed here. Anything this parser is not sure
about (help, unknown or repeated options, a missing value) returns None, and
the full Typer app handles it, with its usual messages and help text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_closer.cli.prep_run import PlanFormat, demo_inputs

# option spelling -> field it sets; every one of these takes a value
_VALUE_OPTIONS = {
    "prep": {
        "--resume": "resume", "-r": "resume", "--job": "job", "-j": "job",
        "--company": "company", "--role": "role", "--interviewer": "interviewer",
        "--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output",
        "--model": "model",
    },
    "demo": {"--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output"},
}
_FLAGS = {"prep": {"--semantic": True, "--no-semantic": False}, "demo": {}}


@dataclass(frozen=True)
class PrepCall:
    """A fully parsed `prep` (or `demo`) invocation."""

    resume: Path
    job: Path
    company: str | None
    role: str | None
    interviewer: str | None
    fmt: PlanFormat
    output: Path | None
    semantic_model: str | None


def parse_quick(argv: list[str]) -> PrepCall | None:
    """Parse a plain `prep`/`demo` command line, or None to leave it to Typer."""
    if not argv or argv[0] not in _VALUE_OPTIONS:
        return None
    command, options, flags = argv[0], _VALUE_OPTIONS[argv[0]], _FLAGS[argv[0]]
    values: dict[str, str] = {}
    semantic = False
    args = iter(argv[1:])
    for arg in args:
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in flags and not eq:
            semantic = flags[name]
            continue
        field = options.get(name)
        if field is None or field in values:
            return None
        value = inline if eq else next(args, None)
        if value is None or (not eq and value.startswith("-") and value != "-"):
            return None
        values[field] = value
    try:
        fmt = PlanFormat(values.get("fmt", "text"))
    except ValueError:
        return None
    output = Path(values["output"]) if "output" in values else None
    if command == "demo":
        resume, job, interviewer = demo_inputs()
        return PrepCall(resume, job, None, None, interviewer, fmt, output, None)
    if "resume" not in values or "job" not in values or ("model" in values and not semantic):
        return None
    return PrepCall(
        Path(values["resume"]), Path(values["job"]), values.get("company"), values.get("role"),
        values.get("interviewer"), fmt, output,
        (values.get("model") or "packaged") if semantic else None,
    )
