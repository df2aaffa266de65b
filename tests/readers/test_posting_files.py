"""Posting readers: plain text kept byte-exact, HTML via JSON-LD or the main article, bad inputs."""

from __future__ import annotations

import contextlib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.factories import (
    docx_bytes,
    html_page,
    job_posting_jsonld,
    make_big_file,
    make_binary,
    make_bytes,
    make_html,
    make_text,
    pdf_bytes,
)

from interview_closer.errors import InputError
from interview_closer.readers import MAX_BYTES, PostingDoc, read_posting, read_posting_bytes

SAMPLES = resources.files("interview_closer") / "data" / "samples"

DESCRIPTION = (
    "<h2>About us</h2><p>We build &amp; run freight software.</p>"
    "<h3>Requirements</h3><ul><li>5+ years of <b>Python</b></li>"
    "<li>Experience with PostgreSQL &mdash; daily</li></ul>"
    "<p><strong>Nice to have</strong></p><ul><li>Kafka</li></ul>"
)
CHROME = """
<div id="cookie-consent" class="cookie-banner"><p>We use cookies. Accept all?</p>
  <button>Accept all</button></div>
<header class="site-header"><a href="/">Acme Careers Home</a>
  <nav><ul><li><a href="/jobs">Browse all jobs</a></li></ul></nav></header>
"""
FOOTER = """
<div class="newsletter"><p>Sign up for job alerts by email</p></div>
<footer><p>Copyright Acme Holdings. Privacy notice.</p></footer>
"""
MAIN = """
<main><article>
  <h1>Platform Engineer</h1>
  <h2>Responsibilities</h2><p>Run our data platform.</p>
  <h2>Requirements</h2><ul><li>5+ years of Python</li><li>SQL and <em>PostgreSQL</em></li></ul>
  <div class="social-share">Share on LinkedIn</div>
</article>
<aside><p>Similar jobs: Data Analyst</p></aside></main>
"""
CHROME_WORDS = ("cookies", "Accept all", "Browse all jobs", "Acme Careers Home", "job alerts",
                "Copyright", "Share on LinkedIn", "Similar jobs")


def _error(path: Path) -> str:
    """Read a posting that must fail and return its one-line message."""
    with pytest.raises(InputError) as caught:
        read_posting(path)
    assert "\n" not in str(caught.value)
    return str(caught.value)


# --------------------------------------------------------------------------- plain text


def test_plain_text_is_exactly_the_decoded_file(tmp_path: Path) -> None:
    text = "Senior Nurse\r\n\r\nWe need BLS\u00a0and ACLS; 2+ years ICU.\r\nBonus: CRRT.  \n"
    path = make_text(tmp_path / "job.txt", text)
    doc = read_posting(path)
    assert doc == PostingDoc(text=text, source="job.txt", format="txt", title=None, company=None)
    start = doc.text.index("ACLS")
    assert path.read_bytes().decode("utf-8")[start:start + 4] == "ACLS"


def test_cp1252_and_bom_postings(tmp_path: Path) -> None:
    text = "Café manager – “front of house” required\n"
    assert read_posting(make_text(tmp_path / "a.txt", text, encoding="cp1252")).text == text
    assert read_posting(make_text(tmp_path / "b.txt", text, bom=True)).text == text


def test_labels_and_markdown_title(tmp_path: Path) -> None:
    doc = read_posting(make_text(tmp_path / "job.txt",
                                 "Job Title: Line Cook\nCompany: Blue Door Bistro\n\nWe cook."))
    assert (doc.title, doc.company) == ("Line Cook", "Blue Door Bistro")
    bold = read_posting(make_text(tmp_path / "bold.md", "**Company:** Fen & Co\n\nWe audit."))
    assert (bold.title, bold.company) == (None, "Fen & Co")
    text = "# Staff Accountant\n\n## Requirements\n- CPA\n"
    md = read_posting(make_text(tmp_path / "job.md", text))
    assert (md.format, md.title, md.company) == ("md", "Staff Accountant", None)
    assert md.text == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc"),
                                      include_characters="\n\r\t"), min_size=1)
       .filter(lambda text: text.strip() and not text.startswith("\ufeff")))
def test_offsets_into_plain_text_index_the_file_text(text: str) -> None:
    # A leading byte-order mark is the one thing dropped (it is an encoding marker, not text).
    data = text.encode("utf-8")
    doc = read_posting_bytes(data, "job.txt")
    assert doc.text == data.decode("utf-8")


# --------------------------------------------------------------------------- HTML


def test_json_ld_job_posting_is_used(tmp_path: Path) -> None:
    jsonld = job_posting_jsonld("Platform Engineer", "Acme &amp; Sons", DESCRIPTION)
    path = make_html(tmp_path / "job.html", CHROME + "<main><p>Page body</p></main>" + FOOTER,
                     jsonld=jsonld)
    doc = read_posting(path)
    assert (doc.format, doc.title, doc.company) == ("html", "Platform Engineer", "Acme & Sons")
    assert doc.text.splitlines() == [
        "About us", "We build & run freight software.", "", "Requirements",
        "- 5+ years of Python", "- Experience with PostgreSQL — daily", "Nice to have",
        "- Kafka",
    ]


def test_json_ld_inside_graph_list_and_type_list(tmp_path: Path) -> None:
    posting = job_posting_jsonld("Welder", "Forge Co", "<p>MIG welding required.</p>")
    posting["@type"] = ["JobPosting"]
    graph = {"@context": "https://schema.org",
             "@graph": [{"@type": "WebPage", "name": "Careers"}, posting]}
    doc = read_posting(make_html(tmp_path / "a.html", "<p>x</p>", jsonld=graph))
    assert (doc.title, doc.company, doc.text) == ("Welder", "Forge Co", "MIG welding required.")
    listed = [{"@type": "Organization", "name": "Forge Co"}, posting]
    assert read_posting(make_html(tmp_path / "b.html", "<p>x</p>", jsonld=listed)).title == "Welder"


def test_json_ld_double_escaped_or_plain_description_and_extra_fields(tmp_path: Path) -> None:
    escaped = job_posting_jsonld("Chef", "Inn", "&lt;p&gt;Lead the line.&lt;/p&gt;&lt;ul&gt;"
                                 "&lt;li&gt;Food safety&lt;/li&gt;&lt;/ul&gt;")
    doc = read_posting(make_html(tmp_path / "a.html", "", jsonld=escaped))
    assert doc.text.splitlines() == ["Lead the line.", "- Food safety"]
    plain = job_posting_jsonld("Chef", "Inn", "Lead the line.\nKnife skills a must.",
                               qualifications="ServSafe certificate", hiringOrganization="Inn")
    doc = read_posting(make_html(tmp_path / "b.html", "", jsonld=plain))
    assert doc.company == "Inn"
    assert doc.text.splitlines() == ["Lead the line.", "Knife skills a must.", "",
                                     "Qualifications", "ServSafe certificate"]


def test_page_without_json_ld_keeps_main_text_and_drops_chrome(tmp_path: Path) -> None:
    doc = read_posting(make_html(tmp_path / "job.html", CHROME + MAIN + FOOTER,
                                 title="Platform Engineer | Acme"))
    assert doc.title == "Platform Engineer"
    assert doc.company is None
    assert "- 5+ years of Python" in doc.text.splitlines()
    assert "- SQL and PostgreSQL" in doc.text.splitlines()
    assert "Run our data platform." in doc.text
    for chrome in CHROME_WORDS:
        assert chrome not in doc.text


def test_teaser_json_ld_description_gives_way_to_the_page(tmp_path: Path) -> None:
    jsonld = job_posting_jsonld("Platform Engineer", "Acme", "<p>Join our team!</p>")
    doc = read_posting(make_html(tmp_path / "job.html", CHROME + MAIN + FOOTER, jsonld=jsonld))
    assert (doc.title, doc.company) == ("Platform Engineer", "Acme")
    assert "- 5+ years of Python" in doc.text.splitlines()
    assert "Join our team!" not in doc.text


def test_broken_json_ld_falls_back_to_the_page(tmp_path: Path) -> None:
    head = '<script type="application/ld+json">{"@type": "JobPosting", oops</script>'
    doc = read_posting(make_html(tmp_path / "job.html", MAIN, head=head))
    assert "Run our data platform." in doc.text


def test_job_description_div_without_main_and_wrapping_form(tmp_path: Path) -> None:
    body = ("<form id='aspnetForm' class='modal-host'>" + CHROME
            + "<div class='content'><div id='jobDescriptionText'><p>Drive a forklift safely.</p>"
            "<p>Forklift certification required.</p></div>"
            "<div class='sidebar'>Popular searches</div></div>" + FOOTER + "</form>")
    doc = read_posting(make_html(tmp_path / "job.htm", body, title="Forklift Operator"))
    assert doc.text.splitlines() == ["Drive a forklift safely.", "Forklift certification required."]
    assert doc.title == "Forklift Operator"


def test_title_falls_back_to_h1_then_title(tmp_path: Path) -> None:
    doc = read_posting(make_html(tmp_path / "a.html", "<article><h1>Barista</h1><p>Make coffee.</p>"
                                 "</article>", title="Jobs"))
    assert doc.title == "Barista"
    doc = read_posting(make_html(tmp_path / "b.html", "<p>Make coffee.</p>", title="Barista job"))
    assert doc.title == "Barista job"


def test_html_with_declared_legacy_charset(tmp_path: Path) -> None:
    page = html_page("<main><p>Caf\u00e9 – r\u00e9sum\u00e9 required</p></main>").replace(
        'charset="utf-8"', 'charset="windows-1252"')
    doc = read_posting(make_bytes(tmp_path / "job.html", page.encode("cp1252")))
    assert doc.text == "Café – résumé required"


def test_html_extension_holding_plain_text_is_read_as_text(tmp_path: Path) -> None:
    doc = read_posting(make_text(tmp_path / "job.html", "Cook wanted. 2 years experience."))
    assert (doc.format, doc.text) == ("txt", "Cook wanted. 2 years experience.")


# --------------------------------------------------------------------------- bad files


def test_missing_empty_and_directory(tmp_path: Path) -> None:
    assert "not found" in _error(tmp_path / "job.txt")
    assert "empty" in _error(make_bytes(tmp_path / "empty.html", b""))
    assert "whitespace" in _error(make_bytes(tmp_path / "blank.md", b" \n \n"))
    (tmp_path / "dir.txt").mkdir()
    assert "directory" in _error(tmp_path / "dir.txt")


def test_unsupported_extension_lists_supported(tmp_path: Path) -> None:
    message = _error(make_text(tmp_path / "job.rtf", "Cook"))
    assert "job.rtf" in message and ".txt" in message and ".html" in message


def test_pdf_or_word_content_is_refused_with_advice(tmp_path: Path) -> None:
    assert "is a PDF" in _error(make_bytes(tmp_path / "job.txt", pdf_bytes(["Cook"])))
    assert "Word" in _error(make_bytes(tmp_path / "job.html", docx_bytes(["Cook"])))


def test_binary_junk_too_big_and_undecodable(tmp_path: Path) -> None:
    assert "binary" in _error(make_binary(tmp_path / "job.html"))
    assert "10 MiB limit" in _error(make_big_file(tmp_path / "job.txt", MAX_BYTES + 1))
    assert "Windows-1252" in _error(make_bytes(tmp_path / "job.txt", b"Caf\xe9\x81\x8f\x90"))


def test_html_with_nothing_readable(tmp_path: Path) -> None:
    page = html_page("<nav><a href='/'>Home</a></nav><script>var x = 1;</script>")
    assert "no readable posting text" in _error(make_text(tmp_path / "job.html", page))


def test_upload_detects_html_by_content() -> None:
    page = html_page(MAIN).encode()
    doc = read_posting_bytes(page, "paste.txt")
    assert (doc.format, doc.source) == ("html", "paste.txt")
    assert read_posting_bytes(b"We need a cook.", "job.md").format == "md"
    with pytest.raises(InputError, match="binary"):
        read_posting_bytes(b"\x00junk" * 40, "job.txt")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_posting_or_an_input_error(data: bytes) -> None:
    for name in ("job.txt", "job.html"):
        try:
            read_posting_bytes(data, name)
        except InputError as exc:
            assert "\n" not in str(exc)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="<>/=\"' abcdehilmnprstuy-:{}[]@ \n", max_size=300))
def test_odd_html_never_leaks_an_exception(fragment: str) -> None:
    page = html_page(fragment, jsonld={"@type": "JobPosting", "description": fragment})
    with contextlib.suppress(InputError):
        read_posting_bytes(page.encode(), "job.html")


# --------------------------------------------------------------------------- samples


def test_bundled_postings_read_fine() -> None:
    page = read_posting(Path(str(SAMPLES / "posting.html")))
    assert (page.format, page.title, page.company) == (
        "html", "Senior Data Platform Engineer", "Larkspur Freight")
    lines = page.text.splitlines()
    go = ("- Working proficiency in Go: our ingestion services are written in Go, and you will"
          " be expected to change them from your first month.")
    assert go in lines
    assert "Nice to have" in lines and "- Experience with dbt." in lines
    for chrome in ("cookies", "Candidate login", "All rights reserved", "Similar jobs"):
        assert chrome not in page.text
    path = Path(str(SAMPLES / "posting.txt"))
    plain = read_posting(path)
    assert plain.text == path.read_bytes().decode("utf-8")
    assert plain.title == "Registered Nurse, Medical Intensive Care Unit (Nights)"
    assert plain.company == "Saint Aldric Regional Medical Center"


def test_sample_page_without_its_json_ld_still_reads_the_article() -> None:
    raw = Path(str(SAMPLES / "posting.html")).read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">')
    end = raw.index("</script>", start) + len("</script>")
    doc = read_posting_bytes((raw[:start] + raw[end:]).encode(), "saved.html")
    assert doc.title == "Senior Data Platform Engineer"
    assert "- Experience running services on Kubernetes in production." in doc.text.splitlines()
    for chrome in ("cookies", "Candidate login", "All rights reserved", "Similar jobs",
                   "Apply for this job", "Get new jobs by email"):
        assert chrome not in doc.text
