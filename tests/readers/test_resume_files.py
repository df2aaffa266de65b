"""Resume readers: every format from a real file, every bad input, and the bundled samples."""

from __future__ import annotations

import contextlib
import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.factories import (
    PAGE_BREAK,
    docx_bytes,
    make_big_file,
    make_binary,
    make_bytes,
    make_corrupt_docx,
    make_corrupt_pdf,
    make_docx,
    make_empty_pdf,
    make_encrypted_pdf,
    make_json_resume,
    make_ole_file,
    make_pdf,
    make_scanned_pdf,
    make_text,
    pdf_bytes,
    sample_json_resume,
)

from interview_closer.errors import InputError
from interview_closer.readers import MAX_BYTES, ResumeDoc, read_resume, read_resume_bytes

SAMPLES = resources.files("interview_closer") / "data" / "samples"


def _error(path: Path) -> str:
    """Read a resume that must fail and return its one-line message."""
    with pytest.raises(InputError) as caught:
        read_resume(path)
    message = str(caught.value)
    assert "\n" not in message
    assert caught.value.exit_code == 3
    return message


# --------------------------------------------------------------------------- good files


def test_pdf_text_layer_keeps_lines_in_order(tmp_path: Path) -> None:
    lines = ["Jordan Rivera", "Experience", "Senior Engineer, Acme Corp", "Mar 2021 – Present",
             "- Cut p95 latency by 40% across 12 services"]
    doc = read_resume(make_pdf(tmp_path / "cv.pdf", lines))
    assert doc == ResumeDoc(text=doc.text, source="cv.pdf", format="pdf")
    assert doc.text.splitlines() == lines


def test_pdf_pages_are_joined_and_ligatures_resolved(tmp_path: Path) -> None:
    doc = read_resume(make_pdf(tmp_path / "cv.pdf", ["Page one", PAGE_BREAK, "Ofﬁce lead"]))
    assert doc.text.splitlines() == ["Page one", "Office lead"]


def test_pdf_with_owner_password_only_is_read(tmp_path: Path) -> None:
    path = make_encrypted_pdf(tmp_path / "locked.pdf", ["Protected but open"], user_password="")
    assert read_resume(path).text == "Protected but open"


def test_docx_reads_paragraphs_and_layout_table_in_document_order(tmp_path: Path) -> None:
    paragraphs = ["# Jordan Rivera", "Backend engineer", "# Experience",
                  "- Cut build time by 30%", "# Education", "B.S. Computer Science"]
    table = [["Senior Engineer\nAcme Corp", "Mar 2021 – Present"],
             ["Skills", "Python, SQL\nPostgreSQL"]]
    path = make_docx(tmp_path / "cv.docx", paragraphs, table, table_at=3)
    doc = read_resume(path)
    assert doc.format == "docx"
    assert doc.text.splitlines() == [
        "Jordan Rivera", "Backend engineer", "Experience",
        "Senior Engineer", "Acme Corp", "Mar 2021 – Present", "Skills", "Python, SQL",
        "PostgreSQL",
        "- Cut build time by 30%", "Education", "B.S. Computer Science",
    ]


def test_docx_merged_cells_appear_once_and_header_comes_first(tmp_path: Path) -> None:
    table = [["Acme Corp 2019 – 2023", "Led a team of 6"], ["", "Shipped 3 products"]]
    path = make_docx(tmp_path / "cv.docx", ["Experience"], table, table_at=1,
                     merge=[(0, 0, 1, 0)], header=["Sam Lee", "sam@example.org"])
    lines = read_resume(path).text.splitlines()
    assert lines[:2] == ["Sam Lee", "sam@example.org"]
    assert lines.count("Acme Corp 2019 – 2023") == 1
    assert lines.index("Led a team of 6") < lines.index("Shipped 3 products")


def test_plain_text_is_kept_with_one_newline_per_break(tmp_path: Path) -> None:
    path = make_text(tmp_path / "cv.txt", "Sam Lee\r\nExperience\r\n\r\n- Did things\r\n")
    doc = read_resume(path)
    assert (doc.format, doc.text) == ("txt", "Sam Lee\nExperience\n\n- Did things\n")
    assert doc.text.split("\n")[:-1] == doc.text.splitlines()


def test_markdown_is_kept_as_is(tmp_path: Path) -> None:
    text = "# Sam Lee\n\n## Experience\n\n### Engineer, Acme\nJan 2020 – Present\n- **Led** 4\n"
    doc = read_resume(make_text(tmp_path / "cv.md", text))
    assert (doc.format, doc.text) == ("md", text)


def test_cp1252_and_utf8_bom_and_utf16_text(tmp_path: Path) -> None:
    text = "Zoë Müller – Café manager\n“Quoted” résumé\n"
    assert read_resume(make_text(tmp_path / "a.txt", text, encoding="cp1252")).text == text
    assert read_resume(make_text(tmp_path / "b.txt", text, bom=True)).text == text
    assert read_resume(make_text(tmp_path / "c.txt", text, encoding="utf-16-le",
                                 bom=True)).text == text


def test_json_resume_rendered_in_the_parser_layout(tmp_path: Path) -> None:
    doc = read_resume(make_json_resume(tmp_path / "resume.json"))
    lines = doc.text.splitlines()
    assert doc.format == "json"
    assert lines[0] == "Sam Okafor"
    for heading in ("Summary", "Experience", "Skills", "Education", "Certifications",
                    "Projects"):
        assert heading in lines
    first = lines.index("Data Engineer, Fernhill Energy")
    assert lines[first + 1] == "Apr 2021 – Present"
    assert lines[first + 2].startswith("- Moved 40 nightly jobs")
    second = lines.index("Analyst, Brookside Bank")  # "company" is accepted for "name"
    assert lines[second + 1] == "Sep 2018 – Mar 2021"
    assert lines.index("Experience") < first < second < lines.index("Skills")
    assert "Tools: Airflow, Kafka, PostgreSQL" in lines
    assert "BSc in Mathematics, University of Leeds" in lines
    assert "AWS Certified Cloud Practitioner, Amazon Web Services, May 2022" in lines
    assert read_resume(tmp_path / "resume.json").text == doc.text  # deterministic


def test_json_resume_tolerates_missing_and_odd_fields(tmp_path: Path) -> None:
    welder = {"position": "Welder", "startDate": "2019", "highlights": [None, 7, "Certified"]}
    data = {"work": [welder, {"name": 12}, "not an object"], "skills": "oops"}
    lines = read_resume(make_json_resume(tmp_path / "r.json", data)).text.splitlines()
    assert lines == ["Experience", "Welder", "2019 – Present", "- 7", "- Certified", "", "12"]


# --------------------------------------------------------------------------- bad files


def test_missing_file_and_directory(tmp_path: Path) -> None:
    message = _error(tmp_path / "nope.pdf")
    assert "nope.pdf" in message and "not found" in message
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert "directory" in _error(folder)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n "])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    message = _error(make_bytes(tmp_path / "cv.txt", content))
    assert "cv.txt" in message and ("empty" in message or "whitespace" in message)


def test_scanned_pdf_says_so(tmp_path: Path) -> None:
    message = _error(make_scanned_pdf(tmp_path / "scan.pdf"))
    assert "scan.pdf" in message and "scanned" in message and "DOCX" in message


def test_blank_pdf_has_no_text(tmp_path: Path) -> None:
    assert "no text layer" in _error(make_empty_pdf(tmp_path / "blank.pdf"))


def test_encrypted_pdf_says_password(tmp_path: Path) -> None:
    message = _error(make_encrypted_pdf(tmp_path / "secret.pdf", ["Hidden"]))
    assert "secret.pdf" in message and "password" in message


def test_corrupt_pdf(tmp_path: Path) -> None:
    message = _error(make_corrupt_pdf(tmp_path / "broken.pdf"))
    assert "damaged PDF" in message


def test_pdf_extension_on_a_non_pdf(tmp_path: Path) -> None:
    message = _error(make_text(tmp_path / "cv.pdf", "just some text"))
    assert "not a PDF" in message


@pytest.mark.parametrize(("kind", "words"), [
    ("truncated", "not a valid .docx"), ("not_zip", "not a valid .docx"),
    ("no_document", "not a Word document"), ("bad_xml", "damaged Word document"),
])
def test_corrupt_docx(tmp_path: Path, kind: str, words: str) -> None:
    message = _error(make_corrupt_docx(tmp_path / f"{kind}.docx", kind))
    assert f"{kind}.docx" in message and words in message


def test_old_doc_or_protected_docx(tmp_path: Path) -> None:
    message = _error(make_ole_file(tmp_path / "cv.docx"))
    assert ".doc" in message and "password" in message


def test_binary_junk_under_text_extension(tmp_path: Path) -> None:
    assert "binary" in _error(make_binary(tmp_path / "cv.txt"))
    assert "binary" in _error(make_bytes(tmp_path / "c.md", b"Name\x01\x02\x03\x04\x05\x06 x" * 9))


def test_wrong_extension_suggests_renaming(tmp_path: Path) -> None:
    message = _error(make_bytes(tmp_path / "cv.txt", pdf_bytes(["Sam"])))
    assert "rename" in message and ".pdf" in message
    message = _error(make_bytes(tmp_path / "cv.docx", pdf_bytes(["Sam"])))
    assert "is a PDF" in message and "rename" in message
    message = _error(make_bytes(tmp_path / "cv.pdf", docx_bytes(["Sam"])))
    assert "Word" in message and ".docx" in message


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    message = _error(make_big_file(tmp_path / "huge.pdf", MAX_BYTES + 1))
    assert "huge.pdf" in message and "10 MiB limit" in message


def test_undecodable_text(tmp_path: Path) -> None:
    message = _error(make_bytes(tmp_path / "cv.txt", b"Ren\xe9e \x81\x8d caf\xe9\n" * 3))
    assert "UTF-8" in message and "Windows-1252" in message


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    broken = '{\n  "basics": {"name": "Sam"},\n  "work": [,]\n}\n'
    path = make_text(tmp_path / "resume.json", broken)
    message = _error(path)
    assert "not valid JSON" in message and "line 3" in message and "column" in message


@pytest.mark.parametrize("payload", [[1, 2], {"name": "Sam", "jobs": []}, {"basics": "Sam"}])
def test_json_that_is_not_a_json_resume(tmp_path: Path, payload: object) -> None:
    message = _error(make_text(tmp_path / "r.json", json.dumps(payload)))
    assert "not a JSON Resume" in message and "basics" in message


@pytest.mark.parametrize("name", ["cv.rtf", "cv.xyz", "cv", "cv.doc"])
def test_unsupported_extension_lists_supported_ones(tmp_path: Path, name: str) -> None:
    message = _error(make_text(tmp_path / name, "Sam Lee"))
    assert "not supported" in message and ".pdf" in message and ".docx" in message


def test_rtf_under_text_extension(tmp_path: Path) -> None:
    assert "RTF" in _error(make_text(tmp_path / "cv.txt", "{\\rtf1\\ansi Sam Lee}"))


# --------------------------------------------------------------------------- uploads


def test_upload_detects_format_by_content_not_name() -> None:
    assert read_resume_bytes(pdf_bytes(["Sam Lee"]), "cv.txt").format == "pdf"
    docx = read_resume_bytes(docx_bytes(["Sam Lee", "Engineer"]), "upload.bin")
    assert (docx.format, docx.text, docx.source) == ("docx", "Sam Lee\nEngineer", "upload.bin")
    data = json.dumps(sample_json_resume()).encode()
    assert read_resume_bytes(data, "resume.txt").format == "json"
    assert read_resume_bytes(b"# Sam\n- x\n", "C:/Users/sam/cv.md").source == "cv.md"
    assert read_resume_bytes(b"# Sam\n- x\n", "cv.md").format == "md"
    assert read_resume_bytes(b"Sam\n", "cv.pdf").format == "txt"


def test_upload_bad_inputs() -> None:
    with pytest.raises(InputError, match="empty"):
        read_resume_bytes(b"", "cv.pdf")
    with pytest.raises(InputError, match="10 MiB limit"):
        read_resume_bytes(b"a" * (MAX_BYTES + 1), "cv.txt")
    with pytest.raises(InputError, match="binary"):
        read_resume_bytes(b"\x00\x01\x02" * 50, "cv.txt")
    with pytest.raises(InputError, match="not a JSON Resume"):
        read_resume_bytes(b'{"hello": "world"}', "cv.txt")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_doc_or_an_input_error(data: bytes) -> None:
    for name in ("cv.pdf", "cv.docx", "cv.json", "cv.txt"):
        try:
            doc = read_resume_bytes(data, name)
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert doc.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_damaged_pdf_bytes_never_leak_an_exception(tail: bytes) -> None:
    with contextlib.suppress(InputError):
        read_resume_bytes(b"%PDF-1.4\n" + tail, "cv.pdf")


# --------------------------------------------------------------------------- samples


def test_bundled_resumes_read_fine() -> None:
    markdown = read_resume(Path(str(SAMPLES / "resume.md")))
    as_json = read_resume(Path(str(SAMPLES / "resume.json")))
    nurse = read_resume(Path(str(SAMPLES / "resume_nurse.txt")))
    assert (markdown.format, as_json.format, nurse.format) == ("md", "json", "txt")
    assert markdown.text.startswith("# Jordan Rivera")
    assert as_json.text.startswith("Jordan Rivera\n")
    assert "Mar 2021 – Present" in as_json.text
    assert nurse.text.startswith("Maya Thompson, RN, BSN")
    # The two Jordan Rivera files describe the same person with the same achievements.
    bullets = [line for line in as_json.text.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 14
    for bullet in bullets:
        assert bullet in markdown.text
