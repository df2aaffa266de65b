"""HTML pages: dashboard, applications (list, new, detail) and the close card."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from interview_closer.errors import NotFoundError
from interview_closer.storage import repo
from interview_closer.web import actions
from interview_closer.web.card import web_card
from interview_closer.web.forms import FormError, text_fields
from interview_closer.web.pages_common import read_form, redirect, render, safe_next, upload_of
from interview_closer.web.resumes import ResumeStore
from interview_closer.web.state import web_state

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
def dashboard_page(request: Request) -> Response:
    """Follow-ups due (overdue, today, soon) with one-click done/skip, and the pipeline."""
    board = actions.dashboard(web_state(request))
    return render(request, "dashboard.html.j2", {"board": board, "nav": "home"})


@router.get("/applications", response_class=HTMLResponse)
def applications_page(request: Request, q: str = "", status: str = "", page: int = 1) -> Response:
    """Every application, searchable by company or role and filterable by status."""
    from interview_closer.storage.models import APPLICATION_STATUSES

    state = web_state(request)
    page = max(page, 1)
    chosen = status if status in APPLICATION_STATUSES else ""
    with state.db.read() as session:
        rows, total = repo.search_applications(
            session, text=q, status=chosen or None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    pages = max(1, -(-total // PAGE_SIZE))
    return render(request, "applications.html.j2", {
        "rows": rows, "total": total, "q": q, "status": chosen, "page": page, "pages": pages,
        "statuses": APPLICATION_STATUSES, "nav": "applications",
    })  # fmt: skip


def _new_form(request: Request, values: dict[str, str], errors: dict[str, str]) -> Response:
    from interview_closer.storage.models import APPLICATION_STATUSES

    saved = ResumeStore(web_state(request).data_dir).list()
    return render(
        request,
        "new_application.html.j2",
        {"values": values, "errors": errors, "saved_resumes": saved,
         "statuses": APPLICATION_STATUSES, "nav": "new"},
        status=422 if errors else 200,
    )  # fmt: skip


@router.get("/applications/new", response_class=HTMLResponse)
def new_application_page(request: Request) -> Response:
    """The form: resume (upload or saved), posting (paste or saved page), company and role."""
    saved = ResumeStore(web_state(request).data_dir).list()
    values = {"status": "applied"}
    if saved:
        values["saved_resume"] = saved[0].id
    return _new_form(request, values, {})


@router.post("/applications", response_class=HTMLResponse)
async def create_application_page(request: Request) -> Response:
    """Build the closing plan and store the application; on a mistake, show the form again."""
    form = await read_form(request)
    values = text_fields(form)
    resume = await upload_of(form, "resume")
    posting_file = await upload_of(form, "posting_file")
    # A file chosen now wins over the saved resume picked in the list.
    new = actions.NewApplication(
        resume=resume,
        saved_resume=None if resume else values.get("saved_resume") or None,
        posting_text=values.get("posting_text"),
        posting_file=posting_file,
        company=values.get("company"),
        role=values.get("role"),
        interviewer=values.get("interviewer"),
        status=values.get("status", "applied"),
    )
    try:
        app_id = await run_in_threadpool(actions.create_application, web_state(request), new)
    except FormError as exc:
        return _new_form(request, values, exc.errors)
    return redirect(f"/applications/{app_id}/card", "created")


def _load(request: Request, app_id: int) -> dict[str, Any]:
    """An application with everything its pages show, as plain values."""
    from interview_closer.storage.views import application_detail

    state = web_state(request)
    tz = state.context().tz
    with state.db.read() as session:
        app = repo.load_application(session, app_id)
        plan = repo.latest_plan(session, app)
        detail = application_detail(app, tz)
        detail["plan_data"] = plan.data if plan is not None else None
        detail["plan_id"] = plan.id if plan is not None else None
        detail["candidate_name"] = app.candidate_name
        detail["posting_text"] = app.posting_text
        detail["resume_name"] = (app.resume_path or "").replace("\\", "/").rsplit("/", 1)[-1]
        return detail


@router.get("/applications/{app_id}", response_class=HTMLResponse)
def application_page(request: Request, app_id: int) -> Response:
    """One application: status, interviews and debriefs, follow-ups, links to card and debrief."""
    from interview_closer.storage.models import APPLICATION_STATUSES

    detail = _load(request, app_id)
    return render(request, "application.html.j2", {
        "a": detail, "statuses": APPLICATION_STATUSES, "nav": "applications",
    })  # fmt: skip


@router.post("/applications/{app_id}/status", response_class=HTMLResponse)
async def status_page(request: Request, app_id: int) -> Response:
    """Move an application along the pipeline."""
    form = await read_form(request)
    state = web_state(request)
    status = str(form.get("status") or "")

    def change() -> None:
        with state.db.write() as session:
            repo.set_status(session, repo.get_application(session, app_id), status, state.now())

    await run_in_threadpool(change)
    return redirect(safe_next(form.get("next"), f"/applications/{app_id}"), "status")


@router.get("/applications/{app_id}/card", response_class=HTMLResponse)
def card_page(request: Request, app_id: int) -> Response:
    """The close card: the plan on one printable page, with copy buttons on each line."""
    detail = _load(request, app_id)
    if detail["plan_data"] is None:
        raise NotFoundError(
            f"application {app_id} has no closing plan yet: add it again with a resume and posting"
        )
    view = web_card(detail["plan_data"])
    return render(request, "card.html.j2", {
        "a": detail, "card": view.card, "evidence": view.evidence, "nav": "applications",
    })  # fmt: skip
