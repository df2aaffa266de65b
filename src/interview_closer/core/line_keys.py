"""Resume lines as folded word keys, and aliases found in them in another inflection."""

from __future__ import annotations

from interview_closer.core import fastre
from interview_closer.core.similarity import same_stem
from interview_closer.core.stems import stem
from interview_closer.core.text import normalise_word

# A word as the matcher's rules read one ("C#", "follow-up", "client's").
WORD = fastre.compile(r"[A-Za-z][\w+#'-]*")


def word_key(word: str) -> str:
    """A word folded to its stem, so "scheduling", "scheduled" and "schedules" meet."""
    return stem(normalise_word(word))


# Only function words are skipped: "managing teams" must not shrink to "managing".
_FUNCTION_WORDS = frozenset(
    "a an the of in on for with to and or at by from as into per via our your their".split())
_KEYS_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_SIZE = 8192


def line_keys(text: str) -> tuple[str, ...]:
    """The folded content words of a resume line or a name, in order (cached by text)."""
    keys = _KEYS_CACHE.get(text)
    if keys is None:
        # One resume meets many postings, one name many resumes: fold each text once.
        if len(_KEYS_CACHE) >= _CACHE_SIZE:
            _KEYS_CACHE.clear()
        keys = _KEYS_CACHE[text] = tuple(
            word_key(w) for w in WORD.findall(text) if w.lower() not in _FUNCTION_WORDS)
    return keys


def _close_together(keys: set[str], line: tuple[str, ...]) -> bool:
    """True when every key occurs within a window of len(keys) + 2 words of the line."""
    width = len(keys) + 2
    for start, word in enumerate(line):
        if word in keys and keys <= set(line[start : start + width]):
            return True
    return False


def inflected_alias(
    aliases: list[str], lines: list[tuple[str, ...]], single: bool = True
) -> int | None:
    """Index of the first line holding every word of an alias, inflected, close together.

    The vocabulary matches names as written (plurals aside); a resume says "scheduled
    appointments" where the vocabulary lists "appointment scheduling".
    """
    sets = [frozenset(line) for line in lines]
    for alias in aliases:
        keys = set(line_keys(alias.lstrip("=")))
        if not keys or (len(keys) == 1 and (not single or len(next(iter(keys))) < 5)):
            # One short word ("ops") is too easy to meet by chance; a soft skill's one word
            # ("presenting") says too little about the audience or the setting.
            continue
        for i, line in enumerate(lines):
            if keys <= sets[i] and (len(keys) == 1 or _close_together(keys, line)):
                return i
        # Derivations the endings miss: "reconciliations" / "reconciled", "troubleshot".
        # same_stem only joins different words of six letters or more that share their
        # first six, so keys are looked up by that prefix (a scan of every key for every
        # word of every line halved the plans per second).
        by_prefix: dict[str, list[str]] = {}
        for k in keys:
            if len(k) >= 6:
                by_prefix.setdefault(k[:6], []).append(k)
        if not by_prefix:
            continue  # short keys meet only as written, which the loop above tried
        short = {k for k in keys if len(k) < 6}
        for i, line in enumerate(lines):
            if not short <= sets[i]:
                continue
            near = tuple(_near_key(w, by_prefix) for w in line)
            if keys <= set(near) and (len(keys) == 1 or _close_together(keys, near)):
                return i
    return None


def _near_key(word: str, by_prefix: dict[str, list[str]]) -> str:
    """The first key of word's family (same_stem), else the word itself."""
    candidates = by_prefix.get(word[:6]) if len(word) >= 6 else None
    if not candidates:
        return word
    return next((k for k in candidates if same_stem(k, word)), word)
