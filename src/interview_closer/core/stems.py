"""Word stems for lexical matching: one spelling, then one ending off.

Light on purpose: a requirement and a resume line meet when they use one word family
("negotiation" / "negotiated", "supervisory" / "supervised", "pharmacist" / "pharmacy"),
and a stem that is too short would make unrelated words meet ("general" / "generated").
"""

from __future__ import annotations

from functools import lru_cache

# British spellings folded to one form, so "organised" meets "organized" and "modelling"
# meets "modeling". The z -> s direction leaves "supervise"/"supervision" untouched.
_LETTERS = (("yz", "ys"), ("iz", "is"))
_OUR = ("iour", "bour", "lour", "vour", "nour", "mour")
_DOUBLE_L = ("elling", "elled", "ellers", "eller")

# (ending, what replaces it, letters that must stay before it): longest first. "or" needs
# six letters left so that "monitor" and "vendor" keep their names while "coordinator"
# meets "coordinated"; "-ory" goes only where a verb stands before it ("supervisory").
_ENDINGS: tuple[tuple[str, str, int], ...] = (
    ("isations", "is", 3), ("isation", "is", 3), ("atories", "at", 4), ("atory", "at", 4),
    ("sory", "s", 4), ("ations", "", 4), ("ation", "", 4), ("itions", "", 4), ("ition", "", 4),
    ("ments", "", 4), ("ment", "", 4), ("ysis", "ys", 3), ("yst", "ys", 3), ("ings", "", 4),
    ("ing", "", 4), ("ions", "", 4), ("ion", "", 4), ("ists", "", 5), ("ist", "", 5),
    ("ity", "", 5), ("ics", "", 5), ("ic", "", 5), ("ers", "", 4), ("er", "", 4),
    ("ors", "", 6), ("or", "", 6), ("ed", "", 4), ("es", "", 4), ("ly", "", 4),
    ("y", "", 5), ("e", "", 4),
)


def spelling(word: str) -> str:
    """A lowercase word in one spelling: z for s, -or for -our, one l in -elling."""
    w = word.lower()
    if len(w) >= 6:
        for a, b in _LETTERS:
            if a in w:
                w = w.replace(a, b)
        for end in _OUR:
            at = w.find(end)
            if at > 0:
                w = w[: at + len(end) - 2] + "r" + w[at + len(end) :]
                break
    if len(w) >= 8 and w.endswith(_DOUBLE_L):
        at = w.rfind("ll")
        w = w[:at] + w[at + 1 :]
    return w


# A plan stems the same few hundred words again and again (about a thousand calls).
@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's stem: its spelling folded, then one ending and a final "e" removed."""
    w = spelling(word)
    for end, new, keep in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= keep:
            w = w[: -len(end)] + new
            break
    # "manage" + "ment" leaves "manage"; "managed" leaves "manag": one form for both.
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


# Present-tense verbs whose past form is not the present plus "ed" or "d".
_IRREGULAR_PAST = {
    "lead": "led", "run": "ran", "oversee": "oversaw", "build": "built", "teach": "taught",
    "write": "wrote", "sell": "sold", "drive": "drove", "grow": "grew", "cut": "cut",
    "make": "made", "keep": "kept", "hold": "held", "set": "set", "win": "won",
}
IRREGULAR_PASTS = frozenset(_IRREGULAR_PAST.values())


def past_forms(word: str) -> tuple[str, ...]:
    """Past-tense spellings a present-tense verb may have ("manages" -> "managed")."""
    w = word.lower()
    bases = [w]
    if w.endswith("es") and len(w) > 4:
        bases += [w[:-1], w[:-2]]  # "manages" -> "manage", "coaches" -> "coach"
    elif w.endswith("s") and len(w) > 3:
        bases.append(w[:-1])  # "leads" -> "lead"
    out: list[str] = []
    for base in bases:
        if base in _IRREGULAR_PAST:
            out.append(_IRREGULAR_PAST[base])
        elif base.endswith("e"):
            out.append(base + "d")
        elif not base.endswith("ed"):
            out.append(base + "ed")
    return tuple(out)
