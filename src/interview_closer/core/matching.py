"""Posting x Resume -> one Match per requirement: status, score, reason, evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview_closer.core.models import (
    Evidence,
    EvidenceItem,
    Match,
    Posting,
    Requirement,
    Resume,
    Severity,
    Status,
)
from interview_closer.core.similarity import LexicalSimilarity, Similarity
from interview_closer.core.vocab import Vocabulary

MET, PARTIAL = 0.7, 0.35
# How much an item of a related skill (same family) counts for the one asked.
ADJACENT_WEIGHT = 0.45
_DEGREE_LEVELS = [
    (4, re.compile(r"\b(?:ph\.?\s?d|doctor(?:ate|al)|d\.?phil|md\b|dnp\b)", re.I)),
    (3, re.compile(r"\b(?:master'?s?|m\.?sc?|m\.?a\b|mba|msn|m\.?eng|mph|graduate degree)", re.I)),
    (2, re.compile(r"\b(?:bachelor'?s?|b\.?sc?|b\.?a\b|bsn|b\.?eng|undergraduate|"
                   r"four-year degree|4-year degree|college degree|university degree)", re.I)),
    (1, re.compile(r"\b(?:associate'?s?|adn\b|diploma|hnd|certificate program)", re.I)),
]
_EQUIVALENT = re.compile(r"equivalent|or (?:relevant|comparable|similar) experience", re.I)


@dataclass
class _ItemHit:
    item: EvidenceItem
    score: float
    skill: str | None = None


@dataclass
class Matcher:
    """Scores every requirement of a posting against a resume."""

    vocab: Vocabulary
    similarity: Similarity = field(default_factory=LexicalSimilarity)

    def match_all(self, posting: Posting, resume: Resume) -> list[Match]:
        """One Match per requirement, in posting order."""
        by_skill: dict[str, list[EvidenceItem]] = {}
        for item in resume.items:
            for s in item.skills:
                by_skill.setdefault(s.name, []).append(item)
        for items in by_skill.values():
            items.sort(key=lambda it: -it.strength)
        return [self.match_one(r, resume, by_skill) for r in posting.requirements]

    def match_one(
        self, req: Requirement, resume: Resume, by_skill: dict[str, list[EvidenceItem]]
    ) -> Match:
        """Match a single requirement."""
        if req.kind == "years":
            match = self._years(req, resume, by_skill)
        elif req.kind == "degree":
            match = self._degree(req, resume)
        elif req.kind == "logistics":
            match = self._logistics(req, resume)
        else:
            match = self._skills(req, resume, by_skill)
        match.severity = _severity(req, match)
        return match

    # -- skills, tools, certifications, languages, soft skills ----------------
    def _skill_hits(
        self, name: str, resume: Resume, by_skill: dict[str, list[EvidenceItem]]
    ) -> list[_ItemHit]:
        direct = by_skill.get(name, [])
        if direct:
            return [_ItemHit(it, 0.55 + 0.45 * it.strength, name) for it in direct[:3]]
        hits: list[_ItemHit] = []
        for other, items in by_skill.items():
            if self.vocab.adjacent(name, other):
                hits.extend(
                    _ItemHit(it, ADJACENT_WEIGHT * (0.55 + 0.45 * it.strength), other)
                    for it in items[:2]
                )
        hits.sort(key=lambda h: -h.score)
        return hits[:3]

    def _lexical_hits(self, query: str, resume: Resume, cap: float) -> list[_ItemHit]:
        items = [it for it in resume.items if it.section != "contact"]
        if not items:
            return []
        scores = self.similarity.scores(query, [it.text for it in items])
        hits = [_ItemHit(it, cap * sc) for it, sc in zip(items, scores, strict=True) if sc > 0.2]
        hits.sort(key=lambda h: -h.score)
        return hits[:2]

    def _skills(
        self, req: Requirement, resume: Resume, by_skill: dict[str, list[EvidenceItem]]
    ) -> Match:
        if not req.skills:
            hits = self._lexical_hits(req.text, resume, 0.9)
            score = hits[0].score if hits else 0.0
            status = _status(score)
            reason = (
                "resume lines use the same words" if status == "met"
                else "some resume lines touch on this" if status == "partial"
                else "nothing in the resume speaks to this"
            )
            return _match(req, status, score, reason, hits)
        per_skill: list[tuple[str, str, list[_ItemHit]]] = []
        for mention in req.skills:
            hits = self._skill_hits(mention.name, resume, by_skill)
            if not hits:
                hits = self._lexical_hits(mention.surface, resume, 0.5)
            per_skill.append((mention.surface, mention.name, hits))
        best = [h[0].score if h else 0.0 for _, _, h in per_skill]
        # A requirement naming several skills ("Python, SQL or Scala") is often an
        # either/or list: the best one counts most, the rest add coverage.
        either = bool(re.search(r"\bor\b|one of|such as|e\.g\.|like\b|similar", req.text, re.I))
        coverage = sum(best) / len(best)
        score = max(best) * 0.7 + coverage * 0.3 if either else coverage
        status = _status(score)
        hits = sorted((h for _, _, hs in per_skill for h in hs[:1]), key=lambda h: -h.score)
        reason = _skills_reason(per_skill, status)
        match = _match(req, status, score, reason, hits)
        for _, _, hs in per_skill:
            if hs and hs[0].skill and hs[0].skill not in match.matched_skills:
                match.matched_skills.append(hs[0].skill)
        return match

    # -- years of experience -------------------------------------------------
    def _years(
        self, req: Requirement, resume: Resume, by_skill: dict[str, list[EvidenceItem]]
    ) -> Match:
        need = req.years or 0.0
        named = [m for m in req.skills if _not_soft(self.vocab, m.name)]
        if named:
            have, label, skill = 0.0, named[0].surface, named[0].name
            for m in named:
                years = resume.skill_years.get(m.name, 0.0)
                if years > have:
                    have, label, skill = years, m.surface, m.name
            hits = self._skill_hits(skill, resume, by_skill)
        else:
            have = resume.skill_years.get("__total__", 0.0)
            label, skill = "relevant experience", "__total__"
            hits = self._lexical_hits(req.text, resume, 0.9)
        span = resume.skill_spans.get(skill)
        when = f" ({span[0]}-{span[1]})" if span else ""
        asked = f"asks {_fmt_years(need)}+ years of {label}"
        if have <= 0:
            present = bool(hits) and hits[0].skill == skill
            status = "partial" if present else "gap"
            score = 0.4 if present else (hits[0].score * 0.5 if hits else 0.0)
            reason = (f"{asked}; the resume names it but its dates do not show how long"
                      if present else f"{asked}; the resume shows none")
            return _match(req, status, score, reason, hits)
        ratio = have / need if need else 1.0
        score = min(1.0, ratio)
        status = "met" if ratio >= 0.95 else "partial" if ratio >= 0.5 else "gap"
        reason = f"{asked}; resume shows about {_fmt_years(have)} years{when}"
        return _match(req, status, score, reason, hits)

    # -- degrees ---------------------------------------------------------------
    def _degree(self, req: Requirement, resume: Resume) -> Match:
        need = _degree_level(req.text)
        edu = [it for it in resume.items if it.section in ("education", "certifications")]
        best_item, best_level = None, 0
        for it in edu:
            level = _degree_level(it.text)
            if level > best_level:
                best_item, best_level = it, level
        field_hits = self._lexical_hits(req.text, resume, 1.0) if best_item else []
        if best_item is None:
            equivalent = bool(_EQUIVALENT.search(req.text))
            status = "partial" if equivalent and resume.roles else "gap"
            reason = ("asks for a degree or equivalent experience; the resume lists no degree"
                      if equivalent else "asks for a degree; the resume lists none")
            return _match(req, status, 0.4 if status == "partial" else 0.0, reason, [])
        hits = [_ItemHit(best_item, 1.0)] + [h for h in field_hits if h.item is not best_item]
        if best_level >= need:
            return _match(req, "met", 1.0, "asks for a degree; resume shows one", hits)
        status = "partial" if _EQUIVALENT.search(req.text) or best_level else "gap"
        reason = "asks for a higher degree than the resume shows"
        return _match(req, status, 0.5, reason, hits)

    # -- location, authorisation, travel ---------------------------------------
    def _logistics(self, req: Requirement, resume: Resume) -> Match:
        hits = self._lexical_hits(req.text, resume, 0.8)
        if hits and hits[0].score >= MET:
            return _match(req, "met", hits[0].score, "the resume speaks to this directly", hits)
        reason = "a practical condition a resume cannot show; confirm it in the conversation"
        return _match(req, "partial", 0.5, reason, hits[:1])


def _match(req: Requirement, status: str, score: float, reason: str, hits: list[_ItemHit]) -> Match:
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


def _not_soft(vocab: Vocabulary, name: str) -> bool:
    entry = vocab.entry(name)
    return entry is None or entry.kind != "soft"


def _status(score: float) -> str:
    return "met" if score >= MET else "partial" if score >= PARTIAL else "gap"


def _severity(req: Requirement, match: Match) -> Severity | None:
    """Blocking: a must-have with nothing close. Minor: the rest that is not met."""
    if match.status == "met" or req.kind == "logistics":
        return None
    if (
        match.status == "gap"
        and req.importance == "must"
        and req.kind != "soft"
        and match.score < 0.2
    ):
        return "blocking"
    return "minor"


def _skills_reason(per_skill: list[tuple[str, str, list[_ItemHit]]], status: str) -> str:
    shown: list[str] = []
    adjacent: list[tuple[str, str]] = []
    loose: list[str] = []
    missing: list[str] = []
    for label, name, hits in per_skill:
        if not hits:
            missing.append(label)
        elif hits[0].skill == name:
            shown.append(label)
        elif hits[0].skill:
            adjacent.append((label, hits[0].skill))
        else:
            loose.append(label)
    parts: list[str] = []
    if shown:
        parts.append(f"resume shows {', '.join(shown[:3])}")
    for label, other in adjacent[:2]:
        parts.append(f"asks for {label}; resume shows {other}, a close relative")
    if loose:
        parts.append(f"only loose matches for {', '.join(loose[:3])}")
    if missing:
        parts.append(f"nothing for {', '.join(missing[:3])}")
    return "; ".join(parts) if parts else ("resume shows it" if status == "met" else "no match")


def _degree_level(text: str) -> int:
    for level, pattern in _DEGREE_LEVELS:
        if pattern.search(text):
            return level
    return 2 if re.search(r"\bdegree\b", text, re.I) else 0


def _fmt_years(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
