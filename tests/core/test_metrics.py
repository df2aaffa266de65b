"""Measurable results in resume lines: what counts as a metric and what does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_closer.core.metrics import find_metric_spans, find_metrics, has_metric


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Closed $1.2M in new ARR, 130% of quota", ["$1.2M", "130%"]),
        ("Cut vendor spend by €300k and £50,000 a year", ["€300k", "£50,000"]),
        ("Managed a portfolio worth 1.2 million", ["1.2 million"]),
        ("Managed budgets up to USD 2 million", ["USD 2 million"]),
        ("Led a team of 6 engineers", ["team of 6 engineers"]),
        ("Supervised a team of six nurses", ["team of six nurses"]),
        ("Taught 30 students in two sections", ["30 students"]),
        ("Charge nurse on a 12-bed unit", ["12-bed"]),
        ("Improved throughput 3x with batching", ["3x"]),
        ("Grew the app to 2,000 users", ["2,000 users"]),
        ("Served 10k+ daily active users", ["10k+ daily active users"]),
        ("Cut build time from 40 minutes to 90 seconds", ["40 minutes", "90 seconds"]),
        ("Reduced p95 latency to 120ms", ["120ms"]),
        ("Rated 4.8/5 by hotel guests", ["4.8/5"]),
        ("Ranked #1 of 40 reps nationally", ["#1", "40 reps"]),
        ("Lifted conversion by 15-20%", ["15-20%"]),
        ("Raised retention 12 percent", ["12 percent"]),
        ("Finished in the top 5% of sellers", ["top 5%"]),
        ("Handled 50+ clients across 3 regions", ["50+ clients", "3 regions"]),
        ("Cared for 3 to 4 patients per shift", ["3 to 4 patients"]),
        ("Responded to 40+ rapid response and code blue calls", ["40+"]),
        ("Earned 300 GitHub stars", ["300 GitHub stars"]),
        ("Supported 2000 users during the migration", ["2000 users"]),
        ("Team of 8 nurses on nights", ["Team of 8 nurses"]),
        ("Top 10% of the region", ["Top 10%"]),
    ],
)
def test_finds_results(line: str, expected: list[str]) -> None:
    assert find_metrics(line) == expected
    assert has_metric(line)


@pytest.mark.parametrize(
    "line",
    [
        "Worked at Acme 2019-2021",
        "In 2019 launched the mobile app",
        "Cared for COVID-19 patients on a step-down unit",
        "Python 3 and Windows 10",
        "On-call support for Tier 1 services",
        "Completed 5 of the modules",
        "Wrote clear handoff notes",
        "",
    ],
)
def test_not_results(line: str) -> None:
    assert find_metrics(line) == []
    assert not has_metric(line)


@given(st.text(alphabet="0123456789 ,.$%€£kKmMxX+-–#/abcdefghijklmnopstuvwy", max_size=60))
def test_metrics_are_verbatim_ordered_and_disjoint(line: str) -> None:
    spans = find_metric_spans(line)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(line)
        last = b
    assert find_metrics(line) == [line[a:b] for a, b in spans]
    for text in find_metrics(line):
        assert text in line and text == text.strip()
