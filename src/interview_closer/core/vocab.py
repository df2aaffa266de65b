"""The skill vocabulary: canonical skills with aliases, loaded from TSV data files.

The format is described in docs/architecture.md. Matching works on normalised
token tuples (lowercase, light singular), longest match first, so "REST APIs"
finds "REST API" and "Postgres" finds "PostgreSQL".
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from interview_closer.core import fastre
from interview_closer.core.datacache import cached, data_dir
from interview_closer.core.literals import could_match, required_literals
from interview_closer.core.models import SkillMention
from interview_closer.core.stems import IRREGULAR_PASTS, past_forms
from interview_closer.core.text import Token, normalise_phrase, tokenize

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
KINDS = frozenset({"tool", "skill", "soft", "certification", "language", "degree"})
# What may stand between the words of a multi-word alias in running text.
_JOINER = fastre.compile(r"[\s\-/&]{0,3}")


@dataclass(frozen=True, slots=True)
class VocabEntry:
    """A canonical skill: its name, kind, family and aliases."""

    name: str
    kind: str
    family: str
    aliases: tuple[str, ...] = ()


# An index key's target: (canonical name, verbatim tokens for case-sensitive aliases or
# None). Almost every key has one case-insensitive target, stored as the bare name: the
# index then has few objects, which is what loading it from the cache costs.
_Key = tuple[str, tuple[str, ...] | None]
_Targets = str | list[_Key]
# (canonical, pattern, its most selective word set, its other word sets)
_Paraphrase = tuple[str, str, frozenset[str], list[list[str]]]
_OPENING_WORD = fastre.compile(r"[A-Za-z]+(?= )")
_SEP = "\x1f"  # between aliases in a row: a character no alias contains


class Vocabulary:
    """A set of canonical skills that can be found in text."""

    def __init__(
        self,
        entries: Iterable[VocabEntry],
        paraphrases: Iterable[tuple[str, str]] = (),
    ) -> None:
        # name -> (kind, family, aliases joined by _SEP): plain values, quick to load from
        # the cache; VocabEntry objects are made only for the names asked about.
        self._rows: dict[str, tuple[str, str, str]] = {}
        self._entries: dict[str, VocabEntry] = {}
        self._index: dict[str, _Targets] = {}  # normalised tokens joined by spaces
        self._first: dict[str, int] = {}  # first token -> longest key starting with it
        self._max_len = 1
        for entry in entries:
            self.add(entry)
        # (canonical, pattern text, words it needs); a pattern is compiled the first time a
        # text holds one of its words, so most patterns are never compiled in a short run.
        self._paraphrases: list[tuple[str, str, list[list[str]]]] = [
            (name, pattern, required_literals(pattern))
            for name, pattern in paraphrases
            if name in self._rows
        ]
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._filter: tuple[list[str], list[_Paraphrase]] | None = None
        self._past: frozenset[str] | None = None

    # -- building -----------------------------------------------------------
    def add(self, entry: VocabEntry) -> None:
        """Add an entry; an entry already known by name keeps its first definition."""
        if entry.name in self._rows:
            return
        self._rows[entry.name] = (entry.kind, entry.family, _SEP.join(entry.aliases))
        self._entries[entry.name] = entry
        # A name listed as a case-sensitive alias ("=Go") is not matched in any case.
        names = entry.aliases if f"={entry.name}" in entry.aliases else (entry.name, *entry.aliases)
        for alias in names:
            exact = alias.startswith("=")
            text = alias[1:] if exact else alias
            toks = tokenize(text)
            if not toks:
                continue
            norms = [t.norm for t in toks]
            key = " ".join(norms)
            verbatim = tuple(t.text for t in toks) if exact else None
            known = self._index.get(key)
            if known is None:
                self._index[key] = entry.name if verbatim is None else [(entry.name, verbatim)]
            else:
                bucket = [(known, None)] if isinstance(known, str) else known
                if (entry.name, verbatim) in bucket:
                    continue
                self._index[key] = [*bucket, (entry.name, verbatim)]
            self._first[norms[0]] = max(self._first.get(norms[0], 0), len(norms))
            self._max_len = max(self._max_len, len(norms))

    @classmethod
    def load(cls, paths: Iterable[Path], paraphrase_paths: Iterable[Path] = ()) -> Vocabulary:
        """Load vocabulary TSV files (and paraphrase TSV files) in order."""
        entries: list[VocabEntry] = []
        for path in paths:
            entries.extend(read_vocab_file(path))
        paraphrases: list[tuple[str, str]] = []
        for path in paraphrase_paths:
            paraphrases.extend(_read_paraphrases(path))
        return cls(entries, paraphrases)

    @classmethod
    def default(cls) -> Vocabulary:
        """The built-in vocabulary plus whatever the user imported (cached)."""
        return _default_vocabulary()

    # -- queries ------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, name: object) -> bool:
        return name in self._rows

    def entries(self) -> list[VocabEntry]:
        """Every entry, in load order."""
        return [self._entry(name) for name in self._rows]

    def entry(self, name: str) -> VocabEntry | None:
        """The entry with this canonical name, if any."""
        return self._entry(name) if name in self._rows else None

    def _entry(self, name: str) -> VocabEntry:
        made = self._entries.get(name)
        if made is None:
            kind, family, aliases = self._rows[name]
            made = VocabEntry(name, kind, family, tuple(aliases.split(_SEP)) if aliases else ())
            self._entries[name] = made
        return made

    def lookup(self, phrase: str) -> VocabEntry | None:
        """The entry a whole phrase names (alias or canonical), if any."""
        toks = tokenize(phrase)
        targets = self._index.get(" ".join(t.norm for t in toks))
        if targets is None:
            return None
        name = _pick(targets, lambda: tuple(t.text for t in toks))
        return self._entry(name) if name is not None else None

    def family_of(self, name: str) -> str | None:
        """The family of a canonical skill."""
        row = self._rows.get(name)
        return row[1] if row else None

    def adjacent(self, a: str, b: str) -> bool:
        """True when two different canonical skills share a family.

        A family may itself be a skill ("Sage 50" is of the family "sage", and Sage is
        accounting software): its members are then neighbours of that skill's family too.
        """
        fa, fb = self.family_of(a), self.family_of(b)
        if a == b or fa is None or fb is None:
            return False
        return fa == fb or self._parent_family(fa) == fb or self._parent_family(fb) == fa

    def _parent_family(self, family: str) -> str | None:
        """The family of the skill a family is named after, if there is one."""
        row = self._rows.get(family) or self._rows.get(family[:1].upper() + family[1:])
        return row[1] if row else None

    def find(self, text: str, tokens: list[Token] | None = None) -> list[SkillMention]:
        """Every vocabulary mention in text: longest match first, no overlaps, by offset."""
        toks = tokenize(text) if tokens is None else tokens
        out: list[SkillMention] = []
        norms = [t.norm for t in toks]
        n = len(toks)
        i = 0
        first = self._first
        while i < n:
            longest = first.get(norms[i], 0)
            if not longest:
                i += 1
                continue
            hit = self._match_at(text, toks, norms, i, min(longest, n - i))
            if hit is None:
                i += 1
                continue
            name, length = hit
            start, end = toks[i].start, toks[i + length - 1].end
            out.append(SkillMention(name, text[start:end], start, end))
            i += length
        return out

    def _match_at(
        self, text: str, toks: list[Token], norms: list[str], i: int, longest: int
    ) -> tuple[str, int] | None:
        index = self._index
        for length in range(longest, 0, -1):
            targets = index.get(" ".join(norms[i : i + length]))
            if targets is None:
                continue
            if length > 1 and not all(
                _JOINER.fullmatch(text, toks[j].end, toks[j + 1].start)
                for j in range(i, i + length - 1)
            ):
                continue
            span = toks[i : i + length]
            if length == 1 and len(span[0].text) == 1 and _hyphen_glued(text, span[0]):
                continue  # "Form 1094-C", "C-suite": a letter of a word, not the C language
            name = _pick(targets, lambda: tuple(t.text for t in span))  # noqa: B023 - used now
            if name is not None:
                return name, length
        return None

    def paraphrases(self, text: str) -> list[SkillMention]:
        """Skills a sentence shows without naming them ("led a team of 6")."""
        found = self._paraphrases_in(text)
        # A current role's bullet is often in the present tense ("Lead a shift team of
        # six"); the patterns are written in the past, so the opening verb is read in it too.
        opening = _OPENING_WORD.match(text)
        past = self._past_verbs()
        for form in past_forms(opening.group(0)) if opening else ():
            if form in past:
                cut, shift = opening.end(), len(form) - opening.end()  # type: ignore[union-attr]
                seen = {m.name for m in found}
                for m in self._paraphrases_in(form + text[cut:]):
                    start = m.start - shift if m.start >= len(form) else min(m.start, cut)
                    end = m.end - shift if m.end > len(form) else min(m.end, cut)
                    if m.name not in seen:
                        found.append(SkillMention(m.name, text[start:end], start, end))
                break
        return found

    def _past_verbs(self) -> frozenset[str]:
        """The past-tense words ("led", "supervised") the paraphrase patterns are written with."""
        if self._past is None:
            # Escapes out first: "\\bclosed" holds the word "closed", not "bclosed".
            bare = (re.sub(r"\\.", " ", pattern.lower()) for _, pattern, _ in self._paraphrases)
            words = {w for text in bare for w in re.findall(r"[a-z]+", text)}
            self._past = frozenset(w for w in words if w.endswith("ed") or w in IRREGULAR_PASTS)
        return self._past

    def _paraphrases_in(self, text: str) -> list[SkillMention]:
        needles, patterns = self._paraphrase_filter()
        lowered = text.lower()
        # One pass over the words the patterns need; each pattern then asks a set.
        present = {n for n in needles if n in lowered}
        out: list[SkillMention] = []
        seen: set[str] = set()
        compiled_patterns = self._compiled
        for name, pattern, first, rest in patterns:
            if name in seen or (first and present.isdisjoint(first)):
                continue
            if rest and not could_match(rest, lowered):
                continue
            compiled = compiled_patterns.get(pattern)
            if compiled is None:
                compiled = compiled_patterns[pattern] = fastre.compile(pattern, re.IGNORECASE)
            m = compiled.search(text)
            if m:
                seen.add(name)
                out.append(SkillMention(name, m.group(0), m.start(), m.end()))
        return out

    def _paraphrase_filter(self) -> tuple[list[str], list[_Paraphrase]]:
        """Every pattern's most selective word set, and all those words (built once)."""
        if self._filter is None:
            patterns = [
                (name, pattern, frozenset(reqs[0]) if reqs else frozenset(), reqs[1:])
                for name, pattern, reqs in self._paraphrases
            ]
            needles = sorted({n for _, _, first, _ in patterns for n in first})
            self._filter = (needles, patterns)
        return self._filter


def _hyphen_glued(text: str, tok: Token) -> bool:
    """True when a token is joined by a hyphen to a letter or digit on either side."""
    before = text[max(0, tok.start - 2) : tok.start]
    after = text[tok.end : tok.end + 2]
    return (len(before) == 2 and before[1] == "-" and before[0].isalnum()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalnum())


def _pick(targets: _Targets, verbatim: Callable[[], tuple[str, ...]]) -> str | None:
    """The canonical name a matched key stands for, checking case-sensitive aliases."""
    if isinstance(targets, str):
        return targets
    seen: tuple[str, ...] | None = None
    for name, needs in targets:
        if needs is None:
            return name
        if seen is None:
            seen = verbatim()
        if needs == seen:
            return name
    return None


def read_vocab_file(path: Path) -> list[VocabEntry]:
    """Parse one vocabulary TSV file into entries; malformed lines are skipped."""
    entries: list[VocabEntry] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 3 or cols[1] not in KINDS or not cols[0].strip():
            continue
        aliases = tuple(a.strip() for a in cols[3].split("|") if a.strip()) if len(cols) > 3 else ()
        # Interned: the cache then stores each kind and family once (see datacache).
        entries.append(
            VocabEntry(cols[0].strip(), sys.intern(cols[1]), sys.intern(cols[2].strip()), aliases)
        )
    return entries


def write_vocab_file(path: Path, entries: Iterable[VocabEntry]) -> None:
    """Write entries as a vocabulary TSV file, atomically (temp file, then rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    lines = ["# canonical\tkind\tfamily\taliases"]
    for e in entries:
        clean = [x.replace("\t", " ").replace("|", "/").replace("\n", " ") for x in e.aliases]
        name = e.name.replace("\t", " ")
        lines.append(f"{name}\t{e.kind}\t{e.family.replace(chr(9), ' ')}\t{'|'.join(clean)}")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _read_paraphrases(path: Path) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if not path.is_file():
        return out
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#") or "\t" not in raw:
            continue
        name, pattern = raw.split("\t", 1)
        try:
            fastre.compile(pattern)
        except re.error:
            continue
        out.append((name.strip(), pattern.strip()))
    return out


def builtin_vocab_files() -> list[Path]:
    """The vocabulary files shipped in the package, in a stable order."""
    return sorted((DATA_DIR / "vocab").glob("*.tsv"))


def user_vocab_dir() -> Path:
    """Where imported vocabularies (O*NET, ESCO) are kept for this user."""
    return data_dir() / "vocab"


# Bump when the saved index shape or the word normalisation changes.
_INDEX_FORMAT = 11


@lru_cache(maxsize=1)
def _default_vocabulary() -> Vocabulary:
    user_dir = user_vocab_dir()
    user_files = sorted(user_dir.glob("*.tsv")) if user_dir.is_dir() else []
    files = [*builtin_vocab_files(), *user_files]
    paraphrase_file = DATA_DIR / "paraphrases.tsv"
    # Building the index tokenises every alias (about 140 ms); a command-line run reuses
    # the index saved by an earlier run while the vocabulary files are unchanged.
    state = cached(
        "vocab", [*files, paraphrase_file],
        lambda: _index_state(Vocabulary.load(files, [paraphrase_file])), _INDEX_FORMAT,
    )
    return _from_state(state)


def _index_state(vocab: Vocabulary) -> tuple[object, ...]:
    """The vocabulary as plain values that marshal can save."""
    return (
        vocab._rows,
        vocab._index,
        vocab._first,
        vocab._max_len,
        vocab._paraphrases,
        sorted(vocab._past_verbs()),  # about 1.5 ms to work out: saved with the rest
    )


def _from_state(state: tuple[Any, ...]) -> Vocabulary:
    vocab = Vocabulary.__new__(Vocabulary)
    vocab._rows = state[0]
    vocab._entries = {}
    vocab._index = state[1]
    vocab._first = state[2]
    vocab._max_len = state[3]
    vocab._paraphrases = [(n, p, [list(r) for r in w]) for n, p, w in state[4]]
    vocab._compiled = {}
    vocab._filter = None
    vocab._past = frozenset(state[5])
    return vocab


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The normalised key of a phrase (exposed for callers that compare names)."""
    return normalise_phrase(phrase)
