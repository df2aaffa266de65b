"""The matcher's reading of a requirement's wording: team leading, tool categories, employer
names, credentials named after a practice, inflected names, senior years."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_closer.core import levels
from interview_closer.core import line_keys as keys_of
from interview_closer.core import match_rules as rules
from interview_closer.core.matching import Matcher
from interview_closer.core.models import Match, SkillMention, YearMonth
from interview_closer.core.posting import parse_posting
from interview_closer.core.resume import parse_resume
from interview_closer.core.vocab import VocabEntry, Vocabulary

ENTRIES = [
    VocabEntry("People management", "skill", "people management",
               ("managing a team", "team management", "supervising staff")),
    VocabEntry("Nursing", "skill", "nursing", ("nurse", "nurses", "patient care")),
    VocabEntry("Emergency nursing", "skill", "nursing", ("emergency department",)),
    VocabEntry("Software development", "skill", "software engineering",
               ("software engineers", "software engineering")),
    VocabEntry("Event planning", "skill", "events", ("event management", "planning events")),
    VocabEntry("Java", "tool", "jvm languages", ("java programming",)),
    VocabEntry("React", "tool", "frontend frameworks", ("=React", "react.js")),
    VocabEntry("Plumbing", "skill", "mechanical trades", ("plumber",)),
    VocabEntry("Plumbing licence", "certification", "trade licences",
               ("licensed plumber", "plumbing license")),
    VocabEntry("Appointment scheduling", "skill", "front office",
               ("scheduling appointments", "patient scheduling")),
    VocabEntry("Cvent", "tool", "event software", ("=Cvent",)),
]
PARAPHRASES = [("People management", r"\b(?:led|managed) a team of \d+\b")]
TODAY = YearMonth(2026, 11)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    """A small fixed vocabulary so the tests do not move with the shipped data."""
    return Vocabulary(ENTRIES, PARAPHRASES)


def match(vocab: Vocabulary, requirement: str, resume: str) -> Match:
    posting = parse_posting(f"Requirements\n- {requirement}\n", vocab=vocab)
    assert len(posting.requirements) == 1, posting.requirements
    parsed = parse_resume(resume, vocab=vocab, today=TODAY)
    return Matcher(vocab).match_all(posting, parsed)[0]


NURSE = """Sam Lee

Experience
Staff Nurse, Mercy Hospital — Jan 2018 – Dec 2025
- Provided patient care for 6 patients a shift on a surgical ward
"""
CHARGE = """Sam Lee

Experience
Charge Nurse, Mercy Hospital — Jan 2018 – Dec 2025
- Led a team of 9 nurses on a surgical ward
- Provided patient care for 6 patients a shift
"""


def test_leading_a_team_needs_leading_not_only_the_trade(vocab: Vocabulary) -> None:
    """"Managing a team of nurses" is a gap for a nurse who never led anyone."""
    asked = "Experience managing a team of nurses"
    follower = match(vocab, asked, NURSE)
    assert follower.status == "gap"
    leader = match(vocab, asked, CHARGE)
    assert leader.status == "met"
    assert leader.evidence[0].text == "Led a team of 9 nurses on a surgical ward"


def test_asks_team_lead_reads_the_usual_wordings() -> None:
    """Several ways postings ask for leading people, and one that does not."""
    assert rules.asks_team_lead("Experience managing and developing a team of accountants")
    assert rules.asks_team_lead("Experience supervising front desk staff")
    assert rules.asks_team_lead("Proven ability to lead a team of engineers")
    assert not rules.asks_team_lead("Experience managing vendor contracts")
    assert not rules.asks_team_lead("Manage relationships with engineering teams")
    assert not rules.asks_team_lead("Experience presenting to the leadership team")


EVENTS = """Ana Ruiz

Experience
Events Coordinator, Riverside Winery — Apr 2022 – Present
- Planned 60 weddings a year and handled event management for 20 vendors
"""


def test_practice_before_software_only_names_a_category(vocab: Vocabulary) -> None:
    """"Event management software such as Cvent": the product decides, not the practice."""
    m = match(vocab, "Experience with event management software such as Cvent", EVENTS)
    assert m.status == "gap"
    assert match(vocab, "Event management experience", EVENTS).status == "met"


BARISTA = """Kofi Mensah

Experience
Barista, Java Junction Café — Sep 2020 – Apr 2022
- Prepared espresso drinks and handled the register
"""
NURSE_ED = """Hana Lee

Experience
Staff Nurse, Emergency Department, Bayside General Hospital — Mar 2020 – Dec 2025
- Cared for 4-5 patients per shift
"""
DEVELOPER = """Kofi Mensah

Experience
Developer, Harbor Labs Inc — Sep 2020 – Apr 2022
- Built payment services in Java for 2M users
"""


def test_an_employer_name_is_not_a_skill(vocab: Vocabulary) -> None:
    """A café called Java Junction shows no Java; a bullet that names Java does."""
    assert match(vocab, "Java programming experience", BARISTA).status == "gap"
    years = match(vocab, "1+ years of Java", BARISTA)
    assert years.status == "gap" and "shows none" in years.reason
    # A department on the heading line is where the work was done: it still counts.
    assert match(vocab, "Emergency department nursing", NURSE_ED).status == "met"
    dev = match(vocab, "Java programming experience", DEVELOPER)
    assert dev.status == "met"
    assert dev.evidence[0].text == "Built payment services in Java for 2M users"


HANDYMAN = """Luis Ramos

Experience
Maintenance Technician, Sunrise Apartments — Mar 2018 – Dec 2025
- Handled plumbing, drywall and appliance repairs for a 220-unit complex
"""


def test_credential_not_held_but_its_practice_shown_is_partial(vocab: Vocabulary) -> None:
    """No licence, but plumbing work: the gap is narrow, and the evidence is the real line."""
    m = match(vocab, "Licensed plumber", HANDYMAN)
    assert m.status == "partial"
    assert m.evidence[0].text.startswith("Handled plumbing")
    assert match(vocab, "Licensed plumber", NURSE).status == "gap"
    assert rules.credential_subjects(vocab, "Plumbing licence") == ["Plumbing"]
    assert rules.credential_subjects(vocab, "Plumbing") == []


FRONT_DESK = """Jo Park

Experience
Medical Receptionist, Lakeside Clinic — Mar 2019 – Present
- Scheduled 40 appointments a day across three doctors
- Reacted quickly to walk-ins by keeping a same-day list
"""


def test_an_inflected_practice_name_is_found_but_a_tool_name_is_not(vocab: Vocabulary) -> None:
    """"Scheduled appointments" shows appointment scheduling; "reacted" does not show React."""
    m = match(vocab, "Experience scheduling appointments", FRONT_DESK)
    assert m.status == "met"
    assert m.evidence[0].text == "Scheduled 40 appointments a day across three doctors"
    # The parser did not name the skill in that line: the plan must not claim it.
    assert "Appointment scheduling" not in m.matched_skills
    assert match(vocab, "Experience building interfaces with React", FRONT_DESK).status == "gap"


def test_inflected_alias_wants_the_words_close_together() -> None:
    """All words of a name, in any inflection, within a short window of one line."""
    near = keys_of.line_keys("Scheduled 40 appointments a day")
    far = keys_of.line_keys("Scheduled the delivery vans, the drivers, the routes and appointments")
    assert keys_of.inflected_alias(["appointment scheduling"], [near]) == 0
    assert keys_of.inflected_alias(["appointment scheduling"], [far]) is None
    assert keys_of.word_key("scheduling") == keys_of.word_key("scheduled") == "schedul"
    # Every word but a function word counts: "managing teams" is not "managed" alone.
    managed = keys_of.line_keys("Managed REST APIs in Python")
    assert keys_of.inflected_alias(["managing teams"], [managed]) is None


def test_inflected_alias_meets_derivations_the_endings_miss() -> None:
    """A long shared beginning joins what one ending cannot ("reconciliation"/"reconciled")."""
    line = keys_of.line_keys("Reconciled intercompany accounts every month")
    assert keys_of.word_key("reconciliations") != keys_of.word_key("reconciled")
    assert keys_of.inflected_alias(["account reconciliations"], [line]) == 0
    # Short words never meet by their beginnings: "java" is not "javascript".
    assert keys_of.inflected_alias(["java programming"], [keys_of.line_keys(
        "Programmed JavaScript widgets")]) is None


MARKETER = """Chloe Martin

Experience
Marketing Manager, Greenleaf — May 2022 – Present
- Ran marketing campaigns for 12 product lines

Marketing Coordinator, Bluebird Events — Jun 2016 – Apr 2022
- Scheduled marketing posts and wrote newsletters
"""


def test_years_of_management_count_only_senior_titles(vocab: Vocabulary) -> None:
    """A coordinator's years are not years of marketing management."""
    m = match(vocab, "5+ years of marketing leadership experience", MARKETER)
    assert m.status == "partial"
    assert "about 4.5 years (2022-2026)" in m.reason
    assert rules.senior_title("Marketing Manager") and not rules.senior_title("Coordinator")


def test_plain_ask_drops_grading_words() -> None:
    """Words that grade an ask are not what it asks for."""
    assert rules.plain_ask("Strong, hands-on familiarity with payroll") == ", with payroll"
    assert rules.plain_ask("Strong skills") == "Strong skills"


def test_degree_levels_are_read_from_text() -> None:
    """The degree ladder moved out of matching.py reads the same."""
    assert levels.degree_level("MSc Data Science") == 3
    assert levels.degree_level("PhD in Chemistry") == 4
    assert levels.degree_level("High school diploma") == 1
    assert levels.degree_level("Forklift licence") == 0


def test_a_practice_word_right_after_a_tool_only_describes_it() -> None:
    """"Java programming" style pairs: the practice after the tool is dropped, not a credential."""
    mentions = [SkillMention("Microsoft Access", "Microsoft Access", 0, 16),
                SkillMention("Database development", "database", 17, 25)]
    text = "Microsoft Access database experience"
    assert rules.tool_descriptors(text, mentions, ["tool", "skill"]) == {1}
    assert rules.tool_descriptors(text, mentions, ["tool", "certification"]) == set()
    apart = "Database design and Microsoft Access"
    assert rules.tool_descriptors(apart, mentions, ["tool", "skill"]) == set()


IAC = [
    VocabEntry("Infrastructure as code", "tool", "infrastructure as code", ("iac",)),
    VocabEntry("Terraform", "tool", "infrastructure as code", ()),
    VocabEntry("Python", "tool", "programming languages", ()),
    VocabEntry("Django", "tool", "web frameworks", ()),
]
CLOUD = """Ana Ruiz

Experience
Platform Engineer, Acme Corp — Jan 2019 – Dec 2025
- Wrote Terraform modules for 40 services
- Built Python services for billing
"""


def test_a_tool_named_for_a_purpose_answers_the_whole_requirement() -> None:
    vocab = Vocabulary(IAC)
    iac = match(vocab, "Infrastructure as code with Terraform", CLOUD)
    assert iac.status == "met" and "Terraform" in iac.reason
    # Different families: the first is not just the second's purpose, both are asked.
    both = match(vocab, "Python with Django", CLOUD)
    assert both.status != "met"


def test_tool_purposes_needs_the_linking_word_and_the_family() -> None:
    text = "Infrastructure as code with Terraform, and Python"
    mentions = [SkillMention("Infrastructure as code", "Infrastructure as code", 0, 22),
                SkillMention("Terraform", "Terraform", 28, 37),
                SkillMention("Python", "Python", 43, 49)]  # fmt: skip
    kinds = ["tool", "tool", "tool"]
    same = {("Infrastructure as code", "Terraform")}
    assert rules.tool_purposes(text, mentions, kinds, lambda a, b: (a, b) in same) == {0}
    assert rules.tool_purposes(text, mentions, kinds, lambda a, b: False) == set()
    assert rules.tool_purposes("Infrastructure as code and Terraform", mentions[:2], kinds[:2],
                               lambda a, b: True) == set()  # fmt: skip


RECRUITER = """Jo Park

Experience
Technical Recruiter, Stackwise — Feb 2022 – Present
- Sourced passive candidates on LinkedIn with a 35% reply rate
"""


def test_one_content_word_shown_in_another_inflection_is_met(vocab: Vocabulary) -> None:
    m = match(vocab, "Strong sourcing skills", RECRUITER)
    assert m.status == "met"
    assert m.evidence[0].text.startswith("Sourced passive")


def test_the_open_end_of_a_date_range_is_not_evidence(vocab: Vocabulary) -> None:
    # "Feb 2022 – Present" on the heading line shares the stem of "presenting" only.
    m = match(vocab, "Experience presenting at conferences", RECRUITER)
    assert m.status == "gap"
    assert rules.without_open_end("Recruiter, Stackwise — Feb 2022 – Present").strip() == (
        "Recruiter, Stackwise — Feb 2022")
    assert rules.without_open_end("Presented at 3 meetups") == "Presented at 3 meetups"


PHLEBOTOMIST = """Ana Cruz

Experience
Phlebotomist, Mercy Hospital — Jan 2020 – Dec 2025
- Drew blood from 40 patients a day for the hospital laboratory
"""


def test_a_line_is_read_under_its_role_title(vocab: Vocabulary) -> None:
    m = match(vocab, "Experience as a phlebotomist in a hospital laboratory", PHLEBOTOMIST)
    assert m.status == "met"
    # The evidence quoted is the resume's own line, not the title glued to it.
    assert m.evidence[0].text == "Drew blood from 40 patients a day for the hospital laboratory"
    parsed = parse_resume(PHLEBOTOMIST, vocab=vocab, today=TODAY)
    assert rules.in_role_context(parsed, parsed.items[0]) == (
        "Phlebotomist: Drew blood from 40 patients a day for the hospital laboratory")


def _near_by_scan(keys: set[str], line: tuple[str, ...]) -> tuple[str, ...]:
    """The plain definition the prefix index must agree with: every key tried per word."""
    from interview_closer.core.similarity import same_stem

    return tuple(next((k for k in keys if same_stem(k, w)), w) for w in line)


_WORDS = st.sampled_from(
    ["reconcil", "reconciliat", "account", "accountant", "schedul", "scheduling", "troubl",
     "troubleshoot", "java", "javascript", "administrat", "administrator", "ops", "nurse"]
)


@given(st.sets(_WORDS, min_size=1, max_size=3), st.lists(_WORDS, max_size=8))
def test_the_prefix_index_finds_the_same_family_as_a_full_scan(
    keys: set[str], words: list[str]
) -> None:
    by_prefix: dict[str, list[str]] = {}
    for k in keys:
        if len(k) >= 6:
            by_prefix.setdefault(k[:6], []).append(k)
    near = tuple(keys_of._near_key(w, by_prefix) for w in words)
    scan = _near_by_scan(keys, tuple(words))
    assert near == scan


HELPDESK = [
    VocabEntry("Zendesk", "tool", "itsm tools", ()),
    VocabEntry("ServiceNow", "tool", "itsm tools", ()),
    VocabEntry("Ticketing systems", "skill", "it support", ("ticketing system",)),
    VocabEntry("Communication", "soft", "communication", ("strong communication",)),
    VocabEntry("Caregiving", "skill", "care", ("carers", "carer")),
    VocabEntry("Accounting", "skill", "accounting", ("accountants",)),
    VocabEntry("ACCA", "certification", "accounting credentials", ()),
]


def _desk(tool_line: str) -> str:
    return f"Jo Park\n\nExperience\nIT Analyst, Acme Corp — Jan 2019 – Dec 2025\n- {tool_line}\n"


def test_or_a_similar_tool_accepts_the_tool_or_a_substitute() -> None:
    """"Zendesk or a similar ticketing system": Zendesk, or a tool like it, is enough."""
    vocab = Vocabulary(HELPDESK)
    asked = "Experience with Zendesk or a similar ticketing system"
    named = _desk("Answered 60 customer emails a day in Zendesk")
    assert match(vocab, asked, named).status == "met"
    other = _desk("Handled 40 requests a week in ServiceNow")
    substitute = match(vocab, asked, other)
    assert substitute.status == "met" and "ServiceNow" in substitute.reason
    # Without "or a similar", a substitute tool is only a close relative.
    plain = match(vocab, "Experience with Zendesk", other)
    assert plain.status == "partial"


def test_kind_of_tool_needs_the_similar_wording() -> None:
    mentions = [SkillMention("Zendesk", "Zendesk", 0, 7),
                SkillMention("Ticketing systems", "ticketing system", 0, 0)]
    kinds = ["tool", "skill"]
    assert rules.kind_of_tool("Zendesk or a similar ticketing system", mentions, kinds) == {1}
    assert rules.kind_of_tool("Zendesk or any other ticketing system", mentions, kinds) == {1}
    assert rules.kind_of_tool("Zendesk and a ticketing system", mentions, kinds) == set()
    assert rules.kind_of_tool("Zendesk or ticketing system", mentions, kinds) == set()


def test_whom_a_soft_skill_is_practised_with_is_not_a_skill_asked() -> None:
    """"Communication with parents and carers" does not ask for caregiving."""
    vocab = Vocabulary(HELPDESK)
    mentions = [SkillMention("Communication", "strong communication", 0, 0),
                SkillMention("Caregiving", "carers", 0, 0)]
    text = "Strong communication with parents and carers"
    assert rules.soft_audiences(text, mentions, ["soft", "skill"]) == {1}
    assert rules.soft_audiences("Carers and strong communication", mentions,
                                ["soft", "skill"]) == set()
    resume = _desk("Kept parents informed through strong communication at weekly meetings")
    found = match(vocab, text, resume)
    assert found.status == "met" and "carers" not in found.reason


def test_a_part_qualified_credential_falls_short() -> None:
    vocab = Vocabulary(HELPDESK)
    part = "Jo Park\n\nCertifications\nACCA (part-qualified, 9 of 13 exams passed)\n"
    assert match(vocab, "ACCA qualified", part).status == "partial"
    full = "Jo Park\n\nCertifications\nACCA, 2021\n"
    assert match(vocab, "ACCA qualified", full).status == "met"


def test_a_generic_verb_alone_is_no_loose_evidence() -> None:
    """"Managing a team" keeps only "managing": "management accounts" must not answer it."""
    assert rules.only_generic("managing a team")
    assert not rules.only_generic("managing budgets")
    assert not rules.only_generic("")
    accounting = VocabEntry("Accounting", "skill", "accounting", ("accountants",))
    vocab = Vocabulary([*ENTRIES, accounting])
    resume = ("Jo Park\n\nExperience\nAccountant, Acme Corp — Jan 2019 – Dec 2025\n"
              "- Prepared monthly management accounts for the board\n")
    assert match(vocab, "Experience managing a team of accountants", resume).status != "met"
