"""Posting section headings and, where a posting has none, section cues in sentences."""

from __future__ import annotations

import re

from interview_closer.core import fastre

# Heading words for each section kind, checked in this order (preferred before
# requirements, so "Preferred qualifications" is not taken for a requirement).
_HEADING_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("eeo", fastre.compile(r"equal (?:employment )?opportunit|eeo|diversity|accommodation|"
                       r"non-?discrimination|legal notice|privacy", re.I)),
    ("benefits", fastre.compile(r"benefit|perks|we offer|what we offer|compensation|salary|"
                            r"why (?:join|work)|what'?s in it|pay\b|rewards", re.I)),
    ("preferred", fastre.compile(r"prefer|nice[ -]to[ -]have|bonus|plus|desirable|"
                             r"would be great|extra credit|stand out|ideal", re.I)),
    ("requirements", fastre.compile(r"requir|qualifica|what you(?:'ll| will)? (?:bring|need|have)|"
                                r"must[ -]have|skills|experience|who you are|about you|"
                                r"you have|you bring|competenc|education|looking for|"
                                r"what we(?:'re| are) looking", re.I)),
    ("responsibilities", fastre.compile(r"responsib|duties|what you(?:'ll| will) do|the role|"
                                    r"your role|day[ -]to[ -]day|in this role|you will|"
                                    r"key tasks|the job|accountabilit|what you'll be doing|"
                                    r"position summary|job description|overview", re.I)),
    ("about", fastre.compile(r"about|who we are|our (?:company|mission|story|team)|company", re.I)),
    ("apply", fastre.compile(r"how to apply|apply|application process|next steps", re.I)),
]

_MD_HEADING = fastre.compile(r"^\s{0,3}#{1,6}\s+\S")
_BOLD_LINE = fastre.compile(r"^\s*(?:\*\*|__)[^*_]{2,60}(?:\*\*|__)\s*:?\s*$")


def is_heading(line: str) -> bool:
    """True for a line that is a section heading: markdown, bold, caps, or short with a colon."""
    s = line.strip()
    if not s or len(s) > 70:
        return False
    if _MD_HEADING.match(line) or _BOLD_LINE.match(line):
        return True
    if s[0] in "-*•·▪◦":
        return False
    if ":" in s.rstrip(":"):
        return False  # "Company: Acme" is a field, not a heading
    words = s.rstrip(":").split()
    if len(words) > 8:
        return False
    if s.endswith(":"):
        return True
    letters = [c for c in s if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    # A short title-case line naming a known section ("Requirements", "What You'll Do").
    return len(words) <= 6 and not s.endswith((".", ",", ";")) and classify_heading(s) != "other"


def classify_heading(line: str) -> str:
    """The section kind a heading names ('other' when it names none)."""
    clean = line.strip().strip("#*_: ").strip()
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(clean):
            return kind
    return "other"


_SENTENCE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("eeo", fastre.compile(r"equal opportunity|without regard to|race, colou?r|sexual orientation|"
                       r"protected (?:veteran|characteristic|class)|reasonable accommodation|"
                       r"e-verify|affirmative action", re.I)),
    ("benefits", fastre.compile(r"\b(?:we offer|benefits include|401\(?k\)?|pto\b|paid time off|"
                            r"health(?:care)? insurance|dental|vision|pension|stock options|"
                            r"equity|salary range|competitive (?:salary|pay)|parental leave|"
                            r"gym|wellness|annual bonus)", re.I)),
    ("apply", fastre.compile(r"\b(?:to apply|apply now|send (?:your|a) (?:cv|resume)|"
                         r"click apply|submit your application)", re.I)),
    ("requirement-like", fastre.compile(
        r"\b(?:required|requirements?|must have|must be|you have|you bring|you(?:'ll)? need|"
        r"we(?:'re| are) looking for (?:someone|a candidate|an? \w+ with)|ideal candidate|"
        r"the successful candidate|candidates? (?:should|must|will) have|"
        r"\d+\+? years|years of (?:experience|professional)|experience (?:with|in|of)|"
        r"proficien\w+|knowledge of|familiar\w* with|understanding of|expertise in|"
        r"ability to|able to|degree in|bachelor|master's|certif\w+|licen[cs]e|"
        r"skills? in|strong (?:\w+ )?skills|a plus|preferred|nice to have|bonus)", re.I)),
    ("responsibilities", fastre.compile(
        r"\b(?:you will|you'll|responsible for|responsibilities include|your role|"
        r"in this role|duties include|day-to-day)", re.I)),
    ("about", fastre.compile(
        r"\b(?:we are a|we're a|our mission|founded in|our company|our team is|"
        r"is a leading|headquartered|we believe|our customers|join us|join our)", re.I)),
]


def classify_sentence(sentence: str) -> str:
    """The section a sentence of an unheaded posting most likely belongs to."""
    for kind, pattern in _SENTENCE_CUES:
        if pattern.search(sentence):
            return kind
    return "other"
