"""Job-posting files (plain text, Markdown, saved HTML page) -> PostingDoc."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interview_closer.core import fastre
from interview_closer.readers.common import (
    check_bytes,
    decode_text,
    fail,
    load_path,
    sniff,
    suffix_of,
)

POSTING_SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
_SUPPORTED = ".txt, .md, .html/.htm (a saved job page)"
_ADVICE = f"save the job page as HTML or paste its text into a .txt file (supported: {_SUPPORTED})"
_LABEL = fastre.compile(
    r"^\s*(?:\*\*)?(?P<key>job\s+title|position|role|title|company|employer|organi[sz]ation)"
    r"(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<value>[^\n]{2,120}?)\s*(?:\*\*)?\s*$",
    re.I | re.M,
)
_MD_TITLE = fastre.compile(r"^#\s+(?P<value>\S[^\n]*?)\s*#*\s*$", re.M)
_HTML_TAG = fastre.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_HEAD_LINES = 15


@dataclass(slots=True)
class PostingDoc:
    """A posting as text; for txt and md `text` is exactly the decoded file (offsets index it)."""

    text: str
    source: str  # the file name, without its folder
    format: str  # txt | md | html
    title: str | None = None
    company: str | None = None


def read_posting(path: Path) -> PostingDoc:
    """Read a posting file, choosing the reader by extension and checking the content agrees."""
    path = Path(path)
    name = str(path)
    data = load_path(path)
    fmt = _format_for(name)
    _refuse_binary_containers(data, name)
    return _posting(data, name, path.name, fmt)


def read_posting_bytes(data: bytes, filename: str) -> PostingDoc:
    """Read an uploaded posting, recognising HTML from the bytes rather than the name."""
    from interview_closer.readers.html_posting import looks_like_html

    name = Path(filename).name or "upload"
    check_bytes(data, name)
    _refuse_binary_containers(data, name)
    if looks_like_html(data):
        fmt = "html"
    else:
        fmt = "md" if suffix_of(name) in (".md", ".markdown") else "txt"
    return _posting(data, name, name, fmt)


def _format_for(name: str) -> str:
    suffix = suffix_of(name)
    if suffix in POSTING_SUFFIXES:
        return POSTING_SUFFIXES[suffix]
    kind = f"'{suffix}' files are" if suffix else "files without an extension are"
    raise fail(name, f"{kind} not supported as job postings", _ADVICE)


def _refuse_binary_containers(data: bytes, name: str) -> None:
    """PDF and Office postings are not read; say so rather than calling them binary junk."""
    kind = sniff(data)
    if kind == "pdf":
        raise fail(name, "is a PDF; postings are read from text or HTML", _ADVICE)
    if kind in ("zip", "ole"):
        raise fail(name, "is a Word or ZIP file; postings are read from text or HTML", _ADVICE)


def _posting(data: bytes, name: str, source: str, fmt: str) -> PostingDoc:
    if fmt == "html":
        from interview_closer.readers.html_posting import declared_charset, html_posting

        text = decode_text(data, name, charset=declared_charset(data))
        if _HTML_TAG.search(text):
            page = html_posting(text, name)
            return PostingDoc(page.text, source, "html", page.title, page.company)
        fmt = "txt"  # a ".html" file holding plain text is read as the text it is
    else:
        text = decode_text(data, name)
    # The text stays exactly as decoded: mention offsets must index the file's own text.
    title, company = _labels(text, markdown=fmt == "md")
    return PostingDoc(text, source, fmt, title, company)


def _labels(text: str, *, markdown: bool) -> tuple[str | None, str | None]:
    """Title and company from 'Job title: ...' / 'Company: ...' lines (or a '# ' heading)."""
    head = "\n".join(text.splitlines()[:_HEAD_LINES])
    title: str | None = None
    company: str | None = None
    for match in _LABEL.finditer(head):
        key, value = match.group("key").lower(), match.group("value").strip(" *_")
        if key in ("company", "employer") or key.startswith("organi"):
            company = company or value
        else:
            title = title or value
    if title is None and markdown:
        heading = _MD_TITLE.search(head)
        if heading:
            title = heading.group("value").strip(" *_")
    return title, company
