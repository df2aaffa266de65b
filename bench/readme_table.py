"""Print bench/results.json as the Markdown table the README shows."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
# The table's order, whichever sections ran last.
ORDER = ["SkillSpan dev", "ESCO-linked", "Speed", "Plans", "Matching", "Follow-ups", "Web"]


def _cell(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def main() -> None:
    """Print the table."""
    rows = json.loads(RESULTS.read_text(encoding="utf-8"))["rows"]
    rows.sort(key=lambda r: ORDER.index(r["section"]) if r["section"] in ORDER else len(ORDER))
    print("| section | figure | baseline | default | semantic | target |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for r in rows:
        b, p = _cell(r["baseline"], r["fmt"]), _cell(r["product"], r["fmt"])
        s = _cell(r.get("semantic"), r["fmt"])
        target = r["target"].replace("|", "\\\\|")
        print(f"| {r['section']} | {r['figure']} | {b} | {p} | {s} | {target} |")


if __name__ == "__main__":
    main()
