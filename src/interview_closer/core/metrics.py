"""Measurable results in a resume line: percentages, money, counts, multipliers, durations."""

from __future__ import annotations

import re

from interview_closer.core import fastre

# A number: "2,000", "1.5", "30"; never the tail of a word or code ("COVID-19", "v2", "A1").
_NUM = r"(?<![\w.,/])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM_BARE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:k|K|m|M|mm|MM|bn|BN|b|B|thousand|million|billion|trillion|lakh|crore)(?![A-Za-z])"
_CURRENCY = r"(?:[$€£¥₹]|US\$|A\$|C\$|USD\s?|EUR\s?|GBP\s?|CAD\s?|AUD\s?)"
_CODE_AFTER = r"(?:\s?(?:USD|EUR|GBP|CAD|AUD|dollars|euros|pounds))"
_RANGE_TAIL = r"(?:\s?(?:-|–|to)\s?" + _NUM_BARE + r")?"

_DURATION_UNITS = (
    r"(?i:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|seconds?"
    r"|secs?|milliseconds?|ms|quarters?|semesters?|shifts?)"
)
# Nouns that make a bare number a measurable count even when singular or unusual.
_UNITS = (
    r"(?:people|staff|students|pupils|learners|patients|beds|users|customers|clients|accounts"
    r"|employees|engineers|developers|nurses|reports|direct\s+reports|members|volunteers"
    r"|stores|sites|locations|branches|countries|markets|languages|schools|classes|courses"
    r"|projects|products|releases|deployments|services|servers|nodes|clusters|pipelines"
    r"|requests|transactions|orders|tickets|calls|leads|deals|units|sku|skus|items|vendors"
    r"|suppliers|partners|hires|candidates|events|attendees|participants|families|cases"
    r"|claims|invoices|shipments|pallets|trucks|vehicles|routes|rooms|guests|covers|tables"
    r"|beds|followers|subscribers|downloads|visitors|views|pages|articles|features|tests"
    r"|bugs|incidents|facilities|departments|teams|states|regions|points|pts|kg|lbs|tons"
    r"|tonnes|miles|km|sq\s?ft|ft|gb|tb|pb|qps|rps|tps)"
)
_STOP_WORDS = (
    "is was has does this thus plus less across unless always whereas its his hers ours "
    "yours theirs as us yes series various previous"
)
_STOP_NOUNS = frozenset(_STOP_WORDS.split())
_TEAM_WORDS = (
    r"(?i:team|staff|group|crew|department|portfolio|caseload|class|cohort|squad|unit|"
    r"organi[sz]ation|network|book)"
)
_NUMBER_WORDS = (
    r"(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|hundred)"
)

_FUNCTION_WORDS = r"(?:and|or|of|to|in|on|at|for|with|by|from|the|a|an|per|than|into)"
# What follows a number to make it a count: up to two modifiers, then a plural or a unit.
_COUNT_TAIL = (
    rf"\s(?:(?!{_FUNCTION_WORDS}\b)[A-Za-z][A-Za-z-]*\s){{0,2}}?(?:{_UNITS}\b|[a-z]+s\b)"
)
# Words before a number that make it a label rather than a result ("Tier 1", "Python 3").
_LABEL_BEFORE_RE = fastre.compile(
    r"(?:tier|level|phase|version|v|step|stage|grade|type|class|year|windows|python|java"
    r"|gen|series|part|chapter|section|room|suite|unit|floor|ward|band|round)[\s.#-]*$",
    re.IGNORECASE,
)

_METRIC_RE = fastre.compile(
    "|".join(
        [
            # money: "$1.2M", "€300k", "£50,000", "USD 2 million", "1.5M USD"
            rf"(?:[+~≈]\s?)?{_CURRENCY}\s?{_NUM_BARE}(?:\s?{_SCALE})?{_RANGE_TAIL}(?:\s?{_SCALE})?",
            rf"{_NUM}(?:\s?{_SCALE})?{_CODE_AFTER}(?![A-Za-z])",
            # percentages: "30%", "15-20 %", "40 percent", "+12 pct"
            rf"(?:[+~≈-]\s?)?{_NUM}{_RANGE_TAIL}\s?(?:%|(?i:percent|per\s?cent|pct)\b)",
            # percentage points and multipliers: "3x", "10×", "2.5-fold"
            rf"{_NUM}\s?(?:[xX×](?![A-Za-z\d])|-?fold\b)",
            # ratings: "4.8/5", "9/10"
            r"(?<![\w./])\d(?:\.\d)?\s?/\s?(?:5|10)(?![\d/])",
            # rank: "#1", "top 5", "top 10%"
            r"#\d+\b|\b(?i:top)\s\d+(?:\s?%)?",
            # "team of 6 engineers", "caseload of twelve"
            rf"\b{_TEAM_WORDS}\s+of\s+(?:{_NUM_BARE}\+?|{_NUMBER_WORDS}\b)"
            rf"(?:\s+(?!(?:{'|'.join(sorted(_STOP_NOUNS))})\b)[A-Za-z]+s\b)?",
            # durations: "3 years", "48-hour", "200 ms"
            rf"{_NUM}\+?\s?-?\s?{_DURATION_UNITS}\b",
            # scaled numbers: "1.2 million", "10k+ daily active users"
            rf"{_NUM}\+?\s?{_SCALE}\+?(?:{_COUNT_TAIL})?",
            # counts: "30 students", "2,000+ active users", "12-bed unit"
            rf"{_NUM}(?:\s?(?:-|–|to)\s?{_NUM_BARE})?\+?(?:-[a-z]+\b|{_COUNT_TAIL})",
            # "40+" on its own still states a result
            rf"{_NUM}\+(?![\w+])",
        ]
    ),
)
# A bare four-digit year is a date, not a result, unless a listed unit follows it.
_YEAR_ONLY_RE = fastre.compile(r"(?:19|20)\d\d(?:\s(?:[a-z][a-z-]*\s){0,2}?([A-Za-z][a-z]+))?$")
_UNIT_ONLY_RE = fastre.compile(rf"{_UNITS}$", re.IGNORECASE)
_LAST_WORD_RE = fastre.compile(r"([A-Za-z]+)$")
_WORD_COUNT_RE = fastre.compile(rf"\b{_TEAM_WORDS}\s+of\s+{_NUMBER_WORDS}\b", re.IGNORECASE)


def _keep(text: str) -> bool:
    """Reject matches that are really years or a number followed by a plain word."""
    m = _YEAR_ONLY_RE.match(text)
    if m:
        return bool(m.group(1)) and bool(_UNIT_ONLY_RE.match(m.group(1)))
    last = _LAST_WORD_RE.search(text)
    return not (last and last.group(1).lower() in _STOP_NOUNS)


def find_metric_spans(line: str) -> list[tuple[int, int]]:
    """Offsets of every measurable result in a line, in order and non-overlapping."""
    if not line or not (any(ch.isdigit() for ch in line) or _WORD_COUNT_RE.search(line)):
        return []
    spans: list[tuple[int, int]] = []
    for m in _METRIC_RE.finditer(line):
        start, end = m.span()
        text = line[start:end].rstrip()
        if text and _keep(text) and not _LABEL_BEFORE_RE.search(line, max(0, start - 12), start):
            spans.append((start, start + len(text)))
    return spans


def find_metrics(line: str) -> list[str]:
    """The measurable results in a line as verbatim substrings ("30%", "$1.2M", "team of 6")."""
    return [line[a:b] for a, b in find_metric_spans(line)]


def has_metric(line: str) -> bool:
    """True when the line states at least one measurable result."""
    return bool(find_metric_spans(line))
