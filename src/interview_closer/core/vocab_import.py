"""Parsers that turn the official O*NET and ESCO skill files into vocabulary entries.

Pure functions over text: the CLI reads the file and writes the result.

O*NET "Technology Skills.txt" is tab-separated with a header; every distinct Example
(a product name such as "Microsoft Excel") becomes a tool whose family is its
Commodity Title, so two products of the same commodity count as adjacent.

ESCO skills come in two shapes. The official CSV export has named columns
(preferredLabel, altLabels with one label a line, skillType...). A simplified copy has
only `id,description`, where the preferred label, the alternative labels and the
definition are run together with single spaces. For that shape the preferred label is
recovered by a heuristic, right for a little over half of the entries (measured against
the official label list in tests):
1. the definition starts at the first capitalised word whose lowercase form is used
   elsewhere in the file (so "Understand spoken Urdu" keeps "Urdu");
2. within the label run, the preferred label ends where its words after the first come
   back after a one- or two-word head ("supervise X Y manage X Y" -> "supervise X Y");
3. else where an acronym of the label follows it ("programmable logic controller PLC");
4. else where the next label starts with a form of the same first word ("analyse test
   data analyze test data");
5. else where its last word comes back later and the next word can start a label;
6. else the whole run (usually a single label without alternatives).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable

from interview_closer.core.vocab import VocabEntry
from interview_closer.errors import InputError

ONET_COLUMNS = ("Example", "Commodity Title")
# Words that never end a label: a cut after them would leave "principles of".
_FUNCTION_WORDS = frozenset(
    "of and to for in with the a an on or from by at into about as & - their its your other"
    .split()
)


def parse_onet_technology(text: str, source: str = "O*NET file") -> list[VocabEntry]:
    """Entries from O*NET "Technology Skills.txt": each distinct Example becomes a tool."""
    lines = text.splitlines()
    header = lines[0].split("\t") if lines else []
    if not all(col in header for col in ONET_COLUMNS):
        raise InputError(
            f"{source}: not an O*NET Technology Skills file (no tab-separated header with "
            "Example and Commodity Title); download 'Technology Skills.txt' from O*NET"
        )
    ex_col, fam_col = header.index("Example"), header.index("Commodity Title")
    seen: dict[str, VocabEntry] = {}
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) <= max(ex_col, fam_col):
            continue
        name = _clean(cols[ex_col])
        if not name or name.lower() in seen:
            continue
        seen[name.lower()] = VocabEntry(name, "tool", _clean(cols[fam_col]).lower() or "tools")
    return list(seen.values())


def parse_esco_skills(text: str, source: str = "ESCO file") -> list[VocabEntry]:
    """Entries from an ESCO skills CSV (the official export or the simplified id,description)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise InputError(f"{source}: the file is empty; export the ESCO skills CSV again")
    columns = [h.strip() for h in header]
    if "preferredLabel" in columns:
        return _esco_official(reader, columns)
    if columns[:2] == ["id", "description"]:
        return _esco_simplified([row[1] for row in reader if len(row) >= 2 and row[1].strip()])
    raise InputError(
        f"{source}: not an ESCO skills CSV (expected a preferredLabel column, or id,description); "
        "download the skills CSV from the ESCO portal"
    )


def _esco_official(rows: Iterable[list[str]], columns: list[str]) -> list[VocabEntry]:
    col = {name: i for i, name in enumerate(columns)}
    out: dict[str, VocabEntry] = {}
    for row in rows:
        name = _clean(_field(row, col, "preferredLabel"))
        if not name or name.lower() in out:
            continue
        alts = [_clean(a) for a in _field(row, col, "altLabels").splitlines()]
        aliases = tuple(dict.fromkeys(a for a in alts if a and a.lower() != name.lower()))
        kind = "tool" if _field(row, col, "skillType").strip() == "knowledge" else "skill"
        out[name.lower()] = VocabEntry(name, kind, name.lower(), aliases)
    return list(out.values())


def _field(row: list[str], col: dict[str, int], name: str) -> str:
    i = col.get(name)
    return row[i] if i is not None and i < len(row) else ""


def _esco_simplified(fields: list[str]) -> list[VocabEntry]:
    runs = [f.split() for f in fields]
    starters = Counter(r[0] for r in runs if r)
    lower_words = {w for r in runs for w in r if w.islower()}
    out: dict[str, VocabEntry] = {}
    for words in runs:
        labels = words[: definition_start(words, lower_words)]
        name = " ".join(labels[: preferred_label_length(labels, starters)])
        if not name or name.lower() in out:
            continue
        first = labels[0]
        # Skills usually start with a verb shared by many labels; knowledge is a noun phrase.
        kind = "skill" if len(labels) > 1 and starters[first] >= 3 and first.islower() else "tool"
        out[name.lower()] = VocabEntry(name, kind, name.lower())
    return list(out.values())


def definition_start(words: list[str], lower_words: set[str]) -> int:
    """Where the definition begins in a simplified ESCO entry's words (rule 1 above)."""
    for j in range(1, len(words)):
        w = words[j]
        if w[:1].isupper() and not w.isupper() and w.lower() in lower_words:
            return j
    return len(words)


def preferred_label_length(labels: list[str], starters: Counter[str]) -> int:
    """How many leading words of a run of ESCO labels form the preferred label."""
    n = len(labels)
    if n <= 1:
        return n
    low = [w.lower() for w in labels]
    for k in range(n - 1, 1, -1):
        tail = low[1:k]
        if any(low[k + m : k + m + len(tail)] == tail for m in (1, 2)):
            return k
    for k in range(2, n):
        word = labels[k]
        initials = "".join(w[0] for w in labels[:k] if w.lower() not in _FUNCTION_WORDS).upper()
        if word.isupper() and len(word) >= 2 and initials.endswith(word):
            return k
    head = low[0][:4]
    for k in range(1, n):
        if low[k - 1] in _FUNCTION_WORDS or len(head) < 3:
            continue
        if low[k][:4] == head and low[k] != low[k - 1]:
            return k
    for k in range(2, n):
        if low[k - 1] in _FUNCTION_WORDS or low[k] in _FUNCTION_WORDS:
            continue
        can_start = starters[labels[k]] >= 2 or low[k].endswith("ing")
        if can_start and labels[k - 1] in labels[k + 1 :]:
            return k
    return n


def _clean(value: str) -> str:
    return " ".join(value.replace("|", "/").split())
