"""Protection that holds even on localhost: headers, host and origin checks, body size, CSRF.

- Every response carries a strict Content-Security-Policy (only our own static files; no
  inline script or style), nosniff, no referrer and no framing.
- The Host header must be one we serve, so a web page on another site cannot reach the
  app through DNS rebinding.
- A state-changing request coming from another site (Origin or Sec-Fetch-Site says so)
  is refused before any handler runs.
- Request bodies are limited in size while they stream in.
- Forms carry a CSRF token (double submit: the same random value in a cookie and in a
  hidden field); JSON API calls need a JSON body or an X-Requested-With header, which a
  cross-site page cannot send without a CORS preflight the app never grants.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "closer_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", "testserver"})
# Uploads: a resume and a posting of at most 10 MiB each (the readers' own limit), plus form text.
MAX_BODY_BYTES = 21 * 1024 * 1024

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self' mailto:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)


def new_token() -> str:
    """A fresh random CSRF token."""
    return secrets.token_urlsafe(32)


def tokens_match(cookie: str | None, sent: str | None) -> bool:
    """True when the form's token equals the cookie's (compared in constant time)."""
    if not cookie or not sent:
        return False
    return hmac.compare_digest(cookie.encode(), sent.encode())


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _host_name(host: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1'; '[::1]:8000' -> '[::1]'."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """The request body went over the limit while it was being read."""


class SecurityMiddleware:
    """Headers on every response; host, origin, API-caller and body-size checks on requests."""

    def __init__(
        self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.allowed = (
            None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)
        )
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it on with headers added to the response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._refusal(scope)
        if problem is not None:
            await _plain(send, problem[0], problem[1])
            return
        length = _header(scope, b"content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _plain(send, 413, self._too_big())
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, self._too_big())

    def _too_big(self) -> str:
        return f"The upload is too large: the limit is {self.max_body // (1024 * 1024)} MiB."

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        host = (_header(scope, b"host") or "").lower()
        if self.allowed is not None and _host_name(host) not in self.allowed:
            return 400, "This address is not served here: open the app at http://127.0.0.1."
        if scope["method"] in SAFE_METHODS:
            return None
        if not _same_origin(scope, host):
            return 403, "Refused: the request came from another web site."
        if scope["path"].startswith("/api/") and not _api_caller(scope):
            return 403, (
                "API calls that change data need a JSON body or an X-Requested-With header."
            )
        return None


def _same_origin(scope: Scope, host: str) -> bool:
    """False when the browser says the request comes from another site (or port)."""
    fetch_site = _header(scope, b"sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False  # cross-site, or same-site: another port or subdomain
    origin = _header(scope, b"origin")
    if origin is None:
        return True  # not from a browser page (curl, scripts) or an old browser
    if origin == "null":
        return fetch_site is not None  # an opaque origin only passes on the browser's word
    return origin.split("://", 1)[-1].lower() == host


def _api_caller(scope: Scope) -> bool:
    """A JSON body or a custom header: things a cross-site form cannot send."""
    kind = (_header(scope, b"content-type") or "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or _header(scope, b"x-requested-with") is not None
