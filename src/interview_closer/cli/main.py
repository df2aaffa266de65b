"""The `closer` command: a Typer app whose commands live in sibling modules.

Heavy libraries are imported inside the commands, never here, so that a single
`closer prep` stays quick to start.
"""

from __future__ import annotations

import sys

import typer

from interview_closer.errors import CloserError

app = typer.Typer(
    name="closer",
    help="Close the interview and keep the door open: closing plans, debriefs and follow-ups.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    """Attach every command module's commands to the app."""
    import importlib

    for name in ("prep_cmds", "tracker_cmds", "vocab_cmds", "web_cmds"):
        try:
            module = importlib.import_module(f"interview_closer.cli.{name}")
        except ModuleNotFoundError as exc:
            # A command module not written yet; anything else missing is a real error.
            if exc.name != f"interview_closer.cli.{name}":
                raise
            continue
        module.register(app)


_register()


def run() -> None:
    """Entry point: run the app, turning user errors into one line and an exit code."""
    try:
        app(standalone_mode=False)
    except CloserError as exc:
        print(f"closer: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("closer: interrupted; nothing was saved", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # click's own usage errors
        import click

        if isinstance(exc, click.exceptions.Abort):
            print("closer: cancelled; nothing was saved", file=sys.stderr)
            sys.exit(130)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
        raise
