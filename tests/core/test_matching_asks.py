"""What a requirement asks beyond its vocabulary skills: words the vocabulary does not know,
framework-levelled and unfinished qualifications, and years of leading people."""

from __future__ import annotations

import pytest

from interview_closer.core import ask_names, levels
from interview_closer.core import match_rules as rules
from interview_closer.core import years as yrs
from interview_closer.core.matching import Matcher
from interview_closer.core.models import Match, SkillMention, YearMonth
from interview_closer.core.posting import MentionFinder, parse_posting
from interview_closer.core.resume import parse_resume
from interview_closer.core.vocab import VocabEntry, Vocabulary

ENTRIES = [
    VocabEntry("Conveyancing", "skill", "property law", ("conveyancing",)),
    VocabEntry("Medication administration", "skill", "care",
               ("administering medication", "administer medication")),
    VocabEntry("Clio", "tool", "legal software", ("=Clio", "clio practice management")),
    VocabEntry("Aderant", "tool", "legal software", ("=Aderant",)),
    VocabEntry("People management", "skill", "people management", ("managing a team",)),
    VocabEntry("Caregiving", "skill", "care", ("carers", "care assistant")),
    VocabEntry("Chromatography", "skill", "chemistry", ("ion chromatography",)),
    VocabEntry("HPLC", "skill", "chromatography", ("uplc",)),
    VocabEntry("Gas chromatography", "skill", "chromatography", ("gc ms",)),
]
PARAPHRASES = [("People management", r"\b(?:led|supervised) a (?:\w+ )?team of (?:\d+|six)\b")]
TODAY = YearMonth(2025, 6)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    """A small fixed vocabulary so the tests do not move with the shipped data."""
    return Vocabulary(ENTRIES, PARAPHRASES)


def tagger(vocab: Vocabulary, *spans: str) -> MentionFinder:
    """The vocabulary's mentions plus fixed free-text spans, as the skill tagger adds them."""

    def find(text: str) -> list[SkillMention]:
        found = vocab.find(text)
        for span in spans:
            at = text.find(span)
            if at >= 0:
                found.append(SkillMention(span, span, at, at + len(span)))
        return sorted(found, key=lambda m: m.start)

    return lambda texts: [find(text) for text in texts]


def match(vocab: Vocabulary, requirement: str, resume: str, *spans: str) -> Match:
    posting = parse_posting(f"Requirements\n- {requirement}\n", vocab=vocab,
                            find_mentions=tagger(vocab, *spans))  # fmt: skip
    assert len(posting.requirements) == 1, posting.requirements
    parsed = parse_resume(resume, vocab=vocab, today=TODAY)
    return Matcher(vocab).match_all(posting, parsed)[0]


PARALEGAL = """Ana Ruiz

Experience
Paralegal, Brightwater Solicitors — Sep 2018 – Feb 2025
- Supported the property team on 30 conveyancing files at a time
- Kept matter records in Aderant
"""


def test_words_the_vocabulary_does_not_know_are_asked_too(vocab: Vocabulary) -> None:
    """Only conveyancing is shown: "drafting commercial leases" is still missing."""
    req = "Experience drafting commercial leases and handling conveyancing transactions"
    m = match(vocab, req, PARALEGAL, "drafting commercial leases")
    assert m.status == "partial"
    assert "drafting commercial leases" in m.reason
    shown = match(vocab, "Experience handling conveyancing transactions", PARALEGAL)
    assert shown.status == "met"


def test_only_words_listed_beside_a_skill_are_a_skill_of_their_own(vocab: Vocabulary) -> None:
    """Glued to the skill, the words describe it; far from it, they are the sentence's."""
    assert match(vocab, "Strong conveyancing casework skills", PARALEGAL,
                 "casework skills").status == "met"  # fmt: skip
    assert match(vocab, "Conveyancing experience will help you get up to speed",
                 PARALEGAL, "get up to speed").status == "met"  # fmt: skip
    mentions = [SkillMention("Conveyancing", "conveyancing", 0, 0),
                SkillMention("lease drafting", "lease drafting", 0, 0)]
    known = [True, False]
    assert rules.listed_with_known("conveyancing and lease drafting", mentions, known) == {1}
    assert rules.listed_with_known("lease drafting, conveyancing", mentions, known) == {1}
    assert rules.listed_with_known("conveyancing lease drafting", mentions, known) == set()
    far = "conveyancing, which you will learn alongside lease drafting"
    assert rules.listed_with_known(far, mentions, known) == set()


def test_a_bare_category_word_names_no_skill(vocab: Vocabulary) -> None:
    """"Clio practice management system": Aderant, a substitute, answers it in part."""
    m = match(vocab, "Working knowledge of the Clio practice management system",
              PARALEGAL, "system")  # fmt: skip
    assert m.status == "partial"
    assert "Aderant" in m.reason
    assert rules.bare_category("system") and rules.bare_category("Tools")
    assert not rules.bare_category("systems thinking")


def test_framework_levels_order_qualifications() -> None:
    level = levels.degree_level
    assert level("Level 5 Diploma in Leadership for Adult Care") > level(
        "Level 3 Diploma in Adult Care")
    assert levels.degree_level("NVQ Level 3 in Health and Social Care") == levels.degree_level(
        "Level 3 Diploma in Adult Care")
    assert levels.degree_level("Level 7 Diploma in Strategic Management") == levels.degree_level(
        "MSc Management")
    assert levels.degree_level("an entry level role") == 0
    assert levels.degree_level("HNC in Electrical Engineering") > levels.degree_level(
        "Level 3 NVQ Diploma in Electrotechnical Systems")
    assert levels.degree_level("HND Business") == levels.degree_level("Level 5 Diploma in Care")
    assert levels.degree_level("18th Edition Wiring Regulations (BS 7671)") == 0
    assert levels.degree_level("BS Computer Science") == levels.degree_level("BSc Biology") == 2


CARER = """Dee Hart

Experience
Senior Support Worker, Willowmere Care Home — Jun 2022 – Present
- Lead a shift team of six carers on a dementia unit
- Administer medication using eMAR

Care Assistant, Homefirst Care — Mar 2018 – May 2022
- Delivered personal care to 12 clients a day

Education
Level 3 Diploma in Adult Care, 2020
Level 5 Diploma in Leadership and Management for Adult Care, in progress (due 2026)
"""


def test_a_qualification_still_in_progress_is_partly_met(vocab: Vocabulary) -> None:
    m = match(vocab, "Level 5 Diploma in Leadership and Management for Adult Care", CARER)
    assert m.status == "partial"
    assert "in progress" in m.reason
    assert m.evidence[0].text.startswith("Level 5 Diploma")
    assert match(vocab, "Level 3 Diploma in Adult Care or equivalent", CARER).status == "met"


def test_years_of_supervising_count_the_roles_that_lead_people(vocab: Vocabulary) -> None:
    """Seven years in care, three of them leading a shift team: short of five supervising."""
    m = match(vocab, "At least 5 years' experience in a supervisory care role", CARER)
    assert m.status == "partial"
    assert m.reason.endswith(
        "years of experience in a supervisory care role; resume shows about 2.9 years (2022-2025)")
    assert match(vocab, "At least 5 years' experience", CARER).status == "met"


def test_a_present_tense_bullet_is_read_like_a_past_one(vocab: Vocabulary) -> None:
    line = "Lead a shift team of six carers on a dementia unit"
    found = vocab.paraphrases(line)
    assert [(m.name, m.surface) for m in found] == [
        ("People management", "Lead a shift team of six")]
    assert line[found[0].start : found[0].end] == found[0].surface
    assert vocab.paraphrases("Leads a team of 4") and vocab.paraphrases("Led a team of 4")
    assert vocab.paraphrases("Python team of 4 engineers") == []


def test_a_free_text_ask_to_lead_a_team_is_met_by_leading_people(vocab: Vocabulary) -> None:
    m = match(vocab, "Able to lead and motivate a team of care staff", CARER)
    assert m.status == "met"
    assert m.reason == "resume shows people management"
    assert m.evidence[0].text.startswith("Lead a shift team")
    assert rules.asks_team_lead("lead and motivate a team of care staff")
    assert rules.asks_team_lead("Able to lead and motivate a kitchen brigade")


def test_years_of_a_skill_count_the_lines_of_its_family(vocab: Vocabulary) -> None:
    """HPLC is chromatography: its years are years of chromatography."""
    analyst = ("Kim Roe\n\nExperience\nQC Analyst, Corvane — Feb 2019 – Present\n"
               "- Ran release testing by HPLC\n")
    m = match(vocab, "3+ years of chromatography experience", analyst)
    assert m.status == "met"
    assert "about 6.3 years (2019-2025)" in m.reason
    # A sibling technique is not the family: HPLC years are no GC-MS years.
    assert match(vocab, "3+ years of GC-MS", analyst).status != "met"


def test_the_people_worked_with_are_no_skill_asked() -> None:
    mentions = [SkillMention("Dispatching", "dispatch operations", 0, 0),
                SkillMention("Product management", "product managers", 0, 0)]
    text = "Work with dispatch operations and product managers on datasets"
    assert rules.people_worked_with(text, mentions) == {1}
    assert rules.people_worked_with("Experience in product management", [
        SkillMention("Product management", "product management", 0, 0)]) == set()
    # People listed beside a skill add no second skill either.
    listed = [SkillMention("Conveyancing", "conveyancing", 0, 0),
              SkillMention("partners", "partners", 0, 0)]
    assert rules.listed_with_known("conveyancing and partners", listed,
                                   [True, False]) == set()  # fmt: skip


TECHNICIAN = """Lee Park

Experience
Pharmacy Technician, Harbour Hospital — Jun 2019 – May 2025
- Prepared IV admixtures in a laminar airflow hood
- Led the move of stock records to a new inventory system
Pharmacy Clerk, Corner Drugstore — Jun 2016 – May 2019
- Rang up prescriptions at the pharmacy register

Certifications
Compounded Sterile Preparation Technician (CSPT), in progress
"""


def test_years_as_a_title_count_the_roles_of_that_title(vocab: Vocabulary) -> None:
    """A clerk shares the pharmacy's word, not the technician's job."""
    m = match(vocab, "At least 8 years of experience as a pharmacy technician", TECHNICIAN)
    assert m.status == "partial"
    assert "about 6 years (2019-2025)" in m.reason
    assert match(vocab, "8+ years in a pharmacy", TECHNICIAN).status == "met"
    assert yrs.asked_title("3 years as a Design Lead or Design Manager leading a team") == (
        "Design Lead or Design Manager")
    assert yrs.asked_title("3+ years teaching English as a second language") is None
    assert yrs.asked_title("5 years' experience as a nurse in an acute hospital") == "nurse"
    assert yrs.asked_title("3 years as Head of Sales") == "Head of Sales"
    assert yrs.asked_title("3 years as the Head of Sales for a SaaS firm") == "Head of Sales"


def test_years_leading_a_team_of_a_trade_are_years_of_leading_people(vocab: Vocabulary) -> None:
    """Nine years in pharmacy and a project led, but no one supervised."""
    m = match(vocab, "At least 3 years supervising a team of pharmacy staff", TECHNICIAN)
    assert m.status == "gap"
    assert rules.team_lead_span("3 years supervising a team of pharmacy staff, ideally") == (
        8, 44)


def test_a_credential_is_asked_by_its_name_and_in_progress_is_partial(vocab: Vocabulary) -> None:
    m = match(vocab, "CSPT certification preferred", TECHNICIAN)
    assert m.status == "partial"
    assert m.evidence[0].text.startswith("Compounded Sterile Preparation Technician")
    assert rules.plain_ask("Current CSPT certification", credential=True) == "CSPT"


def test_a_practice_in_one_of_several_tools_needs_one_of_the_tools(vocab: Vocabulary) -> None:
    """Conveyancing is shown, but in Aderant, not in Clio or the other system asked."""
    kinds = ["skill", "tool", "tool"]
    text = "Experience handling conveyancing in Clio or Aderant"
    assert rules.practice_in_tools(text, ["conveyancing", "Clio", "Aderant"], kinds) == (
        [0], [1, 2])
    # A span the vocabulary does not know is no practice to insist on.
    assert rules.practice_in_tools(text, ["conveyancing", "Clio", "Aderant"],
                                   ["", "tool", "tool"]) is None
    assert rules.practice_in_tools("Clio or Aderant, and conveyancing",
                                   ["conveyancing", "Clio", "Aderant"], kinds) is None
    assert match(vocab, text, PARALEGAL).status == "met"
    m = match(vocab, "Experience handling conveyancing in Clio or Actionstep", PARALEGAL,
              "Actionstep")
    assert m.status == "partial"


def test_a_capitalised_name_the_vocabulary_does_not_know_is_asked_too(vocab: Vocabulary) -> None:
    text = "Conveyancing under the Land Registration Act and Clio"
    clio = SkillMention("Clio", "Clio", text.index("Clio"), len(text))
    names, swallowed = ask_names.unnamed_names(text, [clio])
    assert [m.surface for m in names] == ["Land Registration Act"] and not swallowed
    assert [m.surface for m in ask_names.unnamed_names(text, [])[0]] == [
        "Land Registration Act and Clio"]
    # A product written in capitals, and a requirement that opens with the name.
    product = ask_names.unnamed_names("Recording notes on Liquidlogic LCS", [])[0]
    assert [m.surface for m in product] == ["Liquidlogic LCS"]
    opening = "Knowledge of Land Registration Act rules"
    assert [m.surface for m in ask_names.unnamed_names(opening, [])[0]] == [
        "Land Registration Act"]
    # Title Case says nothing about names.
    assert ask_names.unnamed_names("Excellent Written Communication Skills", []) == ([], set())
    m = match(vocab, "Conveyancing files under the Land Registration Act", PARALEGAL)
    assert m.status == "partial"
    assert "Land Registration Act" in m.reason
    shown = PARALEGAL + "- Registered 40 titles under the LRA\n"
    assert match(vocab, "Conveyancing files under the Land Registration Act", shown).status == "met"


def test_a_title_asked_by_grade_needs_a_role_of_that_grade() -> None:
    assert not yrs.title_grade_fits("lead technician", "Automotive Technician")
    assert yrs.title_grade_fits("lead technician", "Lead Technician")
    assert not yrs.title_grade_fits("qualified dental nurse", "Trainee Dental Nurse")
    assert yrs.title_grade_fits("qualified dental nurse", "Dental Nurse")


def test_years_as_a_title_no_role_holds_are_not_the_whole_career(vocab: Vocabulary) -> None:
    m = match(vocab, "At least 4 years of experience as a lead pharmacy technician", TECHNICIAN)
    assert m.status == "gap"
    m = match(vocab, "Minimum 3 years' experience as a qualified pharmacy technician", TECHNICIAN)
    assert m.status == "met"


def test_two_skills_joined_by_or_ask_for_either(vocab: Vocabulary) -> None:
    assert rules.one_or_other("Clio or Aderant would help", ["Clio", "Aderant"])
    assert not rules.one_or_other("Clio, Aderant or Word", ["Clio", "Aderant"])
    assert match(vocab, "Clio or Aderant would help", PARALEGAL).status == "met"


def test_a_qualification_asked_in_a_practice_is_partial_while_in_progress() -> None:
    vocab = Vocabulary([VocabEntry("Dental radiography", "skill", "dental", ())])
    resume = ("Sam Lee\n\nExperience\nDental Nurse, Smile Co — Jan 2020 – Present\n"
              "- Chairside support\n\nCertifications\n"
              "Certificate in Dental Radiography, in progress\n")
    assert match(vocab, "Qualification in dental radiography", resume).status == "partial"
    done = resume.replace(", in progress", ", 2024")
    assert match(vocab, "Qualification in dental radiography", done).status == "met"


def test_a_longer_name_around_a_known_skill_is_asked_whole(vocab: Vocabulary) -> None:
    """A Conveyancing Quality Scheme accreditation is not conveyancing."""
    text = "Conveyancing Quality Scheme (CQS) accreditation"
    conv = SkillMention("Conveyancing", "Conveyancing", 0, len("Conveyancing"))
    names, swallowed = ask_names.unnamed_names(text, [conv])
    assert [m.surface for m in names] == ["Conveyancing Quality Scheme"] and swallowed == {0}
    assert match(vocab, text, PARALEGAL).status == "gap"
    working = PARALEGAL + "- Working towards the Conveyancing Quality Scheme (CQS)\n"
    assert match(vocab, text, working).status == "partial"
    held = PARALEGAL + "- Holds the CQS for the firm\n"
    assert match(vocab, text, held).status == "met"


def test_a_lower_numbered_level_of_the_training_asked_is_partial() -> None:
    vocab = Vocabulary([VocabEntry("Safeguarding", "skill", "care", ())])
    resume = ("Sam Lee\n\nExperience\nNursery Practitioner, Little Oaks — Jan 2020 – Present\n"
              "- Key person for 8 children\n\nCertifications\nSafeguarding Children Level 2\n")
    assert match(vocab, "Safeguarding (Level 3) training", resume).status == "partial"
    assert match(vocab, "Safeguarding (Level 2) training", resume).status == "met"
    assert levels.numbered_level("Entry level role") == 0


def test_supervising_the_work_of_a_trade_asks_for_leading_people() -> None:
    assert rules.asks_team_lead("Supervising and reviewing the work of junior bookkeepers")
    found = rules.people_worked_with(
        "Build positive partnerships with parents and carers",
        [SkillMention("Caregiving", "carers", 0, 0)])
    assert found == {0}


def test_leading_people_is_not_shown_by_the_words_managers_and_the_title(
    vocab: Vocabulary,
) -> None:
    resume = PARALEGAL + "- Reported weekly to the regional managers\n"
    m = match(vocab, "Experience leading or managing a team of paralegals", resume)
    assert m.status == "gap"
    led = PARALEGAL + "- Supervised a team of 4 paralegals\n"
    assert match(vocab, "Experience leading or managing a team of paralegals", led).status == "met"


def test_supervising_juniors_of_a_trade_asks_for_leading_people(vocab: Vocabulary) -> None:
    assert rules.asks_team_lead("Experience training and supervising junior paralegals")
    assert rules.asks_team_lead("Supervision of trainee nurses and students")
    assert not rules.asks_team_lead("Supervising the close of the books")
    assert not rules.asks_team_lead("Experience leading new projects")
    assert rules.asks_team_lead("Experience training and supervising new hires")
    m = match(vocab, "Experience training and supervising junior paralegals", PARALEGAL)
    assert m.status == "gap"


def test_an_associate_degree_is_below_a_bachelors() -> None:
    assert levels.degree_level("A.A.S. Supply Chain Management, 2018 - 2020") == 1
    assert levels.degree_level("AAS in Nursing") == 1
    assert levels.degree_level("B.S. Economics") == 2


def test_a_skill_named_only_in_a_course_shows_no_years_of_it(vocab: Vocabulary) -> None:
    resume = ("Ana Ruiz\n\nExperience\nClerk, Brightwater Bank — Sep 2018 – Feb 2025\n"
              "- Filed loan papers\n\nEducation\nCertificate in Conveyancing, 2017\n")
    assert match(vocab, "5+ years of conveyancing", resume).status == "gap"
    worked = resume.replace("Filed loan papers", "Handled conveyancing files")
    assert match(vocab, "5+ years of conveyancing", worked).status == "met"


def test_a_neighbouring_tool_listed_only_under_skills_is_still_partial(vocab: Vocabulary) -> None:
    resume = ("Ana Ruiz\n\nExperience\nParalegal, Brightwater Solicitors — Sep 2018 – Feb 2025\n"
              "- Supported the property team\n\nSkills\nAderant, legal research\n")
    assert match(vocab, "Working knowledge of Clio", resume).status == "partial"


def test_the_body_that_issues_a_credential_is_not_asked_as_a_name() -> None:
    text = "Current BLS certification from the American Heart Association"
    assert ask_names.unnamed_names(text, []) == ([], set())
    assert ask_names.unnamed_names("Registered with the Health Care Professions Council", []) == (
        [], set())


def test_a_skill_in_an_employers_name_is_no_skill_but_a_departments_is() -> None:
    vocab = Vocabulary([
        VocabEntry("Freight forwarding", "skill", "logistics", ("freight",)),
        VocabEntry("Emergency nursing", "skill", "nursing", ("emergency department",)),
    ])
    analyst = ("Kim Roe\n\nExperience\nJunior Analyst, Harrow & Vale Freight — Aug 2022 – Present\n"
               "- Cleaned shipment data\n")
    assert match(vocab, "Freight forwarding experience", analyst).status == "gap"
    nurse = ("Kim Roe\n\nExperience\nStaff Nurse, Emergency Department — Aug 2022 – Present\n"
             "- Triaged walk-in patients\n")
    assert match(vocab, "Emergency nursing experience", nurse).status != "gap"


def test_a_name_inside_the_employers_name_is_not_shown(vocab: Vocabulary) -> None:
    resume = ("Ana Ruiz\n\nExperience\nParalegal, Liquidlogic LCS Partners — Sep 2018 – Present\n"
              "- Supported the property team\n")
    assert match(vocab, "Recording notes on Liquidlogic LCS", resume).status == "gap"
    used = resume + "- Recorded case notes on Liquidlogic LCS\n"
    assert match(vocab, "Recording notes on Liquidlogic LCS", used).status == "met"


def test_one_word_names_the_vocabulary_does_not_know() -> None:
    def words(text: str) -> list[str]:
        return [m.surface for m in ask_names.one_word_names(text, [])]

    assert words("Must hold CeMAP, DipMAP or an equivalent qualification") == ["CeMAP", "DipMAP"]
    assert words("Experience administering the Koha library system") == ["Koha"]
    assert words("Able to use a DVOM on site") == ["DVOM"]
    # Not names: the line's capitalised first word, a grade or form with its number, a word
    # of a longer capitalised name, a line in Title Case.
    assert words("Supervise junior staff") == []
    assert words("Experience teaching Year 6 pupils") == []
    assert words("Knowledge of the Public Law Outline") == []
    assert words("Excellent Written Communication Skills") == []
    # A known mention's word where it comes back is that mention, not a new name.
    text = "Working proficiency in Go: our services are written in Go"
    go = SkillMention("Go", "Go", text.index("Go"), text.index("Go") + 2)
    assert ask_names.one_word_names(text, [go]) == []


MORTGAGE = """Priya Shah

Experience
Mortgage Adviser, Castlegate Home Finance — Feb 2021 – Present
- Advised 25 clients a month on house purchases and remortgages
Certifications
CeMAP (Certificate in Mortgage Advice and Practice), 2021
"""


def test_an_unknown_name_the_resume_writes_shows_itself(vocab: Vocabulary) -> None:
    ask = "Must hold CeMAP, DipMAP or an equivalent Level 3 mortgage advice qualification"
    m = match(vocab, ask, MORTGAGE)
    assert m.status == "met"
    assert m.evidence[0].text.startswith("CeMAP")
    # Without the name, the line's other words alone decide, as before.
    assert match(vocab, ask, MORTGAGE.replace("CeMAP", "Level 2 award")).status != "met"
    # Beside a name the resume writes, one it lacks is missing: both are asked here.
    assert match(vocab, "Passed both CeMAP and DipMAP", MORTGAGE).status == "partial"


def test_the_kind_of_an_ask_follows_its_words() -> None:
    shipped = Vocabulary.default()

    def kind(text: str) -> str:
        return parse_posting(f"Requirements\n- {text}\n", vocab=shipped).requirements[0].kind

    # "Or equivalent" says the named thing may be matched by a like one, not "a degree".
    assert kind("Certified to test backflow assemblies (ASSE 5110 or equivalent)") != "degree"
    assert kind("NVQ Level 3 in Health and Social Care or equivalent") == "degree"
    assert kind("Chartered member of the RICS") == "certification"


def test_years_as_a_title_are_not_years_of_the_trade_it_names() -> None:
    trades = Vocabulary([VocabEntry("Plumbing", "skill", "trades", ("plumbing", "plumber"))], [])
    plumber = """Dmitri Caldwell

Experience
Journeyman Plumber, Brightwater Plumbing — Mar 2017 – Present
- Ran residential plumbing service calls and repairs
"""
    trade = match(trades, "At least 5 years of plumbing experience", plumber)
    assert trade.status == "met"
    foreman = match(trades, "At least 5 years' experience as a plumbing foreman", plumber)
    assert foreman.status == "gap"


def test_a_postgraduate_qualification_is_a_masters_level_degree_ask(vocab: Vocabulary) -> None:
    level = levels.degree_level
    assert level("Postgraduate qualification in X") == level("MA Library and Information Studies")
    resume = PARALEGAL + "\nEducation\nMA Library and Information Studies, UCL, 2015 – 2016\n"
    m = match(vocab, "Postgraduate qualification in librarianship or information science", resume)
    assert m.requirement.kind == "degree"
    assert m.status == "met"


def test_a_degree_in_another_field_than_the_one_named_is_partly_met() -> None:
    fields = Vocabulary([
        VocabEntry("Law and legal studies degree", "degree", "fields of study", ("law degree",)),
        VocabEntry("History degree", "degree", "fields of study", ("history",)),
    ], [])
    resume = PARALEGAL + "\nEducation\nBA (Hons) History, University of Leeds, 2016 – 2019\n"
    other = match(fields, "Law degree required for our liability team", resume)
    assert other.status == "partial" and "another field" in other.reason
    # An ask that lets related fields count, or a degree in the field named, is met.
    assert match(fields, "Law degree or a related subject", resume).status == "met"
    lawyer = resume.replace("BA (Hons) History", "LLB law degree")
    assert match(fields, "Law degree required for our liability team", lawyer).status == "met"


def test_years_in_a_supervisory_role_count_the_roles_that_lead() -> None:
    ems = Vocabulary([VocabEntry("Prehospital emergency care", "skill", "emergency", ("=EMS",))],
                     [])  # fmt: skip
    medic = """Sam Price

Experience
Paramedic, Tri-Rivers County EMS — Mar 2019 – Present
- Lead ALS provider on a 911 unit for the county EMS service
"""
    field = match(ems, "At least 4 years of EMS experience", medic)
    assert field.status == "met"
    led = match(ems, "At least 4 years in an EMS supervisory role", medic)
    assert led.status != "met"


def test_the_line_that_states_a_language_level_decides_it() -> None:
    langs = Vocabulary([VocabEntry("French", "language", "languages", ("french",))], [])
    baker = """Ana Ruiz

Experience
Baker, Le Fournil — Sep 2018 – Feb 2025
- Baked French breads and croissants every morning

Languages
French (intermediate, B1)
"""
    # The bullet names French first; the languages line says how well it is spoken.
    assert match(langs, "Fluent French", baker).status == "partial"
    assert match(langs, "Fluent French", baker.replace("intermediate, B1", "fluent")).status == (
        "met")
