"""Files -> text: resumes (PDF, DOCX, TXT, Markdown, JSON Resume) and postings (TXT, MD, HTML).

Every problem with a file raises `interview_closer.errors.InputError` with one line naming
the file, what is wrong and what to do. Heavy libraries (pypdf, python-docx) are
imported only when a file of their format is read.
"""

from __future__ import annotations

from interview_closer.readers.common import MAX_BYTES
from interview_closer.readers.posting_files import (
    POSTING_SUFFIXES,
    PostingDoc,
    read_posting,
    read_posting_bytes,
)
from interview_closer.readers.resume_files import (
    RESUME_SUFFIXES,
    ResumeDoc,
    read_resume,
    read_resume_bytes,
)

__all__ = [
    "MAX_BYTES",
    "POSTING_SUFFIXES",
    "RESUME_SUFFIXES",
    "PostingDoc",
    "ResumeDoc",
    "read_posting",
    "read_posting_bytes",
    "read_resume",
    "read_resume_bytes",
]
