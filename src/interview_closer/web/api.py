"""The JSON API under /api: every action of the pages, for scripts and other tools.

Calls that change data need a JSON body or an X-Requested-With header (see security.py).
Errors come back as {"error": kind, "message": one line, "fields": {...} for forms}.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from interview_closer.errors import NotFoundError
from interview_closer.storage import repo
from interview_closer.storage.views import (
    application_detail,
    application_json,
    followup_detail,
    followup_json,
)
from interview_closer.web import actions, followup_views
from interview_closer.web.resumes import ResumeStore
from interview_closer.web.state import web_state

router = APIRouter(prefix="/api", tags=["api"])


class StatusChange(BaseModel):
    """A new status for an application."""

    status: str = Field(description="saved, applied, interviewing, offer, accepted, rejected, "
                        "withdrawn or no-response")


class Completion(BaseModel):
    """What happened when a follow-up was done."""

    outcome: str | None = Field(None, description="no-reply, sent, heard-back, second-interview, "
                                "offer, accepted, rejection, no-response or withdrawn")
    new_decision: str | None = Field(None, description="a new decision date, in words or ISO")


def _upload(item: UploadFile | None) -> tuple[bytes, str] | None:
    from interview_closer.readers import MAX_BYTES

    if item is None or not item.filename:
        return None
    return item.file.read(MAX_BYTES + 1), item.filename


@router.get("/dashboard")
def api_dashboard(request: Request) -> dict[str, Any]:
    """Overdue, today's and upcoming follow-ups, and the number of applications per status."""
    state = web_state(request)
    tz = state.context().tz
    board = actions.dashboard(state)
    return {
        "now": board.now.astimezone(tz).isoformat(),
        "overdue": [followup_json(f, tz) | {"title": f.title} for f in board.overdue],
        "overdue_total": board.overdue_total,
        "today": [followup_json(f, tz) | {"title": f.title} for f in board.today],
        "upcoming": [followup_json(f, tz) | {"title": f.title} for f in board.upcoming],
        "upcoming_total": board.upcoming_total,
        "pipeline": board.pipeline,
    }


@router.get("/applications")
def api_applications(
    request: Request,
    q: str = "",
    status: str = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Applications whose company or role contains `q`, optionally in one status; newest first."""
    state = web_state(request)
    tz = state.context().tz
    with state.db.read() as session:
        rows, total = repo.search_applications(
            session, text=q, status=status or None, limit=limit, offset=offset
        )
    return {
        "total": total,
        "items": [
            {"id": r.id, "company": r.company, "role": r.role, "status": r.status,
             "updated_at": r.updated_at.astimezone(tz).isoformat(),
             "next_due": r.next_due.astimezone(tz).isoformat() if r.next_due else None,
             "pending_followups": r.pending}
            for r in rows
        ],
    }  # fmt: skip


@router.post("/applications", status_code=201)
def api_create_application(
    request: Request,
    resume: Annotated[UploadFile | None, File(description="PDF, DOCX, TXT, MD or JSON")] = None,
    saved_resume: Annotated[str | None, Form(description="id from GET /api/resumes")] = None,
    posting_text: Annotated[str | None, Form(description="the posting, pasted")] = None,
    posting_file: Annotated[UploadFile | None, File(description="a saved posting page")] = None,
    company: Annotated[str | None, Form()] = None,
    role: Annotated[str | None, Form()] = None,
    interviewer: Annotated[str | None, Form()] = None,
    status: Annotated[str, Form()] = "applied",
) -> dict[str, Any]:
    """A new application from a resume and a posting (multipart form), with its closing plan."""
    state = web_state(request)
    form = actions.NewApplication(
        resume=_upload(resume), saved_resume=saved_resume or None, posting_text=posting_text,
        posting_file=_upload(posting_file), company=company, role=role,
        interviewer=interviewer, status=status,
    )  # fmt: skip
    app_id = actions.create_application(state, form)
    return _detail(request, app_id)


def _detail(request: Request, app_id: int) -> dict[str, Any]:
    state = web_state(request)
    with state.db.read() as session:
        return application_detail(repo.load_application(session, app_id), state.context().tz)


@router.get("/applications/{app_id}")
def api_application(request: Request, app_id: int) -> dict[str, Any]:
    """One application with its interviews, debriefs, plans and follow-ups."""
    return _detail(request, app_id)


@router.post("/applications/{app_id}/status")
def api_set_status(request: Request, app_id: int, change: StatusChange) -> dict[str, Any]:
    """Move an application along the pipeline."""
    state = web_state(request)
    with state.db.write() as session:
        app = repo.set_status(session, repo.get_application(session, app_id), change.status,
                         state.now())
        return application_json(app, state.context().tz)


@router.get("/applications/{app_id}/plan")
def api_plan(request: Request, app_id: int) -> dict[str, Any]:
    """The application's newest closing plan (schema interview-closer/plan@1)."""
    state = web_state(request)
    with state.db.read() as session:
        plan = repo.latest_plan(session, repo.get_application(session, app_id))
        if plan is None:
            raise NotFoundError(f"application {app_id} has no closing plan")
        return dict(plan.data)


@router.post("/applications/{app_id}/debrief", status_code=201)
def api_debrief(
    request: Request,
    app_id: int,
    debrief: Annotated[dict[str, Any], Body(description="the debrief file format (README)")],
    replace: bool = False,
) -> dict[str, Any]:
    """Store a debrief (interview_at, met, decision_by, ...) and plan its follow-ups."""
    state = web_state(request)
    debrief_id, ids = actions.record_debrief(state, app_id, debrief, replace=replace)
    tz = state.context().tz
    with state.db.read() as session:
        rows = [followup_detail(repo.get_followup(session, i), tz) for i in ids]
    return {"debrief_id": debrief_id, "application_id": app_id, "followups": rows}


@router.get("/followups")
def api_followups(
    request: Request,
    all: bool = False,
    application_id: int | None = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> list[dict[str, Any]]:
    """Follow-ups in due order: {id, application_id, kind, due, channel, contact, status}."""
    state = web_state(request)
    tz = state.context().tz
    with state.db.read() as session:
        rows = repo.list_followups(
            session, include_all=all, application_id=application_id, limit=limit
        )
    return [followup_json(r, tz) | {"title": r.title, "outcome": r.outcome} for r in rows]


@router.get("/followups.ics", response_class=Response)
def api_ics(request: Request, application_id: int | None = None) -> Response:
    """Pending follow-ups (all, or one application's) as an iCalendar file."""
    content = followup_views.calendar_file(web_state(request), application_id)
    return Response(content, media_type="text/calendar; charset=utf-8")


@router.get("/followups/{followup_id}")
def api_followup(request: Request, followup_id: int) -> dict[str, Any]:
    """One follow-up with its drafted note (subject, body, recipient, mailto link)."""
    state = web_state(request)
    tz = state.context().tz
    with state.db.read() as session:
        row = repo.get_followup(session, followup_id)
        plan = repo.latest_plan(session, row.application, row.interview_id)
        draft, link = followup_views.note_for(row, plan.data if plan else None, tz)
        out = followup_detail(row, tz)
    out["draft"] = {
        "to_name": draft.to_name, "to_email": draft.to_email, "subject": draft.subject,
        "body": draft.body, "is_email": draft.is_email, "mailto": link,
    }  # fmt: skip
    return out


@router.get("/followups/{followup_id}/note.eml", response_class=Response)
def api_eml(request: Request, followup_id: int) -> Response:
    """A follow-up's drafted note as an unsent e-mail file (RFC 5322)."""
    data, _ = followup_views.eml_file(web_state(request), followup_id)
    return Response(data, media_type="message/rfc822")


def _finish(request: Request, followup_id: int, body: Completion, skip: bool) -> dict[str, Any]:
    state = web_state(request)
    done = actions.complete_followup(
        state, followup_id, outcome=body.outcome, skip=skip, new_decision=body.new_decision
    )
    tz = state.context().tz
    return {
        "followup": followup_detail(done.followup, tz),
        "cancelled": list(done.effects.cancel),
        "moved": sorted(done.effects.move),
        "added": [a.id for a in done.added],
        "status_before": done.status_before,
        "status_after": done.status_after,
    }


@router.post("/followups/{followup_id}/done")
def api_done(request: Request, followup_id: int, body: Completion | None = None) -> dict[str, Any]:
    """Mark a follow-up done, with its outcome; the rest of the plan adjusts."""
    return _finish(request, followup_id, body or Completion(outcome=None, new_decision=None),
                   skip=False)


@router.post("/followups/{followup_id}/skip")
def api_skip(request: Request, followup_id: int) -> dict[str, Any]:
    """Skip a follow-up."""
    return _finish(request, followup_id, Completion(outcome=None, new_decision=None), skip=True)


@router.get("/timeline")
def api_timeline(request: Request, text: str = "", base: str | None = None) -> dict[str, Any]:
    """How the interviewer's words ("end of next week") read as a date after `base`."""
    return actions.preview_timeline(web_state(request), text, base)


@router.get("/resumes")
def api_resumes(request: Request) -> list[dict[str, Any]]:
    """Resumes saved by earlier uploads, newest first (use an id as saved_resume)."""
    saved = ResumeStore(web_state(request).data_dir).list()
    return [{"id": r.id, "name": r.name, "saved_at": r.saved_at.isoformat(), "size": r.size}
            for r in saved]  # fmt: skip


@router.get("/settings")
def api_settings(request: Request) -> dict[str, Any]:
    """The settings in force: country, timezone and every follow-up rule figure."""
    from dataclasses import asdict

    from interview_closer.storage.settings import effective

    context = web_state(request).context()
    rules = {k: (list(v) if isinstance(v, tuple) else str(v) if hasattr(v, "isoformat") else v)
             for k, v in asdict(context.rules).items()}  # fmt: skip
    return {"settings": effective(context.settings), "rules": rules}


@router.put("/settings")
def api_save_settings(
    request: Request,
    values: Annotated[dict[str, str], Body(description='e.g. {"country": "GB", '
                                           '"rules.max_checkins": "3"}')],
) -> dict[str, Any]:
    """Check and store settings (all or nothing)."""
    actions.save_settings(web_state(request), values)
    return api_settings(request)


@router.get("/backup")
def api_backup(request: Request) -> Response:
    """Everything as one JSON document (format interview-closer/backup@1)."""
    return Response(actions.backup_json(web_state(request)), media_type="application/json")


@router.post("/restore")
def api_restore(
    request: Request, backup: Annotated[dict[str, Any], Body(description="a backup document")]
) -> JSONResponse:
    """Load a backup into the empty tracker; returns rows per table."""
    data = json.dumps(backup).encode("utf-8")
    counts = actions.restore_backup(web_state(request), (data, "backup.json"))
    return JSONResponse({"restored": counts}, status_code=201)
