"""Years the summary states outright, and which years asks they answer."""

from __future__ import annotations

from tests.vocab_factory import small_vocab

from interview_closer.core import years as yrs
from interview_closer.core.matching import Matcher
from interview_closer.core.models import YearMonth
from interview_closer.core.posting import parse_posting
from interview_closer.core.resume import parse_resume

TODAY = YearMonth(2026, 11)


def resume_with(summary: str) -> str:
    return f"""Maya Thompson

Summary
{summary}

Experience
Staff Nurse, Mercy Hospital — Jan 2024 – Present
- Cared for 4 patients a shift; raised audit scores in three years of work
"""


def claims(summary: str) -> list[yrs.StatedYears]:
    return yrs.stated_years(parse_resume(resume_with(summary), vocab=small_vocab(), today=TODAY))


def test_the_summary_states_years_and_what_they_were_spent_on() -> None:
    [claim] = claims("Registered nurse with six years of acute care experience, the last "
                     "three on a progressive care unit.")
    assert claim.years == 6.0
    assert claim.subject == {"acut", "care"}  # not the progressive care unit after the comma
    assert "nurs" in claim.holder
    assert claim.item.section == "summary"
    assert claims("Nurse with nearly five years on surgical wards.")[0].years == 4.5
    assert claims("Nurse with over 7 years on surgical wards.")[0].years == 7.0
    # A role's bullet says how long something ran, not how long the candidate worked.
    assert claims("Calm and organised nurse.") == []


def test_a_claim_answers_an_ask_only_for_every_word_of_it() -> None:
    nurse = claims("Registered nurse with six years of acute care experience.")
    assert yrs.stated_for("recent acute care nursing experience", nurse) is not None
    assert yrs.stated_for("paediatric nursing", nurse) is None
    # Eight years in retail are not eight years as an assistant store manager.
    manager = claims("Assistant store manager with eight years in fashion retail.")
    assert yrs.stated_for("an assistant store manager", manager) is None
    assert yrs.stated_for("fashion retail", manager) is not None


def test_a_years_ask_the_summary_answers_is_met_with_that_line_as_evidence() -> None:
    vocab = small_vocab()
    text = resume_with("Registered nurse with six years of acute care experience.")
    resume = parse_resume(text, vocab=vocab, today=TODAY)
    posting = parse_posting("Requirements\n- 4+ years of acute care nursing experience\n",
                            vocab=vocab)  # fmt: skip
    m = Matcher(vocab).match_all(posting, resume)[0]
    assert m.status == "met"
    assert m.evidence[0].text.startswith("Registered nurse with six years")
    assert m.reason.endswith("about 6 years (as the summary states)")
    # The role's own dates (about three years) decide when the summary states nothing.
    plain = parse_resume(resume_with("Registered nurse."), vocab=vocab, today=TODAY)
    assert Matcher(vocab).match_all(posting, plain)[0].status != "met"


def test_the_summary_figure_outranks_roles_that_only_share_the_asks_words() -> None:
    vocab = small_vocab()
    text = """Priya Shah

Summary
Mortgage adviser with nearly four years giving mortgage advice to home buyers.

Experience
Mortgage Adviser, Castlegate Home Finance — Feb 2023 – Present
- Gave mortgage advice to 25 clients a month
Mortgage Administrator, Redfern Building Society — May 2018 – Jan 2023
- Packaged mortgage applications and checked documents against lending policy
"""
    resume = parse_resume(text, vocab=vocab, today=TODAY)
    posting = parse_posting("Requirements\n- 5+ years of experience giving mortgage advice\n",
                            vocab=vocab)  # fmt: skip
    m = Matcher(vocab).match_all(posting, resume)[0]
    assert m.status == "partial"
    assert m.reason.endswith("about 3.5 years (as the summary states)")
