"""The literal text a regular expression cannot match without.

Compiling a pattern costs far more than a substring test, so a pattern whose
required words are absent from a text is neither compiled nor run. Only plain
literals and non-capturing groups of alternatives are understood; anything else
(classes, lookarounds, optional parts) simply adds no requirement.
"""

from __future__ import annotations

_ESCAPED_LITERALS = frozenset(".^$*+?{}[]|()\\-/#&'\" ")
# A requirement is a set of strings of which the text must contain one.
Requirement = frozenset[str]


def _skip_class(pattern: str, i: int) -> int:
    """Index just past the character class that starts at pattern[i] == '['."""
    i += 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _closing(pattern: str, i: int) -> int:
    """Index of the ')' that closes the '(' at pattern[i], or -1."""
    depth = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(pattern, i)
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return i
        i += 1
    return -1


def _split_top(pattern: str) -> list[str] | None:
    """Split at top-level '|'; None when the brackets do not balance."""
    parts, start, i = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _skip_class(pattern, i)
        elif c == "(":
            end = _closing(pattern, i)
            if end < 0:
                return None
            i = end + 1
        elif c == ")":
            return None
        else:
            if c == "|":
                parts.append(pattern[start:i])
                start = i + 1
            i += 1
    parts.append(pattern[start:])
    return parts


def _quantifier(pattern: str, i: int) -> tuple[bool, int]:
    """Whether the quantifier at pattern[i] (if any) makes the atom optional, and its end."""
    c = pattern[i : i + 1]
    if c in ("*", "?"):
        optional, i = True, i + 1
    elif c == "+":
        optional, i = False, i + 1
    elif c == "{" and "}" in pattern[i:]:
        end = pattern.index("}", i)
        optional, i = pattern[i + 1 : end].startswith(("0", ",")), end + 1
    else:
        return False, i
    if pattern[i : i + 1] in ("?", "+"):  # lazy or possessive
        i += 1
    return optional, i


def _branch_requirements(branch: str) -> list[Requirement]:
    """Every requirement of one branch (a sequence without top-level '|')."""
    out: list[Requirement] = []
    run: list[str] = []

    def flush() -> None:
        if "".join(run).strip():
            out.append(frozenset({"".join(run).lower()}))
        run.clear()

    i = 0
    while i < len(branch):
        c, group, literal = branch[i], None, None
        if c == "\\":
            nxt = branch[i + 1 : i + 2]
            literal = nxt if nxt in _ESCAPED_LITERALS else None
            end = i + 2
        elif c == "[":
            end = _skip_class(branch, i)
        elif c == "(":
            close = _closing(branch, i)
            if close < 0:
                return []
            group = branch[i + 3 : close] if branch.startswith("(?:", i) else None
            end = close + 1
        elif c in ".^$":
            end = i + 1
        else:
            literal, end = c, i + 1
        optional, i = _quantifier(branch, end)
        if literal is not None and not optional:
            run.append(literal)
            if branch[end : end + 1] == "+":
                flush()
            continue
        flush()
        if group is not None and not optional:
            found = required_any(group)
            if found:
                out.append(found)
    flush()
    return out


def required_any(pattern: str) -> Requirement | None:
    """One set of strings of which every match contains one, or None if unknown."""
    branches = _split_top(pattern)
    if not branches:
        return None
    union: set[str] = set()
    for branch in branches:
        reqs = _branch_requirements(branch)
        if not reqs:
            return None
        union |= max(reqs, key=lambda r: min(len(s) for s in r))
    return frozenset(union)


def required_literals(pattern: str, limit: int = 3) -> list[list[str]]:
    """Up to `limit` lowercase requirements, the most selective first; [] when unknown.

    A text can only match the pattern if, for every requirement, it contains
    (case-insensitively) at least one of the requirement's strings.
    """
    branches = _split_top(pattern)
    if not branches:
        return []
    if len(branches) == 1:
        reqs = _branch_requirements(branches[0])
    else:
        found = required_any(pattern)
        reqs = [found] if found else []
    reqs.sort(key=lambda r: -min(len(s) for s in r))
    return [sorted(r) for r in reqs[:limit]]


def could_match(requirements: list[list[str]], lowered_text: str) -> bool:
    """False when the text lacks every string of some requirement (so no match is possible)."""
    return all(any(s in lowered_text for s in req) for req in requirements)
