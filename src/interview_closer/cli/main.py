"""Entry point of the `closer` command: user errors become one line and an exit code.

A plain `closer prep`/`closer demo` takes a quick path without Typer
(see `cli.fast`); everything else goes to the Typer app in `cli.app`.
`main` is the installed program; `run` is the same command line for callers
that keep their interpreter (tests, embedding), so it ends with SystemExit.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from typing import NoReturn

from interview_closer.errors import CloserError


def _fail(message: str, code: int) -> NoReturn:
    print(f"closer: {message}", file=sys.stderr)
    sys.exit(code)


def _leave(code: int) -> NoReturn:
    """End the process the way Python would, minus tearing down every object it made."""
    # Freeing the parsed vocabulary, tagger and gate object by object costs a plain
    # `closer prep` about a tenth of its run, for memory the system reclaims anyway.
    # Exit handlers (the regex table's save) and the output flush still happen, in
    # Python's own order; any trouble falls back to the ordinary exit.
    threading = sys.modules.get("threading")  # not imported: no other Python thread runs
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        sys.exit(code)  # e.g. a closed pipe: let Python report it as it always does
    os._exit(code)


def main() -> NoReturn:
    """The installed `closer` program: run the command line and end the process."""
    # The cycle collector would run some 60 times while a plain `prep` imports its modules
    # and loads its data, and free a few hundred objects in all; `run` turns it back on
    # for every other command.
    gc.disable()
    run(leave_quickly=True)


def run(argv: list[str] | None = None, *, leave_quickly: bool = False) -> NoReturn:
    """Run one `closer` command line and exit with its status."""
    args = sys.argv[1:] if argv is None else argv
    try:
        from interview_closer.cli.fast import parse_quick

        quick = parse_quick(args)
        if quick is not None:
            from interview_closer.cli.prep_run import run_prep

            if leave_quickly and quick.semantic_model is not None:
                gc.enable()  # model loading makes garbage cycles by the thousand
            run_prep(quick.resume, quick.job, quick.company, quick.role, quick.interviewer,
                     quick.fmt, quick.output, quick.semantic_model)
            if leave_quickly:
                _leave(0)
            sys.exit(0)
        if leave_quickly:
            gc.enable()  # the Typer commands may run long (the web server)
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
