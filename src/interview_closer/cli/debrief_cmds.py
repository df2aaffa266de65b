"""`closer debrief`: record what happened at the interview and plan the follow-ups."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from interview_closer.cli.tracker_common import (
    Context,
    DbOpt,
    FormatOpt,
    check_format,
    console,
    context,
    emit_json,
)
from interview_closer.errors import InputError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from interview_closer.core.followup import Debrief
    from interview_closer.storage.models import Application


def read_debrief_file(path: Path) -> dict[str, Any]:
    """The mapping in a YAML or JSON debrief file, or InputError saying what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read it ({exc})") from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark else ""
            raise InputError(f"{path}: not valid YAML{where}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping of keys such as interview_at and met")
    return data


def _pick_application(s: Session, ref: str | None, debrief: Debrief | None) -> Application:
    from datetime import timedelta

    from sqlalchemy import select

    from interview_closer.storage import repo
    from interview_closer.storage.models import Application, Interview

    if ref:
        return repo.get_application(s, ref)
    apps = list(s.scalars(select(Application)))
    if len(apps) == 1:
        return apps[0]
    if debrief is not None:
        lo, hi = debrief.interview_at - timedelta(minutes=1), debrief.interview_at + timedelta(
            minutes=1
        )
        found = s.scalars(select(Interview).where(Interview.at.between(lo, hi))).all()
        if len({i.application_id for i in found}) == 1:
            return found[0].application
    if not apps:
        raise UsageError("there are no applications yet; add one with `closer add` first")
    raise UsageError("name the application: closer debrief ID (see `closer status`)")


def _flags(**values: Any) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in values.items() if v not in (None, [], ())}
    if "met" in out:
        out["met"] = list(out["met"])
    if "concerns" in out:
        out["concerns"] = list(out["concerns"])
    if "promised" in out:
        out["promised"] = list(out["promised"])
    return out


def _interactive(ctx: Context, application: str | None) -> tuple[str | None, dict[str, Any]]:
    from interview_closer.cli.debrief_form import Form, run_form
    from interview_closer.storage import repo

    out = console()
    start_default = None
    with ctx.db.read() as s:
        try:
            app = _pick_application(s, application, None)
        except UsageError:
            rows = repo.applications_with_next(s)
            if not rows:
                raise
            for a, _, _ in rows:
                out.print(f"  {a.id}: {a.role} at {a.company} ({a.status})")
            choice = None
            while choice is None:
                answer = Form(out).ask("Which application? (id)")
                if answer and answer.isdigit():
                    choice = answer
            app = repo.get_application(s, choice)
        waiting = [i for i in app.interviews if i.debrief is None]
        start_default = waiting[-1].at if waiting else None
        application = str(app.id)
        out.print(f"Debrief for [bold]{app.role} at {app.company}[/bold] (application {app.id})")
    try:
        return application, run_form(out, ctx.cal, ctx.now, ctx.tz, start_default)
    except EOFError:
        raise UsageError("the input ended before the debrief was finished; nothing saved") from None


def debrief(
    application: Annotated[
        str | None, typer.Argument(help="Application id or name (default: the obvious one).")
    ] = None,
    from_file: Annotated[
        Path | None, typer.Option("--from", help="A YAML or JSON debrief file.")
    ] = None,
    interview_at: Annotated[str | None, typer.Option(help="Start, ISO date-time.")] = None,
    ended_at: Annotated[str | None, typer.Option(help="End, HH:MM or ISO.")] = None,
    stage: Annotated[str | None, typer.Option(help="first, second, final.")] = None,
    met: Annotated[list[str] | None, typer.Option(help="'Name, Title <email>'; repeat.")] = None,
    next_step: Annotated[str | None, typer.Option(help="The next step they described.")] = None,
    decision_by: Annotated[
        str | None, typer.Option(help="Their timeline: 'by the end of next week', a date.")
    ] = None,
    call: Annotated[
        bool | None, typer.Option("--call/--no-call", help="Permission to call given?")
    ] = None,
    best_time: Annotated[str | None, typer.Option(help="Best time to call.")] = None,
    concern: Annotated[
        list[str] | None, typer.Option(help="'concern => your answer' (repeatable).")
    ] = None,
    promise: Annotated[list[str] | None, typer.Option(help="'item => by when'; repeat.")] = None,
    feeling: Annotated[int | None, typer.Option(help="How it felt, 1-5.")] = None,
    notes: Annotated[str | None, typer.Option(help="Free notes.")] = None,
    replace: Annotated[bool, typer.Option(help="Replace an earlier debrief of it.")] = False,
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Record the debrief (a guided form, or --from FILE / flags) and plan the follow-ups."""
    fmt = check_format(fmt)
    from interview_closer.core.debrief import debrief_from
    from interview_closer.storage import repo
    from interview_closer.storage.views import followup_json, interview_json

    flags = _flags(
        interview_at=interview_at, ended_at=ended_at, stage=stage, met=met, next_step=next_step,
        decision_by=decision_by, permission_to_call=call, best_time_to_call=best_time,
        concerns=concern, promised=promise, feeling=feeling, notes=notes,
    )  # fmt: skip
    ctx = context(db)
    if from_file is None and not flags:
        try:
            application, data = _interactive(ctx, application)
        except KeyboardInterrupt:
            _interrupted()
        confirm = True
    else:
        data = read_debrief_file(from_file) if from_file else {}
        data.update(flags)
        confirm = False
    parsed = debrief_from(data, ctx.cal)
    try:
        keep = _preview(ctx, parsed) if confirm else True
    except KeyboardInterrupt:
        _interrupted()
    if not keep:
        console().print("Nothing saved.")
        return
    with ctx.db.write() as s:
        app = _pick_application(s, application, parsed)
        row, rows = repo.record_debrief(
            s, app, parsed, rules=ctx.rules, cal=ctx.cal, now=ctx.now, replace=replace
        )
        out = {
            "id": row.id,
            "application_id": app.id,
            "interview": interview_json(row.interview, ctx.tz),
            "followups": [followup_json(r, ctx.tz) for r in rows],
        }
    if fmt == "json":
        emit_json(out)
        return
    lines = [f"Debrief {out['id']} saved for application {app.id}; {len(rows)} follow-ups planned:"]
    for r in rows:
        lines.append(f"  {r.id:>4}  {r.due_at.astimezone(ctx.tz):%a %d %b %H:%M}  {r.title}")
    lines.append("See them with: closer followups   Calendar: closer ics -o followups.ics")
    console().print("\n".join(lines))


def _interrupted() -> NoReturn:
    """Ctrl-C in the form: say so and exit 130 (Typer would otherwise swallow the code)."""
    print("closer: interrupted; nothing was saved", file=sys.stderr)
    raise SystemExit(130)


def _preview(ctx: Context, parsed: Debrief) -> bool:
    from interview_closer.cli.debrief_form import Form
    from interview_closer.core.followup import plan_followups

    out = console()
    out.print("[bold]Follow-ups this debrief will plan:[/bold]")
    for item in plan_followups(parsed, ctx.rules, ctx.cal):
        out.print(f"  {item.due.astimezone(ctx.tz):%a %d %b %H:%M}  {item.title}  [dim]"
                  f"({item.reason})[/dim]")  # fmt: skip
    try:
        return Form(out).confirm("Save the debrief and these follow-ups?")
    except EOFError:
        raise UsageError("the input ended before the debrief was saved; nothing saved") from None


def register(app: typer.Typer) -> None:
    """Attach `closer debrief`."""
    app.command("debrief")(debrief)
