"""What every renderer derives from a Plan: labels, counts, shortened quotes and a card view."""

from __future__ import annotations

from dataclasses import dataclass

from interview_closer.core import fastre
from interview_closer.core.models import Evidence, Match, Plan

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


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A resume line as a card shows it: possibly shortened, with its line number."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class SkillView:
    """One of the five best skills, ready to lay out."""

    rank: int
    skill: str
    requirement_ids: list[str]
    quotes: list[QuoteView]


@dataclass(frozen=True, slots=True)
class GapView:
    """A prepared answer to a gap, with the requirement it answers."""

    requirement_id: str
    requirement_text: str
    severity: str
    label: str
    answer: str
    quotes: list[QuoteView]


@dataclass(frozen=True, slots=True)
class RequirementView:
    """One row of the requirements table."""

    id: str
    text: str
    importance: str
    status: str
    label: str
    score: str
    reason: str
    severity: str | None


@dataclass(frozen=True, slots=True)
class CardView:
    """Everything a close card shows, in display form; the plan's wording is kept as is."""

    heading: str
    skills_heading: str
    title: str
    company: str
    candidate: str
    interviewer: str
    summary: str
    counts: dict[str, int]
    skills: list[SkillView]
    pitch: str
    pitch_words: int
    pitch_seconds: int
    gap_questions: list[str]
    gaps: list[GapView]
    reaffirm: str
    match_statement: str
    story: str
    next_step_questions: list[str]
    thanks: str
    debrief_reminder: list[str]
    requirements: list[RequirementView]


def _quotes(evidence: list[Evidence], limit: int | None, most: int | None) -> list[QuoteView]:
    """Evidence as quotes, at most `most` of them, each shortened to `limit` characters."""
    chosen = evidence if most is None else evidence[:most]
    return [QuoteView(shorten(item.text, limit), item.line) for item in chosen]


def card_view(plan: Plan, quote_limit: int | None = QUOTE_LIMIT,
              max_quotes: int | None = None) -> CardView:
    """Turn a plan into display values shared by the text, Markdown and HTML renderers."""
    by_id = {match.requirement.id: match for match in plan.matches}
    script = plan.script
    skills = [
        SkillView(rank, one_line(top.skill), list(top.requirement_ids),
                  _quotes(top.evidence, quote_limit, max_quotes))
        for rank, top in enumerate(plan.top_skills, start=1)
    ]
    gaps = []
    for gap in plan.gaps:
        known = by_id.get(gap.requirement_id)
        gaps.append(GapView(
            requirement_id=gap.requirement_id,
            requirement_text=one_line(known.requirement.text) if known else "",
            severity=gap.severity,
            label=SEVERITY_LABELS.get(gap.severity, gap.severity),
            answer=one_line(gap.answer),
            quotes=_quotes(gap.evidence, quote_limit, max_quotes),
        ))
    requirements = [
        RequirementView(
            id=match.requirement.id,
            text=one_line(match.requirement.text),
            importance=match.requirement.importance,
            status=match.status,
            label=STATUS_LABELS.get(match.status, match.status.upper()),
            score=format_score(match.score),
            reason=one_line(match.reason),
            severity=match_severity(match),
        )
        for match in plan.matches
    ]
    pitch = one_line(script.pitch)
    words = word_count(pitch)
    return CardView(
        heading=role_heading(plan),
        skills_heading=skills_heading(len(skills)),
        title=one_line(plan.posting.title or ""),
        company=one_line(plan.posting.company or ""),
        candidate=one_line(plan.resume.name or ""),
        interviewer=one_line(plan.interviewer or ""),
        summary=summary_line(plan),
        counts=summary_counts(plan),
        skills=skills,
        pitch=pitch,
        pitch_words=words,
        pitch_seconds=speaking_seconds(words),
        gap_questions=[one_line(q) for q in script.gap_questions],
        gaps=gaps,
        reaffirm=one_line(script.reaffirm),
        match_statement=one_line(script.match_statement),
        story=one_line(script.story),
        next_step_questions=[one_line(q) for q in script.next_step_questions],
        thanks=one_line(script.thanks),
        debrief_reminder=[one_line(item) for item in script.debrief_reminder],
        requirements=requirements,
    )
