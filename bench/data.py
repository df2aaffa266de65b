"""Loaders for the evaluation sets in ../shared/eval (read-only; never copied into the repo)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SKILLSPAN = SHARED / "eval" / "skillspan"
ESCO_LINKED = SHARED / "eval" / "esco-linked"

# Labels in the ESCO-linked sets that mark a span as "not an ESCO skill".
NOT_SKILLS = frozenset({"LABEL NOT PRESENT", "UNDERSPECIFIED"})


@dataclass(frozen=True, slots=True)
class SpanSentence:
    """A SkillSpan sentence: tokens, the two BIO layers and its source (tech or house)."""

    tokens: list[str]
    tags_skill: list[str]
    tags_knowledge: list[str]
    source: str


def load_skillspan(split: str) -> list[SpanSentence]:
    """Read one SkillSpan split (train or dev) from ../shared."""
    out: list[SpanSentence] = []
    with (SKILLSPAN / f"{split}.json").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            out.append(
                SpanSentence(row["tokens"], row["tags_skill"], row["tags_knowledge"], row["source"])
            )
    return out


def skillspan_splits() -> list[str]:
    """The SkillSpan splits to measure: dev, and test when a test.json has been put beside it.

    Only train and dev ship in ../shared; a held-out test split dropped in the same folder
    (same format) is measured too, in rows of its own.
    """
    return ["dev", *(["test"] if (SKILLSPAN / "test.json").is_file() else [])]


def esco_linked_splits() -> list[str]:
    """The ESCO-linked splits to measure: validation, and test when both its files are there."""
    test = all((ESCO_LINKED / f"{name}_test_annotations.csv").is_file()
               for name in ("tech", "house"))  # fmt: skip
    return ["validation", *(["test"] if test else [])]


def load_esco_linked(name: str, split: str = "validation") -> list[tuple[str, set[str]]]:
    """Sentences of one ESCO-linked set with their gold ESCO labels (skills only)."""
    gold: dict[str, set[str]] = {}
    path = ESCO_LINKED / f"{name}_{split}_annotations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            labels = gold.setdefault(row["sentence"], set())
            if row["label"] not in NOT_SKILLS:
                labels.add(row["label"])
    return list(gold.items())


def load_esco_labels() -> list[str]:
    """The ESCO preferred skill labels, one a line."""
    text = (ESCO_LINKED / "skills_en_label.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]
