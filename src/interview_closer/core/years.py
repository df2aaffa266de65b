"""Years of experience for the matcher: the subject of a years ask, role spans, the summary's
own figures, and the verdict on a years requirement."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from interview_closer.core import fastre
from interview_closer.core import match_rules as rules
from interview_closer.core.dates import merged_months
from interview_closer.core.match_rules import senior_title, without_open_end
from interview_closer.core.models import EvidenceItem, Match, Requirement, Resume
from interview_closer.core.similarity import Similarity, content_words, same_stem
from interview_closer.core.stems import stem
from interview_closer.core.verdicts import ItemHit, LexicalHits, build_match
from interview_closer.core.vocab import Vocabulary

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


_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
# "six years of acute care experience", "over seven years in retail pharmacy".
_STATED = fastre.compile(
    r"\b(?:(over|more than|nearly|almost|about|around)\s+)?(\d{1,2}|" + "|".join(_NUMBERS)
    + r")\s*\+?\s*(?:years?|yrs)\b'?", re.I)
# Where what the years were spent on stops: "..., the last three on a step-down unit".
_CLAIM_END = fastre.compile(r"[,.;:(]|\s(?:currently|now|most recently|where|who)\b", re.I)
# Words of a years ask that qualify the years rather than say what they were spent on.
_QUALIFIERS = frozenset("recent current direct practical hands-on full-time continuous".split())


@dataclass(frozen=True, slots=True)
class StatedYears:
    """Years the resume's summary states outright, and what it says they were spent on."""

    years: float
    holder: frozenset[str]  # stems of who the candidate is ("registered nurse")
    subject: frozenset[str]  # stems of what the years were spent on ("acute care")
    item: EvidenceItem


def stated_years(resume: Resume) -> list[StatedYears]:
    """"Registered nurse with six years of acute care experience": the summary's own claims.

    Only the summary's first clause about the candidate counts: bullets under a role say
    how long a project ran ("in three years"), not how long the candidate has worked.
    """
    out: list[StatedYears] = []
    for it in resume.items:
        if it.section != "summary":
            continue
        first = _STATED.search(it.text)
        if first is None:
            continue
        hedge, number = first.group(1), first.group(2).lower()
        years = float(int(number) if number.isdigit() else _NUMBERS[number])
        if hedge and hedge.lower() in ("nearly", "almost"):
            years -= 0.5
        sentence_start = max(it.text.rfind(".", 0, first.start()) + 1, 0)
        holder = it.text[sentence_start : first.start()]
        rest = it.text[first.end() :]
        end = _CLAIM_END.search(rest)
        subject = rest[: end.start()] if end else rest
        spent_on = frozenset(stem(w) for w in content_words(subject))
        if years > 0 and spent_on:
            who = frozenset(stem(w) for w in content_words(holder))
            out.append(StatedYears(years, who, spent_on, it))
    return out


def stated_for(subject: str, claims: list[StatedYears]) -> StatedYears | None:
    """The most years a claim states for every word of a years ask's subject, if any.

    The words may come from who the candidate is, but some must come from what the years
    were spent on: "Assistant store manager with eight years in retail" is eight years of
    retail, not eight years as an assistant store manager.
    """
    asked = [stem(w) for w in content_words(subject) if w not in _QUALIFIERS]

    def shown(words: frozenset[str], a: str) -> bool:
        return any(same_stem(a, w) for w in words)

    fits = [c for c in claims if asked and any(shown(c.subject, a) for a in asked)
            and all(shown(c.subject | c.holder, a) for a in asked)]  # fmt: skip
    return max(fits, key=lambda c: c.years, default=None)


# A years ask for a role that leads others, whatever the field named beside it.
_LEADING_ROLE = fastre.compile(
    r"\b(?:supervisory|leadership|management|managerial)\s+(?:role|position|capacity|level)",
    re.I)
# Years requirements: fewer years than FEW_YEARS of those asked is a gap, more is partial
# (0.2 until the blind probe5 set: "10+ years" against 2.7 is a gap to a recruiter).
FEW_YEARS = 0.4
# The matcher's evidence for one named skill: (name, resume, by_skill) -> hits, best first.
SkillHits = Callable[[str, Resume, dict[str, list[EvidenceItem]]], list[ItemHit]]


def years_match(
    req: Requirement, resume: Resume, by_skill: dict[str, list[EvidenceItem]],
    vocab: Vocabulary, similarity: Similarity, skill_hits: SkillHits, lexical_hits: LexicalHits,
) -> Match:
    """A years requirement: the years the resume shows for what is asked, against the ask."""
    need = req.years or 0.0
    named = [m for m in req.skills if getattr(vocab.entry(m.name), "kind", "") != "soft"]
    team = rules.team_lead_span(req.text)
    if team is not None:
        # "3 years supervising a team of payroll staff": the years asked are years of
        # leading people; the trade named after "team of" only says whom.
        spans = rules.surface_spans(req.text, named)
        named = [m for m, (at, _) in zip(named, spans, strict=True)
                 if not team[0] <= at < team[1]]
    asked_as = asked_title(req.text)
    if asked_as:
        # "5 years as a plumbing foreman": years of plumbing are not years as its foreman.
        named = [m for m in named if m.surface.lower() not in asked_as.lower()]
    if named and _LEADING_ROLE.search(req.text):
        # "4 years in an EMS supervisory role": the field named only says where one led.
        named = []
    have, label, skill = 0.0, "relevant experience", "__total__"
    for m in named:
        # Only lines the matcher accepts count ("Java Junction Café" is no Java).
        years = resume.skill_years.get(m.name, 0.0) if by_skill.get(m.name) else 0.0
        if years > have or skill == "__total__":
            have, label, skill = years, m.surface, m.name
    span = resume.skill_spans.get(skill)
    for m in named if have <= 0 else ():
        # "3+ years of chromatography" from the HPLC lines: a member of the family the
        # skill names shows it, as it does for a plain skills requirement.
        for other in by_skill:
            years = resume.skill_years.get(other, 0.0)
            if vocab.family_of(other) == m.name.lower() and years > have:
                have, label, span = years, m.surface, resume.skill_spans.get(other)
    # Roles that show what is asked: by a named skill, or by their title and lines
    # ("Staff Nurse" for "years of nursing"); their dates, overlaps counted once.
    subject = YEARS_LEAD.sub("", req.text, count=1).strip(" .;:")
    # Titles rarely name a tool: "3+ years of Python" counts only lines that name it.
    tools = bool(named) and all(
        (e := vocab.entry(m.name)) is not None and e.kind == "tool" for m in named)
    roles = set() if tools else related_roles(similarity, subject, resume, asked_as)
    senior = not named and rules.senior_ask(subject)
    if senior:
        # "Years of marketing management": a coordinator's years are not a manager's;
        # a role whose lines show leading people counts whatever its title, and when
        # no senior role's words meet the subject ("a supervisory care role"), those do.
        # Leading a team is shown by managing people, not by leading a project.
        shows = ((rules.PEOPLE_MANAGEMENT,) if team is not None
                 else (rules.PEOPLE_MANAGEMENT, rules.LEADERSHIP))
        leading = {it.role_index for name in shows
                   for it in by_skill.get(name, []) if it.role_index is not None}
        roles = {i for i in roles if rules.senior_title(resume.roles[i].title)
                 or i in leading} or leading
    roles |= {it.role_index for m in named for it in by_skill.get(m.name, [])
              if it.role_index is not None}
    role_years, role_span = roles_years(resume, roles)
    if role_years > have + 0.05:
        have, span = role_years, role_span
        label = label if named else subject or label
    if not named and not roles and not senior and asked_as is None:
        have = resume.skill_years.get("__total__", 0.0)
        span = resume.skill_spans.get("__total__")
    # "Registered nurse with six years of acute care experience" says it outright, and
    # "nearly four years giving advice" outranks roles that only shared the ask's words.
    stated = stated_for(subject, stated_years(resume))
    if stated is not None and (stated.years > have + 0.05 or not named):
        have, span = stated.years, None
    hits = (skill_hits(skill, resume, by_skill) if named
            else lexical_hits(req.text, resume, 0.9))
    when = f" ({span[0]}-{span[1]})" if span else ""
    if span is None and stated is not None and have == stated.years:
        hits.insert(0, ItemHit(stated.item, 1.0))
        when = " (as the summary states)"
    asked = f"asks {fmt_years(need)}+ years of {label}"
    if have <= 0:
        # Named in work done, it was done for some time; a course in it is no years of it.
        present = bool(hits) and hits[0].skill == skill and hits[0].item.section not in (
            "education", "certifications")
        status = "partial" if present else "gap"
        score = 0.4 if present else (hits[0].score * 0.5 if hits else 0.0)
        reason = (f"{asked}; the resume names it but its dates do not show how long"
                  if present else f"{asked}; the resume shows none")
        return build_match(req, status, score, reason, hits)
    ratio = have / need if need else 1.0
    score = min(1.0, ratio)
    # The parser rounds years to a tenth: within that of the ask is the ask.
    status = "met" if have >= need - 0.1 else "partial" if ratio >= FEW_YEARS else "gap"
    reason = f"{asked}; resume shows about {fmt_years(have)} years{when}"
    return build_match(req, status, score, reason, hits)
