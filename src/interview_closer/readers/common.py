"""Shared checks for every reader: size limit, loading, binary sniffing and text decoding."""

from __future__ import annotations

import codecs
import contextlib
from pathlib import Path

from interview_closer.core import fastre
from interview_closer.errors import InputError

MAX_BYTES = 10 * 1024 * 1024
"""The largest input file accepted (10 MiB); real resumes and postings are far smaller."""

# C0 control bytes that never appear in real text (tab, newline, carriage return and
# form feed are fine: form feeds mark page breaks in exported text).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS_RE = fastre.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")
# Above this share of control characters a "text" file is really binary data.
_MAX_CONTROL_RATIO = 0.02
_SNIFF_WINDOW = 65536


def fail(name: str, problem: str, advice: str) -> InputError:
    """Build the one-line InputError every reader raises: file, what is wrong, what to do."""
    line = f"{name}: {problem}; {advice}"
    return InputError(" ".join(line.split()))


def load_path(path: Path) -> bytes:
    """Read a user-named file after checking it exists, is a file and is within MAX_BYTES."""
    name = str(path)
    try:
        if not path.exists():
            raise fail(name, "file not found", "check the path and the file name")
        if path.is_dir():
            raise fail(name, "is a directory, not a file", "give the path of the file itself")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise too_big(name, size)
        data = path.read_bytes()
    except PermissionError:
        raise fail(name, "cannot be read (permission denied)",
                   "check the file's permissions") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise fail(name, f"cannot be read ({reason})", "check the path and try again") from None
    check_bytes(data, name)
    return data


def too_big(name: str, size: int) -> InputError:
    """The error for a file over the size limit, naming the limit."""
    mib = size / (1024 * 1024)
    return fail(
        name,
        f"file is {mib:.1f} MiB, over the {MAX_BYTES // (1024 * 1024)} MiB limit",
        "use the plain resume or posting, not a file with embedded media",
    )


def check_bytes(data: bytes, name: str) -> None:
    """Reject empty data and data over MAX_BYTES (for uploads, which skip load_path)."""
    if len(data) > MAX_BYTES:
        raise too_big(name, len(data))
    if not data.strip():
        problem = "file is empty" if not data else "file contains only whitespace"
        raise fail(name, problem, "save the document again with its content")


def sniff(data: bytes) -> str | None:
    """Name the binary container the bytes really are (pdf, zip, ole), or None for text."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"
    return None


def _utf16(data: bytes) -> str | None:
    """Decode text that starts with a UTF-16 byte-order mark (Windows 'Unicode text')."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    return None


def looks_binary(data: bytes) -> bool:
    """True when the bytes hold NULs or too many control bytes to be text."""
    window = data[:_SNIFF_WINDOW]
    if b"\x00" in window:
        return True
    controls = sum(window.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > max(1, len(window) * _MAX_CONTROL_RATIO)


def _binary_error(data: bytes, name: str) -> InputError:
    kind = sniff(data)
    if kind == "pdf":
        return fail(name, "is a PDF file under a text extension", "rename it to end in .pdf")
    if kind == "zip":
        return fail(name, "is a ZIP or Office file under a text extension",
                    "rename a Word file to .docx, or save the document as plain text")
    return fail(name, "contains binary data, not text",
                "save the document as plain text (UTF-8), PDF or DOCX")


def decode_text(data: bytes, name: str, *, charset: str | None = None) -> str:
    """Decode text bytes: UTF-16 with BOM, UTF-8 (BOM dropped), a declared charset, cp1252."""
    text = _utf16(data)
    if text is None:
        if looks_binary(data):
            raise _binary_error(data, name)
        text = _decode_8bit(data, charset)
    if text is None:
        raise fail(name, "is not UTF-8 or Windows-1252 text",
                   "save it again as UTF-8 text (most editors offer this under Save As)")
    if len(_CONTROL_CHARS_RE.findall(text[:_SNIFF_WINDOW])) > max(
        1, min(len(text), _SNIFF_WINDOW) * _MAX_CONTROL_RATIO
    ):
        raise _binary_error(data, name)
    if not text.strip():
        raise fail(name, "file contains only whitespace",
                   "save the document again with its content")
    return text


def _decode_8bit(data: bytes, charset: str | None) -> str | None:
    """Try UTF-8 first, then a charset the document declares, then Windows-1252."""
    encodings = ["utf-8-sig"]
    if charset:
        with contextlib.suppress(LookupError):
            encodings.append(codecs.lookup(charset).name)
    encodings.append("cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def one_line_per_break(text: str) -> str:
    """Normalise every line break (CRLF, CR, form feed, U+2028...) to a single newline."""
    lines = text.splitlines()
    joined = "\n".join(lines)
    return joined + "\n" if text.endswith(("\n", "\r")) and lines else joined


def suffix_of(name: str) -> str:
    """The lower-cased file extension of a name, with its dot ('' when there is none)."""
    return Path(name).suffix.lower()
