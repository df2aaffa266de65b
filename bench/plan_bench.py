"""Bench sections for whole closing plans: plans per second, and `closer prep` start-up cost."""

from __future__ import annotations

import os
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
    from interview_closer.service import plan_from_texts

    pairs = _sample_pairs()
    for rt, pt, title, company in pairs:  # warm-up: vocabulary, tagger, phrasing loaded once
        plan_from_texts(rt, pt, title=title, company=company)
    done = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for rt, pt, title, company in pairs:
            plan_from_texts(rt, pt, title=title, company=company)
            done += 1
    return done / (time.perf_counter() - t0), len(pairs)


def _sample_pairs() -> list[tuple[str, str, str | None, str | None]]:
    """The 6 sample (resume text, posting text, title, company) pairs."""
    from interview_closer.readers import read_posting, read_resume

    pairs = []
    for r, p in product(RESUMES, POSTINGS):
        rdoc, pdoc = read_resume(SAMPLES / r), read_posting(SAMPLES / p)
        pairs.append((rdoc.text, pdoc.text, pdoc.title, pdoc.company))
    return pairs


def semantic_load_seconds() -> tuple[float, float] | None:
    """Seconds to get the semantic mode's parts ready in a fresh process, imports included.

    Two figures: the matching's word-piece table with its tokenizer (what `closer prep
    --semantic` loads), and the neural tagger (what `closer extract --semantic` loads: torch,
    the encoder and its adapters). A process pays each once. They are measured in child
    processes because this one may have loaded them already. None if not installed.
    """
    from interview_closer.core.semantic import semantic_available

    if not semantic_available():
        return None
    table = (
        "from interview_closer.core.static_embeddings import StaticEmbeddingSimilarity\n"
        "StaticEmbeddingSimilarity().load()\n"
    )
    tagger = (
        "from interview_closer.core import neural_tagger as nt\n"
        "nt.adapter_available() and nt.default_neural_tagger()\n"
    )
    out = []
    for code in (table, tagger):
        timed = f"import time; t = time.perf_counter()\n{code}print(time.perf_counter() - t)\n"
        run = subprocess.run([sys.executable, "-c", timed], check=True, capture_output=True,
                             text=True)  # fmt: skip
        out.append(float(run.stdout.strip().splitlines()[-1]))
    return out[0], out[1]


def semantic_plans_per_second(seconds: float = 3.0) -> tuple[float, int] | None:
    """Whole plans per second in the semantic mode, every plan embedding its texts afresh.

    The embedding cache is emptied before each plan, so no plan is a cache hit on the texts
    of an earlier one: each plan pays for embedding all of its own texts, as the first plan
    of a new resume and posting would. Loading the table is done in the warm-up, once per
    process, and not counted (see semantic_load_seconds). None when the `semantic` extra is
    not installed.
    """
    from interview_closer.core.semantic import CosineSimilarity, semantic_available
    from interview_closer.core.vocab import Vocabulary
    from interview_closer.service import _matcher, plan_from_texts

    if not semantic_available():
        return None
    pairs = _sample_pairs()
    similarity = _matcher(Vocabulary.default(), "packaged").similarity
    assert isinstance(similarity, CosineSimilarity)
    for rt, pt, title, company in pairs:  # warm-up: table, vocabulary and CRF loaded once
        plan_from_texts(rt, pt, title=title, company=company, semantic_model="packaged")
    done = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for rt, pt, title, company in pairs:
            similarity.clear_cache()
            plan_from_texts(rt, pt, title=title, company=company, semantic_model="packaged")
            done += 1
    return done / (time.perf_counter() - t0), len(pairs)


def _wall_times(cmd: list[str], runs: int) -> list[float]:
    # As on a user's machine, Python may keep its bytecode: some sandboxes set
    # PYTHONDONTWRITEBYTECODE, which would make every run recompile the package.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return times


def prep_process_ratio(runs: int = 15) -> tuple[float, float, float]:
    """Median wall time of `closer prep` on the samples and of `python -c pass`, and their ratio.

    The two commands take turns, so a busy moment on the machine slows both alike.
    """
    # The installed `closer` command, as a user runs it (python -m when it is not installed).
    script = Path(sys.executable).with_name("closer")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "interview_closer"]
    closer = [*command, "prep", "--resume", str(SAMPLES / "resume.md"),
              "--job", str(SAMPLES / "posting.html"), "--format", "json"]
    bare_cmd = [sys.executable, "-c", "pass"]
    _wall_times(closer, 2)  # warm the file cache, write bytecode and the data caches
    prep: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        prep += _wall_times(closer, 1)
        bare += _wall_times(bare_cmd, 1)
    p, b = statistics.median(prep), statistics.median(bare)
    return p, b, p / b


def section_plans(row: Any) -> list[Any]:
    """Plans per second (default and semantic mode) and `closer prep` against `python -c pass`."""
    Row = row
    rate, pairs = plans_per_second()
    prep, bare, ratio = prep_process_ratio()
    # Last: the semantic figures load more modules into this process (numpy, the table).
    load = semantic_load_seconds()
    semantic = semantic_plans_per_second()
    return [
        Row("Plans", f"plans/s in-process ({pairs} pairs)", None, rate,
            ">= 50; semantic >= 20 (fresh embeddings)", ".1f",
            semantic[0] if semantic else None),
        Row("Plans", "semantic matching load, s", None, None, "once per process", ".2f",
            load[0] if load else None),
        Row("Plans", "neural tagger load, s", None, None, "extract --semantic", ".1f",
            load[1] if load else None),
        Row("Plans", "closer prep process, ms", None, prep * 1000, "", ".0f"),
        Row("Plans", "python -c pass, ms", None, bare * 1000, "", ".0f"),
        Row("Plans", "prep / python -c pass ratio", None, ratio, "<= 10", ".1f"),
    ]
