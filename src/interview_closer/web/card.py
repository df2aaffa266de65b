"""A stored plan (JSON, schema interview-closer/plan@1) back into the card's display values.

The database keeps plans as the `prep` JSON, so the web card is built from that data with
the same display rules as the other renderers (render.common): shortened quotes, labels,
counts and the speaking time of the pitch. Missing keys (older or hand-made plans) become
empty values rather than errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview_closer.render.card_view import (
    CardView,
    GapView,
    QuoteView,
    RequirementView,
    SkillView,
)
from interview_closer.render.common import (
    SEVERITY_LABELS,
    STATUS_LABELS,
    format_score,
    one_line,
    shorten,
    skills_heading,
    speaking_seconds,
    word_count,
)

CARD_QUOTES = 2


@dataclass(frozen=True, slots=True)
class ScriptLine:
    """One line of the close the candidate may want to copy: which step, and its words."""

    step: str
    text: str


@dataclass(frozen=True, slots=True)
class WebCard:
    """The card values plus what only the web card shows: evidence per requirement."""

    card: CardView
    evidence: dict[str, list[QuoteView]]


def _text(value: Any) -> str:
    return one_line(str(value)) if value not in (None, "") else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _quotes(items: Any, most: int | None = CARD_QUOTES) -> list[QuoteView]:
    out = []
    for item in _list(items)[:most]:
        entry = _dict(item)
        if entry.get("text"):
            line = entry.get("line")
            out.append(QuoteView(shorten(str(entry["text"])), int(line) if line else 0))
    return out


def _heading(title: str, company: str) -> str:
    title = title or "This role"
    return f"{title} at {company}" if company else title


def web_card(data: dict[str, Any]) -> WebCard:
    """The display values of a stored plan."""
    job = _dict(data.get("job"))
    script = _dict(data.get("script"))
    requirements_data = [_dict(r) for r in _list(data.get("requirements"))]
    by_id = {str(r.get("id")): r for r in requirements_data}
    counts = {"met": 0, "partial": 0, "gap": 0, "blocking": 0}
    requirements: list[RequirementView] = []
    evidence: dict[str, list[QuoteView]] = {}
    for row in requirements_data:
        status = str(row.get("status") or "gap")
        severity = row.get("severity") if status != "met" else None
        counts[status] = counts.get(status, 0) + 1
        if severity == "blocking":
            counts["blocking"] += 1
        ident = str(row.get("id") or "")
        requirements.append(
            RequirementView(
                id=ident, text=_text(row.get("text")),
                importance=str(row.get("importance") or ""), status=status,
                label=STATUS_LABELS.get(status, status.upper()),
                score=format_score(float(row.get("score") or 0.0)),
                reason=_text(row.get("reason")), severity=severity,
            )
        )  # fmt: skip
        evidence[ident] = _quotes(row.get("evidence"))
    skills = [
        SkillView(rank, _text(top.get("skill")),
                  [str(i) for i in _list(top.get("requirement_ids"))], _quotes(top.get("evidence")))
        for rank, top in enumerate((_dict(t) for t in _list(data.get("top_skills"))), start=1)
    ]  # fmt: skip
    gaps = []
    for gap in (_dict(g) for g in _list(data.get("gaps"))):
        ident = str(gap.get("requirement_id") or "")
        severity = str(gap.get("severity") or "minor")
        gaps.append(
            GapView(
                requirement_id=ident,
                requirement_text=_text(by_id.get(ident, {}).get("text")),
                severity=severity,
                label=SEVERITY_LABELS.get(severity, severity),
                answer=_text(gap.get("answer")),
                quotes=_quotes(gap.get("evidence")),
            )
        )
    pitch = _text(script.get("pitch"))
    words = word_count(pitch)
    title, company = _text(job.get("title")), _text(job.get("company"))
    total = len(requirements)
    summary = (
        f"{total} requirement{'' if total == 1 else 's'}: {counts['met']} met, "
        f"{counts['partial']} partial, {counts['gap']} gap{'' if counts['gap'] == 1 else 's'}"
    )
    card = CardView(
        heading=_heading(title, company),
        skills_heading=skills_heading(len(skills)),
        title=title,
        company=company,
        candidate=_text(_dict(data.get("candidate")).get("name")),
        interviewer=_text(data.get("interviewer")),
        summary=summary,
        counts=counts,
        skills=skills,
        pitch=pitch,
        pitch_words=words,
        pitch_seconds=speaking_seconds(words),
        gap_questions=[_text(q) for q in _list(script.get("gap_questions"))],
        gaps=gaps,
        reaffirm=_text(script.get("reaffirm")),
        match_statement=_text(script.get("match_statement")),
        story=_text(script.get("story")),
        next_step_questions=[_text(q) for q in _list(script.get("next_step_questions"))],
        thanks=_text(script.get("thanks")),
        debrief_reminder=[_text(i) for i in _list(script.get("debrief_reminder"))],
        requirements=requirements,
    )
    return WebCard(card, evidence)
