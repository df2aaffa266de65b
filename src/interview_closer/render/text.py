"""The closing plan for the terminal (Rich, with colour) and as plain text at a fixed width.

Every string from the resume or posting goes into a rich.text.Text, never through
console markup, so brackets in a resume line are shown as they are.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from interview_closer.core.models import Plan
from interview_closer.render.card_view import CardView, QuoteView, card_view
from interview_closer.render.common import WORDS_PER_MINUTE

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

STATUS_STYLES = {"met": "bold green", "partial": "bold yellow", "gap": "bold red"}
SEVERITY_STYLES = {"blocking": "bold red", "minor": "yellow"}
INDENT = 4


def _text(*parts: str | tuple[str, str]) -> Text:
    """A Text from plain strings and (string, style) pairs; no markup is parsed."""
    from rich.text import Text

    return Text.assemble(*parts)


def _indented(renderable: RenderableType, left: int = INDENT) -> RenderableType:
    """Indent a block so wrapped lines line up under their heading."""
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, left))


def _section(title: str) -> RenderableType:
    """A ruled section heading."""
    from rich.rule import Rule

    return Rule(_text((title, "bold")), align="left", style="dim")


def _bullets(lines: list[str], marker: str = "•") -> RenderableType:
    """A list whose wrapped lines hang under the text, not under the marker."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for line in lines:
        grid.add_row(_text(marker), _text(line))
    return grid


def _quotes(quotes: list[QuoteView]) -> list[RenderableType]:
    """Resume lines in quotation marks, each after its line number, wrapped lines aligned."""
    from rich.table import Table

    if not quotes:
        return []
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1, overflow="fold")
    for quote in quotes:
        grid.add_row(_text((f"line {quote.line}", "dim")),
                     _text(("“" + quote.text + "”", "italic")))
    return [_indented(grid)]


def _header(view: CardView) -> list[RenderableType]:
    """Role and company, who is who, and the requirement count."""
    people = []
    if view.candidate:
        people.append(("Candidate: ", view.candidate))
    if view.interviewer:
        people.append(("Interviewer: ", view.interviewer))
    who: list[str | tuple[str, str]] = []
    for index, (label, name) in enumerate(people):
        who.extend([("   " if index else "") + label, (name, "bold")])
    block: list[RenderableType] = [_text(("Closing plan: ", "dim"), (view.heading, "bold"))]
    if who:
        block.append(_text(*who))
    block.append(_text((view.summary, "dim")))
    return block


def _skills(view: CardView) -> list[RenderableType]:
    """The five best skills for this job, each with the resume lines behind it."""
    block: list[RenderableType] = [_section(view.skills_heading)]
    if not view.skills:
        block.append(_text(("No skill in the resume answers this posting yet.", "dim")))
    for skill in view.skills:
        answers = ", ".join(skill.requirement_ids)
        block.append(_text(f"{skill.rank}. ", (skill.skill, "bold cyan"),
                           (f"  answers {answers}" if answers else "", "dim")))
        block.extend(_quotes(skill.quotes))
    return block


def _step(number: int, title: str, note: str = "") -> Text:
    """A numbered step heading with an optional dim note after it."""
    return _text((f"{number}. {title}", "bold"), (f"  {note}" if note else "", "dim"))


def _gap_answers(view: CardView) -> list[RenderableType]:
    """Prepared answers, blocking ones marked so they are answered honestly."""
    if not view.gaps:
        return [_indented(_text(("No gaps found: listen, and answer what comes up.", "dim")))]
    block: list[RenderableType] = []
    for gap in view.gaps:
        style = SEVERITY_STYLES.get(gap.severity, "bold")
        block.append(_indented(_text((gap.label, style), " ", (gap.requirement_id, "bold"),
                                     (" " + gap.requirement_text if gap.requirement_text
                                      else ""))))
        block.append(_indented(_text(gap.answer), INDENT + 2))
        block.extend(_indented(item, 2) for item in _quotes(gap.quotes))
    return block


def _script(view: CardView) -> list[RenderableType]:
    """The close in the method's order, steps 1 to 8."""
    pace = (f"{view.pitch_words} words, about {view.pitch_seconds} seconds at "
            f"{WORDS_PER_MINUTE} wpm")
    block: list[RenderableType] = [
        _section("The close, step by step"),
        _step(1, "Parting pitch", pace),
        _indented(_text(view.pitch)),
        _step(2, "Ask about gaps and concerns"),
        _indented(_bullets(view.gap_questions)),
        _step(3, "Answer what comes up"),
        *_gap_answers(view),
        _step(4, "Reaffirm your interest"),
        _indented(_text(view.reaffirm)),
        _step(5, "You need it, I deliver it"),
        _indented(_text(view.match_statement)),
        _indented(_text(("Story: ", "bold"), view.story)),
        _step(6, "Next step and permission to call"),
        _indented(_bullets(view.next_step_questions)),
        _step(7, "Thank them and go"),
        _indented(_text(view.thanks)),
        _step(8, "Debrief as soon as you are alone", "write down:"),
        _indented(_bullets(view.debrief_reminder, "[ ]")),
    ]
    return block


def _requirements(view: CardView) -> list[RenderableType]:
    """Every requirement with its status spelled out, score and reason."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("Need", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Score", no_wrap=True, justify="right")
    table.add_column("Requirement and why", ratio=1, overflow="fold")
    for row in view.requirements:
        status = _text((row.label, STATUS_STYLES.get(row.status, "bold")))
        if row.severity:
            status.append("\n" + row.severity, style=SEVERITY_STYLES.get(row.severity, ""))
        detail = _text(row.text, ("\n" + row.reason if row.reason else "", "dim"))
        # Cells are Text, never str: a str cell would go through the console's markup parser.
        table.add_row(_text(row.id), _text(row.importance), status, _text(row.score), detail)
    return [_section("Requirements"), table]


def plan_renderables(plan: Plan) -> list[RenderableType]:
    """The whole plan as a list of Rich renderables, top to bottom."""
    from rich.text import Text

    view = card_view(plan, quote_limit=None)
    blank = Text("")
    return [*_header(view), blank, *_skills(view), blank, *_script(view), blank,
            *_requirements(view)]


def print_plan(plan: Plan, console: Console) -> None:
    """Print the plan to a Rich console (colour if the console supports it)."""
    for renderable in plan_renderables(plan):
        console.print(renderable)


def render_text(plan: Plan, width: int = 80) -> str:
    """The plan as plain text at most `width` columns wide, with no colour codes."""
    from rich.console import Console

    console = Console(record=True, width=width, file=io.StringIO(), color_system=None,
                      force_terminal=False, force_jupyter=False, highlight=False,
                      emoji=False, markup=False, soft_wrap=False, legacy_windows=False)
    print_plan(plan, console)
    lines = console.export_text(styles=False).splitlines()
    # Rich pads table and grid rows to the full width; trailing spaces help nobody.
    return "\n".join(line.rstrip() for line in lines) + "\n"
