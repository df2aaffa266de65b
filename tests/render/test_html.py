"""The HTML close card: standalone, escaped, status in words and colour, reusable pieces."""

from __future__ import annotations

import datetime
import io
import re
import shutil
from html.parser import HTMLParser

import pytest
from tests.plan_factory import HOSTILE, make_hostile_plan, make_minimal_plan, make_plan

from interview_closer.core.models import Plan
from interview_closer.render.card_view import card_view
from interview_closer.render.html import render_html, template_environment

VOID = {"meta", "br", "link", "img", "input", "hr"}


class Page(HTMLParser):
    """Collects tags, attributes and visible text, and checks that tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style = ""
        self.open: list[str] = []
        self.errors: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)

    def visible(self) -> str:
        """All text outside tags with whitespace collapsed."""
        return " ".join(" ".join(self.text).split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_page_is_standalone_and_well_formed() -> None:
    html = render_html(make_plan())
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.errors == [] and page.open == []
    names = [tag for tag, _ in page.tags]
    assert names.count("style") == 1
    assert "script" not in names and "link" not in names and "img" not in names
    assert not re.search(r"(?:src|href)\s*=|url\(|@import|https?://", html)
    assert "@page" in page.style and "@media print" in page.style


def test_every_section_and_step_is_there_in_order() -> None:
    text = parse(render_html(make_plan())).visible()
    marks = ["Close card: Senior Backend Engineer at Northwind Freight", "Candidate: Jordan Rivera",
             "Interviewer: Priya Shah", "Your five best skills for this job", "The close",
             "Parting pitch 109 words, about 47 s at 140 wpm", "Ask about gaps and concerns",
             "Answer what comes up", "Reaffirm your interest", "You need it, I deliver it",
             "Story:", "Next step and permission to call", "Thank them and go",
             "Debrief as soon as you are alone", "Requirements"]
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)


def test_card_carries_the_plans_words_and_quotes() -> None:
    plan = make_plan()
    text = parse(render_html(plan)).visible()
    script = plan.script
    for line in [script.pitch, script.reaffirm, script.match_statement, script.story,
                 script.thanks, *script.gap_questions, *script.next_step_questions,
                 *script.debrief_reminder, *(gap.answer for gap in plan.gaps)]:
        assert line in text
    for top, shown in zip(plan.top_skills, card_view(plan).skills, strict=True):
        quote = shown.quotes[0]
        assert f"{top.skill} ({', '.join(top.requirement_ids)}) {quote.text} line {quote.line}" \
            in text


def test_status_is_shown_in_words_and_in_colour() -> None:
    page = parse(render_html(make_plan()))
    rows = [attrs.get("class") for tag, attrs in page.tags if tag == "tr"]
    assert rows.count("row-met") == 6 and rows.count("row-partial") == 2
    assert rows.count("row-gap") == 1
    text = page.visible()
    assert "R3 must GAP blocking 0.00" in text
    assert "R6 must PARTIAL minor 0.45" in text
    assert "R1 must MET 0.94" in text
    for status in ("met", "partial", "gap"):
        assert re.search(rf"\.status-{status}[^{{]*\{{[^}}]*color:", page.style)
    assert "BLOCKING" in text


def test_posting_and_resume_text_cannot_inject_markup() -> None:
    html = render_html(make_hostile_plan())
    page = parse(html)
    names = {tag for tag, _ in page.tags}
    assert "<script>" not in html and "script" not in names
    assert "img" not in names and "i" not in names
    assert "&lt;script&gt;" in html and "Acme &lt;b&gt;Corp&lt;/b&gt; &amp; Sons" in html
    text = page.visible()
    assert HOSTILE in text
    assert "Jo <img src=x onerror=alert(1)>" in text
    assert "Acme <b>Corp</b> & Sons" in text
    assert page.errors == []


def test_rendering_is_deterministic() -> None:
    assert render_html(make_plan()) == render_html(make_plan())


def test_sparse_plan_renders() -> None:
    text = parse(render_html(make_minimal_plan())).visible()
    assert "Close card: This role" in text
    assert "Candidate:" not in text
    assert "No gaps found" in text
    assert "No skill in the resume answers this posting yet." in text


def test_pieces_can_be_reused_by_other_pages() -> None:
    env = template_environment()
    card = card_view(make_hostile_plan())
    piece = env.from_string(
        '{% import "close_card_macros.html.j2" as cc %}<div>{{ cc.requirement_table(card) }}</div>'
    ).render(card=card)
    assert "<table>" in piece and "&lt;script&gt;" in piece and "<script>" not in piece
    child = env.from_string(
        '{% extends "close_card.html.j2" %}{% block footer %}<p>web footer</p>{% endblock %}'
    ).render(card=card, words_per_minute=140, generated_by="x")
    assert "<p>web footer</p>" in child and "Your five best skills" in child


def test_print_keeps_what_is_said_and_cuts_the_detail_to_one_line() -> None:
    plan = make_plan()
    page = parse(render_html(plan))
    text = page.visible()
    # The screen keeps every gap quote and reason; only the print rules hide them.
    quotes = [q.text for gap in card_view(plan).gaps for q in gap.quotes]
    assert quotes and all(quote in text for quote in quotes)
    assert "Requirement and why" in text
    assert all(row.reason in text for row in card_view(plan).requirements if row.reason)
    printed = page.style[page.style.index("@media print"):]
    for selector in (".gaps .evidence", ".reason", ".skills .extra"):
        assert selector in printed
    assert re.search(r"td\.req\s*\{[^}]*text-overflow:\s*ellipsis", printed)
    assert re.search(r"td\.num\s*\{\s*display:\s*none", printed)
    # Nothing a candidate reads aloud is cut short on paper.
    for said in (".pitch", ".answer", ".steps"):
        assert not re.search(re.escape(said) + r"[^{]*\{[^}]*(?:display:\s*none|ellipsis)",
                             printed)


def _chromium_path() -> str | None:
    """A Chromium the tests can drive: Debian's, else one on PATH."""
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _sample_plan(resume: str, posting: str) -> Plan:
    """The bundled sample plan a new user sees first, with a fixed date."""
    from interview_closer.service import prepare_plan, sample_path

    return prepare_plan(sample_path(resume), sample_path(posting), interviewer="Sam",
                        today=datetime.date(2026, 11, 25))


@pytest.mark.browser
def test_card_prints_on_one_page_of_a4_and_letter() -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    from pypdf import PdfReader

    cards = {
        "factory": render_html(make_plan()),
        "sample": render_html(_sample_plan("resume.md", "posting.html")),
        "nurse": render_html(_sample_plan("resume_nurse.txt", "posting.txt")),
    }
    with playwright.sync_playwright() as p:
        try:
            browser = p.chromium.launch()
        except Exception:
            path = _chromium_path()
            if path is None:
                pytest.skip("no Chromium available to print the card")
            browser = p.chromium.launch(executable_path=path)
        try:
            page = browser.new_page()
            pages = {}
            for name, html in cards.items():
                page.set_content(html)
                for paper in ("A4", "Letter"):
                    pdf = page.pdf(format=paper)
                    pages[name, paper] = len(PdfReader(io.BytesIO(pdf)).pages)
        finally:
            browser.close()
    assert pages == {key: 1 for key in pages}
