"""A match assembled: status from score, evidence from hits, severity, a one-line reason;
and the two requirement kinds judged without the skill vocabulary (degrees, logistics)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from interview_closer.core import fastre, levels
from interview_closer.core import match_rules as rules
from interview_closer.core.models import (
    Evidence,
    EvidenceItem,
    Match,
    Requirement,
    Resume,
    Severity,
    Status,
)

MET, PARTIAL = 0.7, 0.35
# The score of evidence that names the credential or language but falls short of it.
SHORT_OF = 0.5
_LOGISTICS_REASON = "a practical condition a resume cannot show; confirm it in the conversation"
_EQUIVALENT = fastre.compile(r"equivalent|or (?:relevant|comparable|similar) experience", re.I)
# An ask that lets other fields than those it names count: "or a related subject".
_ANY_FIELD = fastre.compile(
    r"\b(?:related|relevant|similar|comparable|quantitative|equivalent|such as)\b", re.I)


@dataclass
class ItemHit:
    """One resume item as evidence: how well it answers, and the skill it showed."""

    item: EvidenceItem
    score: float
    skill: str | None = None


# The matcher's loose lexical search: (query, resume, cap) -> hits, best first.
LexicalHits = Callable[[str, Resume, float], list[ItemHit]]


class Hit(Protocol):
    """A piece of evidence for one skill: which skill it showed (None: loose words only)."""

    skill: str | None


def severity(req: Requirement, match: Match) -> Severity | None:
    """Blocking: a must-have with nothing close. Minor: the rest that is not met."""
    if match.status == "met" or req.kind == "logistics":
        return None
    hard = match.status == "gap" and match.score < 0.2 and req.kind != "soft"
    return "blocking" if hard and req.importance == "must" else "minor"


def skills_reason(per_skill: Sequence[tuple[str, str, Sequence[Hit]]], status: str) -> str:
    """The reason of a skills match: what is shown, what only by a relative, what not."""
    shown, loose, missing = [], [], []
    adjacent: list[tuple[str, str]] = []
    for label, name, hits in per_skill:
        if not hits:
            missing.append(label)
        elif hits[0].skill == name:
            shown.append(label)
        elif hits[0].skill:
            adjacent.append((label, hits[0].skill))
        else:
            loose.append(label)
    parts = [f"resume shows {', '.join(shown[:3])}"] if shown else []
    for label, other in adjacent[:2]:
        parts.append(f"asks for {label}; resume shows {other}, a close relative")
    if loose:
        parts.append(f"only loose matches for {', '.join(loose[:3])}")
    if missing:
        parts.append(f"nothing for {', '.join(missing[:3])}")
    return "; ".join(parts) if parts else ("resume shows it" if status == "met" else "no match")


def status_for(score: float) -> str:
    """met, partial or gap for a score in [0, 1]."""
    return "met" if score >= MET else "partial" if score >= PARTIAL else "gap"


def build_match(
    req: Requirement, status: str, score: float, reason: str, hits: list[ItemHit]
) -> Match:
    """The match: up to two evidence lines (one per resume line) and the skills they show."""
    seen: set[int] = set()
    evidence: list[Evidence] = []
    skills: list[str] = []
    for h in hits:
        if h.item.line in seen or len(evidence) >= 2:
            continue
        seen.add(h.item.line)
        evidence.append(Evidence(h.item.text, h.item.line))
        if h.skill and h.skill != "__total__" and h.skill not in skills:
            skills.append(h.skill)
    st: Status = "met" if status == "met" else "partial" if status == "partial" else "gap"
    return Match(req, st, round(max(0.0, min(1.0, score)), 3), reason, evidence, skills)


def degree_match(
    req: Requirement, resume: Resume, lexical_hits: LexicalHits,
    fields: frozenset[str] = frozenset(),
) -> Match:
    """A degree or qualification asked: the highest one held, or one still in progress.

    fields: the fields of study the requirement names ("Law degree"); a degree of the level
    asked in none of them is partly met, unless the ask allows a related field.
    """
    need = levels.degree_level(req.text)
    edu = [it for it in resume.items if it.section in ("education", "certifications")]
    best_item, best_level = None, 0.0
    studying: EvidenceItem | None = None  # the highest one still in progress
    studying_level = 0.0
    for it in edu:
        level = levels.degree_level(it.text)
        if rules.IN_PROGRESS.search(it.text):
            if level >= need and level > studying_level:
                studying, studying_level = it, level
        elif level > best_level:
            best_item, best_level = it, level
    if studying is not None and best_level < need:
        # "Level 5 Diploma ..., in progress": on its way, not yet held.
        return build_match(req, "partial", SHORT_OF, "asks for a qualification the resume "
                           "shows still in progress", [ItemHit(studying, 1.0)])
    if best_item is None:
        equivalent = bool(_EQUIVALENT.search(req.text))
        status = "partial" if equivalent and resume.roles else "gap"
        reason = ("asks for a degree or equivalent experience; the resume lists no degree"
                  if equivalent else "asks for a degree; the resume lists none")
        return build_match(req, status, 0.4 if status == "partial" else 0.0, reason, [])
    field_hits = lexical_hits(req.text, resume, 1.0)
    hits = [ItemHit(best_item, 1.0)] + [h for h in field_hits if h.item is not best_item]
    held = {s.name for it in edu for s in it.skills}
    if best_level >= need and fields and not fields & held and not _ANY_FIELD.search(req.text):
        named = " or ".join(sorted(f.removesuffix(" degree").lower() for f in fields))
        return build_match(req, "partial", 0.6, f"asks for a degree in {named}; the resume's "
                           "is in another field", hits)
    if best_level >= need:
        return build_match(req, "met", 1.0, "asks for a degree; resume shows one", hits)
    status = "partial" if _EQUIVALENT.search(req.text) or best_level else "gap"
    return build_match(req, status, 0.5, "asks for a higher degree than the resume shows", hits)


def logistics_match(req: Requirement, resume: Resume, lexical_hits: LexicalHits) -> Match:
    """Location, authorisation, travel: met only when a line says it outright."""
    hits = lexical_hits(req.text, resume, 0.8)
    if hits and hits[0].score >= MET:
        return build_match(req, "met", hits[0].score, "the resume speaks to this directly", hits)
    return build_match(req, "partial", 0.5, _LOGISTICS_REASON, hits[:1])
