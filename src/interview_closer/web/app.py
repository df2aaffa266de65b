"""The web app: `create_app()` builds the FastAPI application on the tracker database."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from interview_closer import __version__, paths
from interview_closer.errors import (
    CloserError,
    DataError,
    InputError,
    NotFoundError,
    StorageError,
    UsageError,
)
from interview_closer.web.security import LOCAL_HOSTS, SecurityMiddleware
from interview_closer.web.state import WebState, utc_now

STATIC = Path(__file__).resolve().parent / "static"


def http_status(exc: CloserError) -> int:
    """The HTTP status for a user-facing error."""
    from interview_closer.web.pages_common import CsrfError

    if isinstance(exc, CsrfError):
        return 403
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, (DataError, InputError)):
        return 422
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, StorageError):
        return 503
    return 400


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error_page(request: Request, status: int, message: str) -> Response:
    from interview_closer.web.pages_common import render

    try:
        return render(request, "error.html.j2", {"status": status, "message": message}, status)
    except CloserError:  # the database itself is the problem: answer without it
        from fastapi.responses import PlainTextResponse

        return PlainTextResponse(message, status_code=status)


def _install_handlers(app: FastAPI) -> None:
    from interview_closer.web.forms import FormError

    @app.exception_handler(CloserError)
    async def closer_error(request: Request, exc: CloserError) -> Response:
        status = http_status(exc)
        if _wants_json(request):
            body: dict[str, object] = {"error": type(exc).__name__, "message": str(exc)}
            if isinstance(exc, FormError):
                body["fields"] = exc.errors
            return JSONResponse(body, status_code=status)
        return _error_page(request, status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "This page does not exist." if exc.status_code == 404 else str(exc.detail)
        if _wants_json(request):
            return JSONResponse({"error": "HTTPError", "message": message}, exc.status_code)
        return _error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg')}"
            for e in exc.errors()
        ]
        message = "; ".join(problems) or "the request is not valid"
        if _wants_json(request):
            return JSONResponse({"error": "ValidationError", "message": message}, 422)
        return _error_page(request, 422, "Some of the values sent are not valid: " + message)


def _warm_up() -> None:
    """Build one plan from the bundled samples: loads the readers, vocabulary and tagger."""
    from interview_closer.readers import read_posting, read_resume
    from interview_closer.service import plan_from_texts, sample_path

    try:
        posting = read_posting(sample_path("posting.html"))
        plan_from_texts(read_resume(sample_path("resume.md")).text, posting.text)
    except Exception:  # only a head start: a real request reports any real problem itself
        return


def create_app(
    db_url: str | None = None,
    *,
    data_dir: Path | str | None = None,
    clock: Callable[[], datetime] | None = None,
    allowed_hosts: Iterable[str] | None = None,
    warm_up: bool = False,
) -> FastAPI:
    """The web app on the tracker database at `db_url` (default: CLOSER_DATABASE_URL / data dir).

    `data_dir` holds saved resumes (default: CLOSER_DATA_DIR or the user data folder);
    `clock` replaces the current time (tests); `allowed_hosts` are the Host names served
    (default: this machine's loopback names; pass ["*"] to accept any); `warm_up` loads the
    vocabulary and tagger in the background at start, so the first close card is quick.
    """
    from interview_closer.storage.db import open_database

    database = open_database(db_url)
    hosts = set(LOCAL_HOSTS) | set(allowed_hosts or ())
    state = WebState(
        db=database,
        data_dir=Path(data_dir) if data_dir is not None else paths.data_dir(),
        clock=clock or utc_now,
        allowed_hosts=None if "*" in hosts else frozenset(hosts),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            import threading

            threading.Thread(target=_warm_up, name="closer-warm-up", daemon=True).start()
        yield
        database.close()

    app = FastAPI(
        title="interview-closer",
        version=__version__,
        summary="Closing plans, debriefs and follow-ups for job interviews, on your own computer.",
        openapi_url="/api/openapi.json",
        # The interactive docs pages load scripts from a CDN: off (no request leaves the machine).
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.closer = state
    app.add_middleware(SecurityMiddleware, allowed_hosts=state.allowed_hosts)
    _install_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    from interview_closer.web import api, interviews, pages, pages_tracker

    app.include_router(pages.router)
    app.include_router(pages_tracker.router)
    app.include_router(interviews.pages)
    app.include_router(api.router)
    app.include_router(interviews.api)
    return app
