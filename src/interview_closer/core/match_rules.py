"""Reading cues in a requirement's wording that change what the matcher should look for."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from interview_closer.core import fastre
from interview_closer.core.line_keys import WORD
from interview_closer.core.models import EvidenceItem, Resume, SkillMention
from interview_closer.core.similarity import content_words
from interview_closer.core.stems import stem
from interview_closer.core.vocab import Vocabulary

PEOPLE_MANAGEMENT = "People management"
LEADERSHIP = "Leadership"
# "Managing a team of accountants", "supervising front desk staff": the skill asked is
# leading people; the trade named after it only says whom.
_TEAM_LEAD = fastre.compile(
    r"\b(?:manag|supervis|lead|led\b|direct|oversee|oversaw|head)\w*"
    r"(?:\s+(?:and|&)\s+\w+)?\s+(?:(?:a|an|the|our|your)\s+)?"
    r"(?:(?:small|large|growing|local|global|remote|multi-site|\d+-person)\s+)?"
    r"(?:(?:team|staff|group|crew|department|brigade|work)s?\s+of\b|"
    r"(?:(?!(?:with|across|for|to|between|alongside|among|and)\b)[\w-]+\s+){1,3}"
    r"(?:staff|teams?|crews?|brigades?|employees|workers|personnel)\b|"
    # "Supervising junior paralegals", "supervision of trainee nurses".
    r"(?:of\s+)?(?:(?:junior|trainee|newly qualified|apprentice|student)\s+[\w-]+s|"
    r"new\s+(?:hires|starters|recruits|joiners|employees))\b)",
    re.I)
# "Event management software such as Cvent": the practice only qualifies a tool category.
_CATEGORY_NOUN = fastre.compile(
    r"\s*(?:software|systems?|platforms?|tools?|tooling|applications?|apps?|suites?|"
    r"solutions?|packages?)\b", re.I)
# Role titles that show leading others, for "years of marketing management".
_SENIOR_TITLE = fastre.compile(
    r"\b(?:manager|director|head|lead|leader|supervisor|chief|vp|vice president|principal|"
    r"superintendent|foreman|forewoman|captain|owner|officer)\b", re.I)
_SENIOR_ASK = fastre.compile(r"\b(?:management|managing|manager|leadership|supervis\w*)\b", re.I)
# Words that end an organisation's name, for heading lines whose fields came out swapped.
_ORGANISATION = fastre.compile(
    r"\b(?:inc|llc|ltd|corp|corporation|company|co|group|caf[eé]|coffee|restaurant|bistro|"
    r"bar|grill|bakery|hotel|inn|hospital|clinic|bank|studio|studios|labs?|partners|"
    r"agency|store|shop|market|foundation|university|college|school)\.?$", re.I)
# Words of a requirement that grade the ask rather than name it.
_GRADING = fastre.compile(
    r"\b(?:strong|solid|deep|extensive|hands-on|thorough|sound|demonstrable|demonstrated|"
    r"proven|excellent|exceptional|outstanding|familiarity|familiar|proficiency|proficient|"
    r"expertise|expert|understanding|background|exposure|comfortable|confident|capable|"
    r"practical|prior|previous|successful|track record of|record of|ability to|skills?)\b",
    re.I)
# A credential still being earned, and language levels below what "fluent" asks.
IN_PROGRESS = fastre.compile(
    r"\b(?:candidate|in progress|pursuing|expected|studying|enrolled|passed \d|working towards?|"
    r"part[- ]?qualified|partly qualified|\d+ of \d+ (?:exams|papers|modules)|"
    r"level (?:i{1,2}|[12])\b)", re.I)
HIGH_LEVEL = fastre.compile(
    r"\b(?:fluen\w*|native|bilingual|proficien\w*|business[- ]level|c[12])\b", re.I)
LOW_LEVEL = fastre.compile(r"\b(?:conversational|basic|intermediate|elementary|beginner|limited|"
                        r"working knowledge|[ab][12])\b", re.I)
LANGUAGE_CUE = fastre.compile(r"(?:bi|multi|tri)lingual|fluen\w*", re.I)
_CREDENTIAL_WORD = fastre.compile(
    r"\b(?:certifications?|certificates?|certified|licen[cs]es?|licensed|credentials?|"
    r"accreditations?|accredited|preferred|required|desired|current|valid)\b", re.I)


# The open end of a date range on a heading line: "Mar 2021 – Present" shows no presenting.
_OPEN_END = fastre.compile(r"[-–—]\s*(?:present|current|now|today|date)\b", re.I)


def without_open_end(text: str) -> str:
    """A resume line without the word that ends an open date range ("– Present")."""
    return _OPEN_END.sub(" ", text) if "–" in text or "-" in text or "—" in text else text


def in_role_context(resume: Resume, item: EvidenceItem) -> str:
    """A resume line as read under its role: the role's title, then the line.

    "Drew blood from 40 patients a day" under "Phlebotomist" speaks to "experience as a
    phlebotomist"; the title says what the line's work was part of.
    """
    text = without_open_end(item.text)
    if item.role_index is None or item.role_index >= len(resume.roles):
        return text
    role = resume.roles[item.role_index]
    if item.line == role.line:
        # The heading line holds the title already; the employer's name shows no work.
        return without_open_end(without_employer(resume, item))
    if not role.title:
        return text
    return f"{role.title}: {text}"


_CREDENTIAL_ASK = fastre.compile(
    r"\b(?:qualifications?|certificates?|certifications?|certified|licen[cs]e[sd]?|diplomas?|"
    r"accredit\w*)\b", re.I)


def asks_credential(text: str) -> bool:
    """True when a requirement asks for a credential ("qualification in radiography")."""
    return bool(_CREDENTIAL_ASK.search(text))


def plain_ask(text: str, credential: bool = False) -> str:
    """A requirement without the words that only grade it; the text itself if nothing is left.

    credential: the requirement asks for a credential, so "certification" or "licence" says
    only that; "CSPT certification" is shown by a line naming the CSPT.
    """
    rest = " ".join(_GRADING.sub(" ", text).split())
    if credential:
        rest = " ".join(_CREDENTIAL_WORD.sub(" ", rest).split())
    return rest if WORD.search(rest) else text


def asks_team_lead(text: str) -> bool:
    """True when a requirement asks for leading people ("managing a team of nurses")."""
    return bool(_TEAM_LEAD.search(text))


_TOOLS_AFTER = fastre.compile(r"^\W*(?:\w+\W+){0,2}?(?:in|with|using|on|through)\b", re.I)


def practice_in_tools(
    text: str, surfaces: list[str], kinds: list[str]
) -> tuple[list[int], list[int]] | None:
    """Indices of the practices and of the tools in "a practice in tool A or tool B".

    "Building high-fidelity prototypes in ProtoPie or Framer" asks for the practice and
    one of the tools: the "or" joins the tools, not the practice to them.
    """
    spans = surface_positions(text, surfaces)
    order = sorted(range(len(surfaces)), key=lambda i: spans[i][0])
    if any(spans[i][0] < 0 for i in order):
        return None
    first = next((k for k, i in enumerate(order) if kinds[i] == "tool"), len(order))
    # A name the vocabulary does not know, listed after a tool, is another product.
    tools = [i for k, i in enumerate(order) if kinds[i] == "tool" or (k > first and not kinds[i])]
    # Only a practice the vocabulary knows: a free span before the tools is as often the
    # tools' purpose ("orchestrating workflows with Airflow or Prefect") as a practice.
    practices = [i for i in order if i not in tools and kinds[i]]
    if not tools or not practices or len(tools) < 2:
        return None
    last_practice, first_tool = practices[-1], tools[0]
    if order.index(last_practice) > order.index(first_tool):
        return None
    gap = text[spans[last_practice][0] + spans[last_practice][1] : spans[first_tool][0]]
    return (practices, tools) if _TOOLS_AFTER.match(gap) else None


_JUST_OR = fastre.compile(r"\W*(?:or|and/or)\W*", re.I)


def one_or_other(text: str, surfaces: list[str]) -> bool:
    """True for exactly two skills joined by a plain "or" ("Punjabi or Urdu"): either will do."""
    if len(surfaces) != 2:
        return False
    (a, n), (b, _) = sorted(surface_positions(text, surfaces))
    return a >= 0 and bool(_JUST_OR.fullmatch(text[a + n : b]))


def team_lead_span(text: str) -> tuple[int, int] | None:
    """Where a requirement asks for leading people, with whom ("a team of payroll staff")."""
    m = _TEAM_LEAD.search(text)
    if m is None:
        return None
    # Whom runs on after "team of" to the end of the clause.
    rest = _CLAUSE_END.search(text, m.end())
    return m.start(), rest.start() if rest else len(text)


_CLAUSE_END = fastre.compile(r"[,;:.()]|\s(?:with|in|at|for|across|while|and)\b", re.I)


def surface_spans(text: str, mentions: list[SkillMention]) -> list[tuple[int, int]]:
    """Where each mention's surface starts in this requirement line (-1: not found), and its length.

    Mention offsets point into the whole posting, so the surface is looked up in the line.
    """
    return surface_positions(text, [m.surface for m in mentions])


def surface_positions(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """Where each surface starts in a line, case aside (-1: not found), and its length."""
    lowered = text.lower()
    return [(lowered.find(s.lower()), len(s)) for s in surfaces]


def bare_category(surface: str) -> bool:
    """True for a span that only names a kind of product ("system", "tools")."""
    return _CATEGORY_NOUN.fullmatch(surface) is not None


def listed_with_known(text: str, mentions: list[SkillMention], known: list[bool]) -> set[int]:
    """Indices of unknown mentions listed beside a known one: asked as a skill of their own.

    "Drafting commercial leases and handling conveyancing": a few words with "and", "or"
    or a comma between them make a list. Words glued to the known skill ("espresso
    preparation skills") only describe it, and a span further off is most often a
    phrase of the sentence ("will help you get up to speed"), not a skill asked; nor are
    the people the work is done with ("and product managers").
    """
    sides = ["known" if k else "free" for k in known]
    return {j if known[i] else i
            for i, j, between in _followers(text, mentions, sides, ("known", "free"))
            if known[i] != known[j] and len(between.split()) <= 3 and _LIST_JOIN.search(between)
            and not _PEOPLE_NOUN.search(mentions[j if known[i] else i].surface)}  # fmt: skip


# Whom the work is done with ("dispatch operations and product managers"): not a skill.
_PEOPLE_NOUN = fastre.compile(
    r"\b(?:managers?|engineers?|teams?|stakeholders?|customers?|clients?|partners?|"
    r"colleagues?|staff|developers?|analysts?|designers?|leaders?|users?|vendors?|"
    r"suppliers?|executives?|people|members?|parents?|carers?|families|guardians?)$", re.I)


_LIST_JOIN = fastre.compile(r",|&|/|\b(?:and|or|plus)\b", re.I)


def category_qualifiers(text: str, mentions: list[SkillMention]) -> set[int]:
    """Indices of mentions that only qualify a tool category ("HR software", "a WMS system")."""
    return {i for i, (at, size) in enumerate(surface_spans(text, mentions))
            if at >= 0 and _CATEGORY_NOUN.match(text, at + size)}  # fmt: skip


def _followers(
    text: str, mentions: list[SkillMention], kinds: list[str], lead: tuple[str, ...]
) -> Iterator[tuple[int, int, str]]:
    """(i, j, words between) for each mention i of a lead kind found in the line and each
    mention j that starts after it."""
    spans = surface_spans(text, mentions)
    for i, (at, size) in enumerate(spans):
        if at < 0 or kinds[i] not in lead:
            continue
        for j, (other, _) in enumerate(spans):
            if other > at:
                yield i, j, text[at + size : other]


def tool_descriptors(text: str, mentions: list[SkillMention], kinds: list[str]) -> set[int]:
    """Indices of practice mentions that directly follow a tool and only describe it.

    "Microsoft Access database experience" asks for Access; "database" says what Access is.
    """
    # Only a practice describes a tool; "AWS certification" asks for the credential.
    return {j for _, j, between in _followers(text, mentions, kinds, ("tool",))
            if kinds[j] == "skill" and not between.strip(" -")}  # fmt: skip


_VIA = fastre.compile(r"\s*(?:with|using|in|via|through|on)\s+(?:an?\s+|the\s+)?", re.I)


def tool_purposes(
    text: str, mentions: list[SkillMention], kinds: list[str], related: Callable[[str, str], bool]
) -> set[int]:
    """Indices of mentions that only say what a related named tool is for.

    "Infrastructure as code with Terraform" asks for Terraform; infrastructure as code is
    what Terraform does, so evidence of Terraform answers the whole requirement. Only a
    mention of the same family counts ("Python with Django" still asks for both).
    """
    return {i for i, j, between in _followers(text, mentions, kinds, ("skill", "tool"))
            if kinds[j] == "tool" and related(mentions[i].name, mentions[j].name)
            and _VIA.fullmatch(between)}  # fmt: skip


# "Zendesk or a similar ticketing system": the practice after the tool names its kind.
_OR_SIMILAR = fastre.compile(
    r"\s*,?\s*or\s+(?:an?\s+|any\s+|some\s+)?(?:other\s+|another\s+)?"
    r"(?:similar|equivalent|comparable|other|another|alternative)?\s*", re.I)
_SIMILAR_WORD = fastre.compile(r"similar|equivalent|comparable|other|another|alternative", re.I)
# "Communication with parents and carers": after a soft skill, whom it is practised with.
_AUDIENCE = fastre.compile(r"\s*(?:with|to|for|across)\s+(?:[\w'-]+\s+){0,4}?", re.I)


def kind_of_tool(text: str, mentions: list[SkillMention], kinds: list[str]) -> set[int]:
    """Indices of practice mentions that follow "<tool> or a similar" and only name its kind."""
    return {j for _, j, between in _followers(text, mentions, kinds, ("tool",))
            if kinds[j] == "skill" and between.strip() and _OR_SIMILAR.fullmatch(between)
            and _SIMILAR_WORD.search(between)}  # fmt: skip


def soft_audiences(text: str, mentions: list[SkillMention], kinds: list[str]) -> set[int]:
    """Indices of mentions that only say whom a soft skill is practised with.

    "Strong communication with parents and carers" asks for communication; carers are the
    audience, not caregiving.
    """
    return {j for _, j, between in _followers(text, mentions, kinds, ("soft",))
            if kinds[j] != "soft" and _AUDIENCE.fullmatch(between)}  # fmt: skip


def people_worked_with(text: str, mentions: list[SkillMention]) -> set[int]:
    """Indices of mentions that name the people one works with, not a skill.

    "Work with dispatch operations and product managers": product managers are
    colleagues; the line asks nothing of product management.
    """
    spans = surface_spans(text, mentions)
    cue = _WORK_WITH.search(text)
    if cue is None:
        return set()
    return {i for i, (at, size) in enumerate(spans)
            if at >= cue.end() and _PEOPLE_NOUN.search(text[at : at + size])}  # fmt: skip


_WORK_WITH = fastre.compile(
    r"\b(?:work|working|partner|partnering|collaborate|collaborating|liaise|liaising|"
    r"partnerships?|relationships?)\s+(?:closely\s+)?(?:with|alongside)\b", re.I)


# Verbs that say how one works, not on what: "managing a team" keeps only "managing"
# once "team" is dropped as a stop word, and that meets "management accounts".
_GENERIC_VERBS = frozenset(stem(w) for w in (
    "manage managing managed management lead leading led support supporting supported "
    "develop developing developed deliver delivering delivered drive driving handle "
    "handling run running own owning oversee overseeing coordinate coordinating").split())


def only_generic(query: str) -> bool:
    """True when a query's content words are all verbs of doing in general ("managing")."""
    words = content_words(query)
    return bool(words) and all(stem(w) in _GENERIC_VERBS for w in words)


def senior_ask(subject: str) -> bool:
    """True when a years subject asks for leading ("marketing management", "supervisory")."""
    return bool(_SENIOR_ASK.search(subject))


def senior_title(title: str | None) -> bool:
    """True when a role title shows leading others (manager, lead, head, supervisor...)."""
    return bool(title and _SENIOR_TITLE.search(title))


def without_employer(resume: Resume, item: EvidenceItem) -> str:
    """A line without the employer's name when it is a role's heading line."""
    if item.role_index is None or item.role_index >= len(resume.roles):
        return item.text
    role = resume.roles[item.role_index]
    if item.line != role.line or not role.employer or _UNIT.search(role.employer):
        return item.text
    return item.text.replace(role.employer, " ")


def employer_mention(resume: Resume, item: EvidenceItem, mention: SkillMention) -> bool:
    """True when a mention lies inside an organisation's name on a role's heading line.

    "Barista, Java Junction Café" names a café, not the Java language; "Engineer, Oracle"
    names an employer, not a database.
    """
    if item.role_index is None or item.role_index >= len(resume.roles):
        return False
    role = resume.roles[item.role_index]
    if item.line != role.line:
        return False
    for name, always in ((role.employer, True), (role.title, False)):
        if not name or (not always and not _ORGANISATION.search(name)) or _UNIT.search(name):
            continue
        at = item.text.find(name)
        if at >= 0 and at <= mention.start and mention.end <= at + len(name):
            return True
    return False


# A part of an organisation named for its work: "Emergency Department", "Payroll Team".
_UNIT = fastre.compile(r"\b(?:department|dept|unit|ward|team|division|desk)\b", re.I)
_CREDENTIAL_WORDS = fastre.compile(
    r"\b(?:certified|certification|certificate|licen[cs]ed?|technician|professional|course|"
    r"core|specialist|registered|board|credential|associate|exam|program)\b", re.I)


def credential_subjects(vocab: Vocabulary, name: str) -> list[str]:
    """Practices a certification is named after ("Certified Phlebotomy Technician" ->
    Phlebotomy), found by reading its canonical name with the vocabulary."""
    entry = vocab.entry(name)
    if entry is None or entry.kind != "certification":
        return []
    out: list[str] = []
    pending = [_CREDENTIAL_WORDS.sub(" ", name)]
    while pending:
        text = pending.pop()
        for m in vocab.find(text):
            other = vocab.entry(m.name)
            if other is None or m.name in out:
                continue
            if other.kind in ("tool", "skill"):
                out.append(m.name)
            elif " " in m.surface.strip():
                # "AWS Solutions Architect" names the credential again: read word by word.
                pending.extend(m.surface.split())
    return out
