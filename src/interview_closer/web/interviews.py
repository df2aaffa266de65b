"""Scheduling an interview in the browser (and through the API), as `closer interview add` does.

The form asks when, how and with whom; a second or later interview gets its own closing
plan (see interview_closer.replan). Problems are reported on the field they belong to.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from interview_closer.core.debrief import parse_end, parse_moment, person_from
from interview_closer.core.timeline import WorkCalendar
from interview_closer.errors import DataError
from interview_closer.storage import repo
from interview_closer.web.forms import (
    PEOPLE_ROWS,
    STAGES,
    Fields,
    FormError,
    people_rows,
    text_fields,
)
from interview_closer.web.pages_common import read_form, redirect, render
from interview_closer.web.state import WebState, web_state

MODES = ("", "video", "phone", "onsite")
_KEYS = frozenset({"at", "ended_at", "stage", "mode", "place", "people"})

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["interviews"])


def interview_from_form(fields: Fields) -> dict[str, Any]:
    """The form's values as the API's interview mapping; problems go to `fields.errors`."""
    data: dict[str, Any] = {}
    if not fields.get("at"):
        fields.fail("at", "Tell us when the interview starts (date and time).")
    else:
        data["at"] = fields.get("at")
    for key in ("ended_at", "stage", "mode", "place"):
        if fields.get(key):
            data[key] = fields.get(key)
    data["people"] = people_rows(fields, "with")
    return data


def _checked(data: dict[str, Any], cal: WorkCalendar) -> dict[str, Any]:
    """Moments and people read and checked; every problem named by its field."""
    errors: dict[str, str] = {}
    extra = set(data) - _KEYS
    if extra:
        errors["form"] = f"Unknown field(s): {', '.join(sorted(extra))}."
    out: dict[str, Any] = {}
    try:
        out["at"] = parse_moment(data.get("at"), "at", cal)
    except DataError:
        errors["at"] = "Give the date and time, like 2026-12-01 10:00."
    if data.get("ended_at") and "at" in out:
        try:
            out["ended_at"] = parse_end(data["ended_at"], out["at"], cal)
        except DataError as exc:
            errors["ended_at"] = str(exc)[:1].upper() + str(exc)[1:]
    if data.get("stage") and data["stage"] not in STAGES:
        errors["stage"] = f"Pick one of: {', '.join(s for s in STAGES if s)}."
    if data.get("mode") and data["mode"] not in MODES:
        errors["mode"] = "Pick video, phone or onsite."
    people = []
    for i, person in enumerate(data.get("people") or []):
        try:
            people.append(person_from(person))
        except DataError as exc:
            errors.setdefault(f"with-{i}-email", str(exc).removeprefix("met: "))
    if errors:
        raise FormError(errors)
    out.update(stage=data.get("stage") or None, mode=data.get("mode") or None,
               place=data.get("place") or None, people=tuple(people))  # fmt: skip
    return out


def add_interview(state: WebState, app_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Check an interview mapping and store it on the application; the stored interview."""
    from interview_closer.replan import plan_for_next_interview
    from interview_closer.storage.views import interview_json

    context = state.context()
    checked = _checked(data, context.cal)
    people = checked["people"]
    now = state.now()
    with state.db.read() as session:
        app = repo.get_application(session, app_id)
        plan = plan_for_next_interview(session, app, people[0].name if people else None,
                                       now.astimezone(context.tz).date())  # fmt: skip
    with state.db.write() as session:
        app = repo.get_application(session, app_id)
        interview = repo.add_interview(
            session, app, at=checked["at"], ended_at=checked.get("ended_at"),
            stage=checked["stage"], format=checked["mode"], place=checked["place"],
            people=people, plan=plan, now=now,
        )  # fmt: skip
        return interview_json(interview, context.tz)


def _summary(state: WebState, app_id: int) -> dict[str, Any]:
    with state.db.read() as session:
        app = repo.get_application(session, app_id)
        return {"id": app.id, "company": app.company, "role": app.role}


def _form(request: Request, app: dict[str, Any], values: dict[str, str],
          errors: dict[str, str]) -> Response:  # fmt: skip
    return render(
        request, "interview.html.j2",
        {"a": app, "values": values, "errors": errors, "stages": STAGES, "modes": MODES,
         "people_rows": PEOPLE_ROWS, "nav": "applications"},
        status=422 if errors else 200,
    )  # fmt: skip


@pages.get("/applications/{app_id}/interviews/new", response_class=HTMLResponse)
def interview_page(request: Request, app_id: int) -> Response:
    """The form to schedule an interview: when, how, where and with whom."""
    return _form(request, _summary(web_state(request), app_id), {}, {})


@pages.post("/applications/{app_id}/interviews", response_class=HTMLResponse)
async def save_interview_page(request: Request, app_id: int) -> Response:
    """Store the interview; on a mistake show the form again with the message by the field."""
    form = await read_form(request)
    values = text_fields(form)
    state = web_state(request)
    app = await run_in_threadpool(_summary, state, app_id)
    fields = Fields(values)
    data = interview_from_form(fields)
    if fields.errors:
        # Show every problem at once: the times are checked even when a row is wrong.
        try:
            _checked(data, state.context().cal)
        except FormError as exc:
            for name, message in exc.errors.items():
                fields.fail(name, message)
        return _form(request, app, values, fields.errors)
    try:
        await run_in_threadpool(add_interview, state, app_id, data)
    except FormError as exc:
        return _form(request, app, values, exc.errors)
    return redirect(f"/applications/{app_id}", "interview")


@api.post("/applications/{app_id}/interviews", status_code=201)
def api_add_interview(
    request: Request,
    app_id: int,
    interview: Annotated[dict[str, Any], Body(
        description="at (ISO date-time), ended_at (HH:MM or ISO), stage, mode (video, phone, "
                    "onsite), place, people [{name, title, email}]")],
) -> dict[str, Any]:
    """Record an interview; a second or later one gets its own closing plan."""
    return add_interview(web_state(request), app_id, interview)
