"""Names a requirement asks that the vocabulary does not know: forms, acts, products."""

from __future__ import annotations

import re

from interview_closer.core import fastre
from interview_closer.core.match_rules import surface_spans
from interview_closer.core.models import SkillMention

_NAME_WORD = r"(?:[A-Z][a-z]+|[A-Z]{2,}\b)"
_NAME_RUN = fastre.compile(
    rf"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the|&)\s+|\s+){_NAME_WORD}"
    rf"(?:(?:\s+(?:of|and|for|the|&))?\s+{_NAME_WORD})*")
_CAPITAL_WORD = fastre.compile(r"\b[A-Z]")


def unnamed_names(
    text: str, mentions: list[SkillMention]
) -> tuple[list[SkillMention], set[int]]:
    """Capitalised names in a line the vocabulary does not know, and the mentions they hold.

    A name is two or more capitalised words not at the start of the line ("Record of
    Employment filings", "Liquidlogic LCS"): a form, an act or a product, asked as much as
    the skills the vocabulary knows. A name of three or more words around a known skill
    is asked whole: "Transport Planning Professional" is a title, not transport planning.
    A line in Title Case names nothing by its capitals.
    """
    if _title_case(text):
        return [], set()
    spans = [(at, at + n) for at, n in surface_spans(text, mentions)]
    out: list[SkillMention] = []
    swallowed: set[int] = set()
    for m in _NAME_RUN.finditer(text):
        start, opening = m.start(), None
        if start == 0:
            # "Knowledge of Health Insurance ...": the opening word is capitalised by place.
            opening = _OPENING_ASK.match(text)
            start = opening.end() if opening else 0
        run = (start, m.end())
        # Skills listed inside the run ("Land Registration Act and Clio") are not in a name.
        inside = {i for i, (a, b) in enumerate(spans)
                  if a >= 0 and run[0] <= a and b <= run[1] and (a, b) != run
                  and not _LIST_BEFORE.search(text, run[0], a)
                  and not _LIST_AFTER.match(text, b, run[1])}
        if inside and len(_CAPITAL_WORD.findall(text[start : m.end()])) >= 3:
            swallowed |= inside
            out.append(SkillMention(text[start : m.end()], text[start : m.end()], *run))
            continue
        if (start == 0 and opening is None) or any(a <= start < b for a, b in spans):
            continue
        # A run ends where a named skill starts ("the Land Registration Act and Clio").
        end = min([a for a, _ in spans if start < a < m.end()] + [m.end()])
        name = _TRAILING_JOINER.sub("", text[start:end])
        if _NAME_RUN.fullmatch(name) and not _issuer(text, start, name):
            out.append(SkillMention(name, name, start, start + len(name)))
    return out, swallowed


_ISSUED_BY = fastre.compile(r"\b(?:from|by|through|via|with|at)\s+(?:the\s+)?$", re.I)
_BODY = fastre.compile(
    r"\b(?:association|council|society|institute|board|agency|commission|authority|"
    r"department|university|college|trust|foundation|federation|academy)$", re.I)


def _issuer(text: str, start: int, name: str) -> bool:
    """True for a body that issues or hosts what is asked ("from the Heart Association")."""
    return bool(_ISSUED_BY.search(text[:start]) or _BODY.search(name))


_LIST_BEFORE = fastre.compile(r"\s(?:and|&)\s+$")
_LIST_AFTER = fastre.compile(r"\s+(?:and|&)\s")
_OPENING_ASK = fastre.compile(
    r"(?i:knowledge|experience|understanding|familiarity|proficiency|expertise|exposure|"
    r"awareness|background)(?:\s+(?:of|in|with))?\s+(?:the\s+)?(?=[A-Z])")


_TRAILING_JOINER = fastre.compile(r"(?:\s+(?:of|and|for|the|&))*\s*$")


def _title_case(text: str) -> bool:
    """True for a line in Title Case, whose capitals name nothing."""
    long_words = [w for w in text.split() if len(w) > 3]
    return bool(long_words) and all(_CAPITAL_WORD.match(w) for w in long_words)


# One word that can only be a name: an acronym ("VISSIM"), a word with a capital inside
# ("CeMAP", "BadgerNet"), or a capitalised word after the line's first ("the Euroking system").
_ONE_WORD_NAME = fastre.compile(
    r"\b(?:[A-Z]{2,}[A-Za-z0-9]*|[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[A-Z][a-z]+)\b")


_NUMBER_AFTER = fastre.compile(r"\s+\d")


def one_word_names(text: str, taken: list[SkillMention]) -> list[SkillMention]:
    """One-word names in a line that no mention covers: products or credentials unknown.

    A product or credential the vocabulary has never heard of ("CeMAP", "Koha") is asked as
    much as a known one, and only that name shows it: no line sharing other words does.
    taken: the line's mentions and longer names; a word inside one is not a name again.
    """
    if _title_case(text):
        return []
    spans = [(at, at + n) for at, n in surface_spans(text, taken) if at >= 0]
    # A mention's words, wherever they recur ("proficiency in Go ... written in Go").
    said = {text[a:b].lower() for a, b in spans}
    # A word of a longer capitalised run belongs to that name ("New Roads and Street Works").
    spans += [m.span() for m in _NAME_RUN.finditer(text)]
    out: list[SkillMention] = []
    for m in _ONE_WORD_NAME.finditer(text):
        word, at = m.group(0), m.start()
        if at == 0 and word[1:].islower():
            continue  # "Supervise ...": the line's first word is capitalised by place
        if word[1:].islower() and _NUMBER_AFTER.match(text, m.end()):
            continue  # "Year 6", "Forms 1094-C": a word with a number names a grade or form
        if any(a <= at < b for a, b in spans) or word.lower() in said:
            continue
        out.append(SkillMention(word, word, at, m.end()))
    return out
