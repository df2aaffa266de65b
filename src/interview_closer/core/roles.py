"""Role headers in a resume: which lines head a role, and which pieces are title and employer."""

from __future__ import annotations

import re

from interview_closer.core import fastre
from interview_closer.core.dates import DateRange, find_date_range
from interview_closer.core.metrics import find_metrics


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that end or fill a job title; words that mark an organisation.
TITLE_WORDS = _wordset(
    """engineer developer manager nurse analyst teacher director specialist assistant consultant
    associate representative lead intern officer coordinator administrator architect designer
    scientist technician supervisor executive head vp president ceo cto cfo coo founder cofounder
    co-founder owner clerk accountant auditor bookkeeper cashier chef cook server bartender driver
    operator mechanic electrician plumber carpenter welder therapist physician pharmacist paramedic
    aide practitioner rn lpn cna instructor professor lecturer tutor educator counselor counsellor
    advisor adviser agent recruiter planner buyer writer editor producer strategist marketer
    researcher fellow trainee apprentice volunteer partner principal programmer tester sre
    receptionist secretary hygienist dietitian midwife surgeon doctor dentist inspector estimator
    controller treasurer underwriter broker banker teller host hostess housekeeper custodian
    guard paralegal attorney lawyer solicitor foreman superintendent dean chair coach trainer
    worker attendant handler dispatcher scheduler merchandiser stylist photographer artist
    illustrator animator copywriter journalist reporter translator interpreter librarian pilot
    steward stewardess sergeant captain lieutenant technologist sonographer radiographer
    phlebotomist caregiver nanny paraprofessional substitute faculty ambassador liaison
    generalist expert associate partner picker packer loader stocker barista waiter waitress
    busser barback dishwasher porter valet cleaner janitor laborer labourer installer lifeguard
    babysitter concierge sommelier baker butcher machinist fabricator assembler courier
    crew deckhand groundskeeper landscaper roofer painter plasterer bricklayer glazier"""
)
SENIORITY = _wordset("senior junior lead principal staff chief head associate assistant sr jr")
COMPANY_WORDS = _wordset(
    """inc llc llp ltd limited corp corporation co company gmbh ag sa plc group holdings
    hospital hospitals clinic clinics health healthcare medical university college school schools
    academy institute bank foundation agency labs lab technologies technology systems solutions
    services consulting studio studios restaurant restaurants hotel hotels store stores district
    council department ministry church center centre associates partners network networks
    pharmacy trust nhs authority county city bureau office firm ventures capital industries
    manufacturing logistics retail media publishing games software analytics international
    global freight cafe café coffee bakery bistro brasserie diner grill kitchen pub bar brewery
    salon spa gym market shop boutique farm works"""
)

BULLET_RE = fastre.compile(
    r"^\s*(?:[•·▪◦●○■□➢➤►✓✔❖♦◆→⁃\uf0b7\uf0a7\uf076\uf0d8]+\s*|[*+>]+\s+|[-–—]+(?:\s+|(?=[A-Z]))|\d{1,2}[.)]\s+|#{1,6}\s+)"
)
MD_HEADING_RE = fastre.compile(r"^\s*#{1,6}\s+")
BOLD_RE = fastre.compile(r"^\s*(\*\*|__)(.+?)\1\s*$")
_WORD_RE = fastre.compile(r"[^\W\d_][\w'’.+#&-]*")  # any alphabet: "Café", "Zürich"
LOCATION_RE = fastre.compile(
    # "Austin, TX": case-sensitive, or "Nurse, St. Vincent" would read as a place.
    r"(?-i:\b[A-Z][a-zA-Z.\-]+(?:\s[A-Z][a-zA-Z.\-]+)?,\s?(?:[A-Z]{2}|USA|UK)\b"
    r"(?:,?\s?(?:USA|US))?)"
    r"|\((?:[^()]*\b(?:remote|hybrid|on-?site|contract|part-time|full-time|temporary|"
    r"per diem|locum|internship|freelance)\b[^()]*)\)"
    r"|\b(?:remote|hybrid|on-?site)\b"
    r"|\(?\b\d+\+?\s(?:years?|yrs?|months?|mos?)(?:,?\s\d+\s(?:months?|mos?))?\b\)?",
    re.IGNORECASE,
)
# A line that only states how long a job lasted ("3 years 2 months", LinkedIn style).
_DURATION_LINE_RE = fastre.compile(
    r"^\(?\d+\+?\s(?:years?|yrs?|months?|mos?)(?:,?\s\d+\s(?:months?|mos?))?\)?$", re.I
)
_SPLIT_RE = fastre.compile(
    r"\s+(?:at|@)\s+|\s*[|•·\t]\s*|\s+[–—-]+\s+|[–—]|,\s+|\s{2,}|\*\*|__|[()]"
)
_AT_RE = fastre.compile(r"\s(?:at|@)\s")
_FRAG_TRIM = " \t*_#()[]{},;:-–—|•·."
_LABEL_RE = fastre.compile(
    r"^(?:company|employer|title|position|role|organi[sz]ation)\s*:\s*", re.I
)
# A full stop ends a sentence unless it ends an abbreviation ("Acme Inc.").
SENTENCE_END_RE = fastre.compile(
    r"(?<!\bInc|\bLtd|\bLLC|\bPLC|\binc|\bltd)(?<!\bCorp)(?<!\bCo)\.\s*$"
)
_SEPARATORS = (" | ", " — ", " – ", " at ", " @ ")

HeaderLine = tuple[int, str, DateRange | None, bool]
"""A pending header line: index, trimmed text, its date range, whether markdown/bold."""


def trim_line(line: str) -> str:
    """The evidence text of a line: whitespace, bullet markers and wrapping bold removed."""
    text = BULLET_RE.sub("", line, count=1).strip()
    for mark in ("**", "__"):
        if len(text) > 4 and text.startswith(mark) and text.endswith(mark):
            text = text[2:-2].strip()
    return text


def _words(text: str) -> list[str]:
    return [w.lower().rstrip(".,") for w in _WORD_RE.findall(text)]


def title_score(frag: str) -> float:
    """How much a piece of a header reads like a job title (0 or less: not a title)."""
    words = _words(frag)
    if not words:
        return 0.0
    score = 2.0 if words[-1] in TITLE_WORDS else 0.0
    score += sum(1.0 for w in words[:-1] if w in TITLE_WORDS)
    score += sum(0.5 for w in words if w in SENIORITY)
    if any(w in COMPANY_WORDS for w in words):
        score -= 1.5
    return score


# Words naming a part of an organisation ("Emergency Department"): they weigh less than
# words naming the organisation itself ("Bayside General Hospital").
UNIT_WORDS = _wordset("department unit ward division office team floor wing")


def employer_score(frag: str) -> float:
    """How much a piece of a header reads like an organisation's name."""
    words = _words(frag)
    score = sum(1.0 if w in UNIT_WORDS else 2.0 for w in words if w in COMPANY_WORDS)
    return score - (1.0 if words and words[-1] in TITLE_WORDS else 0.0)


def cue_line(text: str) -> bool:
    """A short non-sentence line naming a job title or an employer."""
    words = _words(text)
    if not words or len(words) > 12 or len(text) > 110 or SENTENCE_END_RE.search(text):
        return False
    return any(w in TITLE_WORDS or w in COMPANY_WORDS for w in words) or any(
        sep in text for sep in _SEPARATORS
    )


def weak_line(text: str) -> bool:
    """A short Title Case line ('Globex', 'Northwind Traders') that may name an employer."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and not SENTENCE_END_RE.search(text)
        and all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in words)
    )


def header_level(line: str) -> tuple[DateRange | None, bool] | None:
    """(date range, is markdown/bold) when a line could be part of a role header, else None."""
    if BULLET_RE.match(line) and not MD_HEADING_RE.match(line):
        return None
    text = trim_line(line)
    if not text:
        return None
    md = bool(MD_HEADING_RE.match(line) or BOLD_RE.match(line))
    rng = find_date_range(text)
    if rng is not None:
        rest = text[: rng.span[0]] + " " + text[rng.span[1] :]
        point = not rng.current and rng.end == rng.start
        # "Raised sales 20% in 2019." is an achievement that happens to name a year.
        if len(rest.split()) <= 12 and not (
            point and (find_metrics(text) or SENTENCE_END_RE.search(text))
        ):
            return rng, md
    if md or cue_line(text) or weak_line(text) or _DURATION_LINE_RE.match(text):
        return None, md
    return None


def role_header_like(line: str) -> bool:
    """A dated or emphasised line, or a short one naming a title: part of a role header."""
    level = header_level(line)
    if level is None:
        return False
    return level[0] is not None or level[1] or len(line.split()) < 8


def is_role_block(pending: list[HeaderLine], closing: bool) -> bool:
    """Whether pending header lines make a role (a date or heading, or a cue before content)."""
    if any(rng is not None or md for _, _, rng, md in pending):
        return True
    return any(cue_line(t) for _, t, _, _ in pending) and (not closing or len(pending) == 1)


def split_roles(pending: list[HeaderLine]) -> list[list[HeaderLine]]:
    """Split a run of header lines into one group per date range (lines after the last join it)."""
    dated = [k for k, p in enumerate(pending) if p[2] is not None]
    groups: list[list[HeaderLine]] = []
    start = 0
    for k in dated[:-1]:
        groups.append(pending[start : k + 1])
        start = k + 1
    groups.append(pending[start:])
    return groups


def fragments(line: str, dates: DateRange | None) -> list[tuple[str, bool]]:
    """Verbatim pieces of a header line without its date and location, each with 'bold'."""
    text = line
    if dates is not None:
        a, b = dates.span
        text = text[:a] + "|" * (b - a) + text[b:]
    text = LOCATION_RE.sub(lambda m: "|" * len(m.group(0)), text)
    bold = "**" in line or "__" in line
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in [*_SPLIT_RE.finditer(text), None]:
        piece_end = m.start() if m else len(text)
        piece = _LABEL_RE.sub("", text[pos:piece_end].strip(_FRAG_TRIM))
        is_bold = bold and ("**" in line[max(0, pos - 2) : pos + 1] or bool(BOLD_RE.match(line)))
        if piece and any(ch.isalpha() for ch in piece) and "|" not in piece:
            out.append((piece, is_bold))
        if m is not None:
            pos = m.end()
    return out


def title_employer(texts: list[str]) -> tuple[str | None, str | None]:
    """Decide which pieces of a role header's lines are the job title and the employer."""
    frags: list[tuple[str, bool]] = []
    for text in texts:
        at = _AT_RE.search(text)
        if at and title_score(text[: at.start()]) > 0:
            # "Senior Data Engineer at Acme Corp (2019-2021)"
            head = fragments(text[: at.start()], None)
            tail = fragments(text[at.end() :], find_date_range(text[at.end() :]))
            if head and tail:
                return head[-1][0], tail[0][0]
        frags.extend(fragments(text, find_date_range(text)))
    if not frags:
        return None, None
    scores = [title_score(f) for f, _ in frags]
    best = max(range(len(frags)), key=lambda i: (scores[i], -i))
    title = frags[best][0] if scores[best] > 0 else None
    rest = [(f, b) for i, (f, b) in enumerate(frags) if title is None or i != best]
    if not rest:
        return title, None
    emp_scores = [employer_score(f) + (1.0 if b else 0.0) for f, b in rest]
    best_emp = max(range(len(rest)), key=lambda i: (emp_scores[i], -i))
    employer: str | None = rest[best_emp][0]
    if title is None:
        others = [f for i, (f, _) in enumerate(rest) if i != best_emp]
        if others:
            title = others[0]
        elif emp_scores[best_emp] <= 0:
            # A lone piece with no cue at all ("Freelance") is more likely a title.
            title, employer = employer, None
    return title, employer
