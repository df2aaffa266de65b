"""What the pages and the JSON API both do, once: each function is one user action.

Everything here calls the service and storage layers; nothing decides a rule itself.
User mistakes raise interview_closer.errors exceptions (FormError when they belong to
form fields), which the page and API layers turn into a re-rendered form or a JSON error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from interview_closer.errors import CloserError, DataError, InputError, UsageError
from interview_closer.storage import repo
from interview_closer.web.forms import FormError
from interview_closer.web.resumes import ResumeStore
from interview_closer.web.state import WebState

Upload = tuple[bytes, str]  # the bytes and the file name the browser sent
DASHBOARD_ROWS = 25
UPCOMING_DAYS = 14


def _friendly(exc: CloserError, name: str) -> str:
    """Reader messages start with the file name; on a form the field shows which file."""
    text = str(exc)
    if text.startswith(f"{name}: "):
        text = text[len(name) + 2 :]
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class NewApplication:
    """What the new-application form (or API call) carries."""

    resume: Upload | None = None
    saved_resume: str | None = None
    posting_text: str | None = None
    posting_file: Upload | None = None
    company: str | None = None
    role: str | None = None
    interviewer: str | None = None
    status: str = "applied"


def create_application(state: WebState, form: NewApplication) -> int:
    """Read the resume and posting, build the closing plan and store the application."""
    from interview_closer.readers import read_posting_bytes, read_resume_bytes
    from interview_closer.render.json_plan import plan_to_dict
    from interview_closer.service import plan_from_texts
    from interview_closer.storage.models import APPLICATION_STATUSES

    errors: dict[str, str] = {}
    store = ResumeStore(state.data_dir)
    resume_doc = resume_bytes = None
    resume_name = ""
    try:
        if form.resume is not None and form.resume[1]:
            resume_bytes, resume_name = form.resume
            resume_doc = read_resume_bytes(resume_bytes, resume_name)
        elif form.saved_resume:
            data, resume_name = store.read(form.saved_resume)
            resume_doc = read_resume_bytes(data, resume_name)
        else:
            errors["resume"] = "Choose your resume file, or pick one you used before."
    except CloserError as exc:
        errors["resume"] = _friendly(exc, resume_name)
    posting_doc = None
    try:
        if form.posting_file is not None and form.posting_file[1]:
            posting_doc = read_posting_bytes(*form.posting_file)
        elif form.posting_text and form.posting_text.strip():
            posting_doc = read_posting_bytes(form.posting_text.encode("utf-8"), "pasted posting")
        else:
            errors["posting"] = "Paste the job posting, or choose a saved copy of its web page."
    except CloserError as exc:
        name = form.posting_file[1] if form.posting_file and form.posting_file[1] else ""
        errors["posting"] = _friendly(exc, name or "pasted posting")
    company = (form.company or "").strip() or (posting_doc.company if posting_doc else "") or ""
    role = (form.role or "").strip() or (posting_doc.title if posting_doc else "") or ""
    if posting_doc is not None and not company:
        errors["company"] = "We could not find the company's name in the posting: please type it."
    if posting_doc is not None and not role:
        errors["role"] = "We could not find the job title in the posting: please type it."
    if form.status not in APPLICATION_STATUSES:
        errors["status"] = "Pick one of the listed stages."
    if errors:
        raise FormError(errors)
    assert resume_doc is not None and posting_doc is not None
    context = state.context()
    now = state.now()
    plan = plan_from_texts(
        resume_doc.text, posting_doc.text, title=role, company=company,
        interviewer=(form.interviewer or "").strip() or None,
        today=now.astimezone(context.tz).date(),
    )  # fmt: skip
    if resume_bytes is not None:
        resume_path = str(store.save(resume_bytes, resume_name).path)
    else:
        resume_path = str(store.get(form.saved_resume or "").path)
    with state.db.write() as session:
        app = repo.add_application(
            session, company=company, role=role, now=now, status=form.status,
            posting_text=posting_doc.text, posting_source=posting_doc.source,
            resume_path=resume_path, candidate_name=plan.resume.name, plan=plan_to_dict(plan),
        )  # fmt: skip
        return app.id


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The dashboard's contents: follow-ups by when they are due, and the pipeline."""

    overdue: list[repo.FollowupView]
    overdue_total: int
    today: list[repo.FollowupView]
    upcoming: list[repo.FollowupView]
    upcoming_total: int
    pipeline: dict[str, int]
    now: datetime


def dashboard(state: WebState) -> Dashboard:
    """Overdue, the rest of today's and the next two weeks' follow-ups, and the pipeline."""
    context = state.context()
    now = state.now()
    today = now.astimezone(context.tz).date()
    tomorrow = datetime.combine(today + timedelta(days=1), time(0), tzinfo=context.tz)
    horizon = tomorrow + timedelta(days=UPCOMING_DAYS)
    with state.db.read() as session:
        # Overdue means its time has passed (as in `closer followups`); today is the rest of it.
        pending = repo.list_followups
        return Dashboard(
            overdue=pending(session, since=None, before=now, limit=DASHBOARD_ROWS),
            overdue_total=repo.count_pending(session, None, now),
            today=pending(session, since=now, before=tomorrow, limit=DASHBOARD_ROWS * 2),
            upcoming=pending(session, since=tomorrow, before=horizon, limit=DASHBOARD_ROWS),
            upcoming_total=repo.count_pending(session, tomorrow, horizon),
            pipeline=repo.status_counts(session),
            now=now,
        )


def record_debrief(
    state: WebState, app_id: int, data: dict[str, Any], *, replace: bool = False
) -> tuple[int, list[int]]:
    """Check a debrief mapping, store it on the application and plan its follow-ups."""
    from interview_closer.web.forms import checked_debrief

    context = state.context()
    debrief = checked_debrief(data, context.cal)
    with state.db.write() as session:
        app = repo.get_application(session, app_id)
        try:
            row, rows = repo.record_debrief(
                session, app, debrief, rules=context.rules, cal=context.cal, now=state.now(),
                replace=replace,
            )  # fmt: skip
        except DataError as exc:
            if "already has a debrief" in str(exc):
                raise FormError(
                    {"interview_at": "This interview already has a debrief. Tick "
                     "'replace it' below to save this one instead."}
                ) from exc
            raise
        session.flush()
        return row.id, [r.id for r in rows]


def complete_followup(
    state: WebState, followup_id: int, *, outcome: str | None = None, skip: bool = False,
    new_decision: str | None = None,
) -> repo.Completion:
    """Mark a follow-up done (with what happened) or skipped; the rules adjust the rest."""
    from interview_closer.core.followup import normalise_outcome
    from interview_closer.core.timeline import read_timeline

    context = state.context()
    now = state.now()
    try:
        chosen = normalise_outcome(outcome or None)
    except DataError as exc:
        raise FormError({"outcome": str(exc)}) from exc
    decision: date | None = None
    if new_decision and new_decision.strip():
        try:
            found = read_timeline(new_decision, now.astimezone(context.tz).date(), context.cal)
        except DataError as exc:
            raise FormError({"new_decision": str(exc)}) from exc
        decision = found.date
    with state.db.write() as session:
        return repo.complete_followup(
            session, followup_id, now=now, rules=context.rules, cal=context.cal,
            outcome=chosen, skip=skip, new_decision=decision,
        )  # fmt: skip


def preview_timeline(state: WebState, text: str, base: str | None) -> dict[str, Any]:
    """How the interviewer's words read as a date (for the as-you-type hint)."""
    from interview_closer.core.timeline import read_timeline

    context = state.context()
    try:
        day = date.fromisoformat(base[:10]) if base else state.now().astimezone(context.tz).date()
    except ValueError as exc:
        raise UsageError(f"base '{base}' is not a date like 2026-11-24") from exc
    if not text.strip():
        return {"text": text, "date": None, "how": "", "ok": False, "message": ""}
    try:
        found = read_timeline(text, day, context.cal)
    except DataError as exc:
        return {"text": text, "date": None, "how": "", "ok": False, "message": str(exc)}
    return {
        "text": text,
        "date": found.date.isoformat() if found.date else None,
        "label": f"{found.date:%A} {found.date.day} {found.date:%B %Y}" if found.date
        else "no date given",
        "how": found.how,
        "ok": True,
        "message": "",
    }


def save_settings(state: WebState, values: dict[str, str]) -> dict[str, str]:
    """Check every setting first, then store them all in one transaction."""
    from interview_closer.storage.settings import check_setting, load_settings, save_setting

    errors: dict[str, str] = {}
    for key, value in values.items():
        try:
            check_setting(key, value)
        except DataError as exc:
            errors[key] = str(exc)[:1].upper() + str(exc)[1:]
    if errors:
        raise FormError(errors)
    with state.db.write() as session:
        stored = load_settings(session)
        for key, value in values.items():
            if stored.get(key) != value.strip():
                save_setting(session, key, value)
        return load_settings(session)


def backup_json(state: WebState) -> bytes:
    """A full backup of the tracker as JSON bytes."""
    import json

    from interview_closer.storage.backup import export_backup

    with state.db.read() as session:
        data = export_backup(session)
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def restore_backup(state: WebState, upload: Upload | None) -> dict[str, int]:
    """Load a backup file into the (empty) tracker."""
    import json

    from interview_closer.readers import MAX_BYTES
    from interview_closer.storage.backup import import_backup

    if upload is None or not upload[1] or not upload[0]:
        raise FormError({"backup": "Choose the backup file (.json) you downloaded earlier."})
    data, name = upload
    if len(data) > MAX_BYTES * 5:
        raise FormError({"backup": f"{name} is too large to be a backup from this app."})
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormError({"backup": f"{name} is not a backup file from this app (not JSON)."}) \
            from exc
    try:
        with state.db.write() as session:
            return import_backup(session, parsed)
    except UsageError as exc:
        raise FormError(
            {"backup": "Restore works only into an empty tracker, and this one already has "
             "applications. Start the app with an empty database (closer serve --db ...), "
             "then restore."}
        ) from exc
    except (DataError, InputError) as exc:
        raise FormError({"backup": f"{name}: {exc}"}) from exc
