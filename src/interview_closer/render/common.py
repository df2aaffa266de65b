"""What every renderer derives from a Plan: labels, counts, shortened quotes and a card view."""

from __future__ import annotations

from interview_closer.core import fastre
from interview_closer.core.models import Match, Plan

# A comfortable speaking pace; the method's coaching band is about 130-160 words a minute.
WORDS_PER_MINUTE = 140
# Close cards quote evidence up to about this many characters so the card fits one page.
QUOTE_LIMIT = 110
ELLIPSIS = "…"

STATUS_LABELS = {"met": "MET", "partial": "PARTIAL", "gap": "GAP"}
SEVERITY_LABELS = {"blocking": "BLOCKING", "minor": "minor"}

_SPACE = fastre.compile(r"\s+")


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space and trim."""
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int | None = QUOTE_LIMIT) -> str:
    """Cut text after at most `limit` characters at a word boundary and add an ellipsis."""
    flat = one_line(text)
    if limit is None or len(flat) <= limit:
        return flat
    head = flat[:limit]
    # Cut between words so nothing before the ellipsis is a mangled word; a single
    # overlong token (a URL) has no boundary and is cut where it stands.
    boundary = head.rfind(" ")
    if boundary > limit // 2:
        head = head[:boundary]
    return head.rstrip(" ,;:-–—") + ELLIPSIS


def word_count(text: str) -> int:
    """Number of spoken words in a line of the script."""
    return len(text.split())


def speaking_seconds(words: int) -> int:
    """Seconds it takes to say `words` words at the comfortable pace."""
    return round(words * 60 / WORDS_PER_MINUTE)


def format_score(score: float) -> str:
    """A match score as two decimals, the way every table shows it."""
    return f"{score:.2f}"


def match_severity(match: Match) -> str | None:
    """The severity of a requirement that is not met; None for a met one."""
    return None if match.status == "met" else match.severity


def summary_counts(plan: Plan) -> dict[str, int]:
    """How many requirements are met, partial, gaps, and how many are blocking."""
    counts = {"met": 0, "partial": 0, "gap": 0, "blocking": 0}
    for match in plan.matches:
        counts[match.status] += 1
        if match_severity(match) == "blocking":
            counts["blocking"] += 1
    return counts


def summary_line(plan: Plan) -> str:
    """One sentence counting the requirements by status, e.g. '9 requirements: 6 met, ...'."""
    counts = summary_counts(plan)
    total = len(plan.matches)
    gaps = f"{counts['gap']} gap" + ("" if counts["gap"] == 1 else "s")
    line = (
        f"{total} requirement{'' if total == 1 else 's'}: "
        f"{counts['met']} met, {counts['partial']} partial, {gaps}"
    )
    if counts["blocking"]:
        line += f" ({counts['blocking']} blocking)"
    return line


_COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def skills_heading(count: int) -> str:
    """'Your five best skills for this job', with the number of skills the plan really has."""
    if count == 1:
        return "Your best skill for this job"
    if 1 < count <= len(_COUNT_WORDS):
        return f"Your {_COUNT_WORDS[count - 1]} best skills for this job"
    return "Your best skills for this job"


def role_heading(plan: Plan) -> str:
    """'Title at Company', falling back gracefully when either is unknown."""
    title = one_line(plan.posting.title or "") or "This role"
    company = one_line(plan.posting.company or "")
    return f"{title} at {company}" if company else title
