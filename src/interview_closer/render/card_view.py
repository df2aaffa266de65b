"""The display view of a plan that the card renderers (text, Markdown, HTML, web) share."""

from __future__ import annotations

from dataclasses import dataclass

from interview_closer.core.models import Evidence, Plan
from interview_closer.render.common import (
    QUOTE_LIMIT,
    SEVERITY_LABELS,
    STATUS_LABELS,
    format_score,
    match_severity,
    one_line,
    role_heading,
    shorten,
    skills_heading,
    speaking_seconds,
    summary_counts,
    summary_line,
    word_count,
)


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
