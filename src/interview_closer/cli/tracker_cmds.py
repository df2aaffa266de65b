"""Tracker commands: add, interview add, followups, done, skip, status, show, settings.

The debrief form and the file commands (ics, export, import, draft) live in sibling
modules registered from here. Heavy libraries load inside each command.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interview_closer.cli.tracker_common import (
    DbOpt,
    FormatOpt,
    check_format,
    console,
    context,
    emit_json,
    read_moment,
    when_label,
)
from interview_closer.errors import UsageError

if TYPE_CHECKING:
    pass

interview_app = typer.Typer(help="Record interviews.", no_args_is_help=True)
settings_app = typer.Typer(help="Country (public holidays), time zone and rule figures.",
                           no_args_is_help=True)  # fmt: skip


def add(
    resume: Annotated[Path, typer.Option("--resume", help="Your resume (PDF, DOCX, TXT, MD).")],
    job: Annotated[Path, typer.Option("--job", help="The job posting (TXT, MD, HTML).")],
    company: Annotated[str | None, typer.Option(help="Company (default: the posting's).")] = None,
    role: Annotated[str | None, typer.Option(help="Job title (default: the posting's).")] = None,
    status: Annotated[str, typer.Option(help="saved or applied.")] = "applied",
    source: Annotated[str | None, typer.Option(help="Where the posting came from (URL).")] = None,
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Add an application from a posting and a resume, storing its closing plan."""
    fmt = check_format(fmt)
    from interview_closer.storage import repo
    from interview_closer.storage.views import application_json

    ctx = context(db)
    from interview_closer.replan import plan_dict

    data, plan = plan_dict(resume, job, company=company, role=role, today=ctx.now.date())
    company = company or (data.get("job") or {}).get("company")
    role = role or (data.get("job") or {}).get("title")
    if not company or not role:
        missing = "--company" if not company else "--role"
        raise UsageError(f"the posting {job} does not say its {missing[2:]}; pass {missing}")
    with ctx.db.write() as s:
        app = repo.add_application(
            s, company=company, role=role, status=status, now=ctx.now, plan=data,
            posting_text=plan.posting.text, posting_source=source or str(job.resolve()),
            resume_path=str(resume.resolve()),
            candidate_name=(data.get("candidate") or {}).get("name"),
        )  # fmt: skip
        out = application_json(app, ctx.tz)
    if fmt == "json":
        emit_json(out)
        return
    console().print(
        f"Added application {out['id']}: {role} at {company} ({status}).\n"
        f"Next: closer interview add {out['id']} --at 2026-12-01T10:00 --with \"Name <email>\""
    )


@interview_app.command("add")
def interview_add(
    application: Annotated[str, typer.Argument(help="Application id (or part of its name).")],
    at: Annotated[str, typer.Option("--at", help="Start, e.g. 2026-12-01T10:00.")],
    ended: Annotated[str | None, typer.Option("--ended", help="End time (HH:MM or ISO).")] = None,
    stage: Annotated[str | None, typer.Option(help="first, second, final, ...")] = None,
    mode: Annotated[str | None, typer.Option(help="video, phone or onsite.")] = None,
    place: Annotated[str | None, typer.Option(help="Address or meeting link.")] = None,
    people: Annotated[
        list[str] | None, typer.Option("--with", help="'Name, Title <email>' (repeatable).")
    ] = None,
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Record an interview; a second or later one gets its own closing plan."""
    fmt = check_format(fmt)
    from interview_closer.core.debrief import person_from
    from interview_closer.storage import repo
    from interview_closer.storage.views import interview_json

    ctx = context(db)
    start = read_moment(at, "--at", ctx.now, ctx.tz)
    end = None
    if ended:
        from interview_closer.core.debrief import parse_end

        end = parse_end(ended, start, ctx.cal)
    persons = tuple(person_from(p) for p in people or [])
    from interview_closer.replan import plan_for_next_interview

    with ctx.db.read() as s:
        app = repo.get_application(s, application)
        plan = plan_for_next_interview(s, app, persons[0].name if persons else None,
                                       ctx.now.date())  # fmt: skip
    with ctx.db.write() as s:
        app = repo.get_application(s, application)
        interview = repo.add_interview(
            s, app, at=start, ended_at=end, stage=stage, format=mode, place=place, people=persons,
            plan=plan, now=ctx.now,
        )  # fmt: skip
        out = interview_json(interview, ctx.tz)
    if fmt == "json":
        emit_json(out)
        return
    extra = " with its own closing plan" if plan else ""
    console().print(
        f"Recorded interview {out['id']} for application {out['application_id']} at "
        f"{start.astimezone(ctx.tz):%a %d %b %Y %H:%M}{extra}.\n"
        f"Afterwards: closer debrief {out['application_id']}"
    )


def followups(
    show_all: Annotated[bool, typer.Option("--all", help="Include done and skipped.")] = False,
    application: Annotated[str | None, typer.Option("--app", help="Only this application.")] = None,
    days: Annotated[
        int | None, typer.Option(help="Only those due within this many days (and overdue).")
    ] = None,
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """List follow-ups: overdue, today, upcoming (--all for the history too)."""
    fmt = check_format(fmt)
    from interview_closer.storage import repo
    from interview_closer.storage.views import followup_json

    ctx = context(db)
    with ctx.db.read() as s:
        app_id = repo.get_application(s, application).id if application else None
        until = ctx.now + timedelta(days=days) if days is not None else None
        views = repo.list_followups(s, include_all=show_all, application_id=app_id, until=until)
    if fmt == "json":
        emit_json([followup_json(v, ctx.tz) for v in views])
        return
    from rich.table import Table

    if not views:
        console().print("No follow-ups pending. Record a debrief with: closer debrief")
        return
    table = Table(title=f"Follow-ups ({ctx.now:%a %d %b %Y %H:%M} {ctx.now.tzname()})")
    table.add_column("ID", justify="right")
    table.add_column("When")
    table.add_column("Due", no_wrap=True)
    table.add_column("Follow-up", min_width=28)
    table.add_column("Application", no_wrap=True, overflow="ellipsis", max_width=16)
    if show_all:
        table.add_column("Status")
    styles = {"overdue": "bold red", "today": "bold yellow", "upcoming": ""}
    for v in views:
        due = v.due.astimezone(ctx.tz)
        label = when_label(due, ctx.now) if v.status == "pending" else "-"
        cells = [str(v.id), label, f"{due:%a %d %b %H:%M}", v.title,
                 f"{v.application_id} {v.company}"]  # fmt: skip
        if show_all:
            cells.append(f"{v.status}: {v.outcome}" if v.outcome else v.status)
        table.add_row(*cells, style=styles.get(label, "dim"))
    console().print(table)


def _finish(followup_id: int, db: str | None, fmt: str, **kwargs: Any) -> None:
    fmt = check_format(fmt)
    from interview_closer.storage import repo
    from interview_closer.storage.views import followup_detail

    ctx = context(db)
    with ctx.db.write() as s:
        result = repo.complete_followup(
            s, followup_id, now=ctx.now, rules=ctx.rules, cal=ctx.cal, **kwargs
        )
        out = followup_detail(result.followup, ctx.tz)
        out["cancelled"] = sorted(result.effects.cancel)
        out["moved"] = sorted(result.effects.move)
        out["added"] = [a.id for a in result.added]
        out["application_status"] = result.status_after
    if fmt == "json":
        emit_json(out)
        return
    lines = [f"{out['status'].capitalize()}: {followup_id} {out['title']}"]
    if out["cancelled"]:
        lines.append(f"Cancelled {len(out['cancelled'])} pending follow-up(s).")
    if out["moved"]:
        lines.append(f"Moved {len(out['moved'])} later check-in(s) to keep the spacing.")
    if out["added"]:
        lines.append(f"Planned {len(out['added'])} new follow-up(s): see closer followups.")
    if result.status_before != result.status_after:
        lines.append(f"Application is now {result.status_after}.")
    if kwargs.get("outcome") == "second-interview":
        lines.append(f"Record it with: closer interview add {out['application_id']} --at ...")
    console().print("\n".join(lines))


def done(
    followup_id: Annotated[int, typer.Argument(metavar="ID", help="Follow-up id.")],
    outcome: Annotated[
        str | None,
        typer.Option(help="no-reply, sent, heard-back, second-interview, offer, accepted, "
                     "rejection, no-response, withdrawn."),
    ] = None,
    decision_by: Annotated[
        str | None, typer.Option(help="With heard-back: their new timeline, e.g. 'in two weeks'.")
    ] = None,
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Mark a follow-up done, optionally with what came of it."""
    from interview_closer.core.followup import normalise_outcome
    from interview_closer.core.timeline import read_timeline

    name = normalise_outcome(outcome)
    new_date = None
    if decision_by:
        if name != "heard-back":
            raise UsageError("--decision-by goes with --outcome heard-back")
        ctx = context(db)
        new_date = read_timeline(decision_by, ctx.now.date(), ctx.cal).date
    _finish(followup_id, db, fmt, outcome=name, new_decision=new_date)


def skip(
    followup_id: Annotated[int, typer.Argument(metavar="ID", help="Follow-up id.")],
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Skip a follow-up (the rest of the plan stays as it is)."""
    _finish(followup_id, db, fmt, skip=True)


def status(db: DbOpt = None, fmt: FormatOpt = "text") -> None:
    """The pipeline: every application, its status and next follow-up."""
    fmt = check_format(fmt)
    from interview_closer.storage import repo
    from interview_closer.storage.views import application_json

    ctx = context(db)
    with ctx.db.read() as s:
        rows = [application_json(a, ctx.tz, next_due=d, pending=n)
                for a, d, n in repo.applications_with_next(s)]  # fmt: skip
    if fmt == "json":
        emit_json(rows)
        return
    if not rows:
        console().print("No applications yet. Add one with: closer add --resume FILE --job FILE")
        return
    from collections import Counter

    from rich.table import Table

    counts = Counter(r["status"] for r in rows)
    table = Table(title="Pipeline: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for column in ("ID", "Company", "Role", "Status", "Pending", "Next due"):
        table.add_column(column)
    for r in rows:
        nxt = r["next_due"][:16].replace("T", " ") if r["next_due"] else ""
        table.add_row(str(r["id"]), r["company"], r["role"], r["status"],
                      str(r["pending_followups"]), nxt)  # fmt: skip
    console().print(table)


def show(
    application: Annotated[str, typer.Argument(metavar="ID", help="Application id or name.")],
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Everything about one application: interviews, debriefs, follow-ups."""
    fmt = check_format(fmt)
    from interview_closer.storage import repo
    from interview_closer.storage.views import application_detail

    ctx = context(db)
    with ctx.db.read() as s:
        out = application_detail(repo.load_application(s, application), ctx.tz)
    if fmt == "json":
        emit_json(out)
        return
    lines = [f"[bold]{out['role']} at {out['company']}[/bold]  (id {out['id']}, {out['status']})"]
    for i in out["interviews"]:
        who = ", ".join(p["name"] for p in i["interviewers"]) or "nobody recorded"
        lines.append(f"Interview {i['id']}: {i['at'][:16].replace('T', ' ')} "
                     f"{i['stage'] or ''} with {who}")  # fmt: skip
        d = i["debrief"]
        if d:
            lines.append(f"  next step: {d['next_step'] or '-'}; decision: "
                         f"{d['decision_by'] or '-'} ({d['decision_date'] or 'no date'}); "
                         f"may call: {d['permission_to_call']}")  # fmt: skip
            for c in d["concerns"]:
                lines.append(f"  concern: {c['concern']} -> {c['answer'] or '(no answer yet)'}")
    for f in out["followups"]:
        lines.append(f"  [{f['status']}] {f['id']} {f['due'][:16].replace('T', ' ')} "
                     f"{f['title']} — {f['reason'] or ''}")  # fmt: skip
    console().print("\n".join(lines))


@settings_app.command("show")
def settings_show(db: DbOpt = None, fmt: FormatOpt = "text") -> None:
    """Show the settings in force (defaults filled in) and the rule figures."""
    fmt = check_format(fmt)
    from dataclasses import asdict

    from interview_closer.storage.settings import effective

    ctx = context(db)
    out = effective(ctx.settings)
    for key, value in asdict(ctx.rules).items():
        text = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
        out.setdefault(f"rules.{key}", text.lower() if isinstance(value, bool) else text)
    if fmt == "json":
        emit_json(out)
        return
    console().print("\n".join(f"{k} = {v}" for k, v in sorted(out.items())))


@settings_app.command("set")
def settings_set(
    key: Annotated[str, typer.Argument(help="country, timezone or rules.<name>.")],
    value: Annotated[str, typer.Argument(help="The new value.")],
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Change a setting (applies to follow-ups planned from now on)."""
    fmt = check_format(fmt)
    from interview_closer.cli.tracker_common import open_db
    from interview_closer.storage.settings import save_setting

    database = open_db(db)
    with database.write() as s:
        stored = save_setting(s, key, value)
    if fmt == "json":
        emit_json({key: stored})
    else:
        console().print(f"{key} = {stored}")


def register(app: typer.Typer) -> None:
    """Attach the tracker commands to the `closer` app."""
    from interview_closer.cli import debrief_cmds, tracker_io_cmds

    app.command("add")(add)
    app.add_typer(interview_app, name="interview")
    app.command("followups")(followups)
    app.command("done")(done)
    app.command("skip")(skip)
    app.command("status")(status)
    app.command("show")(show)
    app.add_typer(settings_app, name="settings")
    debrief_cmds.register(app)
    tracker_io_cmds.register(app)
