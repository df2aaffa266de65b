"""Print bench/results.json as the Markdown table the README shows."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def _cell(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def main() -> None:
    """Print the table."""
    rows = json.loads(RESULTS.read_text(encoding="utf-8"))["rows"]
    print("| section | figure | baseline | default | semantic | target |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for r in rows:
        b, p = _cell(r["baseline"], r["fmt"]), _cell(r["product"], r["fmt"])
        s = _cell(r.get("semantic"), r["fmt"])
        target = r["target"].replace("|", "\\\\|")
        print(f"| {r['section']} | {r['figure']} | {b} | {p} | {s} | {target} |")


if __name__ == "__main__":
    main()
