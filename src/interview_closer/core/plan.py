"""Matches -> the closing plan: five best skills, gaps with answers, and the script."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_closer.core import fastre
from interview_closer.core.digest import sha256
from interview_closer.core.models import (
    Evidence,
    EvidenceItem,
    Gap,
    Match,
    Plan,
    Posting,
    Resume,
    Script,
    TopSkill,
)
from interview_closer.core.phrasing import (
    Picker,
    first_person,
    learning_plan,
    phrasing,
    role_sentence,
    shorten,
)
from interview_closer.core.vocab import Vocabulary

PITCH_MAX_WORDS = 160
TOP_N = 5


@dataclass
class _Candidate:
    skill: str
    weight: float
    requirement_ids: list[str]
    evidence: list[Evidence]
    soft: bool


def build_plan(
    posting: Posting,
    resume: Resume,
    matches: list[Match],
    vocab: Vocabulary,
    interviewer: str | None = None,
) -> Plan:
    """Assemble the closing plan from the matches; every claim quotes the resume."""
    seed = sha256((resume.text + "\x00" + posting.text).encode()).hexdigest()
    picker = Picker(seed)
    writer = _Writer(posting, resume, vocab, picker)
    top = top_skills(matches, resume, vocab)
    gaps = [_capped(writer.gap(m)) for m in _gap_order(matches)]
    script = Script(
        pitch=writer.pitch(top),
        gap_questions=[picker.pick("gap_question"), picker.pick("concern_question")],
        reaffirm=picker.pick("reaffirm"),
        match_statement=writer.match_statement(matches),
        story=writer.story(top),
        next_step_questions=[
            picker.pick("next_step"),
            picker.pick("follow_up_how"),
            picker.pick("permission_to_call"),
            picker.pick("second_interview"),
        ],
        thanks=picker.pick(
            "thanks",
            name_comma=f", {interviewer}," if interviewer else "",
            name_end=f", {interviewer}" if interviewer else "",
        ),
        debrief_reminder=list(phrasing()["debrief_reminder"]),
    )
    return Plan(posting, resume, matches, top, gaps, script, interviewer)


def top_skills(matches: list[Match], resume: Resume, vocab: Vocabulary) -> list[TopSkill]:
    """The five best skills for this job: important requirements, strong evidence, diverse."""
    strength = {it.line: it.strength for it in resume.items}
    cands: dict[str, _Candidate] = {}
    for m in matches:
        if m.status == "gap" or not m.matched_skills:
            continue
        importance = 1.0 if m.requirement.importance == "must" else 0.5
        asked = {x.name for x in m.requirement.skills}
        for skill in m.matched_skills:
            # A skill the posting names counts fully; a close relative only a little.
            weight = importance if skill in asked else importance * 0.3
            entry = vocab.entry(skill)
            soft = entry is not None and entry.kind == "soft"
            c = cands.setdefault(skill, _Candidate(skill, 0.0, [], [], soft))
            c.weight += weight * m.score
            if m.requirement.id not in c.requirement_ids:
                c.requirement_ids.append(m.requirement.id)
            for ev in _evidence_for(skill, resume)[:2]:
                if ev not in c.evidence:
                    c.evidence.append(ev)
    for c in cands.values():
        best = max((strength.get(ev.line, 0.5) for ev in c.evidence), default=0.5)
        c.weight *= (0.6 if c.soft else 1.0) * (0.6 + 0.4 * best)
        c.evidence.sort(key=lambda ev: -strength.get(ev.line, 0.0))
        c.evidence = c.evidence[:2]
    ranked = sorted(cands.values(), key=lambda c: (-c.weight, c.skill))
    chosen: list[_Candidate] = []
    for per_family in (1, 2, 99):
        for c in ranked:
            if len(chosen) >= TOP_N or c in chosen:
                continue
            family = vocab.family_of(c.skill)
            if sum(1 for x in chosen if vocab.family_of(x.skill) == family) < per_family:
                chosen.append(c)
    chosen.sort(key=lambda c: (-c.weight, c.skill))
    return [TopSkill(c.skill, c.requirement_ids, c.evidence) for c in chosen]


def _evidence_for(skill: str, resume: Resume) -> list[Evidence]:
    items = [it for it in resume.items if any(s.name == skill for s in it.skills)]
    items.sort(key=lambda it: -it.strength)
    return [Evidence(it.text, it.line) for it in items]


def _gap_order(matches: list[Match]) -> list[Match]:
    open_ = [m for m in matches if m.severity is not None]
    return sorted(
        open_,
        key=lambda m: (
            m.severity != "blocking",
            m.requirement.importance != "must",
            m.status != "gap",
            m.score,
        ),
    )


class _Writer:
    """Writes each script element from the resume's own lines."""

    def __init__(self, posting: Posting, resume: Resume, vocab: Vocabulary, picker: Picker):
        self.posting, self.resume, self.vocab, self.picker = posting, resume, vocab, picker
        self.items_by_line: dict[int, EvidenceItem] = {it.line: it for it in resume.items}
        self.role_phrase = f"this {posting.title} role" if posting.title else "this role"
        self.company_phrase = posting.company or "your team"
        # Words both texts write in lower case: common nouns, not names ("inventory", "data").
        self._common = set(_LOWER_WORD.findall(resume.text)) | set(
            _LOWER_WORD.findall(posting.text)
        )

    def mid(self, name: str, canonical: str | None = None) -> str:
        """A skill name as it reads mid-sentence: "inventory management", but "Python", "Go".

        Only practices (not tools, credentials or languages, which are names) are lowered,
        and only when the resume or posting writes that first word in lower case.
        """
        entry = self.vocab.entry(canonical or name)
        if entry is None or entry.kind not in ("skill", "soft"):
            return name
        first = name.split(" ", 1)[0]
        if first[:1].isupper() and first[1:].islower() and first.lower() in self._common:
            return name[:1].lower() + name[1:]
        return name

    def surface(self, skill: str) -> str:
        """How the resume itself usually writes a skill ("AWS" rather than the long name)."""
        counts: dict[str, int] = {}
        for it in self.resume.items:
            for s in it.skills:
                if s.name == skill and s.surface[:1].isupper():
                    counts[s.surface] = counts.get(s.surface, 0) + 1
        if not counts:
            return self.mid(skill)
        best = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
        return best if len(best.split()) <= 4 else self.mid(skill)

    def evidence_of(self, skill: str, m: Match) -> Evidence | None:
        """The match's evidence line that names this skill, else the resume's first that does."""
        for ev in m.evidence:
            item = self.items_by_line.get(ev.line)
            if item is not None and any(s.name == skill for s in item.skills):
                return ev
        for it in self.resume.items:
            if it.section != "contact" and any(s.name == skill for s in it.skills):
                return Evidence(it.text, it.line)
        return None

    def clause(self, ev: Evidence, max_words: int = 22) -> str:
        """A first-person clause from an evidence line, or a plain pointer to it."""
        item = self.items_by_line.get(ev.line)
        section = item.section if item is not None else ""
        fp = first_person(ev.text, max_words) if self._is_achievement(ev) else None
        if fp:
            return f"I {fp}"
        text = shorten(ev.text.rstrip("."), max_words)
        if section == "skills":
            return "it is one of the core skills on my resume"
        if section == "education":
            return f"I earned {text}"
        if section == "certifications":
            return f"I hold {text}"
        role = role_sentence(ev.text, self._is_name) if section == "summary" else None
        return role or f"my resume says “{text}”"

    def _is_name(self, word: str) -> bool:
        """True for a tool, language or credential name ("Python"), which keeps its capital."""
        entry = self.vocab.lookup(word)
        return entry is not None and entry.kind not in ("skill", "soft")

    def pitch(self, top: list[TopSkill]) -> str:
        """The parting pitch, at most PITCH_MAX_WORDS words."""
        opening = self.picker.pick("pitch_open", role_phrase=self.role_phrase)
        closing = self.picker.pick("pitch_close", company_phrase=self.company_phrase)
        for max_words, full in ((22, TOP_N), (16, TOP_N), (12, 3), (10, 2), (8, 0)):
            # Skills backed by the same resume line share one sentence ("On X and Y, I ...").
            groups: list[tuple[list[str], Evidence | None, str]] = []
            by_line: dict[int, int] = {}
            for i, ts in enumerate(top):
                name = self.surface(ts.skill)
                # Only lines that read as "I did ..." make a good spoken claim.
                spoken = [ev for ev in ts.evidence
                          if self._is_achievement(ev) and first_person(ev.text) is not None]
                if spoken and spoken[0].line in by_line and i < full:
                    groups[by_line[spoken[0].line]][0].append(name)
                elif spoken and i < full:
                    by_line[spoken[0].line] = len(groups)
                    groups.append(([name], spoken[0], ts.skill))
                else:
                    groups.append(([name], None, ts.skill))
            parts = [opening]
            for names, ev, canonical in groups:
                label = " and ".join(names)
                if ev is None:
                    element = "pitch_skill_bare"
                    entry = self.vocab.entry(canonical)
                    if entry is not None and entry.kind in ("certification", "degree"):
                        element = "pitch_credential"
                    parts.append(self.picker.pick(element, salt=label, skill=label))
                else:
                    parts.append(self.picker.pick(
                        "pitch_skill_with_evidence", salt=label,
                        skill=label, evidence_clause=self.clause(ev, max_words),
                    ))
            parts.append(closing)
            text = " ".join(_cap(p) for p in parts)
            if len(text.split()) <= PITCH_MAX_WORDS:
                return text
        return " ".join(text.split()[:PITCH_MAX_WORDS])

    def _is_achievement(self, ev: Evidence) -> bool:
        """True for lines of work done (experience, projects), not listings or credentials."""
        item = self.items_by_line.get(ev.line)
        return item is None or item.section in ("experience", "projects", "volunteer", "awards")

    def gap(self, m: Match) -> Gap:
        """A prepared, honest answer for a requirement that is not fully met."""
        req = m.requirement
        missing = [x for x in req.skills if x.name not in m.matched_skills]
        named = missing or list(req.skills)
        gap_name = self.mid(named[0].surface, named[0].name) if named else _short(req.text)
        ev = m.evidence[0] if m.evidence else None
        if req.kind == "soft" and m.severity != "blocking":
            if ev is not None:
                answer = self.picker.pick("answer_soft", req.id, evidence_clause=self.clause(ev))
                return Gap(req.id, "minor", answer, [ev])
            return Gap(req.id, "minor", self.picker.pick("answer_soft_prepare", req.id,
                                                         gap=gap_name))
        plan_kind = req.kind if req.kind != "years" else "skill"
        if not named and plan_kind == "skill":
            plan_kind = "topic"  # the gap is a phrase of the requirement, not a skill's name
        plan = learning_plan(plan_kind, gap_name)
        values = {"gap": gap_name, "plan": plan}
        if m.severity == "blocking":
            return Gap(req.id, "blocking", self.picker.pick("answer_blocking", req.id, **values))
        adjacent = [s for s in m.matched_skills if all(s != x.name for x in req.skills)]
        stated = ev is not None and getattr(self.items_by_line.get(ev.line), "section", "") == (
            "summary")  # the years are the summary's own figure, not the roles' dates
        if ev is not None and req.kind == "years" and m.matched_skills and not stated:
            skill = m.matched_skills[0]
            span = self.resume.skill_spans.get(skill)
            if span:
                current = any(r.current for r in self.resume.roles)
                since = (f"since {span[0]}" if current and span[1] >= max(
                    (r.end.year for r in self.resume.roles if r.end), default=0)
                    else f"from {span[0]} to {span[1]}")
                answer = self.picker.pick(
                    "answer_years", req.id, skill=self.surface(skill), span=since,
                    evidence_clause=self.clause(ev, 16),
                )
                return Gap(req.id, "minor", answer, [ev])
        if ev is not None and adjacent and req.kind == "certification":
            # A credential is held or not; the related practice is what backs the plan.
            answer = self.picker.pick("answer_credential_adjacent", req.id,
                                      evidence_clause=self.clause(ev, 16), **values)  # fmt: skip
            return Gap(req.id, "minor", answer, [ev])
        shown = self.evidence_of(adjacent[0], m) if adjacent else None
        if shown is not None:
            # The line quoted must be one that shows the relative named, not merely the
            # match's first line (which may answer another skill of the requirement).
            answer = self.picker.pick(
                "answer_adjacent", req.id, adjacent=self.surface(adjacent[0]),
                evidence_clause=self.clause(shown, 16), **values,
            )
            return Gap(req.id, "minor", answer, [shown])
        if ev is not None and m.status == "partial":
            answer = self.picker.pick(
                "answer_partial", req.id, evidence_clause=self.clause(ev, 16), **values
            )
            return Gap(req.id, "minor", answer, [ev])
        if req.kind in ("certification", "degree", "language"):
            return Gap(req.id, "minor", self.picker.pick("answer_credential", req.id, **values))
        return Gap(req.id, "minor", self.picker.pick("answer_learning", req.id, **values))

    def match_statement(self, matches: list[Match]) -> str:
        """'You need X, I deliver X' over the top three met must-haves."""
        met = [m for m in matches if m.status == "met" and m.evidence]
        # Concrete skills make the strongest pairs; degrees and conditions go last.
        met.sort(key=lambda m: (m.requirement.kind in ("degree", "logistics", "soft"),
                                m.requirement.importance != "must",
                                not m.requirement.skills, -m.score))
        pairs: list[str] = []
        used: set[int] = set()
        for m in met:
            ev = m.evidence[0]
            if ev.line in used:
                continue
            used.add(ev.line)
            req = m.requirement
            shown = [x for x in req.skills if x.name in m.matched_skills] or req.skills
            need = shown[0].surface if shown and req.kind != "degree" else _short(req.text, 10)
            pairs.append(self.picker.pick("match_pair", m.requirement.id, need=need,
                                          evidence_clause=self.clause(ev, 14)))
            if len(pairs) == 3:
                break
        if not pairs:
            return ""
        return f"{self.picker.pick('match_open')} {'; '.join(pairs)}."

    def story(self, top: list[TopSkill]) -> str:
        """One concrete story: a real employer and a real achievement from the resume."""
        lines = {ev.line for ts in top for ev in ts.evidence}
        best: tuple[float, EvidenceItem] | None = None
        for it in self.resume.items:
            if it.section not in ("experience", "projects") or first_person(it.text) is None:
                continue
            score = it.strength + (0.5 if it.line in lines else 0.0) + 0.3 * bool(it.metrics)
            if best is None or score > best[0]:
                best = (score, it)
        if best is None:
            return ""
        item = best[1]
        achievement = first_person(item.text, 20) or ""
        role = self.resume.roles[item.role_index] if item.role_index is not None else None
        if role is not None and role.employer:
            return self.picker.pick("story", employer=role.employer, achievement=achievement,
                                    company_phrase=self.company_phrase)
        return self.picker.pick("story_no_employer", achievement=achievement,
                                company_phrase=self.company_phrase)


_LOWER_WORD = fastre.compile(r"\b[a-z][a-z-]+\b")


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _capped(gap: Gap) -> Gap:
    gap.answer = _cap(gap.answer)
    return gap


_LEAD_IN = fastre.compile(
    r"^(?:(?:strong|solid|excellent|proven|demonstrated|good|deep|hands-on|working|some|"
    r"professional|previous|prior)\s+)*(?:experience|knowledge|understanding|proficiency|"
    r"familiarity|expertise|background|skills?)\s+(?:with|in|of|using)\s+|^(?:ability|able)\s+to\s+"
    # "Experience turning questions into datasets": the gerund is the topic.
    r"|^(?:(?:strong|solid|proven|hands-on|some|prior)\s+)*experience\s+(?=[a-z]+ing\b)",
    re.IGNORECASE,
)
_TAIL = fastre.compile(r"\s*(?:,|\(|is|are|would be|will be)?\s*(?:a (?:big )?plus|preferred|"
                   r"required|highly desired|desired|nice to have|an advantage|a bonus)\)?\s*$",
                   re.IGNORECASE)


def _short(text: str, words: int = 8) -> str:
    """A requirement as a short noun phrase: "Experience with AWS is a plus" -> "AWS"."""
    clean = _TAIL.sub("", _LEAD_IN.sub("", text.strip().rstrip(".;:"))).strip()
    if not clean:
        clean = text.strip().rstrip(".;:")
    if len(clean) > 1 and clean[0].isupper() and not clean[1].isupper():
        clean = clean[0].lower() + clean[1:]
    return shorten(clean, words)

