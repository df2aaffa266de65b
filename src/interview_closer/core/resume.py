"""Resume text -> Resume: sections, roles with dates, evidence items and years per skill."""

from __future__ import annotations

import re

from interview_closer.core import fastre
from interview_closer.core.dates import DateRange, find_date_range, merged_months
from interview_closer.core.metrics import find_metrics
from interview_closer.core.models import EvidenceItem, Resume, Role, SkillMention, YearMonth
from interview_closer.core.roles import (
    BULLET_RE,
    LOCATION_RE,
    MD_HEADING_RE,
    HeaderLine,
    header_level,
    is_role_block,
    role_header_like,
    split_roles,
    title_employer,
    trim_line,
)
from interview_closer.core.text import ends_mid_sentence
from interview_closer.core.vocab import Vocabulary

TOTAL_KEY = "__total__"

# Heading words and the section each names; None marks a modifier ("work", "technical").
_HEADING_WORDS: dict[str, str | None] = {}
for _kind, _names in {
    "summary": "summary profile about objective overview highlights statement introduction",
    "experience": "experience employment history positions internships internship",
    "skills": "skills skill competencies expertise proficiencies technologies tools stack "
    "strengths qualifications abilities skillset toolkit",
    "education": "education academic academics schooling",
    "certifications": "certifications certification certificates licenses licences "
    "licensure credentials accreditations training development",
    "projects": "projects project portfolio",
    "volunteer": "volunteer volunteering community involvement",
    "languages": "languages language",
    "awards": "awards honors honours achievements accomplishments recognition",
    "other": "references interests hobbies publications activities affiliations memberships "
    "presentations research courses coursework information conferences patents",
    "contact": "contact details",
}.items():
    for _w in _names.split():
        _HEADING_WORDS[_w] = _kind
_MODIFIERS = (
    "professional work relevant related technical key core additional selected personal other "
    "and of me my clinical teaching sales areas area main select recent previous executive "
    "background summary tech computer soft hard digital extracurricular open source side & "
    "career leadership"
)
for _w in _MODIFIERS.split():
    _HEADING_WORDS.setdefault(_w, None)

_KEY_VALUE_RE = fastre.compile(r"^\s*[*_]*([A-Za-z][A-Za-z &/]{1,40}?)[*_]*\s*:[*_]*\s*(.*)$")
_RULE_RE = fastre.compile(r"^[\s\-=_*~#.·•|]*$")
_HEAD_WORD_RE = fastre.compile(r"[a-z]+|&")
_CONTACT_RE = fastre.compile(
    r"@|https?://|www\.|linkedin|github\.com|\b(?:phone|tel|mobile|email|e-mail)\b"
    r"|\+\d[\d\s().-]{7,}\d|(?<!\d)\(?\d{2,4}\)?[\s.-]?\d{3}[\s.-]?\d{3,4}\b"
    r"|\b\d{5}(?:-\d{4})?\b",
    re.IGNORECASE,
)
# Two to five words of letters (any alphabet: "José Núñez", "Zoë O'Brien"); that each
# word but the particles starts with a capital is checked in code, as re has no \p{Lu}.
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*\.?"
_NAME_RE = fastre.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}$")
_NAME_PARTICLES = frozenset("de da van von der del la le di bin al dos das du".split())
_NOT_NAMES = frozenset({"resume", "résumé", "curriculum", "vitae", "cv", "page"})
_DEGREE_RE = fastre.compile(
    r"\b(?:bachelor|master|b\.?sc?\b|b\.?a\b|m\.?sc?\b|m\.?a\b|mba|ph\.?\s?d|doctor|diploma|degree"
    r"|associate(?:'s)? (?:of|in|degree)|bsn|msn|dnp|m\.?ed|b\.?ed|pgce|gcse|a-levels?|certif"
    r"|licen[cs]|registered|credential|accredit)",
    re.IGNORECASE,
)


def _heading_kind(line: str) -> tuple[str | None, str]:
    """(section kind, value after a colon) when the line is a section heading, else (None, '')."""
    stripped = line.strip()
    if not stripped or (len(stripped) > 60 and ":" not in stripped):
        return None, ""
    value = ""
    m = _KEY_VALUE_RE.match(stripped)
    if m and not stripped.lstrip("#* ").lower().startswith("http"):
        head, value = m.group(1), m.group(2).strip()
    else:
        head = stripped
    letters = head.split()
    if len(letters) >= 3 and all(len(ch) == 1 for ch in letters):
        # "E X P E R I E N C E" as some PDF layouts print a heading.
        head = " ".join(part.replace(" ", "") for part in re.split(r"\s{2,}", head))
    if BULLET_RE.match(head) and not MD_HEADING_RE.match(head) and not head.startswith("**"):
        return None, ""
    words = _HEAD_WORD_RE.findall(head.lower())
    if not words or len(words) > 6 or any(ch.isdigit() for ch in head):
        return None, ""
    kind = None
    for w in words:
        if w not in _HEADING_WORDS:
            return None, ""
        kind = kind or _HEADING_WORDS[w]
    return kind, value


# Where a name line goes on to other things ("Jane Doe, RN", "Jane Doe | Boston").
_NAME_END = fastre.compile(r"\s*[,|–—]\s*|\s{2,}")


def _looks_like_name(line: str) -> str | None:
    """The person's name when a header line looks like one ('Jane Doe, RN' -> 'Jane Doe')."""
    text = trim_line(line)
    first = _NAME_END.split(text, maxsplit=1)[0].strip(" *_#")
    plausible = (
        3 <= len(first) <= 48
        and _NAME_RE.match(first) is not None
        and all(w[0].isupper() or w in _NAME_PARTICLES for w in first.split())
        and not _CONTACT_RE.search(first)
    )
    capitals = first.isupper() or sum(w[0].isupper() for w in first.split()) >= 2
    words = {w.lower() for w in first.split()}
    banner = bool(words & _NOT_NAMES) or all(w in _HEADING_WORDS for w in words)
    return first if plausible and capitals and not banner else None


# Evidence strength by where a line sits (the skills section is the weakest evidence).
_LIST_STRENGTH = {"skills": 0.4, "languages": 0.4, "summary": 0.6, "other": 0.5}
_ACHIEVEMENT_SECTIONS = frozenset({"experience", "projects", "volunteer", "awards"})
_NO_PARAPHRASE = frozenset({"skills", "languages"})
_ROLE_SECTIONS = frozenset({"experience", "volunteer"})


def wrapped_lines(lines: list[str]) -> dict[int, list[int]]:
    """Lines that only continue the sentence above (a wrapped paragraph), by the line they extend.

    A continuation starts in lower case without a bullet and follows, with no blank line
    between, a long line that ends mid-sentence and is neither a heading nor a role header.
    """
    heads: dict[int, list[int]] = {}
    head_of: dict[int, int] = {}
    for i in range(1, len(lines)):
        line = lines[i]
        # Cheap tests first: most lines start in upper case or follow a full stop, and only
        # a long line was wrapped (short ones are names, contacts, list entries).
        if not line.strip()[:1].islower() or not ends_mid_sentence(lines[i - 1]):
            continue
        if BULLET_RE.match(line) or role_header_like(line):
            continue
        head = head_of.get(i - 1, i - 1)
        if head == i - 1 and (_heading_kind(lines[head])[0] or role_header_like(lines[head])):
            continue
        heads.setdefault(head, []).append(i)
        head_of[i] = head
    return heads


class _Parser:
    """One parse of one resume: keeps the lines, the vocabulary and what has been found."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.resume = Resume(text=text, lines=text.split("\n"))
        # A wrapped sentence is one evidence item, cited by its first line.
        self.tails = wrapped_lines(self.resume.lines)
        self.ranges: list[DateRange | None] = []
        self.role_sections: list[str] = []
        # True while the last employer came from its own line and may head several roles.
        self.shared = False

    def item(self, idx: int, section: str, role: int | None, strength: float | None = None) -> None:
        """Add the line at idx as an evidence item (skipped when nothing is left after trimming)."""
        text = trim_line(self.resume.lines[idx])
        for tail in self.tails.get(idx, ()):
            text = f"{text} {self.resume.lines[tail].strip()}"
        if not text or not any(ch.isalnum() for ch in text) or _only_date(text):
            return
        skills = self._skills(text, section)
        metrics = find_metrics(text)
        if strength is None:
            strength = self._strength(text, section, bool(metrics), skills)
        self.resume.items.append(
            EvidenceItem(text, idx + 1, section, role, skills, metrics, strength)
        )

    def _skills(self, text: str, section: str) -> list[SkillMention]:
        found = self.vocab.find(text)
        if section not in _NO_PARAPHRASE:
            names = {m.name for m in found}
            found.extend(m for m in self.vocab.paraphrases(text) if m.name not in names)
        return found

    def _strength(self, text: str, section: str, metric: bool, skills: list[SkillMention]) -> float:
        if section in _ACHIEVEMENT_SECTIONS:
            return 1.0 if metric else 0.8
        if section in ("education", "certifications"):
            kinds = {e.kind for m in skills if (e := self.vocab.entry(m.name)) is not None}
            credential = section == "certifications" or bool(_DEGREE_RE.search(text))
            return 0.7 if credential or kinds & {"degree", "certification"} else 0.5
        return _LIST_STRENGTH.get(section, 0.5)

    # -- sections -----------------------------------------------------------
    def sections(self) -> list[str | None]:
        """The section of every line: a kind, '' for headings/rules, None for the header."""
        labels: list[str | None] = []
        section: str | None = None
        seen_heading = False
        prev_blank = True
        for line in self.resume.lines:
            blank, prev_blank = prev_blank, not line.strip()
            if _RULE_RE.match(line):
                labels.append("")
                continue
            kind, value = _heading_kind(line)
            if kind is None:
                labels.append(section)
                continue
            seen_heading = True
            inside = section == "skills" or (section in _ROLE_SECTIONS | {"projects"} and not blank)
            if value and inside and kind in ("skills", "languages", "other"):
                labels.append(section)  # "Tools: Jira" inside a role or a skills list
                continue
            section = kind
            labels.append(kind if value else "")
        if not seen_heading:
            labels = self._headless(labels)
        return labels

    def _headless(self, labels: list[str | None]) -> list[str | None]:
        """Without headings: name and contact lines on top, everything after is experience."""
        body = False
        for i, line in enumerate(self.resume.lines):
            if labels[i] == "":
                continue
            if not body and line.strip() and not (
                _looks_like_name(line) or _CONTACT_RE.search(line)
            ):
                body = True
            if body:
                labels[i] = "experience"
        return labels

    def header(self, idxs: list[int]) -> None:
        """The top of the resume: the name, contact details (never evidence), a summary."""
        plain: list[int] = []
        for n, i in enumerate(idxs):
            line = self.resume.lines[i]
            if self.resume.name is None and (name := _looks_like_name(line)):
                self.resume.name = name
                continue
            text = trim_line(line)
            if _CONTACT_RE.search(text) or LOCATION_RE.fullmatch(text.strip()):
                continue
            level = header_level(line)
            rng = level[0] if level else None
            if rng is not None and (rng.current or rng.end != rng.start) and n + 1 < len(idxs):
                # Jobs listed before any heading: the rest of the top is experience.
                lead: list[int] = []
                while plain and header_level(self.resume.lines[plain[-1]]) is not None:
                    lead.insert(0, plain.pop())
                self._summary(plain)
                self.roles(lead + idxs[n:], "experience")
                return
            plain.append(i)
        self._summary(plain)

    def _summary(self, idxs: list[int]) -> None:
        """Header lines that say something about the candidate become summary items."""
        for i in idxs:
            text = trim_line(self.resume.lines[i])
            if len(text.split()) >= 3 or len(text) >= 20:
                self.item(i, "summary", None)

    # -- roles --------------------------------------------------------------
    def roles(self, idxs: list[int], section: str) -> None:
        """Find role headers and the bullets under them in an experience-like section."""
        pending: list[HeaderLine] = []
        role: int | None = None
        for i in idxs:
            line = self.resume.lines[i]
            kind = header_level(line)
            if kind is not None:
                pending.append((i, trim_line(line), kind[0], kind[1]))
                continue
            if pending:
                role = self._flush(pending, section, role, closing=False)
                pending = []
            self.item(i, section, role)
        if pending:
            self._flush(pending, section, role, closing=True)

    def _flush(
        self, pending: list[HeaderLine], section: str, role: int | None, closing: bool
    ) -> int | None:
        """Turn pending header lines into roles, or into plain items when they are not one."""
        if not is_role_block(pending, closing):
            for i, _, _, _ in pending:
                self.item(i, section, role)
            return role
        for group in split_roles(pending):
            role = self._add_role(group, section)
        return role

    def _add_role(self, group: list[HeaderLine], section: str) -> int:
        """Record one role from its header lines; header lines naming skills become items."""
        rng = next((p[2] for p in group if p[2] is not None), None)
        title, employer = title_employer([t for _, t, _, _ in group])
        roles = self.resume.roles
        if employer is None and roles and self.role_sections[-1] == section and self.shared:
            employer = roles[-1].employer  # a second role under the same employer line
        else:
            self.shared = len(group) > 1 and employer is not None
        start = rng.start if rng else None
        end = rng.end if rng and not rng.current else None
        roles.append(Role(title, employer, start, end, group[0][0] + 1, bool(rng and rng.current)))
        self.ranges.append(rng)
        self.role_sections.append(section)
        index = len(roles) - 1
        for i, text, _, _ in group:
            if self.vocab.find(text):
                self.item(i, section, index, 0.6)
        return index

    # -- years --------------------------------------------------------------
    def years(self, today: YearMonth | None) -> None:
        """Years per skill from the dated roles whose lines mention it, plus the total."""
        ref = today or _latest(self.ranges)
        intervals = [r.interval(ref) if r else None for r in self.ranges]
        by_skill: dict[str, set[int]] = {}
        for it in self.resume.items:
            if it.role_index is not None and intervals[it.role_index] is not None:
                for m in it.skills:
                    by_skill.setdefault(m.name, set()).add(it.role_index)
        experience = {
            k for k, sec in enumerate(self.role_sections) if sec == "experience"
        } or set(range(len(self.ranges)))
        by_skill[TOTAL_KEY] = experience
        for name, role_idxs in by_skill.items():
            spans = [iv for k in sorted(role_idxs) if (iv := intervals[k]) is not None]
            months = merged_months(spans)
            if months <= 0:
                continue
            self.resume.skill_years[name] = round(months / 12, 1)
            years = [_role_years(self.ranges[k], ref) for k in role_idxs if intervals[k]]
            self.resume.skill_spans[name] = (min(a for a, _ in years), max(b for _, b in years))


def _only_date(text: str) -> bool:
    """True for a line that holds nothing but a date ("Sep 2011 – May 2015"): no evidence."""
    if len(text) > 40 or not any(ch.isdigit() for ch in text):
        return False
    rng = find_date_range(text)
    if rng is None:
        return False
    a, b = rng.span
    return not any(ch.isalpha() for ch in text[:a] + text[b:])


def _role_years(rng: DateRange | None, ref: YearMonth | None) -> tuple[int, int]:
    """First and last calendar year a dated role covers, as the resume writes them."""
    assert rng is not None and rng.start is not None
    end = (ref if rng.current else rng.end) or rng.start
    return rng.start.year, max(rng.start.year, end.year)


def _latest(ranges: list[DateRange | None]) -> YearMonth | None:
    """The latest month any role date names, standing in for today when none is given."""
    months = [ym for r in ranges if r for ym in (r.start, r.end) if ym is not None]
    return max(months, key=YearMonth.index) if months else None


def parse_resume(
    text: str, vocab: Vocabulary | None = None, today: YearMonth | None = None
) -> Resume:
    """Understand a resume: sections, roles with dates, evidence items and years per skill."""
    parser = _Parser(text, vocab if vocab is not None else Vocabulary.default())
    labels = parser.sections()
    segments: list[tuple[str | None, list[int]]] = []
    continued = {i for tails in parser.tails.values() for i in tails}
    for i, label in enumerate(labels):
        if label == "" or not parser.resume.lines[i].strip() or i in continued:
            continue
        if segments and segments[-1][0] == label:
            segments[-1][1].append(i)
        else:
            segments.append((label, [i]))
    for label, idxs in segments:
        if label is None:
            parser.header(idxs)
        elif label == "contact":
            continue  # a "Contact" block is never evidence
        elif label in _ROLE_SECTIONS:
            parser.roles(idxs, label)
        else:
            for i in idxs:
                parser.item(i, label, None)
    parser.resume.items.sort(key=lambda it: it.line)
    parser.years(today)
    return parser.resume
