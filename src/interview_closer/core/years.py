"""Years of experience for the matcher: the subject of a years requirement, role spans."""

from __future__ import annotations

import re

from interview_closer.core import fastre
from interview_closer.core.dates import merged_months
from interview_closer.core.match_rules import senior_title, without_open_end
from interview_closer.core.models import Resume
from interview_closer.core.similarity import Similarity, content_words, same_stem
from interview_closer.core.stems import stem

# "5+ years of", "two to three yrs in": what comes after is the subject of the ask.
YEARS_LEAD = fastre.compile(
    r"^.*?\b(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*"
    r"(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:plus\s+)?(?:years?|yrs?)\b'?"
    r"(?:\s+(?:of|in|as|with|at)\b)?", re.I)
ALTERNATIVES = fastre.compile(r"\bor\b|/|,|;|\band\b", re.I)
# A role title or line at least this similar to a years subject counts the role's dates.
TITLE_NEAR, LINE_NEAR = 0.3, 0.6


def roles_years(resume: Resume, roles: set[int]) -> tuple[float, tuple[int, int] | None]:
    """Years the given roles cover (overlaps once) and their first and last calendar year."""
    spans = role_intervals(resume)
    chosen = [iv for i in sorted(roles) if i < len(spans) and (iv := spans[i]) is not None]
    if not chosen:
        return 0.0, None
    years = round(merged_months(chosen) / 12, 1)
    return years, (min(a for a, _ in chosen) // 12, (max(b for _, b in chosen) - 1) // 12)


def role_intervals(resume: Resume) -> list[tuple[int, int] | None]:
    """Each role's half-open month interval; 'Present' ends where the resume's total says."""
    spans: list[tuple[int, int] | None] = [
        (r.start.index(), (r.end or r.start).index() + 1) if r.start else None
        for r in resume.roles
    ]
    now = {i: iv[0] for i, (r, iv) in enumerate(zip(resume.roles, spans, strict=True))
           if r.current and iv is not None}
    if now:
        # The parser knew "today" and counted it into the total; recover that month from
        # the total (to within one) so current roles last as long here as they did there.
        past = [iv for i, iv in enumerate(spans) if iv is not None and i not in now]
        ref = max(iv[1] for iv in spans if iv is not None)
        base = merged_months(past + [(lo, ref) for lo in now.values() if ref > lo])
        ref += max(0, round(resume.skill_years.get("__total__", 0.0) * 12) - base)
        for i, lo in now.items():
            spans[i] = (lo, ref) if ref > lo else None
    return spans


def fmt_years(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# "Years as a", "experience as an": a title follows. "Teaching English as a second
# language" has no title in it.
_AS_TITLE = fastre.compile(
    r"\b(?:years?'?|yrs|experience|worked|working|employed)\s+as\b(?:\s+(?:an?|the)\b)?", re.I)
_LEADING_VERB = fastre.compile(
    r"\b(?:leading|managing|supervising|directing|overseeing|heading|running)\b", re.I)


def asked_title(text: str) -> str | None:
    """The job title a years requirement asks ("experience as a pharmacy technician"), if any.

    Whom the holder leads and where are not part of the title: "Design Manager leading a
    team of designers" asks for "Design Manager", "a nurse in an acute hospital" for "nurse".
    """
    m = _AS_TITLE.search(text)
    if m is None:
        return None
    title = text[m.end() :]
    for cut in (_LEADING_VERB.search(title), _TITLE_END.search(title)):
        if cut and content_words(title[: cut.start()]):
            title = title[: cut.start()]
    return title.strip(" .;:,") or None


# Where a title asked ends: "a nurse in an acute hospital", "a chef at a busy restaurant".
# Not "of": "Head of Sales" is a title.
_TITLE_END = fastre.compile(
    r"\s(?:in|at|with|within|for|on|across|including|from|under|serving)\b", re.I)


def title_head(title: str) -> str | None:
    """The stem of a title's last content word: what the holder is ("technician")."""
    words = content_words(title)
    return stem(words[-1]) if words else None


_QUALIFIED = fastre.compile(r"\b(?:qualified|registered|licen[cs]ed|certified|chartered)\b", re.I)
_TRAINEE = fastre.compile(
    r"\b(?:trainee|apprentice|student|intern|unqualified|pre-?registration|graduate)\b", re.I)


def title_grade_fits(asked: str, held: str) -> bool:
    """False when a held title is below the grade the asked one names.

    "Lead technician" is not shown by "Technician", nor "qualified dental nurse" by
    "Trainee Dental Nurse": the trade is the same, the grade is not.
    """
    if senior_title(asked) and not senior_title(held):
        return False
    return not (_QUALIFIED.search(asked) and _TRAINEE.search(held))


def related_roles(
    similarity: Similarity, subject: str, resume: Resume, title: str | None
) -> set[int]:
    """Roles whose title or lines speak to a years requirement's subject.

    title: the job title the requirement asks for ("as a pharmacy technician"), if any.
    """
    options = [o for o in ALTERNATIVES.split(title or subject) if content_words(o)]
    if not options or not resume.roles:
        return set()
    # "Years as a pharmacy technician": a title counts by what its holder is, so a
    # "Pharmacy Clerk" shares the trade's word but is not the title asked.
    heads = [title_head(o) if title else None for o in options]
    out: set[int] = set()
    for i, role in enumerate(resume.roles):
        lines = [without_open_end(it.text) for it in resume.items if it.role_index == i]
        held = {stem(w) for w in content_words(role.title or "")}
        for option, head in zip(options, heads, strict=True):
            named_as = head is None or (
                any(same_stem(head, w) for w in held)
                and title_grade_fits(option, role.title or ""))
            by_title = similarity.scores(
                option, [role.title] if role.title and named_as else [])
            by_line = similarity.scores(option, lines)
            if max(by_title, default=0) >= TITLE_NEAR or max(by_line, default=0) >= LINE_NEAR:
                out.add(i)
                break
    return out
