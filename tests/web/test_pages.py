"""The HTML pages through the ASGI test client: each page, each form, and bad input."""

from __future__ import annotations

import re

from tests.web.conftest import DEBRIEF_FORM, Web

from interview_closer.service import sample_path


def _dues(web: Web, app_id: int) -> dict[str, list[str]]:
    rows = web.client.get(f"/api/followups?application_id={app_id}").json()
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["kind"], []).append(row["due"])
    return out


def test_fresh_install_dashboard_explains_what_to_do(web: Web) -> None:
    page = web.client.get("/")
    assert page.status_code == 200
    assert "Add your first job" in page.text
    assert 'href="/applications/new"' in page.text
    assert "Nothing is sent anywhere" in page.text


def test_new_application_from_sample_files_shows_the_close_card(web: Web) -> None:
    app_id = web.add_sample()
    card = web.client.get(f"/applications/{app_id}/card?msg=created")
    assert card.status_code == 200
    text = card.text
    assert "Your close card is ready." in text
    assert "Senior Data Platform Engineer" in text and "Larkspur Freight" in text
    assert "Jordan Rivera" in text
    # Status in words as well as colour, and evidence quoted from the resume with its line.
    assert re.search(r'class="status status-met">MET<', text)
    assert "status-gap" in text or "status-partial" in text
    assert re.search(r'<span class="evidence"><q>[^<]+</q> <span class="line">line&nbsp;\d+', text)
    # Copy buttons exist for the script but stay hidden until the script file enables them.
    assert text.count('data-copy="s-') >= 6 and 'hidden>Copy' in text
    assert web.count("applications") == 1 and web.count("plans") == 1
    saved = list((web.folder / "resumes").iterdir())
    assert len(saved) == 1 and saved[0].name.endswith("-resume.md")


def test_missing_resume_and_posting_rerender_with_messages_and_save_nothing(web: Web) -> None:
    response = web.post("/applications", {"company": "Acme", "status": "applied"})
    assert response.status_code == 422
    assert 'id="resume-error"' in response.text and "Choose your resume file" in response.text
    assert 'id="posting-error"' in response.text and "Paste the job posting" in response.text
    assert 'value="Acme"' in response.text  # what the user typed is kept
    assert web.count("applications") == 0
    assert not (web.folder / "resumes").exists()


def test_binary_junk_named_as_text_is_refused_by_content(web: Web) -> None:
    junk = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    response = web.post(
        "/applications",
        {"posting_text": sample_path("posting.txt").read_text(encoding="utf-8")},
        files={"resume": ("resume.txt", junk)},
    )
    assert response.status_code == 422
    error = re.search(r'id="resume-error">([^<]+)<', response.text)
    assert error is not None and error.group(1).startswith("Contains binary data, not text")
    assert web.count("applications") == 0


def test_posting_saved_as_txt_but_holding_html_is_read_as_html(web: Web) -> None:
    response = web.post(
        "/applications",
        {},
        files={
            "resume": ("resume.md", sample_path("resume.md").read_bytes()),
            "posting_file": ("posting.txt", sample_path("posting.html").read_bytes()),
        },
    )
    assert response.status_code == 303
    with web.app.state.closer.db.read() as session:
        from interview_closer.storage.models import Application

        app = session.get(Application, 1)
        assert app is not None and app.company == "Larkspur Freight"
        assert "<div" not in (app.posting_text or "")


def test_saved_resume_is_offered_and_reused(web: Web) -> None:
    web.add_sample()
    form = web.client.get("/applications/new")
    saved = re.search(r'<option value="([0-9a-f]{12}-resume\.md)" selected>', form.text)
    assert saved is not None
    response = web.post(
        "/applications",
        {"saved_resume": saved.group(1), "company": "Globex", "role": "Data Engineer",
         "posting_text": sample_path("posting.txt").read_text(encoding="utf-8")},
    )  # fmt: skip
    assert response.status_code == 303
    assert web.count("applications") == 2
    assert len(list((web.folder / "resumes").iterdir())) == 1


def test_script_in_a_posting_is_shown_as_text(web: Web) -> None:
    posting = (
        "Data Engineer at <b>Evil Corp</b>\n\nRequirements:\n"
        "- 5+ years of Python <script>alert('x')</script>\n- SQL and PostgreSQL\n"
    )
    response = web.post(
        "/applications",
        {"posting_text": posting, "company": "<img src=x onerror=alert(1)>", "role": "Engineer"},
        files={"resume": ("resume.md", sample_path("resume.md").read_bytes())},
    )
    assert response.status_code == 303, response.text
    card = web.client.get(response.headers["location"]).text
    assert "<script>alert" not in card and "<img src=x" not in card
    assert "&lt;img src=x onerror=alert(1)&gt;" in card
    listing = web.client.get("/applications").text
    assert "<img src=x" not in listing


def test_applications_list_searches_and_filters(web: Web) -> None:
    first = web.add_sample()
    web.add_sample(company="Contoso Health", role="Analyst")
    web.post(f"/applications/{first}/status", {"status": "offer"})
    assert "Contoso Health" in web.client.get("/applications?q=contoso").text
    assert "Larkspur" not in web.client.get("/applications?q=contoso").text
    offers = web.client.get("/applications?status=offer").text
    assert "Larkspur" in offers and "Contoso" not in offers
    assert "1 application found" in offers
    assert "0 applications found" in web.client.get("/applications?q=%25%25").text


def test_debrief_plans_follow_ups_with_the_right_dates(web: Web) -> None:
    app_id = web.add_sample()
    form = web.client.get(f"/applications/{app_id}/debrief")
    assert form.status_code == 200 and 'data-draft-key="debrief-1"' in form.text
    response = web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    assert response.status_code == 303
    assert response.headers["location"] == f"/followups?msg=debrief&application={app_id}"
    dues = _dues(web, app_id)
    # Ended 11:00, before the 14:00 cut-off: the thank-you is due the same day.
    assert dues["thank-you"] == ["2026-11-24T17:00:00-05:00"]
    # "end of next week" is Friday 4 December; two business days later, mornings: 10:00.
    assert dues["check-in-call"][0] == "2026-12-08T10:00:00-05:00"
    assert dues["send-promised-item"] == ["2026-11-27T09:00:00-05:00"]
    page = web.client.get(response.headers["location"]).text
    assert "Debrief saved." in page and "Thank-you note to Dana Reyes" in page
    assert "mailto:dana@larkspur.test?subject=" in page
    assert "Dear Dana," in page
    first = re.search(r'href="/followups/(\d+)/note.eml"', page)
    assert first is not None
    eml = web.client.get(f"/followups/{first.group(1)}/note.eml")
    assert eml.status_code == 200 and b"Subject:" in eml.content
    assert "attachment" in eml.headers["content-disposition"]


def test_bad_debrief_keeps_the_input_and_saves_nothing(web: Web) -> None:
    app_id = web.add_sample()
    bad = {**DEBRIEF_FORM, "decision_by": "when pigs fly", "met-1-email": "dana-at-example",
           "met-1-name": "Sam"}  # fmt: skip
    response = web.post(f"/applications/{app_id}/debrief", bad)
    assert response.status_code == 422
    assert re.search(r'id="decision_by-error">Cannot read', response.text)
    assert 'id="met-1-email-error"' in response.text
    assert 'value="when pigs fly"' in response.text
    assert web.count("debriefs") == 0 and web.count("followups") == 0
    assert web.count("interviews") == 0
    missing = web.post(f"/applications/{app_id}/debrief", {**DEBRIEF_FORM, "interview_at": ""})
    assert missing.status_code == 422 and "Tell us when the interview started" in missing.text


def test_second_debrief_of_the_same_interview_asks_before_replacing(web: Web) -> None:
    app_id = web.add_sample()
    assert web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM).status_code == 303
    again = web.post(f"/applications/{app_id}/debrief", {**DEBRIEF_FORM, "notes": "second"})
    assert again.status_code == 422 and 'name="replace"' in again.text
    replaced = web.post(
        f"/applications/{app_id}/debrief", {**DEBRIEF_FORM, "notes": "second", "replace": "1"}
    )
    assert replaced.status_code == 303
    assert web.count("debriefs") == 1


def test_done_and_skip_from_the_dashboard(web: Web) -> None:
    app_id = web.add_sample()
    web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    board = web.client.get("/").text
    ids = [int(i) for i in re.findall(r'action="/followups/(\d+)/done"', board)]
    assert ids, board
    done = web.post(f"/followups/{ids[0]}/done", {"next": "/"})
    assert done.status_code == 303 and done.headers["location"] == "/?msg=done"
    skipped = web.post(f"/followups/{ids[1]}/skip", {"next": "https://evil.example/"})
    assert skipped.headers["location"] == "/followups?msg=skipped"
    rows = {r["id"]: r for r in web.client.get("/api/followups?all=true").json()}
    assert rows[ids[0]]["status"] == "done" and rows[ids[1]]["status"] == "skipped"
    again = web.post(f"/followups/{ids[0]}/done", {})
    assert again.status_code == 422 and "already done" in again.text


def test_outcome_offer_cancels_check_ins_and_moves_the_status(web: Web) -> None:
    app_id = web.add_sample()
    web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    thank_you = next(r for r in web.client.get("/api/followups").json() if r["kind"] == "thank-you")
    response = web.post(f"/followups/{thank_you['id']}/done", {"outcome": "offer"})
    assert response.status_code == 303
    pending = web.client.get(f"/api/followups?application_id={app_id}").json()
    assert not [r for r in pending if r["kind"].startswith("check-in")]
    assert web.client.get(f"/api/applications/{app_id}").json()["status"] == "offer"


def test_bad_new_decision_date_is_shown_next_to_its_field(web: Web) -> None:
    app_id = web.add_sample()
    web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    first = web.client.get("/api/followups").json()[0]["id"]
    response = web.post(
        f"/followups/{first}/done", {"outcome": "heard-back", "new_decision": "blurple"}
    )
    assert response.status_code == 422
    assert f'id="new_decision-{first}-error"' in response.text
    assert web.client.get("/api/followups").json()[0]["status"] == "pending"


def test_calendar_file_has_one_event_per_pending_follow_up(web: Web) -> None:
    from icalendar import Calendar

    app_id = web.add_sample()
    web.post(f"/applications/{app_id}/debrief", DEBRIEF_FORM)
    pending = web.client.get("/api/followups").json()
    response = web.client.get(f"/applications/{app_id}/followups.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == len(pending)
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == len(pending)
    again = Calendar.from_ical(web.client.get("/followups.ics").content).walk("VEVENT")
    assert {str(e["UID"]) for e in again} == uids
    assert all(e.walk("VALARM") for e in events)


def test_application_page_and_status_change(web: Web) -> None:
    app_id = web.add_sample()
    page = web.client.get(f"/applications/{app_id}")
    assert page.status_code == 200 and "Close card" in page.text
    response = web.post(f"/applications/{app_id}/status", {"status": "withdrawn"})
    assert response.status_code == 303
    assert "Withdrawn" in web.client.get(response.headers["location"]).text
    wrong = web.post(f"/applications/{app_id}/status", {"status": "married"})
    assert wrong.status_code == 422 and "unknown status" in wrong.text


def test_unknown_records_give_a_friendly_404(web: Web) -> None:
    for path in ("/applications/99", "/applications/99/card", "/applications/99/debrief",
                 "/nowhere"):  # fmt: skip
        response = web.client.get(path)
        assert response.status_code == 404, path
        assert "We could not find that" in response.text
        assert "Traceback" not in response.text


def test_dashboard_groups_overdue_today_and_upcoming(web: Web) -> None:
    app_id = web.add_sample()
    yesterday = {**DEBRIEF_FORM, "interview_at": "2026-11-23T10:00", "promised-0-by": ""}
    assert web.post(f"/applications/{app_id}/debrief", yesterday).status_code == 303
    page = web.client.get("/").text
    overdue = page.split('id="h-overdue"', 1)[1].split('id="h-today"', 1)[0]
    upcoming = page.split('id="h-upcoming"', 1)[1].split('id="h-pipeline"', 1)[0]
    # Interview yesterday: the thank-you (yesterday 17:00) and booking the next interview
    # (today 09:00) are past at noon; the promised references (next business day 09:00)
    # too; the first check-in is two business days after Friday 4 December: coming up.
    assert "Thank-you note to Dana Reyes" in overdue and "Propose times" in overdue
    assert "Send two references" in overdue and '<span class="count bad">3</span>' in overdue
    assert "check-in" not in overdue and "Call Dana Reyes: check-in 1 of 2" in upcoming
    assert "check-in 2 of 2" not in upcoming  # 15 December: beyond the two weeks shown
    assert "Nothing else due today." in page
    pipeline = page.split('id="h-pipeline"', 1)[1]
    assert re.search(r"Interviewing</span> <span class=\"pipe-count\">1<", pipeline)
