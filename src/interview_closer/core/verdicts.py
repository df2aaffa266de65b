"""What a match says beyond its status: how much a shortfall matters, and a one-line reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from interview_closer.core.models import Match, Requirement, Severity


class Hit(Protocol):
    """A piece of evidence for one skill: which skill it showed (None: loose words only)."""

    skill: str | None


def severity(req: Requirement, match: Match) -> Severity | None:
    """Blocking: a must-have with nothing close. Minor: the rest that is not met."""
    if match.status == "met" or req.kind == "logistics":
        return None
    hard = match.status == "gap" and match.score < 0.2 and req.kind != "soft"
    return "blocking" if hard and req.importance == "must" else "minor"


def skills_reason(per_skill: Sequence[tuple[str, str, Sequence[Hit]]], status: str) -> str:
    """The reason of a skills match: what is shown, what only by a relative, what not."""
    shown, loose, missing = [], [], []
    adjacent: list[tuple[str, str]] = []
    for label, name, hits in per_skill:
        if not hits:
            missing.append(label)
        elif hits[0].skill == name:
            shown.append(label)
        elif hits[0].skill:
            adjacent.append((label, hits[0].skill))
        else:
            loose.append(label)
    parts = [f"resume shows {', '.join(shown[:3])}"] if shown else []
    for label, other in adjacent[:2]:
        parts.append(f"asks for {label}; resume shows {other}, a close relative")
    if loose:
        parts.append(f"only loose matches for {', '.join(loose[:3])}")
    if missing:
        parts.append(f"nothing for {', '.join(missing[:3])}")
    return "; ".join(parts) if parts else ("resume shows it" if status == "met" else "no match")
