"""Bench sections for whole closing plans: plans per second, and `closer prep` start-up cost."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from itertools import product
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "interview_closer" / "data" / "samples"
RESUMES = ["resume.md", "resume.json", "resume_nurse.txt"]
POSTINGS = ["posting.html", "posting.txt"]


def plans_per_second(seconds: float = 3.0) -> tuple[float, int]:
    """Whole plans (parse both texts, match, write the script) per second, in one process."""
    from interview_closer.readers import read_posting, read_resume
    from interview_closer.service import plan_from_texts

    pairs = []
    for r, p in product(RESUMES, POSTINGS):
        rdoc, pdoc = read_resume(SAMPLES / r), read_posting(SAMPLES / p)
        pairs.append((rdoc.text, pdoc.text, pdoc.title, pdoc.company))
    for rt, pt, title, company in pairs:  # warm-up: vocabulary, tagger, phrasing loaded once
        plan_from_texts(rt, pt, title=title, company=company)
    done = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for rt, pt, title, company in pairs:
            plan_from_texts(rt, pt, title=title, company=company)
            done += 1
    return done / (time.perf_counter() - t0), len(pairs)


def _median_run(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def prep_process_ratio(runs: int = 7) -> tuple[float, float, float]:
    """Median wall time of `closer prep` on the samples and of `python -c pass`, and their ratio."""
    closer = [sys.executable, "-m", "interview_closer", "prep",
              "--resume", str(SAMPLES / "resume.md"), "--job", str(SAMPLES / "posting.html"),
              "--format", "json"]
    _median_run(closer, 1)  # warm the file cache
    prep = _median_run(closer, runs)
    bare = _median_run([sys.executable, "-c", "pass"], runs)
    return prep, bare, prep / bare


def section_plans(row: Any) -> list[Any]:
    """Plans per second in-process and the `closer prep` process against `python -c pass`."""
    Row = row
    rate, pairs = plans_per_second()
    prep, bare, ratio = prep_process_ratio()
    return [
        Row("Plans", f"plans/s in-process ({pairs} pairs)", None, rate, ">= 50", ".0f"),
        Row("Plans", "closer prep process, ms", None, prep * 1000, "", ".0f"),
        Row("Plans", "python -c pass, ms", None, bare * 1000, "", ".0f"),
        Row("Plans", "prep / python -c pass ratio", None, ratio, "<= 10", ".1f"),
    ]
