"""Security even on localhost: headers, CSRF, origin and host checks, upload limits, labels."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from tests.web.conftest import DEBRIEF_FORM, Web

from interview_closer.service import sample_path


def _headers_ok(headers: dict[str, str] | object) -> None:
    csp = headers["content-security-policy"]  # type: ignore[index]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"  # type: ignore[index]
    assert headers["referrer-policy"] == "same-origin"  # type: ignore[index]


def test_security_headers_on_pages_api_static_and_errors(web: Web) -> None:
    for path in ("/", "/applications", "/settings", "/api/dashboard", "/static/app.css",
                 "/nowhere", "/api/applications/42"):  # fmt: skip
        _headers_ok(web.client.get(path).headers)
    assert web.client.get("/").headers["cache-control"] == "no-store"


def test_csrf_cookie_is_http_only_and_same_site(web: Web) -> None:
    from fastapi.testclient import TestClient

    with TestClient(web.app) as fresh:
        cookie = fresh.get("/").headers["set-cookie"]
    assert "closer_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


@pytest.mark.parametrize("token", [None, "", "forged-token-that-is-long-enough-123"])
def test_forms_without_the_right_token_are_refused(web: Web, token: str | None) -> None:
    data = dict(DEBRIEF_FORM)
    if token is not None:
        data["csrf_token"] = token
    web.add_sample()
    response = web.client.post("/applications/1/debrief", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert "This form has expired" in response.text
    assert web.count("debriefs") == 0


def test_requests_from_another_site_are_refused(web: Web) -> None:
    form = {"csrf_token": web.token, "status": "applied", "posting_text": "x"}
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"},
                    {"origin": "null"}, {"sec-fetch-site": "same-site"},
                    {"origin": "http://testserver:9999"}):  # fmt: skip
        response = web.client.post("/applications", data=form, headers=headers)
        assert response.status_code == 403, headers
    same = web.client.post(
        "/settings", data={"csrf_token": web.token, "country": "US",
                           "timezone": "America/New_York"},
        headers={"origin": "http://testserver"}, follow_redirects=False,
    )  # fmt: skip
    assert same.status_code == 303


def test_unknown_host_names_are_refused(web: Web) -> None:
    response = web.client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400 and "127.0.0.1" in response.text
    assert web.client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert web.client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_api_changes_need_json_or_a_custom_header(web: Web) -> None:
    plain = web.client.post("/api/followups/1/skip", data={"x": "1"})
    assert plain.status_code == 403 and "X-Requested-With" in plain.text
    with_header = web.client.post("/api/followups/1/skip", headers={"x-requested-with": "t"})
    assert with_header.status_code == 404  # allowed through; the follow-up does not exist


def test_body_over_the_limit_is_refused_while_streaming(web: Web) -> None:
    big = b"a" * (22 * 1024 * 1024)
    response = web.client.post(
        "/applications", data={"csrf_token": web.token}, files={"resume": ("r.txt", big)}
    )
    assert response.status_code == 413 and "limit is 21 MiB" in response.text
    assert web.count("applications") == 0


def test_file_over_the_reader_limit_gets_a_message_by_the_field(web: Web) -> None:
    big = b"Python developer\n" * (11 * 1024 * 1024 // 17)
    response = web.post(
        "/applications",
        {"posting_text": sample_path("posting.txt").read_text(encoding="utf-8")},
        files={"resume": ("resume.txt", big)},
    )
    assert response.status_code == 422
    assert re.search(r'id="resume-error">[^<]*10 MiB limit', response.text)


class _Inventory(HTMLParser):
    """Inputs, labels, inline scripts and inline styles of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[tuple[str, str | None, str]] = []
        self.label_for: set[str] = set()
        self.inline: list[str] = []
        self.post_forms = 0
        self.tokens: list[str | None] = []
        self._in_label = 0
        self._in_post = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.post_forms += 1
            self._in_post = True
        if tag == "input" and a.get("name") == "csrf_token" and self._in_post:
            self.tokens.append(a.get("value"))
        if tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        if tag in ("input", "select", "textarea"):
            kind = a.get("type") or tag
            if kind not in ("hidden", "submit", "button"):
                wrapped = "wrapped" if self._in_label else ""
                self.controls.append((tag, a.get("id"), wrapped))
        if tag == "script" and not a.get("src"):
            self.inline.append("script")
        if tag == "style" or "style" in a or any(k.startswith("on") for k in a):
            self.inline.append(f"{tag} {a}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_post = False
        if tag == "label":
            self._in_label -= 1


def test_every_input_has_a_label_and_nothing_is_inline(web: Web) -> None:
    app_id = web.add_sample()
    web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    bad = web.post(f"/applications/{app_id}/debrief", {**DEBRIEF_FORM, "decision_by": "zz"})
    pages = [web.client.get(p).text for p in (
        "/", "/applications", "/applications/new", f"/applications/{app_id}",
        f"/applications/{app_id}/card", f"/applications/{app_id}/debrief", "/followups",
        "/followups?show=all", "/settings",
    )] + [bad.text]  # fmt: skip
    checked = 0
    for html in pages:
        inventory = _Inventory()
        inventory.feed(html)
        checked += len(inventory.controls)
        for tag, ident, wrapped in inventory.controls:
            assert wrapped or (ident and ident in inventory.label_for), (tag, ident)
        assert inventory.inline == []
        # Every form that changes something carries this browser's token.
        assert inventory.tokens == [web.token] * inventory.post_forms
    assert checked > 60
