"""Tokenising with character offsets, token normalisation and sentence splitting."""

from __future__ import annotations

import re
from typing import NamedTuple

from interview_closer.core import fastre

# A token is a run of letters/digits with + # . ' allowed inside or at the end
# (c++, c#, node.js, o'brien) or a leading-dot word (.net). '-' and '/' split.
_TOKEN_RE = fastre.compile(r"\.?[^\W_][\w+#]*(?:['.][\w+#]+)*\+*#?", re.UNICODE)

# Words whose final "s" is part of the word, so singularising would damage them.
_KEEP_S = frozenset(
    {"aws", "sas", "gis", "os", "ios", "ms", "cs", "js", "ts", "sms", "pos", "bus", "gas",
     "plus", "less", "class", "pass", "access", "process", "business", "express", "status",
     "basis", "analysis", "thesis", "physics", "mathematics", "statistics", "economics",
     "logistics", "ethics", "analytics", "kubernetes", "jenkins", "redis", "postgres", "sass",
     "las", "des", "vas", "news", "series", "species", "canvas", "atlas", "chaos", "lens",
     "always", "various", "previous", "sales"}
)

_PLURAL_US = frozenset({"cpus", "gpus", "tpus", "menus", "gurus", "vpus"})


class Token(NamedTuple):
    """A token of a text: its verbatim text, normalised form and offsets.

    A named tuple rather than a dataclass: texts make thousands of tokens, and a tuple is
    about three times quicker to create.
    """

    text: str
    norm: str
    start: int
    end: int


def normalise_word(word: str) -> str:
    """Lowercase a word, drop a possessive and a plural 's' so inflections meet."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip(".'")
    if w.startswith(".") and len(w) > 1:
        return w
    if "." in w:
        # node.js -> nodejs, vue.js -> vuejs, b.s -> bs: one spelling for dotted names.
        return w.replace(".", "")
    if (
        len(w) > 3
        and w.endswith("s")
        and w not in _KEEP_S
        and not w.endswith(("ss", "sis", "xis", "ous"))
        and (not w.endswith("us") or w in _PLURAL_US)
    ):
        w = w[:-3] + "y" if w.endswith("ies") and len(w) > 4 else w[:-1]
    return _ORDINALS.get(w, w)


# "2nd line" and "second-line support" are one phrase.
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth"}


def tokenize(text: str) -> list[Token]:
    """Split text into tokens with offsets into the original string."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group(0)
        start, end = m.start(), m.end()
        # A trailing full stop ends a sentence, unless the token is an abbreviation.
        if raw.endswith(".") and not raw.startswith("."):
            raw = raw.rstrip(".")
            end = start + len(raw)
        if not raw:
            continue
        out.append(Token(raw, normalise_word(raw), start, end))
    return out


def normalise_phrase(phrase: str) -> tuple[str, ...]:
    """The normalised token tuple of a phrase, as used for vocabulary keys."""
    return tuple(t.norm for t in tokenize(phrase))


_SENT_END = fastre.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'(•\-*])|\n+|(?<=\S)\s+[•·▪]\s+")
_ABBREV_END = fastre.compile(r"\b(?:e\.g|i\.e|etc|vs|incl|approx|dept|Dr|Mr|Ms|Mrs|St|No|Jr|Sr)\.$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence (or list item) spans within text[start:end], trimmed of whitespace."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _SENT_END.finditer(text, start, stop):
        piece_end = m.start()
        # "e.g. Python" is not the end of a sentence.
        before = text[max(cursor, piece_end - 8) : piece_end]
        if "\n" not in m.group(0) and _ABBREV_END.search(before):
            continue
        if m.group(0) == "\n" and _wrapped(text, max(cursor, start), piece_end, m.end(), stop):
            continue
        _append_trimmed(text, cursor, piece_end, spans)
        cursor = m.end()
    _append_trimmed(text, cursor, stop, spans)
    return spans


# A line of a hard-wrapped paragraph (a posting pasted from an email or a PDF) is at least
# this long; shorter lines are list entries or headings, whatever case the next one starts in.
WRAP_MIN = 40
_CONTINUES = fastre.compile(r"[ \t]*[a-z]")


def ends_mid_sentence(line: str) -> bool:
    """True for a long line that stops without closing punctuation: it may be wrapped."""
    line = line.strip()
    return len(line) >= WRAP_MIN and line[-1] not in ".!?:;"


def _wrapped(text: str, line_start: int, line_end: int, next_start: int, stop: int) -> bool:
    """True when the line break at line_end only wraps a sentence onto the next line.

    The line is long and ends mid-sentence (no closing punctuation), and the next line
    goes on in lower case with no bullet: "...ideally in a" / "retail business".
    """
    line = text[max(line_start, text.rfind("\n", line_start, line_end) + 1) : line_end]
    return ends_mid_sentence(line) and _CONTINUES.match(text, next_start, stop) is not None


def _append_trimmed(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))
