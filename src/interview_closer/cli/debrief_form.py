"""The guided debrief form: keyboard only, every question skippable, values read back.

Answers are gathered in memory and only handed over at the end, so Ctrl-C at any
question leaves the database untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

from interview_closer.errors import DataError

if TYPE_CHECKING:
    from rich.console import Console

    from interview_closer.core.timeline import WorkCalendar

T = TypeVar("T")
SKIP = "(Enter skips)"


class Form:
    """Questions on a Rich console; a blank answer skips the question."""

    def __init__(self, out: Console) -> None:
        self.out = out

    def ask(self, question: str, default: str | None = None) -> str | None:
        """A free-text answer, or None when skipped."""
        from rich.prompt import Prompt

        hint = f" [dim]{SKIP}[/dim]" if default is None else ""
        answer = Prompt.ask(f"{question}{hint}", default=default or "", show_default=bool(default),
                            console=self.out)  # fmt: skip
        return answer.strip() or None

    def yes_no(self, question: str) -> bool | None:
        """Yes, no, or None when skipped."""
        while True:
            answer = self.ask(f"{question} \\[y/n]")
            if answer is None:
                return None
            if answer.lower() in ("y", "yes"):
                return True
            if answer.lower() in ("n", "no"):
                return False
            self.out.print("[yellow]Please answer y or n (or press Enter to skip).[/yellow]")

    def confirm(self, question: str) -> bool:
        """A yes/no question whose blank answer means yes."""
        from rich.prompt import Confirm

        return Confirm.ask(question, default=True, console=self.out)

    def parsed(
        self, question: str, read: Callable[[str], T], show: Callable[[T], str],
        default: str | None = None,
    ) -> tuple[str, T] | None:
        """Ask until the answer reads well and is confirmed; None when skipped."""
        while True:
            answer = self.ask(question, default)
            if answer is None:
                return None
            try:
                value = read(answer)
            except DataError as exc:
                self.out.print(f"[yellow]{exc}[/yellow]")
                continue
            if self.confirm(f"  -> {show(value)}. Right?"):
                return answer, value


def run_form(
    out: Console, cal: WorkCalendar, now: datetime, tz: tzinfo, start_default: datetime | None
) -> dict[str, Any]:
    """Ask every debrief question; returns the answers in the --from file format."""
    from interview_closer.cli.tracker_common import read_moment
    from interview_closer.core.debrief import parse_end, person_from
    from interview_closer.core.timeline import read_call_time, read_timeline

    form = Form(out)
    out.print("[bold]Debrief[/bold]: write it down while it is fresh. Ctrl-C cancels; "
              "nothing is saved until the end.")  # fmt: skip
    data: dict[str, Any] = {}
    default = start_default.astimezone(tz).strftime("%Y-%m-%d %H:%M") if start_default else None
    start_answer = None
    while start_answer is None:
        start_answer = form.parsed(
            "When did the interview start?", lambda t: read_moment(t, "interview_at", now, tz),
            lambda m: f"{m.astimezone(tz):%a %d %b %Y %H:%M %Z}", default,
        )  # fmt: skip
        if start_answer is None:
            out.print("[yellow]The start time is the one thing the plan needs.[/yellow]")
    start = start_answer[1]
    data["interview_at"] = start.isoformat()
    end = form.parsed("When did it end? (HH:MM)", lambda t: parse_end(t, start, cal),
                      lambda m: f"ended {m.astimezone(tz):%H:%M}")  # fmt: skip
    if end:
        data["ended_at"] = end[1].isoformat()
    data["stage"] = form.ask("Stage (first, second, final)")
    met = []
    out.print("Who did you meet? One person per line as [bold]Name, Title <email>[/bold]; "
              "Enter on an empty line when done.")  # fmt: skip
    while True:
        who = form.parsed("  Person", person_from,
                          lambda p: ", ".join(x for x in (p.name, p.title, p.email) if x))
        if who is None:
            break
        person = who[1]
        entry = {"name": person.name, "title": person.title, "email": person.email}
        entry["phone"] = form.ask(f"  {person.name}'s phone")
        entry["topic"] = form.ask(f"  One thing you discussed with {person.name}")
        met.append({k: v for k, v in entry.items() if v})
    data["met"] = met
    data["next_step"] = form.ask("What is the next step?")
    day0 = start.astimezone(tz).date()
    decision = form.parsed(
        "When do they expect to decide? (their words)", lambda t: read_timeline(t, day0, cal),
        lambda t: f"{t.date:%a %d %b %Y} ({t.how})" if t.date else "no date: the no-date rule",
    )  # fmt: skip
    data["decision_by"] = decision[0] if decision else None
    data["permission_to_call"] = form.yes_no("Did they say you may call?")
    if data["permission_to_call"]:
        best = form.parsed(
            "Best time to call", read_call_time,
            lambda c: "at " + (f"{c.at:%H:%M}" if c.at else "the default time") + (
                " on " + "/".join("MTWTFSS"[d] for d in sorted(c.weekdays)) if c.weekdays else ""),
        )  # fmt: skip
        data["best_time_to_call"] = best[0] if best else None
    names = [p["name"] for p in met]
    concerns = []
    while True:
        concern = form.ask("A concern they raised (Enter when none left)")
        if concern is None:
            break
        answer = form.ask("  How did you answer it?")
        raised = form.ask(f"  Raised by ({', '.join(names)})") if names else None
        while raised and raised.casefold() not in {n.casefold() for n in names}:
            raised = form.ask(f"  Please type one of: {', '.join(names)}")
        concerns.append({"concern": concern, "answer": answer, "raised_by": raised})
    data["concerns"] = concerns
    promised = []
    while True:
        item = form.ask("Something you promised to send (Enter when none left)")
        if item is None:
            break
        by = form.parsed("  By when?", lambda t: read_timeline(t, day0, cal),
                         lambda t: f"{t.date:%a %d %b %Y}" if t.date else "no date")  # fmt: skip
        promised.append({"item": item, "by": by[0] if by else None})
    data["promised"] = promised
    feeling = form.parsed("How did it feel, 1 (badly) to 5 (great)?", _feeling, str)
    data["feeling"] = feeling[1] if feeling else None
    data["notes"] = form.ask("Anything else to remember")
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def _feeling(text: str) -> int:
    if text.strip() in ("1", "2", "3", "4", "5"):
        return int(text)
    raise DataError("please type a number from 1 to 5")
