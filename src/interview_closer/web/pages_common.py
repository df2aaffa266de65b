"""Rendering pages: the Jinja2 environment, the CSRF cookie, redirects and short notices."""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from interview_closer.errors import UsageError
from interview_closer.web.security import CSRF_COOKIE, CSRF_FIELD, new_token, tokens_match
from interview_closer.web.state import web_state

if TYPE_CHECKING:
    from jinja2 import Environment
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, RedirectResponse

STATUS_LABELS = {
    "saved": "Saved", "applied": "Applied", "interviewing": "Interviewing", "offer": "Offer",
    "accepted": "Accepted", "rejected": "Rejected", "withdrawn": "Withdrawn",
    "no-response": "No response",
}  # fmt: skip
KIND_LABELS = {
    "thank-you": "Thank-you note", "check-in-call": "Check-in call",
    "check-in-email": "Check-in email", "send-promised-item": "Send what you promised",
    "schedule-next-interview": "Book the next interview",
    "no-response-review": "Time to move on?",
}  # fmt: skip
OUTCOME_LABELS = {
    "no-reply": "Done, no reply yet", "sent": "Sent", "heard-back": "They replied",
    "second-interview": "They want another interview", "offer": "I got an offer",
    "accepted": "I accepted an offer", "rejection": "They said no",
    "no-response": "No reply: stop following up", "withdrawn": "I withdrew",
}  # fmt: skip
NOTICES = {
    "created": "Your close card is ready.",
    "debrief": "Debrief saved. Your follow-ups are planned below.",
    "interview": "Interview saved. Open the close card to prepare, and write the debrief after.",
    "done": "Marked done.",
    "skipped": "Skipped.",
    "settings": "Settings saved.",
    "restored": "Backup restored.",
    "status": "Status changed.",
}


class CsrfError(UsageError):
    """A form arrived without the token this browser was given."""


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The page templates (web/templates, then the close-card macros), autoescape always on."""
    from jinja2 import ChoiceLoader, Environment, PackageLoader

    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("interview_closer", "web/templates"),
                PackageLoader("interview_closer", "data/templates"),
            ]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        status_labels=STATUS_LABELS, kind_labels=KIND_LABELS, outcome_labels=OUTCOME_LABELS
    )
    return env


def local_time(moment: datetime | None, tz: tzinfo, fmt: str = "%a %d %b, %H:%M") -> str:
    """A moment in the user's time zone, e.g. 'Tue 24 Nov, 10:00'."""
    return moment.astimezone(tz).strftime(fmt) if moment is not None else ""


def csrf_token(request: Request) -> tuple[str, bool]:
    """This browser's CSRF token, and whether it is new (so the cookie must be set)."""
    token = request.cookies.get(CSRF_COOKIE)
    if token and 20 <= len(token) <= 100:
        return token, False
    return new_token(), True


def check_csrf(request: Request, form: Any) -> None:
    """Refuse a form whose hidden token does not match the cookie."""
    sent = form.get(CSRF_FIELD)
    if not tokens_match(request.cookies.get(CSRF_COOKIE), sent if isinstance(sent, str) else None):
        raise CsrfError(
            "This form has expired or came from somewhere else. Go back, reload the page "
            "and try again."
        )


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """A page from a template, with the CSRF token, time zone and notice filled in."""
    from starlette.responses import HTMLResponse

    state = web_state(request)
    user = state.context()
    token, fresh = csrf_token(request)
    values: dict[str, Any] = {
        "request": request,
        "csrf_token": token,
        "csrf_field": CSRF_FIELD,
        "tz": user.tz,
        "tz_name": user.settings.get("timezone") or str(user.tz),
        "when": lambda m, fmt="%a %d %b, %H:%M": local_time(m, user.tz, fmt),
        "notice": NOTICES.get(request.query_params.get("msg", "")),
        "errors": {},
        "values": {},
        "nav": "",
    }
    values.update(context or {})
    html = environment().get_template(template).render(values)
    response = HTMLResponse(html, status_code=status)
    response.headers["cache-control"] = "no-store"
    if fresh:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def redirect(path: str, msg: str | None = None, **params: Any) -> RedirectResponse:
    """303 See Other to a page of this app (after a successful form), with a notice."""
    from starlette.responses import RedirectResponse

    if not path.startswith("/") or path.startswith("//"):
        path = "/"
    query = {k: v for k, v in {"msg": msg, **params}.items() if v not in (None, "")}
    target = f"{path}{'&' if '?' in path else '?'}{urlencode(query)}" if query else path
    return RedirectResponse(target, status_code=303)


def safe_next(value: Any, default: str = "/") -> str:
    """A same-site path to go back to after a form, never another site."""
    if isinstance(value, str) and value.startswith("/") and not value.startswith("//") \
            and "\\" not in value:
        return value
    return default


async def read_form(request: Request) -> Any:
    """Parse a submitted form (bounded field count and size) and check its CSRF token."""
    form = await request.form(max_files=4, max_fields=200, max_part_size=1024 * 1024)
    check_csrf(request, form)
    return form


async def upload_of(form: Any, name: str) -> tuple[bytes, str] | None:
    """An uploaded file's bytes and name, None when no file was chosen."""
    from interview_closer.readers import MAX_BYTES

    item = form.get(name)
    if item is None or isinstance(item, str) or not getattr(item, "filename", ""):
        return None
    data = await item.read(MAX_BYTES + 1)
    return data, str(item.filename)
