"""Posting text -> Posting: sections, requirements with importance, kind and skills."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from interview_closer.core import fastre
from interview_closer.core.models import Posting, Requirement, Section, SkillMention
from interview_closer.core.sections import classify_heading, classify_sentence, is_heading
from interview_closer.core.text import split_sentences
from interview_closer.core.vocab import Vocabulary

# Finds the skill mentions of each of many texts (offsets into each text); called once per
# posting, so that a tagger that batches its work gets every sentence at once.
MentionFinder = Callable[[Sequence[str]], list[list[SkillMention]]]

_NICE_CUES = fastre.compile(
    r"\b(?:preferred|prefer|a plus|plus\b|bonus|nice[ -]to[ -]have|ideally|desirable|"
    r"advantageous|an advantage|would be great|helpful|familiarity)\b",
    re.IGNORECASE,
)
_MUST_CUES = fastre.compile(
    r"\b(?:required|requires?|must|minimum|essential|mandatory|need to|you have|at least)\b",
    re.IGNORECASE,
)
YEARS_RE = fastre.compile(
    r"(?P<n>\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*"
    r"(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:plus\s+)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_WORD_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10}
_DEGREE = fastre.compile(
    r"\b(?:degree|bachelor'?s?|master'?s?|ph\.?d|doctorate|diploma|b\.?sc?|m\.?sc|mba|bsn|"
    r"associate'?s degree|graduate of|hnc|hnd|nvq|svq|"
    r"post-?graduate (?:qualification|degree|diploma))\b",
    re.IGNORECASE,
)
_CERT = fastre.compile(
    r"\b(?:certif\w*|licen[cs]e[ds]?|licensure|registered|accredit\w*|chartered)\b", re.I)
_LANG = fastre.compile(r"\b(?:fluent|fluency|bilingual|native speaker|proficient in (?:english|"
                   r"spanish|french|german|mandarin|portuguese|arabic))\b", re.IGNORECASE)
_LOGISTICS = fastre.compile(
    r"\b(?:authori[sz]ed to work|work authori[sz]ation|visa|sponsorship|relocat\w*|travel|"
    r"on-?site|in the office|hybrid|remote|shifts?|weekends?|nights|overtime|on-call|"
    r"driver'?s licen[cs]e|driving licen[cs]e|background check|drug screen|clearance|"
    r"lift(?:ing)? (?:up to )?\d+|commute|based in|located in|time ?zone)\b",
    re.IGNORECASE,
)
_PRACTICE_ASK = fastre.compile(r"\b(?:experience[ds]?|knowledge|skills?|expertise)\b", re.I)
_SOFT_CUES = fastre.compile(
    r"\b(?:communicat\w*|team ?player|collaborat\w*|interpersonal|self-starter|motivated|"
    r"attention to detail|detail-oriented|organi[sz]ed|proactive|problem[- ]solv\w*|"
    r"adaptab\w*|work independently|empath\w*|positive attitude|curious|ownership)\b",
    re.IGNORECASE,
)
# Words that may follow a degree's name in a sentence asking for the degree ("a bachelor's in
# nursing", "high school diploma or equivalent", "MBA preferred"); any other word makes the
# name describe the next noun instead ("high school students", "master's programmes").
_AFTER_DEGREE = frozenset(
    "in of or and required preferred degree degrees diploma equivalent is are plus from with "
    "a an the strongly highly desired desirable a+ minimum at".split())
_NEXT_WORD = fastre.compile(r"[\s/]*([A-Za-z][\w+'-]*)")
# Lines that look like a list item marker, to strip from requirement text.
_BULLET = fastre.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)])\s+")
_REQUIREMENT_SECTIONS = ("requirements", "preferred")
_CANDIDATE_KINDS = frozenset({"requirements", "preferred", "responsibilities", "requirement-like"})


def parse_posting(
    text: str,
    *,
    title: str | None = None,
    company: str | None = None,
    find_mentions: MentionFinder | None = None,
    vocab: Vocabulary | None = None,
    all_mentions: bool = False,
) -> Posting:
    """Understand a posting: its sections, requirements and skill mentions.

    With all_mentions the tagger reads the whole text (for `closer extract`); otherwise
    only the parts where requirements can stand.
    """
    vocab = vocab or Vocabulary.default()
    sections = find_sections(text)
    units = _units(text, sections)
    if find_mentions is None:
        mentions = vocab.find(text)
    elif all_mentions:
        mentions = find_mentions([text])[0]
    else:
        # The tagger is the costly part: run it only where requirements can be.
        where = [(a, b) for a, b, kind, _ in units if kind in _CANDIDATE_KINDS]
        found = find_mentions([text[a:b] for a, b in where])
        mentions = [SkillMention(m.name, m.surface, m.start + a, m.end + a)
                    for (a, _), ms in zip(where, found, strict=True) for m in ms]  # fmt: skip
    # Requirement skills: the vocabulary's canonical names first; a tagger span that
    # overlaps none of them adds the skill under its own words.
    canonical = vocab.find(text) if find_mentions is not None else mentions
    skills = _merge_skills(canonical, mentions, vocab)
    has_req_section = any(s.kind in _REQUIREMENT_SECTIONS for s in sections)
    requirements: list[Requirement] = []
    for start, end, section_kind, sentence in units:
        req = _requirement(text, start, end, section_kind, has_req_section, skills, vocab)
        if req is not None and sentence != req.text:
            _inherit_importance(req, sentence, section_kind)
        if req is not None:
            req.id = f"R{len(requirements) + 1}"
            requirements.append(req)
    return Posting(
        text=text,
        title=title or guess_title(text),
        company=company or guess_company(text),
        sections=sections,
        requirements=requirements,
        mentions=skills,
    )


def _merge_skills(
    canonical: list[SkillMention], spans: list[SkillMention], vocab: Vocabulary
) -> list[SkillMention]:
    """Vocabulary mentions plus the tagger spans that overlap none of them, by offset."""
    out = [m for m in canonical if vocab.entry(m.name) is not None]
    for span in spans:
        if not any(span.start < m.end and m.start < span.end for m in out):
            out.append(span)
    out.sort(key=lambda m: m.start)
    return out


def find_sections(text: str) -> list[Section]:
    """Sections from heading lines; text before any heading is one 'intro' section."""
    heads: list[tuple[int, int, str, str]] = []  # line start, line end, kind, heading
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        if is_heading(line):
            kind = classify_heading(line)
            heads.append((pos, line_end, kind, line.strip().strip("#*: ").strip()))
        pos = line_end + 1
    sections: list[Section] = []
    first = heads[0][0] if heads else len(text)
    if text[:first].strip():
        sections.append(Section("intro", "", 0, first))
    for i, (_, h_end, kind, heading) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(kind, heading, min(h_end + 1, end), end))
    return sections


def _units(text: str, sections: list[Section]) -> list[tuple[int, int, str, str]]:
    """Sentences, list items and clauses of long sentences, with their section kind.

    The fourth element is the whole sentence, whose cue words ("must", "a plus")
    apply to every clause that has none of its own.
    """
    out: list[tuple[int, int, str, str]] = []
    for section in sections:
        for a, b in split_sentences(text, section.start, section.end):
            kind = section.kind
            if kind in ("intro", "other"):
                kind = classify_sentence(text[a:b])
            for ca, cb in _clauses(text, a, b):
                out.append((ca, cb, kind, text[a:b]))
    return out


_CLAUSE_BREAK = fastre.compile(r"(?:,|;)\s+(?:and\s+|including\s+)?")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run-on requirement sentence (over 25 words) at commas between clauses.

    A list item stays whole: its author made it one point, and its commas usually
    separate the items of a list ("GPS pings, device events and status updates").
    """
    if len(text[start:end].split()) <= 25 or _BULLET.match(text[start:end]):
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    a = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        # Only where both sides are real clauses, not items of a list ("Python, SQL").
        if len(text[a : m.start()].split()) >= 4 and len(text[m.end() : end].split()) >= 4:
            spans.append((a, m.start()))
            a = m.end()
    spans.append((a, end))
    return spans


def _requirement(
    text: str,
    start: int,
    end: int,
    section_kind: str,
    has_req_section: bool,
    mentions: list[SkillMention],
    vocab: Vocabulary,
) -> Requirement | None:
    sentence = text[start:end]
    m = _BULLET.match(sentence)
    if m:
        start += m.end()
        sentence = text[start:end]
    skills = [x for x in mentions if x.start >= start and x.end <= end
              and not _describes_noun(text, x, end, vocab)]
    years_m = YEARS_RE.search(sentence)
    if section_kind in ("about", "benefits", "eeo", "apply", "title"):
        return None
    if section_kind == "responsibilities":
        # A duty counts only for the known hard skills it names; "dependable datasets" or
        # "work with product managers" describe the work, not a skill asked of you.
        skills = [x for x in skills
                  if (e := vocab.entry(x.name)) is not None and e.kind in ("tool", "skill")]
        if not skills:
            return None
        importance = "must" if not has_req_section else "nice"
    elif section_kind in _REQUIREMENT_SECTIONS:
        importance = "nice" if section_kind == "preferred" else "must"
    else:  # an unlabelled sentence: only clear requirement sentences count
        if section_kind != "requirement-like":
            return None
        importance = "must"
    if len(sentence.split()) < 2 and not skills:
        return None
    if _NICE_CUES.search(sentence) and not re.search(r"\brequired\b", sentence, re.I):
        importance = "nice"
    elif _MUST_CUES.search(sentence):
        importance = "must"
    kind = requirement_kind(sentence, skills, vocab, years_m is not None)
    years = _years_value(years_m.group("n")) if years_m and kind == "years" else None
    return Requirement(
        id="",
        # A wrapped line is one requirement; it reads as one line ("...in a retail business").
        text=" ".join(sentence.split()),
        importance="must" if importance == "must" else "nice",
        kind=kind,
        skills=_dedupe(skills),
        years=years,
        section=section_kind if section_kind in _REQUIREMENT_SECTIONS else "responsibilities"
        if section_kind == "responsibilities" else "requirements",
        start=start,
        end=end,
    )


def _describes_noun(text: str, mention: SkillMention, end: int, vocab: Vocabulary) -> bool:
    """True for a degree's name used as an adjective: "teaching high school students"."""
    entry = vocab.entry(mention.name)
    if entry is None or entry.kind != "degree":
        return False
    nxt = _NEXT_WORD.match(text, mention.end, end)
    return nxt is not None and nxt.group(1).lower() not in _AFTER_DEGREE


def _inherit_importance(req: Requirement, sentence: str, section_kind: str) -> None:
    """A clause without cue words takes the importance its sentence's cues give."""
    if _NICE_CUES.search(req.text) or _MUST_CUES.search(req.text):
        return
    if section_kind == "preferred":
        return
    if _MUST_CUES.search(sentence):
        req.importance = "must"
    elif _NICE_CUES.search(sentence):
        req.importance = "nice"


def requirement_kind(
    sentence: str, skills: list[SkillMention], vocab: Vocabulary, has_years: bool
) -> str:
    """The kind of a requirement, from cue words and the kinds of the skills it names."""
    kinds = [e.kind for s in skills if (e := vocab.entry(s.name)) is not None]
    if has_years and not _LOGISTICS.search(sentence.split("years")[0][-12:]):
        return "years"
    if "degree" in kinds or _DEGREE.search(sentence):
        return "degree"
    if "certification" in kinds or (_CERT.search(sentence) and not kinds.count("tool") > 1):
        return "certification"
    if "language" in kinds or _LANG.search(sentence):
        return "language"
    cue = _LOGISTICS.search(sentence)
    # "Experience preparing visa applications" asks for work done, not a condition of the job.
    if cue and not _PRACTICE_ASK.search(sentence, 0, cue.start()) and not [
            k for k in kinds if k in ("tool", "skill")]:
        return "logistics"
    if kinds and all(k == "soft" for k in kinds):
        return "soft"
    if not kinds and _SOFT_CUES.search(sentence):
        return "soft"
    if "tool" in kinds:
        return "tool"
    return "skill"


def _years_value(raw: str) -> float:
    raw = raw.lower()
    return float(_WORD_NUM[raw]) if raw in _WORD_NUM else float(raw)


def _dedupe(skills: list[SkillMention]) -> list[SkillMention]:
    seen: set[str] = set()
    out: list[SkillMention] = []
    for s in skills:
        if s.name not in seen:
            seen.add(s.name)
            out.append(s)
    return out


_TITLE_WORDS = fastre.compile(
    r"\b(?:engineer|developer|manager|nurse|analyst|teacher|director|specialist|assistant|"
    r"consultant|associate|representative|lead|designer|scientist|technician|coordinator|"
    r"accountant|officer|administrator|architect|executive|clerk|driver|chef|cook|operator|"
    r"electrician|plumber|intern|head of|agent|advisor|therapist|pharmacist|writer)\b",
    re.IGNORECASE,
)


_SEEKING = fastre.compile(
    r"\b(?:looking for|hiring|seeking|recruiting)\s+(?:an?\s+|our next\s+|a new\s+)?"
    r"(?P<t>(?:[A-Z][\w/&-]*\s+){0,4}[A-Z][\w/&-]*)"
)


def guess_title(text: str) -> str | None:
    """The job title: the first short line that names a role, or 'looking for a X'."""
    for line in text.split("\n")[:8]:
        clean = line.strip().strip("#*").strip()
        if clean and len(clean) <= 80 and _TITLE_WORDS.search(clean):
            clean = re.sub(r"^(?:job title|position|role)\s*:\s*", "", clean, flags=re.I)
            return clean.split(" - ")[0].split(" | ")[0].strip()
    m = _SEEKING.search(text[:2000])
    if m and _TITLE_WORDS.search(m.group("t")):
        return m.group("t").strip()
    return None


_COMPANY_RE = fastre.compile(
    r"(?:^|\n)\s*#*\s*About (?!the role|the job|you|this|us\b|the team|the position)"
    r"(?P<a>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3})|"
    r"\b(?i:at|join) (?P<b>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,3})[,.!]",
)


def guess_company(text: str) -> str | None:
    """The employer's name, from an 'About X' heading or 'join X' in the opening text."""
    m = _COMPANY_RE.search(text[:3000])
    if not m:
        return None
    return (m.group("a") or m.group("b") or "").strip() or None
