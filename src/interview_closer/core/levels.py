"""Levels of qualifications and training a line names: degrees, UK framework levels."""

from __future__ import annotations

import re

from interview_closer.core import fastre

# Degree levels a text names: 4 doctorate, 3 master's, 2 bachelor's, 1 associate or diploma.
_DEGREE_LEVELS = [
    (4, fastre.compile(r"\b(?:ph\.?\s?d|doctor(?:ate|al)|d\.?phil|md\b|dnp\b)", re.I)),
    (3, fastre.compile(r"\b(?:master'?s?|m\.?sc?|m\.?a\b|mba|msn|m\.?eng|mph|m\.?ed\b|mfa|"
                       r"msw|llm|graduate degree|"
                       r"post-?graduate (?:qualification|degree|diploma))", re.I)),
    # "BS 7671" is a British Standard, not a bachelor's degree.
    (2, fastre.compile(r"\b(?:bachelor'?s?|b\.?sc?\b(?!\s*\d)|b\.?a\b|bsn|b\.?eng|bba|bfa|b\.?ed\b|"
                       r"b\.?com\b|bsw|llb|undergraduate|four-year degree|4-year degree|"
                       r"college degree|university degree)", re.I)),
    (1, fastre.compile(r"\b(?:associate'?s?|adn\b|a\.a\.s\b\.?|aas\b|a\.a\b\.?|a\.s\b\.?|"
                       r"diploma|hnd|certificate program)", re.I)),
]
_DEGREE_WORD = fastre.compile(r"\bdegree\b", re.I)

def degree_level(text: str) -> float:
    """How high a qualification a line names: 4 doctorate ... 1 diploma, 0 none.

    A numbered UK framework level ("Level 5 Diploma", "NVQ Level 3") places it finer:
    levels 6, 7 and 8 stand for a bachelor's, a master's and a doctorate, and lower ones
    order the diplomas among themselves.
    """
    framework = _FRAMEWORK_LEVEL.search(text)
    higher_national = _HIGHER_NATIONAL.search(text)
    n = 0
    if framework:
        n = int(framework.group(1) or framework.group(2))
    elif higher_national:
        n = 4 if higher_national.group(0).lower() == "hnc" else 5  # HNC level 4, HND level 5
    if n:
        return float(n - 4) if n >= 6 else 1.0 + (n - 3) / 10
    for level, pattern in _DEGREE_LEVELS:
        if pattern.search(text):
            return level
    return 2 if _DEGREE_WORD.search(text) else 0


def numbered_level(text: str) -> int:
    """The number of a "Level 3" a line names (training, a qualification), 0 for none."""
    m = _NUMBERED_LEVEL.search(text)
    return int(m.group(1)) if m else 0


_NUMBERED_LEVEL = fastre.compile(r"\blevel\s+([1-8])\b", re.I)
_HIGHER_NATIONAL = fastre.compile(r"\bhn[cd]\b", re.I)
# "Level 5 Diploma", "NVQ Level 3", "Level 3 Extended Diploma"; not "entry level".
_FRAMEWORK_LEVEL = fastre.compile(
    r"\blevel ([1-8])\b(?=[\w ]{0,20}\b(?:diploma|certificate|award|nvq|qualification|btec)\b)"
    r"|\b(?:nvq|qcf|rqf|btec)\s+level ([1-8])\b", re.I)
