"""End to end in Debian's Chromium: the whole journey on a desktop, on a phone, and by keyboard.

Run with `pytest -m browser`. Screenshots of every page go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from interview_closer.service import sample_path

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
THANK_YOU_DUE = "Tuesday 24 November 2026, 17:00"
CHECK_IN_DUE = "Tuesday 08 December 2026, 10:00"
UNLABELLED = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => el.type !== 'hidden' && el.labels.length === 0)
  .map(el => el.name || el.id)"""


def _watch(page: Any, problems: list[str]) -> None:
    """Collect script errors and failed requests: a page must have none."""
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on(
        "console",
        lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None,
    )


def _shot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    assert page.evaluate(UNLABELLED) == [], f"inputs without a label on {name}"


def _add_pasted_application(page: Any, live_server: str) -> None:
    """Add application 1 from the sample resume and the sample posting pasted as text."""
    page.goto(live_server + "/applications/new")
    page.get_by_label("Your resume file").set_input_files(sample_path("resume.md"))
    page.get_by_label("Paste the job posting here").fill(
        sample_path("posting.txt").read_text(encoding="utf-8")
    )
    page.get_by_role("button", name="Build my close card").click()
    page.wait_for_url("**/card?msg=created")


def _pdf_pages(page: Any, paper: str) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(page.pdf(format=paper))).pages)


def test_main_journey_desktop_then_phone(
    browser: Any, live_server: str, screenshots: Path
) -> None:
    from icalendar import Calendar
    from playwright.sync_api import expect

    problems: list[str] = []
    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    desktop.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = desktop.new_page()
    _watch(page, problems)
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Close the interview. Keep the door open."
    )
    _shot(page, screenshots, "desktop-1-dashboard-empty")
    page.get_by_role("link", name="Add your first job").click()
    page.get_by_label("Your resume file").set_input_files(sample_path("resume.md"))
    page.get_by_label("Or choose a saved copy of the posting").set_input_files(
        sample_path("posting.html")
    )
    _shot(page, screenshots, "desktop-2-new-application")
    page.get_by_role("button", name="Build my close card").click()
    page.wait_for_url("**/applications/1/card?msg=created")
    expect(page.locator("h1")).to_contain_text("Senior Data Platform Engineer at Larkspur Freight")
    met = page.locator("td .status-met").first
    expect(met).to_have_text("MET")
    assert met.evaluate("el => getComputedStyle(el).color") == "rgb(30, 123, 52)"
    expect(page.locator("td .status-gap").first).to_have_text("GAP")
    copy = page.locator("button[data-copy='s-pitch']")
    expect(copy).to_be_visible()
    copy.click()
    pitch = page.locator("#s-pitch").inner_text().strip()
    assert page.evaluate("navigator.clipboard.readText()") == pitch
    _shot(page, screenshots, "desktop-3-close-card")
    assert _pdf_pages(page, "A4") == 1 and _pdf_pages(page, "Letter") == 1
    desktop.close()

    phone = browser.new_context(**PHONE, locale="en-US", accept_downloads=True)
    m = phone.new_page()
    _watch(m, problems)
    m.goto(live_server + "/applications/1/debrief")
    assert m.evaluate("document.documentElement.scrollWidth") <= 390
    m.get_by_label("When did it start?").fill("2026-11-24T10:00")
    m.get_by_label("When did it end?").fill("11:00")
    m.locator("#met-0-name").fill("Dana Reyes")
    m.locator("#met-0-email").fill("dana@larkspur.test")
    m.get_by_label("What is the next step?").fill("a technical interview with the team")
    m.get_by_label("When will they decide?").fill("by the end of next week")
    expect(m.locator("#decision_by-preview")).to_contain_text("Reads as Friday 4 December 2026")
    m.get_by_label("Yes", exact=True).check()
    m.get_by_label("Best time to call").fill("mornings")
    m.get_by_label("Concern 1").fill("no Kafka in production")
    m.get_by_label("Anything else to remember").fill("Team of eight.")
    for box in m.locator("input:visible, select:visible, button:visible, textarea:visible").all():
        height = box.bounding_box()["height"]
        assert height >= 24 if box.get_attribute("type") == "radio" else height >= 44
    m.wait_for_timeout(400)  # the draft is saved a moment after typing stops
    m.goto(live_server + "/")  # leave the page before saving...
    m.goto(live_server + "/applications/1/debrief")  # ...and come back: nothing lost
    expect(m.get_by_label("Anything else to remember")).to_have_value("Team of eight.")
    expect(m.locator("#met-0-email")).to_have_value("dana@larkspur.test")
    expect(m.locator("[data-draft-status]")).to_be_visible()
    _shot(m, screenshots, "phone-1-debrief")
    m.get_by_role("button", name="Save and plan my follow-ups").click()
    m.wait_for_url("**/followups?msg=debrief&application=1")
    thank = m.locator(".fu-card", has_text="Thank-you note to Dana Reyes")
    expect(thank.locator(".fu-when")).to_contain_text(THANK_YOU_DUE)
    call = m.locator(".fu-card", has_text="check-in 1 of 2")
    expect(call.locator(".fu-when")).to_contain_text(CHECK_IN_DUE)
    expect(thank.locator("pre.note")).to_contain_text("Dear Dana,")
    assert m.evaluate("document.documentElement.scrollWidth") <= 390
    assert m.evaluate("localStorage.getItem('closer-debrief-1')") is None
    _shot(m, screenshots, "phone-2-followups")
    pending = m.locator(".fu-card").count()
    with m.expect_download() as download:
        m.get_by_role("link", name="Add these to my calendar (.ics)").click()
    events = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    assert len(events) == pending
    thank.get_by_role("button", name="Mark done").click()
    expect(m.locator(".notice")).to_have_text("Marked done.")
    expect(m.locator(".fu-card")).to_have_count(pending - 1)
    _shot(m, screenshots, "phone-3-followups-after-done")
    for path, name in (("/", "dashboard"), ("/applications", "applications"),
                       ("/applications/1", "application"), ("/settings", "settings")):  # fmt: skip
        m.goto(live_server + path)
        assert m.evaluate("document.documentElement.scrollWidth") <= 390, path
        _shot(m, screenshots, f"phone-4-{name}")
    phone.close()
    # The one 422 is the form sent back with the deliberate mistake; nothing else may fail.
    assert [p for p in problems if "status of 422" not in p] == []
    assert len(problems) <= 1


def _tab_to(page: Any, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):  # fmt: skip
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _choose_file_by_keyboard(page: Any, path: Path) -> None:
    """Open the focused file input with Space and pick `path`.

    Chromium sometimes drops the first key press on a busy machine before the
    page is ready, so Space is pressed again (still by keyboard) a few times.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(3):
        try:
            with page.expect_file_chooser(timeout=5000) as chooser:
                page.keyboard.press("Space")
        except PlaywrightTimeout:
            continue
        chooser.value.set_files(path)
        return
    raise AssertionError("Space never opened the file chooser")


def test_the_same_journey_with_the_keyboard_only(
    browser: Any, live_server: str, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="en-US",
                                  accept_downloads=True)  # fmt: skip
    page = context.new_page()
    page.goto(live_server + "/")
    _tab_to(page, "a[href='/applications/new'].big")
    page.keyboard.press("Enter")
    page.wait_for_url("**/applications/new")
    for field, name in (("#resume", "resume.md"), ("#posting_file", "posting.html")):
        _tab_to(page, field)
        _choose_file_by_keyboard(page, sample_path(name))
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/card?msg=created")
    _tab_to(page, "a[href='/applications/1/debrief']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/debrief")
    _tab_to(page, "#interview_at")
    page.keyboard.type("11242026")
    page.keyboard.press("Tab")
    page.keyboard.type("1000AM")
    _tab_to(page, "#ended_at")
    page.keyboard.type("1100AM")
    _tab_to(page, "#met-0-name")
    page.keyboard.type("Dana Reyes")
    _tab_to(page, "#decision_by")
    page.keyboard.type("in two weeks")
    _tab_to(page, "input[name=permission_to_call]")  # the group's checked radio: "I did not ask"
    page.keyboard.press("ArrowDown")  # arrows move the choice, wrapping round to "Yes"
    expect(page.locator("#permission_to_call-yes")).to_be_checked()
    expect(page.locator("#interview_at")).to_have_value("2026-11-24T10:00")
    _shot(page, screenshots, "keyboard-1-debrief")
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/followups?msg=debrief&application=1")
    expect(page.locator(".fu-card", has_text="Thank-you note to Dana Reyes")).to_contain_text(
        THANK_YOU_DUE
    )
    # Two weeks after 24 November is 8 December; two business days later: Thursday 10th.
    expect(page.locator(".fu-card", has_text="check-in 1 of 2")).to_contain_text(
        "Thursday 10 December 2026, 10:00"
    )
    _tab_to(page, "a[href='/applications/1/followups.ics']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "followups-1.ics"
    pending = page.locator(".fu-card").count()
    _tab_to(page, ".done-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".notice")).to_have_text("Marked done.")
    expect(page.locator(".fu-card")).to_have_count(pending - 1)
    _shot(page, screenshots, "keyboard-2-followups")
    context.close()


def test_pages_work_without_javascript(browser: Any, live_server: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    _add_pasted_application(page, live_server)
    expect(page.locator("button[data-copy]").first).to_be_hidden()  # no dead buttons
    page.goto(live_server + "/applications/1/debrief")
    page.get_by_label("When did it start?").fill("2026-11-24T10:00")
    page.get_by_label("When will they decide?").fill("when pigs fly")
    page.get_by_role("button", name="Save and plan my follow-ups").click()
    expect(page.locator("#decision_by-error")).to_contain_text("Cannot read 'when pigs fly'")
    expect(page.get_by_label("When will they decide?")).to_have_value("when pigs fly")
    page.get_by_label("When will they decide?").fill("early January")
    page.get_by_role("button", name="Save and plan my follow-ups").click()
    page.wait_for_url("**/followups?msg=debrief&application=1")
    expect(page.locator(".fu-card").first).to_contain_text("Thank-you note")
    context.close()


def test_schedule_an_interview_on_a_phone(
    browser: Any, live_server: str, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    problems: list[str] = []
    setup = browser.new_context(locale="en-US")
    _add_pasted_application(setup.new_page(), live_server)
    setup.close()

    phone = browser.new_context(**PHONE, locale="en-US")
    m = phone.new_page()
    _watch(m, problems)
    m.goto(live_server + "/applications/1")
    m.get_by_role("link", name="Schedule an interview").click()
    m.wait_for_url("**/applications/1/interviews/new")
    assert m.evaluate("document.documentElement.scrollWidth") <= 390
    m.get_by_label("When does it start?").fill("2026-12-01T10:00")
    m.get_by_label("When does it end?").fill("09:00")  # before it starts: a mistake
    m.get_by_label("Video, phone or on site?").select_option("video")
    m.locator("#with-0-name").fill("Priya Shah")
    m.locator("#with-0-email").fill("priya@larkspur.test")
    _shot(m, screenshots, "phone-4-schedule-interview")
    m.get_by_role("button", name="Save the interview").click()
    expect(m.locator("#ended_at-error")).to_be_visible()
    expect(m.locator("#with-0-name")).to_have_value("Priya Shah")  # nothing typed is lost
    m.get_by_label("When does it end?").fill("11:00")
    m.get_by_role("button", name="Save the interview").click()
    m.wait_for_url("**/applications/1?msg=interview")
    expect(m.locator("body")).to_contain_text("Interview saved.")
    expect(m.locator("body")).to_contain_text("Priya Shah")
    phone.close()
    # The one 422 is the form sent back with the deliberate mistake; nothing else may fail.
    assert [p for p in problems if "status of 422" not in p] == []
    assert len(problems) <= 1
