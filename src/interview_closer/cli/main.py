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


def _click_class(name: str) -> type[BaseException]:
    """A class of the click library Typer uses (vendored in new Typer, plain click in old)."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise LookupError(name)  # pragma: no cover - every Typer has these


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning user errors into one line and an exit code."""
    click_error = _click_class("ClickException")
    usage_error = _click_class("UsageError")
    try:
        code = app(args=argv, standalone_mode=False)
    except CloserError as exc:
        print(f"closer: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("closer: interrupted; nothing was saved", file=sys.stderr)
        sys.exit(130)
    except typer.Abort:
        print("closer: cancelled; nothing was saved", file=sys.stderr)
        sys.exit(130)
    except click_error as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]
            sys.exit(0)
        message = exc.format_message()  # type: ignore[attr-defined]
        command = getattr(getattr(exc, "ctx", None), "command_path", "closer")
        hint = f" (see '{command} --help')" if isinstance(exc, usage_error) else ""
        print(f"closer: {message}{hint}", file=sys.stderr)
        sys.exit(2 if isinstance(exc, usage_error) else exc.exit_code)  # type: ignore[attr-defined]
    sys.exit(code if isinstance(code, int) else 0)
