"""The team's wording for the script, from data/phrasing.yaml, picked deterministically."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from interview_closer.core import fastre
from interview_closer.core.datacache import load_yaml
from interview_closer.core.digest import sha256

_PHRASING = Path(__file__).resolve().parent.parent / "data" / "phrasing.yaml"

# Past-tense verbs that do not end in "ed" but often open a resume bullet.
_IRREGULAR = frozenset(
    "led built ran won grew cut drove made wrote taught sold set kept brought began took held "
    "oversaw spearheaded rebuilt rewrote shipped overhauled undertook became gave got put met "
    "found fed lit sped spun swept stood brought".split()
)
_DANGLING = frozenset(
    "a an the and or but by to for with of on in at from into onto as via using while than "
    "that which who my our their its".split()
)
_BOUNDARY = fastre.compile(r",\s|;\s|\s[—–-]\s|\s(?:which|resulting|while|whilst)\s")


_SLOT = fastre.compile(r"\{(\w+)\}")  # a {name} slot in a phrasing template


@lru_cache(maxsize=1)
def phrasing() -> dict[str, Any]:
    """All phrasing variants, loaded once."""
    data: dict[str, Any] = load_yaml(_PHRASING)
    return data


class Picker:
    """Chooses one variant per element from a seed, so equal inputs give equal wording."""

    def __init__(self, seed: str) -> None:
        self._seed = seed

    def pick(self, element: str, salt: str = "", **values: str) -> str:
        """The chosen variant of an element, with its placeholders filled."""
        variants = phrasing()[element]
        if isinstance(variants, str):
            variants = [variants]
        digest = sha256(f"{self._seed}|{element}|{salt}".encode()).digest()
        template = variants[int.from_bytes(digest[:4], "big") % len(variants)]
        return fill(template, values)


def fill(template: str, values: dict[str, str]) -> str:
    """Fill {name} placeholders; unknown placeholders are left out rather than crash."""
    return _SLOT.sub(lambda m: values.get(m.group(1), ""), template)


def learning_plan(kind: str, gap: str) -> str:
    """The learning-plan phrase for a kind of gap."""
    plans: dict[str, str] = phrasing()["learning_plan"]
    return fill(plans.get(kind, plans["skill"]), {"gap": gap})


# Words ending in -ed that open a description of a person, not an action.
_ADJECTIVES = frozenset(
    "registered licensed certified experienced seasoned skilled accomplished dedicated "
    "motivated talented qualified detailed results-driven self-motivated board-certified "
    "red bed need speed seed feed".split()
)


def is_past_tense_verb(word: str) -> bool:
    """True for words that read as a past-tense verb opening a bullet ("Reduced", "Led")."""
    w = word.lower()
    if w in _ADJECTIVES:
        return False
    return w in _IRREGULAR or (w.endswith("ed") and len(w) > 3)


def first_person(text: str, max_words: int = 22) -> str | None:
    """Turn "Reduced costs by 15%." into "reduced costs by 15%", shortened; None if not a verb."""
    words = text.strip().rstrip(".;").split()
    if not words or not is_past_tense_verb(words[0].strip(",")):
        return None
    clause = " ".join(words)
    if len(words) > max_words:
        clause = shorten(clause, max_words)
    return clause[0].lower() + clause[1:]


def shorten(clause: str, max_words: int) -> str:
    """Cut a clause at a natural boundary near max_words words, keeping names and brackets whole."""
    words = clause.split()
    if len(words) <= max_words + 4:
        return clause
    head = " ".join(words[:max_words])
    cuts = [m.start() for m in _BOUNDARY.finditer(head) if m.start() > len(head) // 3]
    cut = head[: cuts[-1]] if cuts else head
    # Never leave a bracket open, a name split or a clause hanging on "by" or "the".
    if cut.count("(") > cut.count(")"):
        cut = cut[: cut.rfind("(")]
    parts = cut.rstrip(",;: ").split()
    rest = words[len(parts):]
    while len(parts) > 3 and rest and parts[-1][:1].isupper() and rest[0][:1].isupper():
        rest.insert(0, parts.pop())
    while len(parts) > 3 and parts[-1].lower().strip(",;:") in _DANGLING:
        parts.pop()
    return " ".join(parts).rstrip(",;:")


# A summary that opens by naming the candidate: "Registered nurse with six years in ...".
_ROLE_OPENING = fastre.compile(r"^([A-Z][\w&/-]*(?: [\w&/-]+){0,6}?) (with|who) ([^.;]+)")
# Letters whose names start with a vowel sound take "an" as initials: "an RN", "an MBA".
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def role_sentence(text: str, is_name: Callable[[str], bool]) -> str | None:
    """"I'm a ... with ..." from a summary's opening noun phrase, or None if it has none."""
    found = _ROLE_OPENING.match(text.strip())
    if found is None:
        return None
    phrase, link, rest = found.groups()
    first = phrase.split(" ", 1)[0]
    if first.lower() in ("i", "my", "we", "our") or is_past_tense_verb(first):
        return None
    if first.isupper() and len(first) > 1:
        article = "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"
    else:
        if not is_name(first):
            phrase = phrase[0].lower() + phrase[1:]
        article = "an" if phrase[0].lower() in "aeio" else "a"
    return f"I'm {article} {phrase} {link} {shorten(rest.rstrip(), 18)}"
