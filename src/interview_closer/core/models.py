"""Plain dataclasses shared by the pure core: postings, resumes, matches and plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Importance = Literal["must", "nice"]
Status = Literal["met", "partial", "gap"]
Severity = Literal["blocking", "minor"]

# Requirement kinds, in the words the JSON schema uses.
KINDS = (
    "skill",          # a practical skill ("build REST APIs", "wound care")
    "tool",           # a tool, technology or body of knowledge ("PostgreSQL", "GAAP")
    "years",          # years of experience, with the number
    "degree",         # an academic degree
    "certification",  # a certification or licence ("RN licence", "CPA")
    "language",       # a spoken language
    "logistics",      # work authorisation, location, travel, shifts, driving licence
    "soft",           # a soft skill ("communication", "teamwork")
)


@dataclass(frozen=True, slots=True)
class SkillMention:
    """A skill named in a text: canonical name, verbatim surface text and offsets."""

    name: str
    surface: str
    start: int
    end: int


@dataclass(slots=True)
class Section:
    """A block of a document under one heading (or inferred from its sentences)."""

    kind: str
    heading: str
    start: int
    end: int


@dataclass(slots=True)
class Requirement:
    """One thing the posting asks for."""

    id: str
    text: str
    importance: Importance
    kind: str
    skills: list[SkillMention] = field(default_factory=list)
    years: float | None = None
    section: str = "requirements"
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Posting:
    """A job posting understood: its text, sections, requirements and skill mentions."""

    text: str
    title: str | None = None
    company: str | None = None
    sections: list[Section] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    mentions: list[SkillMention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class YearMonth:
    """A month in a resume date range."""

    year: int
    month: int

    def index(self) -> int:
        """Months since year 0, for arithmetic."""
        return self.year * 12 + (self.month - 1)


@dataclass(slots=True)
class Role:
    """A job held: title, employer and dates (end None means present)."""

    title: str | None
    employer: str | None
    start: YearMonth | None
    end: YearMonth | None
    line: int
    current: bool = False


@dataclass(slots=True)
class EvidenceItem:
    """One resume line that can back a claim: a bullet, a skills line, a summary sentence."""

    text: str
    line: int
    section: str
    role_index: int | None = None
    skills: list[SkillMention] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    # 1.0 for an achievement with a result, lower for a bare skills-list entry.
    strength: float = 1.0


@dataclass(slots=True)
class Resume:
    """A resume understood: its lines, roles, evidence and years per skill."""

    text: str
    lines: list[str]
    name: str | None = None
    roles: list[Role] = field(default_factory=list)
    items: list[EvidenceItem] = field(default_factory=list)
    skill_years: dict[str, float] = field(default_factory=dict)
    skill_spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A resume line quoted as evidence: its text (verbatim) and 1-based line."""

    text: str
    line: int


@dataclass(slots=True)
class Match:
    """How well the resume answers one requirement."""

    requirement: Requirement
    status: Status
    score: float
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    matched_skills: list[str] = field(default_factory=list)
    severity: Severity | None = None


@dataclass(slots=True)
class TopSkill:
    """One of the five best skills for this job, with what backs it."""

    skill: str
    requirement_ids: list[str]
    evidence: list[Evidence]


@dataclass(slots=True)
class Gap:
    """A requirement the resume does not fully answer, with a prepared answer."""

    requirement_id: str
    severity: Severity
    answer: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Script:
    """The words of the close, in the order of the method."""

    pitch: str
    gap_questions: list[str]
    reaffirm: str
    match_statement: str
    story: str
    next_step_questions: list[str]
    thanks: str
    debrief_reminder: list[str]


@dataclass(slots=True)
class Plan:
    """The closing plan for one resume and one posting."""

    posting: Posting
    resume: Resume
    matches: list[Match]
    top_skills: list[TopSkill]
    gaps: list[Gap]
    script: Script
    interviewer: str | None = None
