"""Entry point of the `closer` command: user errors become one line and an exit code.

A plain `closer prep`/`closer demo` takes a quick path without Typer
(see `cli.fast`); everything else goes to the Typer app in `cli.app`.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from interview_closer.errors import CloserError


def _fail(message: str, code: int) -> NoReturn:
    print(f"closer: {message}", file=sys.stderr)
    sys.exit(code)


def run(argv: list[str] | None = None) -> None:
    """Run one `closer` command line and exit with its status."""
    args = sys.argv[1:] if argv is None else argv
    try:
        from interview_closer.cli.fast import parse_quick

        quick = parse_quick(args)
        if quick is not None:
            from interview_closer.cli.prep_run import run_prep

            run_prep(quick.resume, quick.job, quick.company, quick.role, quick.interviewer,
                     quick.fmt, quick.output, quick.semantic_model)
            sys.exit(0)
        code = _run_typer(args)
    except CloserError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted; nothing was saved", 130)
    sys.exit(code)


def _run_typer(args: list[str]) -> int:
    """Run the full Typer app; Click's own errors become one line too."""
    import typer

    from interview_closer.cli.app import app, click_class

    click_error = click_class("ClickException")
    usage_error = click_class("UsageError")
    try:
        code = app(args=args, standalone_mode=False)
    except typer.Abort:
        _fail("cancelled; nothing was saved", 130)
    except click_error as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]
            return 0
        message = exc.format_message()  # type: ignore[attr-defined]
        command = getattr(getattr(exc, "ctx", None), "command_path", "closer")
        hint = f" (see '{command} --help')" if isinstance(exc, usage_error) else ""
        _fail(f"{message}{hint}", 2 if isinstance(exc, usage_error) else exc.exit_code)  # type: ignore[attr-defined]
    return code if isinstance(code, int) else 0
