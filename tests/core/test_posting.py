"""Posting understanding: sections, requirements, importance, kind, skills."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from tests.vocab_factory import small_vocab

from interview_closer.core.models import Posting, SkillMention
from interview_closer.core.posting import find_sections, guess_company, guess_title, parse_posting

HEADED = """Senior Backend Engineer

About Northwind Analytics
Northwind Analytics is a leading provider of logistics data. We believe in shipping fast.

What you'll do
- Design and build REST APIs in Python for our routing platform
- Keep the office plants alive

Requirements
- 5+ years of professional experience with Python
- Strong SQL skills; experience with PostgreSQL or MySQL
- Experience with Kubernetes and Docker in production
- Bachelor's degree in Computer Science or equivalent experience
- Excellent written and verbal communication
- Must be authorized to work in the US

Nice to have
- Experience with Kafka
- AWS certification is a plus

Benefits
- 401(k) matching, health insurance with Python-themed swag

Northwind is an equal opportunity employer. We consider all applicants without regard to race.
"""

RUN_ON = (
    "We are a fast-growing clinic group looking for a Registered Nurse to join our team. "
    "You will provide wound care to patients. Candidates must have an active RN license and "
    "BLS certification. At least 2 years of ICU experience is required. Spanish is a plus. "
    "We offer competitive pay and dental insurance. We are an equal opportunity employer and "
    "welcome applicants without regard to race or sexual orientation."
)


def parse(text: str) -> Posting:
    return parse_posting(text, vocab=small_vocab())


def test_the_tagger_gets_every_requirement_part_of_a_posting_in_one_call() -> None:
    vocab = small_vocab()
    calls: list[list[str]] = []

    def finder(texts: Sequence[str]) -> list[list[SkillMention]]:
        calls.append(list(texts))
        return [vocab.find(text) for text in texts]

    posting = parse_posting(HEADED, vocab=vocab, find_mentions=finder)
    assert len(calls) == 1 and len(calls[0]) > 5  # one batch, many parts
    assert not any("equal opportunity" in t for t in calls[0])  # only where requirements stand
    assert posting.mentions == parse(HEADED).mentions  # the same as the vocabulary alone
    whole = parse_posting(HEADED, vocab=vocab, find_mentions=finder, all_mentions=True)
    assert calls[-1] == [HEADED] and whole.mentions


def by_text(posting: Posting, fragment: str):  # type: ignore[no-untyped-def]
    found = [r for r in posting.requirements if fragment in r.text]
    assert found, f"no requirement containing {fragment!r}"
    return found[0]


def test_sections_from_headings() -> None:
    kinds = [s.kind for s in find_sections(HEADED)]
    assert kinds == ["intro", "about", "responsibilities", "requirements", "preferred", "benefits"]


def test_requirements_get_importance_kind_and_skills() -> None:
    p = parse(HEADED)
    years = by_text(p, "5+ years")
    assert (years.importance, years.kind, years.years) == ("must", "years", 5.0)
    assert [s.name for s in years.skills] == ["Python"]
    sql = by_text(p, "Strong SQL")
    assert sql.importance == "must" and sql.kind == "tool"
    assert {s.name for s in sql.skills} == {"SQL", "PostgreSQL", "MySQL"}
    assert by_text(p, "Bachelor").kind == "degree"
    assert by_text(p, "communication").kind == "soft"
    assert by_text(p, "authorized").kind == "logistics"
    kafka = by_text(p, "Kafka")
    assert kafka.importance == "nice" and kafka.section == "preferred"
    assert by_text(p, "AWS certification").kind == "certification"


def test_company_blurb_benefits_and_eeo_are_never_requirements() -> None:
    p = parse(HEADED)
    texts = " ".join(r.text for r in p.requirements)
    for fragment in ("leading provider", "401(k)", "equal opportunity", "office plants"):
        assert fragment not in texts


def test_skill_surfaces_are_verbatim_with_offsets() -> None:
    p = parse(HEADED)
    for r in p.requirements:
        assert p.text[r.start : r.end].strip().endswith(r.text.strip()[-5:])
        for s in r.skills:
            assert p.text[s.start : s.end] == s.surface
    for m in p.mentions:
        assert p.text[m.start : m.end] == m.surface


def test_run_on_paragraph_is_split_by_its_sentences() -> None:
    p = parse(RUN_ON)
    assert p.title == "Registered Nurse"
    licence = by_text(p, "RN license")
    assert licence.kind == "certification" and licence.importance == "must"
    assert {s.name for s in licence.skills} == {"RN licence", "BLS"}
    icu = by_text(p, "ICU")
    assert (icu.kind, icu.years, icu.importance) == ("years", 2.0, "must")
    spanish = by_text(p, "Spanish")
    assert spanish.importance == "nice" and spanish.kind == "language"
    texts = " ".join(r.text for r in p.requirements)
    assert "dental" not in texts and "equal opportunity" not in texts
    assert "fast-growing" not in texts


@pytest.mark.parametrize(
    ("text", "title", "company"),
    [
        ("Data Analyst - Remote\nAbout Acme Corp\nWe sell anvils.", "Data Analyst", "Acme Corp"),
        ("Job title: Staff Nurse\nJoin Riverside Health, a hospital.", "Staff Nurse",
         "Riverside Health"),
    ],
)
def test_title_and_company_guesses(text: str, title: str, company: str) -> None:
    assert guess_title(text) == title
    assert guess_company(text) == company


def test_ids_are_sequential_and_empty_posting_has_no_requirements() -> None:
    p = parse(HEADED)
    assert [r.id for r in p.requirements] == [f"R{i}" for i in range(1, len(p.requirements) + 1)]
    assert parse("").requirements == []


def test_a_hard_wrapped_list_item_is_one_requirement_read_as_one_line() -> None:
    text = (
        "Requirements\n"
        "- 5+ years of professional experience with Python, ideally in a\n"
        "  logistics business\n"
        "- Experience with Kubernetes and Docker deployed for a team of\n"
        "  engineers\n"
    )
    posting = parse_posting(text, vocab=small_vocab())
    texts = [r.text for r in posting.requirements]
    assert texts == [
        "5+ years of professional experience with Python, ideally in a logistics business",
        "Experience with Kubernetes and Docker deployed for a team of engineers",
    ]
    first = posting.requirements[0]
    assert first.kind == "years" and first.years == 5
    assert text[first.start : first.end].split() == first.text.split()


def test_a_long_list_item_stays_one_requirement_but_a_long_sentence_splits() -> None:
    item = (
        "Requirements\n- Experience building services in Python that read orders, invoices, "
        "carrier updates and payment events from many partners, with PostgreSQL and Docker "
        "running in production every day\n"
    )
    [one] = parse(item).requirements
    assert one.text.startswith("Experience building services in Python")
    assert {s.name for s in one.skills} >= {"Python", "PostgreSQL", "Docker"}
    sentence = (
        "Requirements\nYou will write services in Python for our partners every single day, "
        "and you will run PostgreSQL and Docker in production for the whole company too.\n"
    )
    assert len(parse(sentence).requirements) == 2


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Experience teaching high school students", "skill"),
        ("Experience supporting high school athletes", "skill"),
        ("High school diploma or equivalent", "degree"),
        ("High school or GED required", "degree"),
        ("A high school education", "degree"),
        ("BSN required", "degree"),
    ],
)
def test_a_degree_name_describing_the_next_noun_asks_for_no_degree(line: str, kind: str) -> None:
    from interview_closer.core.vocab import Vocabulary

    posting = parse_posting(f"Requirements\n- {line}\n", vocab=Vocabulary.default())
    req = posting.requirements[0]
    assert req.kind == kind
    names = {s.name for s in req.skills}
    assert ("High school diploma" in names) == (kind == "degree" and "high" in line.lower())


@pytest.mark.parametrize(("line", "kind"), [
    ("Experience preparing immigration and visa applications", "skill"),
    ("Knowledge of business travel booking tools", "skill"),
    ("Visa sponsorship is not available for this role", "logistics"),
    ("Willing to travel up to 25% of the time", "logistics"),
])
def test_a_condition_word_after_an_ask_for_experience_is_work_done(line: str, kind: str) -> None:
    posting = parse_posting(f"Requirements\n- {line}\n", vocab=small_vocab())
    assert [r.kind for r in posting.requirements] == [kind]
