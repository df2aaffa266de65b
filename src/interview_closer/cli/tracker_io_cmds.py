"""File commands of the tracker: ics, export, import and draft."""

from __future__ import annotations

import io
import json
import sys
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
    open_db,
)
from interview_closer.errors import InputError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

OutOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]
CSV_TABLES = ("applications", "followups", "contacts", "interviews")


def _write(output: Path | None, data: bytes) -> None:
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        tmp = output.with_name(output.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(output)  # all or nothing: never a half-written file
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc


def ics(
    application: Annotated[str | None, typer.Argument(metavar="[ID]", help="Application.")] = None,
    output: OutOpt = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="Also done/skipped ones, as cancelled events.")
    ] = False,
    alarm: Annotated[int, typer.Option(help="Reminder, minutes before.")] = 15,
    db: DbOpt = None,
) -> None:
    """Export follow-ups as an iCalendar file (import it into any calendar program)."""
    from interview_closer.export.ics import to_ics
    from interview_closer.storage import repo
    from interview_closer.storage.views import calendar_items

    ctx = context(db)
    with ctx.db.read() as s:
        app_id = repo.get_application(s, application).id if application else None
        items = calendar_items(s, app_id, include_all=include_all)
    _write(output, to_ics(items, now=ctx.now, alarm_minutes=alarm))
    if output is not None and str(output) != "-":
        console().print(f"Wrote {len(items)} follow-up(s) to {output}")


def _csv_rows(s: Session, table: str, tz: Any) -> tuple[list[str], list[list[Any]]]:
    from interview_closer.storage import repo
    from interview_closer.storage.views import application_json, followup_json, iso

    if table == "applications":
        rows = [application_json(a, tz, next_due=d, pending=n)
                for a, d, n in repo.applications_with_next(s)]  # fmt: skip
        header = ["id", "company", "role", "status", "pending_followups", "next_due",
                  "posting_source", "created_at"]  # fmt: skip
        return header, [[r[h] for h in header] for r in rows]
    if table == "followups":
        views = repo.list_followups(s, include_all=True)
        header = ["id", "application_id", "company", "kind", "due", "channel", "contact",
                  "status", "outcome", "title"]  # fmt: skip
        out = []
        for v in views:
            row = followup_json(v, tz) | {"company": v.company, "outcome": v.outcome,
                                          "title": v.title}  # fmt: skip
            out.append([row[h] for h in header])
        return header, out
    from sqlalchemy import select

    from interview_closer.storage.models import Contact, Interview

    if table == "contacts":
        header = ["id", "name", "title", "email", "phone"]
        contacts = s.scalars(select(Contact).order_by(Contact.id))
        return header, [[getattr(c, h) for h in header] for c in contacts]
    header = ["id", "application_id", "at", "ended_at", "stage", "format", "place"]
    interviews = s.scalars(select(Interview).order_by(Interview.id))
    return header, [[i.id, i.application_id, iso(i.at, tz), iso(i.ended_at, tz), i.stage,
                     i.format, i.place] for i in interviews]  # fmt: skip


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (full backup) or csv.")] = "json",
    table: Annotated[
        str, typer.Option(help="With csv: applications, followups, contacts or interviews.")
    ] = "applications",
    output: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """Back up everything as JSON, or one table as spreadsheet-safe CSV."""
    fmt = check_format(fmt, ("json", "csv"))
    from interview_closer.storage.backup import export_backup

    ctx = context(db)
    if fmt == "json":
        with ctx.db.read() as s:
            data = export_backup(s)
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        _write(output, text.encode("utf-8"))
        return
    if table not in CSV_TABLES:
        raise UsageError(f"--table '{table}' is not one of {', '.join(CSV_TABLES)}")
    from interview_closer.export.csv_safe import write_csv

    buffer = io.StringIO()
    with ctx.db.read() as s:
        header, rows = _csv_rows(s, table, ctx.tz)
    write_csv(buffer, header, rows)
    _write(output, buffer.getvalue().encode("utf-8-sig"))  # BOM: spreadsheets detect UTF-8


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A JSON backup from export.")],
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Restore a JSON backup into an empty database."""
    fmt = check_format(fmt)
    from interview_closer.storage.backup import import_backup

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{file}: not a readable JSON backup ({exc})") from exc
    database = open_db(db)
    with database.write() as s:
        counts = import_backup(s, data)
    if fmt == "json":
        emit_json(counts)
    else:
        console().print("Imported " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))


def draft(
    followup_id: Annotated[int, typer.Argument(metavar="ID", help="Follow-up id.")],
    eml: Annotated[Path | None, typer.Option("--eml", help="Also write an .eml file.")] = None,
    mailto: Annotated[bool, typer.Option("--mailto", help="Print a mailto: link.")] = False,
    db: DbOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """Show the drafted note for a follow-up (thank-you, check-in, ...)."""
    fmt = check_format(fmt)
    from interview_closer.core.drafts import DraftInput, draft_for
    from interview_closer.core.followup import Person
    from interview_closer.export.mail import mailto as mailto_link
    from interview_closer.export.mail import to_eml
    from interview_closer.storage import repo
    from interview_closer.storage.views import stored_debrief

    ctx = context(db)
    with ctx.db.read() as s:
        f = repo.get_followup(s, followup_id)
        app = f.application
        interview = next((i for i in app.interviews if i.id == f.interview_id), None)
        debrief = stored_debrief(interview) if interview else None
        plan_row = repo.latest_plan(s, app, f.interview_id)
        plan = plan_row.data if plan_row else None
        c = f.contact
        person = Person(c.name, c.title, c.email, c.phone) if c else None
        candidate = app.candidate_name or ((plan or {}).get("candidate") or {}).get("name")
        src = DraftInput(
            f.kind, app.company, app.role, person,
            interview.at.astimezone(ctx.tz) if interview else None, debrief, plan, candidate,
            f.sequence, f.detail, (interview.debrief.topics if interview and interview.debrief
                                   else None),
        )  # fmt: skip
    note = draft_for(src)
    link = mailto_link(note.to_email, note.subject, note.body) if note.is_email else None
    if eml is not None:
        if not note.is_email:
            raise UsageError(f"follow-up {followup_id} is a {f.kind}, not an e-mail")
        _write(eml, to_eml(subject=note.subject, body=note.body, date=ctx.now,
                           to_name=note.to_name, to_email=note.to_email))  # fmt: skip
    if fmt == "json":
        emit_json({"id": followup_id, "kind": f.kind, "to": note.to_email,
                   "to_name": note.to_name, "subject": note.subject, "body": note.body,
                   "mailto": link})  # fmt: skip
        return
    head = []
    if note.is_email:
        to = f"{note.to_name} <{note.to_email}>" if note.to_email else (note.to_name or "")
        head = [f"To: {to}", f"Subject: {note.subject}", ""]
    typer.echo("\n".join(head) + note.body)
    if mailto and link:
        typer.echo(link)
    if eml is not None:
        console().print(f"Wrote {eml}")


def register(app: typer.Typer) -> None:
    """Attach ics, export, import and draft."""
    app.command("ics")(ics)
    app.command("export")(export)
    app.command("import")(import_)
    app.command("draft")(draft)
