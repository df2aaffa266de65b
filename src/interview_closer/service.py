"""Glue used by every shell: read the files, understand them, build the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from interview_closer.core.models import Plan, Posting, Resume, SkillMention, YearMonth

if TYPE_CHECKING:
    from interview_closer.core.matching import Matcher
    from interview_closer.core.vocab import Vocabulary


def _finder() -> Callable[[str], list[SkillMention]]:
    """The best mention finder available: the trained extractor, else the vocabulary."""
    try:
        from interview_closer.core.extract import SkillExtractor

        return SkillExtractor.default().find
    except (ImportError, AttributeError, FileNotFoundError, OSError):
        from interview_closer.core.vocab import Vocabulary

        return Vocabulary.default().find


def understand_posting(
    text: str, title: str | None = None, company: str | None = None, *, all_mentions: bool = False
) -> Posting:
    """Parse a posting's text with the default vocabulary and extractor."""
    from interview_closer.core.posting import parse_posting

    return parse_posting(text, title=title, company=company, find_mentions=_finder(),
                         all_mentions=all_mentions)


def understand_resume(text: str, today: date | None = None) -> Resume:
    """Parse a resume's text; 'Present' means the month of `today` when given."""
    from interview_closer.core.resume import parse_resume

    ym = YearMonth(today.year, today.month) if today else None
    return parse_resume(text, today=ym)


_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab: Vocabulary) -> Matcher:
    """One matcher per vocabulary, so its text cache serves every plan of the process."""
    from interview_closer.core.matching import Matcher

    if id(vocab) not in _MATCHERS:
        _MATCHERS.clear()
        _MATCHERS[id(vocab)] = Matcher(vocab)
    return _MATCHERS[id(vocab)]


def plan_from_texts(
    resume_text: str,
    posting_text: str,
    *,
    title: str | None = None,
    company: str | None = None,
    interviewer: str | None = None,
    today: date | None = None,
) -> Plan:
    """The closing plan for a resume text and a posting text."""
    from interview_closer.core.plan import build_plan
    from interview_closer.core.vocab import Vocabulary

    vocab = Vocabulary.default()
    posting = understand_posting(posting_text, title, company)
    resume = understand_resume(resume_text, today)
    matches = _matcher(vocab).match_all(posting, resume)
    return build_plan(posting, resume, matches, vocab, interviewer)


def prepare_plan(
    resume_path: Path,
    job_path: Path,
    *,
    company: str | None = None,
    role: str | None = None,
    interviewer: str | None = None,
    today: date | None = None,
) -> Plan:
    """Read a resume file and a posting file and build their closing plan."""
    from interview_closer.readers import read_posting, read_resume

    resume_doc = read_resume(Path(resume_path))
    posting_doc = read_posting(Path(job_path))
    return plan_from_texts(
        resume_doc.text,
        posting_doc.text,
        title=role or posting_doc.title,
        company=company or posting_doc.company,
        interviewer=interviewer,
        today=today,
    )


def sample_path(name: str) -> Path:
    """A bundled sample file."""
    return Path(__file__).resolve().parent / "data" / "samples" / name
