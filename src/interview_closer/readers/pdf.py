"""PDF -> text through pypdf's text layer, keeping the line breaks of the page."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from interview_closer.errors import InputError
from interview_closer.readers.common import fail

if TYPE_CHECKING:
    from pypdf import PdfReader

# Typographic ligatures some PDF producers emit as single glyphs; skill names must match.
_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\u00ad": "", "\x00": "",
})
_USE_INSTEAD = "export the resume again as a normal PDF, or use DOCX or TXT"


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's repair warnings off the user's terminal while it reads a damaged file."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def pdf_text(data: bytes, name: str) -> str:
    """Extract the text layer of a PDF; raise InputError when scanned, locked or corrupt."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                _unlock(reader, name)
            pages = [page.extract_text() or "" for page in reader.pages]
        except InputError:
            raise
        except DependencyError:
            raise fail(name, "is encrypted with AES, which this installation cannot open",
                       "remove the protection (print it to a new PDF) or use DOCX or TXT") from None
        except RecursionError:
            raise fail(name, "is a damaged PDF that cannot be read", _USE_INSTEAD) from None
        except Exception:
            # pypdf raises many exception types on damaged files (its own, KeyError,
            # ValueError, struct errors...); all of them mean the same thing to the user.
            raise fail(name, "is a damaged PDF that cannot be read", _USE_INSTEAD) from None
    if not pages:
        raise fail(name, "is a PDF with no pages", _USE_INSTEAD)
    text = "\n".join(page.rstrip("\n") for page in pages).translate(_LIGATURES)
    if not text.strip():
        raise fail(name, "has no text layer (it looks scanned)",
                   "export a PDF with text from your editor, or use DOCX or TXT")
    return text


def _unlock(reader: PdfReader, name: str) -> None:
    """Open a protected PDF with the empty password (owner-only protection is common)."""
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise fail(name, "is password-protected (encrypted PDF)",
                   "remove the password (print it to a new PDF) or use DOCX or TXT")
