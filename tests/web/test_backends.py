"""The web app's own queries on every backend: SQLite, and PostgreSQL when configured."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.tracker_factory import BACKENDS, fresh_url
from tests.web.conftest import DEBRIEF_FORM, Web, make_app


@pytest.mark.parametrize("backend", BACKENDS)
def test_journey_and_listings_on_each_backend(backend: str, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    with fresh_url(backend, tmp_path) as url:
        app = make_app(tmp_path, url=url)
        try:
            with TestClient(app) as client:
                client.get("/")
                web = Web(client, app, tmp_path)
                first = web.add_sample()
                web.add_sample(company="Contoso 100%_Health", role="Analyst")
                assert web.post(f"/applications/{first}/debrief", DEBRIEF_FORM).status_code == 303
                found = client.get("/api/applications", params={"q": "100%_"}).json()
                assert [i["company"] for i in found["items"]] == ["Contoso 100%_Health"]
                assert client.get("/api/applications", params={"q": "0%"}).json()["total"] == 1
                listing = client.get("/api/applications", params={"status": "interviewing"})
                item = listing.json()["items"][0]
                assert item["id"] == first and item["pending_followups"] >= 5
                assert item["next_due"] == "2026-11-24T17:00:00-05:00"
                board = client.get("/api/dashboard").json()
                assert board["pipeline"]["interviewing"] == 1
                assert board["pipeline"]["applied"] == 1
                assert [f["kind"] for f in board["today"]] == ["thank-you"]
                page = client.get("/followups?application=1")
                assert page.status_code == 200 and "Dear Dana," in page.text
                assert client.get("/followups.ics").status_code == 200
        finally:
            app.state.closer.db.close()
