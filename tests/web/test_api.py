"""The JSON API: every page action is there too, documented in the OpenAPI document."""

from __future__ import annotations

from typing import Any

from tests.tracker_factory import debrief_data
from tests.web.conftest import Web

from interview_closer.service import sample_path

API = {"x-requested-with": "test"}


def _create(web: Web, **fields: str) -> dict[str, Any]:
    response = web.client.post(
        "/api/applications",
        data={"status": "applied", **fields},
        files={
            "resume": ("resume.md", sample_path("resume.md").read_bytes()),
            "posting_file": ("posting.html", sample_path("posting.html").read_bytes()),
        },
        headers=API,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_openapi_lists_an_endpoint_for_every_page_action(web: Web) -> None:
    doc = web.client.get("/api/openapi.json").json()
    paths = doc["paths"]
    expected = {
        ("/api/dashboard", "get"), ("/api/applications", "get"), ("/api/applications", "post"),
        ("/api/applications/{app_id}", "get"), ("/api/applications/{app_id}/status", "post"),
        ("/api/applications/{app_id}/plan", "get"), ("/api/applications/{app_id}/debrief", "post"),
        ("/api/followups", "get"), ("/api/followups/{followup_id}", "get"),
        ("/api/followups/{followup_id}/done", "post"),
        ("/api/followups/{followup_id}/skip", "post"),
        ("/api/followups.ics", "get"), ("/api/followups/{followup_id}/note.eml", "get"),
        ("/api/timeline", "get"), ("/api/resumes", "get"),
        ("/api/settings", "get"), ("/api/settings", "put"), ("/api/backup", "get"),
        ("/api/restore", "post"),
    }  # fmt: skip
    found = {(path, method) for path, ops in paths.items() for method in ops}
    assert expected <= found
    assert not [p for p in paths if not p.startswith("/api/")]  # pages stay out of the API doc
    assert web.client.get("/docs").status_code == 404  # no CDN-loaded docs page


def test_create_read_plan_and_list(web: Web) -> None:
    created = _create(web)
    assert created["company"] == "Larkspur Freight" and created["status"] == "applied"
    plan = web.client.get(f"/api/applications/{created['id']}/plan").json()
    assert plan["schema"] == "interview-closer/plan@1" and plan["requirements"]
    listing = web.client.get("/api/applications?q=larkspur").json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == created["id"]
    assert web.client.get("/api/resumes").json()[0]["name"] == "resume.md"


def test_create_with_bad_input_names_the_fields(web: Web) -> None:
    response = web.client.post("/api/applications", data={"company": "X"}, headers=API)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "FormError" and set(body["fields"]) == {"resume", "posting"}
    assert web.count("applications") == 0


def test_debrief_followups_draft_done_and_skip(web: Web) -> None:
    app_id = _create(web)["id"]
    response = web.client.post(f"/api/applications/{app_id}/debrief", json=debrief_data())
    assert response.status_code == 201, response.text
    planned = response.json()["followups"]
    kinds = [f["kind"] for f in planned]
    assert kinds.count("thank-you") == 2 and "check-in-call" in kinds
    thank = next(f for f in planned if f["kind"] == "thank-you")
    assert thank["due"] == "2026-11-24T17:00:00-05:00"
    detail = web.client.get(f"/api/followups/{thank['id']}").json()
    assert detail["draft"]["subject"] and detail["draft"]["mailto"].startswith("mailto:")
    from email import message_from_bytes, policy

    eml = web.client.get(f"/api/followups/{thank['id']}/note.eml")
    message = message_from_bytes(eml.content, policy=policy.default)
    assert message["Subject"] == detail["draft"]["subject"]
    assert detail["draft"]["to_email"] in message["To"]
    assert message.get_content().replace("\r\n", "\n").strip() == detail["draft"]["body"].strip()
    done = web.client.post(f"/api/followups/{thank['id']}/done", json={"outcome": "sent"})
    assert done.status_code == 200 and done.json()["followup"]["status"] == "done"
    other = next(f for f in planned if f["kind"] == "check-in-call")
    skipped = web.client.post(f"/api/followups/{other['id']}/skip", headers=API)
    assert skipped.json()["followup"]["status"] == "skipped"
    bad = web.client.post(f"/api/followups/{other['id']}/done", json={})
    assert bad.status_code == 422 and "already skipped" in bad.json()["message"]
    assert web.client.get("/api/dashboard").json()["pipeline"]["interviewing"] == 1


def test_bad_debrief_is_a_422_naming_the_field(web: Web) -> None:
    app_id = _create(web)["id"]
    response = web.client.post(
        f"/api/applications/{app_id}/debrief", json=debrief_data(decision_by="whenever-ish")
    )
    assert response.status_code == 422
    assert "decision_by" in response.json()["fields"]
    assert web.count("debriefs") == 0


def test_timeline_preview(web: Web) -> None:
    found = web.client.get("/api/timeline", params={"text": "end of next week",
                                                    "base": "2026-11-24"}).json()  # fmt: skip
    assert found["ok"] and found["date"] == "2026-12-04"
    vague = web.client.get("/api/timeline", params={"text": "soon"}).json()
    assert vague["ok"] and vague["date"] is None
    wrong = web.client.get("/api/timeline", params={"text": "blurple"}).json()
    assert not wrong["ok"] and "cannot read" in wrong["message"]
    assert web.client.get("/api/timeline", params={"text": "x", "base": "nope"}).status_code == 400


def test_settings_round_trip_and_refusal(web: Web) -> None:
    saved = web.client.put("/api/settings", json={"country": "GB", "rules.max_checkins": "3"})
    assert saved.status_code == 200
    body = saved.json()
    assert body["settings"]["country"] == "GB" and body["rules"]["max_checkins"] == 3
    bad = web.client.put("/api/settings", json={"timezone": "Mars/Olympus", "country": "FR"})
    assert bad.status_code == 422 and "timezone" in bad.json()["fields"]
    assert web.client.get("/api/settings").json()["settings"]["country"] == "GB"


def test_status_change_and_not_found(web: Web) -> None:
    app_id = _create(web)["id"]
    moved = web.client.post(f"/api/applications/{app_id}/status", json={"status": "offer"})
    assert moved.json()["status"] == "offer"
    missing = web.client.get("/api/applications/999")
    assert missing.status_code == 404 and missing.json()["error"] == "NotFoundError"


def test_backup_and_restore_into_an_empty_tracker(web: Web, tmp_path_factory: Any) -> None:
    from fastapi.testclient import TestClient
    from tests.web.conftest import make_app

    app_id = _create(web)["id"]
    web.client.post(f"/api/applications/{app_id}/debrief", json=debrief_data())
    backup = web.client.get("/api/backup").json()
    refused = web.client.post("/api/restore", json=backup)
    assert refused.status_code == 422
    other = make_app(tmp_path_factory.mktemp("restore"))
    with TestClient(other) as fresh:
        fresh.get("/")
        restored = fresh.post("/api/restore", json=backup)
        assert restored.status_code == 201, restored.text
        assert fresh.get("/api/backup").json() == backup
