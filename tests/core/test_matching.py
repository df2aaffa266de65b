"""Matching requirements to resume evidence: aliases, paraphrases, years, degrees, severity."""

from __future__ import annotations

from tests.vocab_factory import small_vocab

from interview_closer.core.matching import Matcher
from interview_closer.core.models import Match, YearMonth
from interview_closer.core.posting import parse_posting
from interview_closer.core.resume import parse_resume

RESUME = """Alex Kim

Experience
Senior Engineer, Harbor Data Inc — Jan 2021 – Dec 2023
- Tuned Postgres queries, cutting report time by 60%
- Built dashboards in JS for 300 users
- Led a team of 6 engineers through a platform migration

Account Executive, Quill Software — Jan 2019 – Dec 2020
- Closed $1.2M in new ARR in 2020

Staff Nurse, Mercy Hospital — Jan 2016 – Dec 2018
- Cared for patients in the intensive care unit

Skills
Python, Docker

Education
BSc Nursing, State University, 2015
"""
TODAY = YearMonth(2026, 11)


def match(requirement: str, *, nice: bool = False) -> Match:
    section = "Nice to have" if nice else "Requirements"
    vocab = small_vocab()
    posting = parse_posting(f"{section}\n- {requirement}\n", vocab=vocab)
    assert len(posting.requirements) == 1, posting.requirements
    resume = parse_resume(RESUME, vocab=vocab, today=TODAY)
    return Matcher(vocab).match_all(posting, resume)[0]


def test_alias_in_posting_meets_other_spelling_in_resume() -> None:
    m = match("Hands-on PostgreSQL tuning")
    assert m.status == "met"
    assert m.evidence[0].text == "Tuned Postgres queries, cutting report time by 60%"
    assert m.evidence[0].line == 5


def test_abbreviation_and_icu_expansion() -> None:
    assert match("Experience building JavaScript front ends").status == "met"
    icu = match("ICU nursing experience")
    assert icu.status == "met"
    assert "intensive care unit" in icu.evidence[0].text


def test_paraphrases_support_unnamed_skills() -> None:
    people = match("People management experience")
    assert people.status == "met"
    assert people.evidence[0].text.startswith("Led a team of 6")
    quota = match("A record of meeting quota")
    assert quota.status == "met"
    assert "$1.2M" in quota.evidence[0].text


def test_years_arithmetic_gives_a_reason_with_the_span() -> None:
    m = match("5+ years of PostgreSQL")
    assert m.status == "partial"
    assert m.reason == "asks 5+ years of PostgreSQL; resume shows about 3 years (2021-2023)"
    assert match("2+ years of Postgres").status == "met"
    overall = match("7+ years of professional experience")
    assert overall.status == "met"  # 2016-2023 without double counting: 8 years


def test_skills_section_only_is_weaker_than_an_achievement() -> None:
    listed = match("Python programming")
    achieved = match("JavaScript programming")
    assert listed.status == "met" and achieved.status == "met"
    assert listed.score < achieved.score


def test_adjacent_skill_is_partial_and_minor() -> None:
    m = match("Experience with MySQL")
    assert m.status == "partial"
    assert m.severity == "minor"
    assert "PostgreSQL, a close relative" in m.reason


def test_missing_must_have_is_blocking_and_missing_nice_to_have_is_minor() -> None:
    must = match("Kubernetes in production")
    assert (must.status, must.severity) == ("gap", "blocking")
    assert must.evidence == []
    nice = match("Kafka", nice=True)
    assert (nice.status, nice.severity) == ("gap", "minor")


def test_degree_levels() -> None:
    assert match("Bachelor's degree in nursing").status == "met"
    masters = match("Master's degree required")
    assert masters.status == "partial"
    assert masters.severity == "minor"


def test_certification_missing_is_blocking() -> None:
    m = match("Active RN license required")
    assert m.status == "gap" and m.severity == "blocking"


def test_scores_are_bounded() -> None:
    for text in ("Python", "Kafka", "5+ years of Go", "Communication skills", "Spanish"):
        m = match(text)
        assert 0.0 <= m.score <= 1.0
        assert m.status in ("met", "partial", "gap")
        assert m.reason
