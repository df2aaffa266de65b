"""Resume files (PDF, DOCX, TXT, Markdown, JSON Resume) -> ResumeDoc text with stable lines."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from interview_closer.readers.common import (
    check_bytes,
    decode_text,
    fail,
    load_path,
    one_line_per_break,
    sniff,
    suffix_of,
)

RESUME_SUFFIXES = {
    ".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md", ".json": "json",
}
_SUPPORTED = ".pdf, .docx, .txt, .md, .json (JSON Resume)"


@dataclass(slots=True)
class ResumeDoc:
    """A resume as text: `line` numbers in the plan are 1-based lines of `text`."""

    text: str
    source: str  # the file name, without its folder
    format: str  # pdf | docx | txt | md | json


def read_resume(path: Path) -> ResumeDoc:
    """Read a resume file, choosing the reader by extension and checking the content agrees."""
    path = Path(path)
    name = str(path)
    data = load_path(path)
    fmt = _format_for(name)
    return ResumeDoc(text=_text(data, name, fmt), source=path.name, format=fmt)


def read_resume_bytes(data: bytes, filename: str) -> ResumeDoc:
    """Read an uploaded resume, recognising the format from the bytes rather than the name."""
    name = Path(filename).name or "upload"
    check_bytes(data, name)
    kind = sniff(data)
    if kind == "pdf":
        fmt = "pdf"
    elif kind in ("zip", "ole"):
        fmt = "docx"  # the DOCX reader explains ZIPs that are not Word and old .doc files
    else:
        text = decode_text(data, name)
        fmt = _text_format(text, suffix_of(name))
    return ResumeDoc(text=_text(data, name, fmt), source=name, format=fmt)


def _format_for(name: str) -> str:
    suffix = suffix_of(name)
    if suffix in RESUME_SUFFIXES:
        return RESUME_SUFFIXES[suffix]
    if suffix in (".doc", ".rtf", ".odt", ".pages"):
        raise fail(name, f"{suffix} resumes are not supported",
                   f"save it as .docx or PDF (supported: {_SUPPORTED})")
    kind = f"'{suffix}' files are" if suffix else "files without an extension are"
    raise fail(name, f"{kind} not supported as resumes", f"use one of {_SUPPORTED}")


def _text_format(text: str, suffix: str) -> str:
    """json for JSON (by name, or an object that is a JSON Resume), md or txt by the name."""
    if suffix == ".json":
        return "json"
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict):
            return "json"
    return "md" if suffix in (".md", ".markdown") else "txt"


def _text(data: bytes, name: str, fmt: str) -> str:
    """The resume text of bytes known to be in `fmt`, with every line break a plain newline."""
    kind = sniff(data)
    if fmt == "pdf" and kind == "zip":
        raise fail(name, "is a Word or ZIP file, not a PDF", "rename a Word file to end in .docx")
    if fmt == "docx" and kind == "pdf":
        raise fail(name, "is a PDF, not a Word document", "rename it to end in .pdf")
    if fmt == "pdf":
        if kind != "pdf":
            raise fail(name, "is not a PDF (it does not start with %PDF)",
                       "export the resume to PDF again, or give the file its real extension")
        from interview_closer.readers.pdf import pdf_text

        text = pdf_text(data, name)
    elif fmt == "docx":
        from interview_closer.readers.docx_reader import docx_text

        text = docx_text(data, name)
    else:
        text = decode_text(data, name)
        if text.lstrip().startswith("{\\rtf"):
            raise fail(name, "is an RTF document, not plain text",
                       f"save it as .docx, PDF or plain text (supported: {_SUPPORTED})")
        if fmt == "json":
            from interview_closer.readers.json_resume import parse_json_resume, render_json_resume

            text = render_json_resume(parse_json_resume(text, name))
    # One newline per break so that splitlines() and split("\n") agree on line numbers.
    return one_line_per_break(text)
