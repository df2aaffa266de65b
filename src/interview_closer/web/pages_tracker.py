"""HTML pages after the interview: debrief, follow-ups (done/skip, drafts, .ics) and settings."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from interview_closer.storage import repo
from interview_closer.web import actions, followup_views
from interview_closer.web.forms import (
    CONCERN_ROWS,
    PEOPLE_ROWS,
    PROMISE_ROWS,
    STAGES,
    Fields,
    FormError,
    debrief_mapping,
    text_fields,
)
from interview_closer.web.pages_common import (
    read_form,
    redirect,
    render,
    safe_next,
    upload_of,
)
from interview_closer.web.state import web_state

router = APIRouter(include_in_schema=False)


def _debrief_defaults(request: Request, app_id: int) -> tuple[dict[str, Any], dict[str, str]]:
    """The application's summary and prefilled values (the interview still without a debrief)."""
    state = web_state(request)
    tz = state.context().tz
    with state.db.read() as session:
        app = repo.load_application(session, app_id)
        summary = {"id": app.id, "company": app.company, "role": app.role}
        values: dict[str, str] = {}
        open_ = [i for i in app.interviews if i.debrief is None]
        if open_:
            interview = open_[-1]
            values["interview_at"] = f"{interview.at.astimezone(tz):%Y-%m-%dT%H:%M}"
            if interview.stage:
                values["stage"] = interview.stage
            for n, contact in enumerate(interview.contacts[:PEOPLE_ROWS]):
                values[f"met-{n}-name"] = contact.name
                values[f"met-{n}-title"] = contact.title or ""
                values[f"met-{n}-email"] = contact.email or ""
        else:
            plan = repo.latest_plan(session, app)
            interviewer = plan.data.get("interviewer") if plan is not None else None
            if isinstance(interviewer, str) and interviewer:
                values["met-0-name"] = interviewer
    return summary, values


def _debrief_form(
    request: Request, app: dict[str, Any], values: dict[str, str], errors: dict[str, str]
) -> Response:
    return render(
        request,
        "debrief.html.j2",
        {
            "a": app, "values": values, "errors": errors, "stages": STAGES,
            "people_rows": PEOPLE_ROWS, "concern_rows": CONCERN_ROWS,
            "promise_rows": PROMISE_ROWS, "nav": "applications",
            "show_replace": "already has a debrief" in errors.get("interview_at", ""),
        },
        status=422 if errors else 200,
    )  # fmt: skip


@router.get("/applications/{app_id}/debrief", response_class=HTMLResponse)
def debrief_page(request: Request, app_id: int) -> Response:
    """The debrief form, made for a phone: what happened, who decides, when, what was promised."""
    app, values = _debrief_defaults(request, app_id)
    return _debrief_form(request, app, values, {})


@router.post("/applications/{app_id}/debrief", response_class=HTMLResponse)
async def save_debrief_page(request: Request, app_id: int) -> Response:
    """Store the debrief and plan the follow-ups; on a mistake show the form with the message."""
    form = await read_form(request)
    values = text_fields(form)
    state = web_state(request)
    app, _ = await run_in_threadpool(_debrief_defaults, request, app_id)
    fields = Fields(values)
    data = debrief_mapping(fields, state.context().cal)
    if fields.errors:
        return _debrief_form(request, app, values, fields.errors)
    try:
        await run_in_threadpool(
            lambda: actions.record_debrief(state, app_id, data, replace="replace" in values)
        )
    except FormError as exc:
        return _debrief_form(request, app, values, exc.errors)
    return redirect("/followups", "debrief", application=app_id)


@router.get("/followups", response_class=HTMLResponse)
def followups_page(request: Request, application: int | None = None, show: str = "") -> Response:
    """Follow-ups with their drafted notes, copy and email buttons, done/skip and calendar files."""
    state = web_state(request)
    board = followup_views.followup_board(
        state, application_id=application, include_all=show == "all"
    )
    here = f"/followups?application={application}" if application else "/followups"
    return render(request, "followups.html.j2", {
        "board": board, "application": application, "show": show, "here": here,
        "nav": "followups",
    })  # fmt: skip


async def _complete(request: Request, followup_id: int, skip: bool) -> Response:
    form = await read_form(request)
    values = text_fields(form)
    state = web_state(request)
    back = safe_next(values.get("next"), "/followups")
    try:
        await run_in_threadpool(
            lambda: actions.complete_followup(
                state, followup_id, outcome=values.get("outcome") or None, skip=skip,
                new_decision=values.get("new_decision"),
            )
        )  # fmt: skip
    except FormError as exc:
        board = followup_views.followup_board(state, application_id=None, include_all=False)
        return render(request, "followups.html.j2", {
            "board": board, "application": None, "show": "", "here": "/followups",
            "nav": "followups", "errors": {f"{k}-{followup_id}": v for k, v in exc.errors.items()},
            "values": {f"{k}-{followup_id}": v for k, v in values.items()},
        }, status=422)  # fmt: skip
    return redirect(back.split("#", 1)[0], "skipped" if skip else "done")


@router.post("/followups/{followup_id}/done", response_class=HTMLResponse)
async def done_page(request: Request, followup_id: int) -> Response:
    """Mark a follow-up done, with what happened (the outcome) when the form says."""
    return await _complete(request, followup_id, skip=False)


@router.post("/followups/{followup_id}/skip", response_class=HTMLResponse)
async def skip_page(request: Request, followup_id: int) -> Response:
    """Skip a follow-up."""
    return await _complete(request, followup_id, skip=True)


def _ics_response(content: bytes, name: str) -> Response:
    return Response(
        content,
        media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/followups.ics")
def all_ics(request: Request) -> Response:
    """Every pending follow-up as one calendar file."""
    return _ics_response(followup_views.calendar_file(web_state(request), None), "followups.ics")


@router.get("/applications/{app_id}/followups.ics")
def application_ics(request: Request, app_id: int) -> Response:
    """One application's pending follow-ups as a calendar file."""
    content = followup_views.calendar_file(web_state(request), app_id)
    return _ics_response(content, f"followups-{app_id}.ics")


@router.get("/followups/{followup_id}/note.eml")
def note_eml(request: Request, followup_id: int) -> Response:
    """The drafted note as an e-mail file that opens as a draft in a mail program."""
    data, name = followup_views.eml_file(web_state(request), followup_id)
    return Response(data, media_type="message/rfc822",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


SETTING_FIELDS = ("country", "timezone")


def _settings_form(
    request: Request, values: dict[str, str] | None, errors: dict[str, str], status: int = 200
) -> Response:
    from dataclasses import fields as dc_fields

    from interview_closer.core.followup import FollowupRules
    from interview_closer.storage.settings import effective

    state = web_state(request)
    stored = state.context().settings
    shown = {k: v for k, v in effective(stored).items()}
    defaults = FollowupRules()
    rules = []
    for f in dc_fields(FollowupRules):
        value = getattr(state.context().rules, f.name)
        shown.setdefault(f"rules.{f.name}", _rule_text(value))
        default = getattr(defaults, f.name)
        kind = ("bool" if isinstance(default, bool) else "int" if isinstance(default, int)
                else "time" if hasattr(default, "strftime") else "text")  # fmt: skip
        rules.append((f"rules.{f.name}", f.name, _rule_text(default), kind))
    shown.update(values or {})
    return render(request, "settings.html.j2", {
        "values": shown, "errors": errors, "rules": rules, "nav": "settings",
        "zones": _zones(),
    }, status=status)  # fmt: skip


@lru_cache(maxsize=1)
def _zones() -> list[str]:
    """IANA time zone names for the time zone field's suggestions."""
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def _rule_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    if hasattr(value, "strftime"):
        return str(value.strftime("%H:%M"))
    return str(value)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request) -> Response:
    """Country and time zone, the follow-up rule figures, backup and restore."""
    return _settings_form(request, None, {})


@router.post("/settings", response_class=HTMLResponse)
async def save_settings_page(request: Request) -> Response:
    """Check and store the settings; a wrong value is shown next to its field, nothing saved."""
    form = await read_form(request)
    values = {k: v for k, v in text_fields(form).items()
              if k in SETTING_FIELDS or k.startswith("rules.")}  # fmt: skip
    state = web_state(request)
    current = state.context()
    changed = {k: v for k, v in values.items() if v.strip() != _current_text(current, k)}
    try:
        await run_in_threadpool(actions.save_settings, state, changed)
    except FormError as exc:
        return _settings_form(request, values, exc.errors, status=422)
    return redirect("/settings", "settings")


def _current_text(context: Any, key: str) -> str:
    from interview_closer.storage.settings import effective

    if key.startswith("rules."):
        return _rule_text(getattr(context.rules, key[6:], ""))
    return effective(context.settings).get(key, "")


@router.get("/settings/backup")
def backup_download(request: Request) -> Response:
    """Download everything as one JSON file."""
    state = web_state(request)
    stamp = f"{state.now().astimezone(state.context().tz):%Y-%m-%d}"
    return Response(
        actions.backup_json(state),
        media_type="application/json",
        headers={
            "content-disposition": f'attachment; filename="interview-closer-backup-{stamp}.json"'
        },
    )


@router.post("/settings/restore", response_class=HTMLResponse)
async def restore_page(request: Request) -> Response:
    """Restore a backup file into an empty tracker."""
    form = await read_form(request)
    upload = await upload_of(form, "backup")
    try:
        await run_in_threadpool(actions.restore_backup, web_state(request), upload)
    except FormError as exc:
        return _settings_form(request, None, exc.errors, status=422)
    return redirect("/", "restored")
