"""The full `closer` Typer app; its commands live in sibling modules.

Heavy libraries are imported inside the commands, never here.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="closer",
    help="Close the interview and keep the door open: closing plans, debriefs and follow-ups.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in ("prep_cmds", "tracker_cmds", "vocab_cmds", "web_cmds"):
    importlib.import_module(f"interview_closer.cli.{_name}").register(app)


def click_class(name: str) -> type[BaseException]:
    """A class of the click library Typer uses (vendored in new Typer, plain click in old)."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise LookupError(name)  # pragma: no cover - every Typer has these
