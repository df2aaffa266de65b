"""Scheduling an interview from the browser form and the JSON API."""

from __future__ import annotations

from tests.web.conftest import DEBRIEF_FORM, Web

FORM = {
    "at": "2026-12-01T10:00",
    "ended_at": "11:00",
    "stage": "second interview",
    "mode": "video",
    "place": "https://meet.example/abc",
    "with-0-name": "Priya Shah",
    "with-0-title": "Director of Engineering",
    "with-0-email": "priya@larkspur.test",
}


def test_schedule_an_interview_from_the_application_page(web: Web) -> None:
    app_id = web.add_sample()
    page = web.client.get(f"/applications/{app_id}")
    assert f'href="/applications/{app_id}/interviews/new"' in page.text
    form = web.client.get(f"/applications/{app_id}/interviews/new")
    assert form.status_code == 200 and 'name="at"' in form.text and "America/New_York" in form.text
    saved = web.post(f"/applications/{app_id}/interviews", FORM)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/applications/{app_id}?msg=interview"
    shown = web.client.get(saved.headers["location"]).text
    assert "Interview saved." in shown and "2026-12-01 10:00" in shown
    assert "Priya Shah (Director of Engineering)" in shown
    detail = web.client.get(f"/api/applications/{app_id}").json()
    [interview] = detail["interviews"]
    assert interview["at"].startswith("2026-12-01T10:00:00-05:00")
    assert detail["status"] == "interviewing"


def test_a_later_interview_gets_its_own_plan_naming_the_new_interviewer(web: Web) -> None:
    app_id = web.add_sample()
    assert web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM).status_code == 303
    assert web.count("plans") == 1
    assert web.post(f"/applications/{app_id}/interviews", FORM).status_code == 303
    assert web.count("plans") == 2
    plan = web.client.get(f"/api/applications/{app_id}/plan").json()
    assert "Priya" in plan["script"]["thanks"]


def test_mistakes_are_shown_by_their_field_and_nothing_is_saved(web: Web) -> None:
    app_id = web.add_sample()
    bad = {**FORM, "at": "next tuesday-ish", "with-1-email": "priya-at-example",
           "with-1-name": "Sam"}  # fmt: skip
    response = web.post(f"/applications/{app_id}/interviews", bad)
    assert response.status_code == 422
    assert 'id="at-error">Give the date and time' in response.text
    assert 'value="next tuesday-ish"' in response.text
    assert web.count("interviews") == 0
    missing = web.post(f"/applications/{app_id}/interviews", {**FORM, "at": ""})
    assert missing.status_code == 422 and "Tell us when the interview starts" in missing.text
    early = web.post(f"/applications/{app_id}/interviews", {**FORM, "ended_at": "09:00"})
    assert early.status_code == 422 and 'id="ended_at-error"' in early.text
    nameless = web.post(f"/applications/{app_id}/interviews", {**FORM, "with-0-name": ""})
    assert nameless.status_code == 422 and 'id="with-0-name-error"' in nameless.text
    assert web.count("interviews") == 0


def test_api_records_an_interview_and_names_bad_fields(web: Web) -> None:
    app_id = web.add_sample()
    headers = {"x-requested-with": "test"}
    body = {"at": "2026-12-02T15:30", "mode": "phone",
            "people": [{"name": "Dana Reyes", "email": "dana@larkspur.test"}]}  # fmt: skip
    created = web.client.post(f"/api/applications/{app_id}/interviews", json=body,
                              headers=headers)  # fmt: skip
    assert created.status_code == 201, created.text
    assert created.json()["at"].startswith("2026-12-02T15:30:00-05:00")
    wrong = web.client.post(f"/api/applications/{app_id}/interviews",
                            json={"at": "soon", "mode": "carrier pigeon"}, headers=headers)
    assert wrong.status_code == 422
    assert set(wrong.json()["fields"]) == {"at", "mode"}
    missing = web.client.post("/api/applications/999/interviews", json=body, headers=headers)
    assert missing.status_code == 404
    assert web.count("interviews") == 1
