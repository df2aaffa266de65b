"""DOCX -> text: body paragraphs and table cells in document order, one line per paragraph."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from interview_closer.errors import InputError
from interview_closer.readers.common import fail

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BULLET_START = re.compile(r"^\s*[-–—•·▪◦●○■*]\s")
# Containers whose children are blocks or runs of their parent (content controls, custom XML,
# tracked insertions, smart tags): walked through as if they were not there.
_TRANSPARENT = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins",
                f"{_W}smartTag", f"{_W}hyperlink", f"{_W}fldSimple", f"{_W}r",
                f"{_W}moveTo", "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
                "AlternateContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
                "Choice"}
_FIX = "save it again from Word or your editor as .docx, or export a PDF"


def docx_text(data: bytes, name: str) -> str:
    """Extract a Word document's text; raise InputError when it is not a readable .docx."""
    _check_container(data, name)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = list(_header_lines(document))
        lines.extend(_blocks(document.element.body))
    except InputError:
        raise
    except Exception:
        # python-docx and lxml raise KeyError, ValueError, XMLSyntaxError, BadZipFile...
        # on damaged files; to the user they all mean the same thing.
        raise fail(name, "is a damaged Word document that cannot be read", _FIX) from None
    text = "\n".join(_squeeze_blank(lines)).strip("\n")
    if not text.strip():
        raise fail(name, "Word document has no text",
                   "check it is the right file, or use PDF or TXT")
    return text


def _check_container(data: bytes, name: str) -> None:
    """A .docx is a ZIP holding word/document.xml; say clearly what else it might be."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise fail(name, "is an old-style .doc file or a password-protected Word document",
                   "remove any password and save it as .docx, or export a PDF")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise fail(name, "is not a valid .docx file (damaged, or not a Word file at all)",
                   _FIX) from None
    if "word/document.xml" not in names:
        raise fail(name, "is a ZIP archive but not a Word document (no word/document.xml)", _FIX)


def _header_lines(document: Any) -> Iterator[str]:
    """The first page's header, where many templates put the candidate's name and contacts."""
    if not document.sections:
        return
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else (
        section.header
    )
    if header.is_linked_to_previous:
        return
    lines = [line for line in _blocks(header._element) if line.strip()]
    if lines:
        yield from lines
        yield ""


def _blocks(parent: Any) -> Iterator[str]:
    """Lines of the block-level children of a body, cell, text box or content control."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield from _paragraph(child)
        elif tag == f"{_W}tbl":
            yield from _table(child)
        elif tag in _TRANSPARENT:
            yield from _blocks(child)


def _table(tbl: Any) -> Iterator[str]:
    """Each cell's paragraphs as lines, row by row; a vertically merged cell only once."""
    for row in _children(tbl, f"{_W}tr"):
        for cell in _children(row, f"{_W}tc"):
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                continue
            yield from (line for line in _blocks(cell) if line.strip())


def _children(parent: Any, tag: str) -> Iterator[Any]:
    """Children with a tag, looking through content controls wrapped around rows or cells."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _paragraph(p: Any) -> Iterator[str]:
    """A paragraph's line (bullets get '- '), then the lines of any text boxes anchored in it."""
    boxes: list[Any] = []
    text = "".join(_runs(p, boxes))
    lines = text.split("\n")
    if _is_list_item(p) and lines[0].strip() and not _BULLET_START.match(lines[0]):
        lines[0] = "- " + lines[0].strip()
    yield from (line.rstrip() for line in lines)
    for box in boxes:
        yield from _blocks(box)


def _runs(node: Any, boxes: list[Any]) -> Iterator[str]:
    """Text of the runs under a node in order; text boxes are collected, not inlined."""
    for child in node.iterchildren():
        tag = child.tag
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag in (f"{_W}p", f"{_W}delText", f"{_W}instrText", _MC_FALLBACK):
            # Nested paragraphs belong to text boxes; deleted text, field codes and the
            # legacy copy of a drawing would duplicate or invent content.
            continue
        elif isinstance(tag, str):
            yield from _runs(child, boxes)


def _is_list_item(p: Any) -> bool:
    """True for numbered or bulleted paragraphs (direct numbering or a list style)."""
    props = p.find(f"{_W}pPr")
    if props is None:
        return False
    if props.find(f"{_W}numPr") is not None:
        return True
    style = props.find(f"{_W}pStyle")
    return style is not None and "list" in (style.get(f"{_W}val") or "").lower()


def _squeeze_blank(lines: Iterable[str]) -> Iterator[str]:
    """Collapse runs of empty lines into one, as empty paragraphs are only spacing."""
    blank = False
    for line in lines:
        if line.strip():
            blank = False
            yield line
        elif not blank:
            blank = True
            yield ""
