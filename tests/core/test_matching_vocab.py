"""The shipped vocabulary's families and paraphrases that the matcher relies on."""

from __future__ import annotations

import pytest

from interview_closer.core.vocab import Vocabulary


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    """The shipped vocabulary (cached by the data cache after the first load)."""
    return Vocabulary.default()


@pytest.mark.parametrize(("shown", "asked"), [
    ("Scrum", "Agile methodologies"),
    ("Kanban", "Agile methodologies"),
    ("Microsoft Word", "Microsoft Office"),
    ("Microsoft PowerPoint", "Microsoft Office"),
    ("Prometheus", "Monitoring and observability"),
    ("Datadog", "Monitoring and observability"),
    ("Cycle counting", "Inventory management"),
    ("Inventory accuracy", "Inventory management"),
    ("HPLC", "Chromatography"),
    ("Epic Systems", "Electronic health records"),  # an EHR product shows EHR use
    ("Gas chromatography", "Chromatography"),
])
def test_a_member_shows_the_broader_skill_its_family_names(
    vocab: Vocabulary, shown: str, asked: str
) -> None:
    """The matcher counts a member of a family named after the asked skill as showing it."""
    assert vocab.family_of(shown) == asked.lower()


@pytest.mark.parametrize(("a", "b", "together"), [
    ("Hyperion", "NetSuite", False),  # planning suite vs ledger
    ("Hyperion", "Anaplan", True),
    ("Apache Spark", "Apache Airflow", False),  # processing engine vs orchestrator
    ("Apache Airflow", "Prefect", True),
    ("QuickBooks", "Xero", True),
    ("Bloomberg Terminal", "QuickBooks", False),
    ("Apache Kafka", "Amazon Kinesis", True),
    ("Hootsuite", "Salesforce Marketing Cloud", False),  # social scheduler vs automation
    ("Hootsuite", "Sprout Social", True),
    ("Klaviyo", "Marketo", True),
    ("SEMrush", "Google Ads", False),
    ("VMware", "Microsoft Windows", False),  # a hypervisor is no desktop system
    ("VMware", "Hyper-V", True),
    ("Nourish Care", "Birdie", True),  # two care-records apps
    ("Intellectual property", "Discovery (legal)", False),  # an area of law vs litigation work
    ("Discovery (legal)", "Court filings", True),
    ("Inventory management", "Dispatching", False),  # the old 60-skill "supply chain"
    ("Health and safety", "Cleaning and janitorial", False),
    ("Process improvement", "Security guarding", False),
    ("Truck driving", "Delivery driving", True),
    ("Procurement", "Strategic sourcing", True),
])
def test_tool_families_hold_substitutes_only(
    vocab: Vocabulary, a: str, b: str, together: bool
) -> None:
    """Two tools share a family only when one can stand in for the other."""
    assert vocab.adjacent(a, b) is together


@pytest.mark.parametrize(("sentence", "skill"), [
    ("Co-authored 2 peer-reviewed papers on survey methods", "Scientific writing"),
    ("Tuned T-SQL stored procedures, halving batch time", "Query optimization"),
    ("Filled and verified 250 prescriptions a day", "Prescription dispensing"),
    ("Keyed 1,200 forms a day with 99.5% accuracy", "Attention to detail"),
    ("Appealed and overturned 60 denied claims a month", "Denial management"),
    ("Closed $1.4M in new ARR in FY2024", "SaaS sales"),
    ("Ran full-cycle sales for mid-market accounts", "B2B sales"),
    ("Grew store revenue 22% year over year", "Revenue growth"),
    ("Prepare students for IELTS; 85% reach their band", "Test preparation"),
    ("Interviewed 60 customers a year", "Market research"),
    ("Wrote buyer personas for three segments", "Market segmentation"),
    ("Raised order accuracy from 97% to 99.6%", "Inventory accuracy"),
    ("Framed and finished 25 custom homes", "Framing"),
    ("Managed complex calendars across 4 time zones", "Organizational skills"),
    ("Partnered with engineers to ship 3 releases a year", "Collaboration"),
    ("Presented results to the merchandising team", "Data storytelling"),
    ("Led a night shift of 9 pickers", "Leadership"),
    ("Supervised 12 warehouse associates", "Leadership"),
    ("Wrote 30 knowledge-base articles", "Written communication"),
    ("Drafted standard operating procedures for the lab", "Written communication"),
    ("Precepted 4 new graduate nurses", "Mentoring mindset"),
    ("Diagnosed and repaired intermittent electrical faults", "Problem solving"),
    ("Handled escalated customer complaints and returns", "Customer focus"),
    ("Delivered all 14 client projects on time", "Time management"),
    ("Worked closely with the nursing and pharmacy teams on discharge plans", "Collaboration"),
    ("Worked with other departments to plan the spring open day", "Teamwork"),
    ("Resolved about 30 billing queries a day by phone", "Problem solving"),
    ("Communicated test results to patients and their families", "Communication"),
    ("Liaised with suppliers and the finance team on late deliveries", "Communication"),
    ("Shortened invoice approval from 12 days to 4", "Process improvement"),
    ("Chased outstanding client invoices every Friday", "Debt collection"),
    ("Brought down debtor days to 41", "Debt collection"),
    ("Raised the proportion of students passing GCSE maths from 48% to 66%",
     "Raising attainment"),
    ("Supervised 11 care assistants across two floors", "People management"),
    ("Supervising 6 kitchen porters on weekend shifts", "Leadership"),
    ("Wrote product descriptions for 300 new lines", "Copywriting"),
    ("Planned the monthly social media calendar for three brands", "Social media marketing"),
    ("Trained four junior paralegals on disclosure protocols", "Training and mentoring"),
    ("Lead a shift team of six carers on the dementia unit", "People management"),
    ("Led the investigation of an out-of-specification assay result", "Root cause analysis"),
    ("Review colleagues' data before release", "Attention to detail"),
    ("Grew conversion from 18% to 23% by coaching the team", "Store conversion"),
    ("Inducted and trained new starters on the tills", "Training and mentoring"),
    ("Calm at the bedside during rapid responses", "Resilience"),
    ("Talked frustrated store managers through till outages", "Resilience"),
    ("Analysed monthly sales data to find slow lines", "Analytical skills"),
    ("Floated to the medical ICU two shifts a month", "Adaptability"),
    ("Ran the night desk as the only receptionist", "Working independently"),
    ("Handled 12 concurrent matters for three partners", "Multitasking"),
    ("Triaged incoming tickets by business impact", "Prioritization"),
    ("Built lasting relationships with 40 key accounts", "Interpersonal skills"),
    ("Handled confidential employee records", "Discreet handling of information"),
    ("Ran 18 months with zero lost-time accidents", "Safety mindset"),
    ("Exceeded my quarterly quota in 7 of 8 quarters", "Results orientation"),
    ("Cashed up the tills and prepared the daily banking", "Numeracy"),
    ("Taught myself SQL to automate the weekly report", "Self-motivation"),
    ("Take charge of the department on night shifts", "Leadership"),
    ("Allocating six nurses and two healthcare assistants", "Delegation"),
    ("Led onboarding for four graduate hires", "Training and mentoring"),
    ("Use NEWS2 scores to pick up early signs of sepsis", "Recognising deterioration"),
    ("Run the kitchen, leading a brigade of nine", "People management"),
])
def test_new_paraphrases_show_their_skill(vocab: Vocabulary, sentence: str, skill: str) -> None:
    """Each added paraphrase recognises a plain resume sentence for its skill."""
    assert skill in {m.name for m in vocab.paraphrases(sentence)}


@pytest.mark.parametrize(("sentence", "skill"), [
    ("Brand ambassador at weekend fairs", "Brand management"),
    ("Framed the question for the steering group", "Framing"),
    ("Presented at the annual company party", "Data storytelling"),
    ("Led the migration to Postgres", "Leadership"),
    ("Managed the team budget", "Leadership"),
    ("Wrote Python scripts for reporting", "Written communication"),
    ("Trained a sentiment model on reviews", "Mentoring mindset"),
    ("Arrived on time for every shift", "Time management"),
    ("Handled customer payments at the register", "Customer focus"),
    ("Cut p95 latency from 840 ms to 320 ms", "Process improvement"),
    ("Worked with Python and SQL on reporting jobs", "Collaboration"),
    ("Raised $40k for the hospital charity", "Raising attainment"),
    ("Analysed the requirements with the client", "Analytical skills"),
    ("Floated the idea of a new rota", "Adaptability"),
    ("Handled customer payments and refunds", "Multitasking"),
    ("Exceeded expectations in the annual review", "Results orientation"),
    ("Sorted 400 parcels an hour", "Problem solving"),
    ("Supervised 3 store refits across the region", "People management"),
    ("Wrote Python scripts for the nightly exports", "Copywriting"),
])
def test_paraphrases_stay_specific(vocab: Vocabulary, sentence: str, skill: str) -> None:
    """Nearby wording that does not show the skill is not taken for it."""
    assert skill not in {m.name for m in vocab.paraphrases(sentence)}


@pytest.mark.parametrize(("phrase", "skill"), [
    ("IELTS", "IELTS"),
    ("TOEFL iBT", "TOEFL"),
    ("residential framing", "Framing"),
    ("designing and analyzing experiments", "A/B testing"),
    ("published research", "Scientific writing"),
    ("optimizing query performance", "Query optimization"),
    ("drive sales growth", "Revenue growth"),
    ("explain findings", "Data storytelling"),
    ("works well with others", "Teamwork"),
    ("streaming and batch pipelines", "Data pipelines"),
    ("differentiated lessons", "Differentiated instruction"),
    ("school trips", "Educational visits"),
    ("pupil attainment", "Raising attainment"),
    ("year-end audit", "Auditing"),
    ("credit control", "Debt collection"),
    ("staff rotas", "Staff scheduling"),
    ("picking accuracy", "Inventory accuracy"),
    ("toolbox talks", "Health and safety"),
    ("SDLT returns", "Stamp Duty Land Tax"),
    ("MAR charts", "Medication administration"),
    ("intimate personal care", "Activities of daily living"),
    ("mentor and develop", "Training and mentoring"),
    ("VMware vSphere", "VMware"),
    ("reducing stock loss", "Loss prevention"),
    ("developing people", "Mentoring mindset"),
    ("GC-MS", "Gas chromatography"),
    ("UPLC", "HPLC"),
    ("Hazard Analysis and Critical Control Point procedures", "Food safety"),
    ("deteriorating patient", "Recognising deterioration"),
    ("chef de partie", "Cooking"),  # a section cook, not a kitchen's leader
    ("lock-out/tag-out procedures", "Construction safety"),
    ("ECS Gold Card", "Journeyman electrician licence"),
    ("close new business", "New business acquisition"),
    ("interpret electrical drawings", "Blueprint reading"),
])
def test_new_aliases_name_their_skill(vocab: Vocabulary, phrase: str, skill: str) -> None:
    """Each added alias is found as its canonical skill."""
    assert [m.name for m in vocab.find(phrase)] == [skill]


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("Promoted to AE after 18 months", "Adobe After Effects"),
    ("Modelled the warehouse in dbt on BigQuery", "Warehouse operations"),
    ("Cared for patients in a Level II trauma center", "High school diploma"),
    ("Cut time-to-fill by rebuilding job ads and screening steps", "Health screening"),
    ("Cut p95 latency from 840 ms to 320 ms", "Master's degree"),
])
def test_ambiguous_short_aliases_do_not_invent_skills(
    vocab: Vocabulary, sentence: str, wrong: str
) -> None:
    """Words that mean something else in the sentence do not name the skill."""
    assert wrong not in {m.name for m in vocab.find(sentence)}


@pytest.mark.parametrize(("sentence", "skill"), [
    ("A Levels in Maths and Physics", "High school diploma"),
    ("Warehouse Associate, Apex Distribution", "Warehouse operations"),
    ("Ran patient screenings at 3 clinics", "Health screening"),
])
def test_the_narrowed_skills_are_still_found(vocab: Vocabulary, sentence: str, skill: str) -> None:
    """The unambiguous forms still name the skill."""
    assert skill in {m.name for m in vocab.find(sentence)}


@pytest.mark.parametrize(("phrase", "credential"), [
    ("APICS CPIM", "Certified in Planning and Inventory Management"),
    ("CSCP", "Certified Supply Chain Professional"),
    ("CLTD", "Certified in Logistics, Transportation and Distribution"),
])
def test_supply_chain_credentials_are_told_apart(
    vocab: Vocabulary, phrase: str, credential: str
) -> None:
    """Each APICS/ASCM credential is its own entry: holding one does not claim another."""
    assert [m.name for m in vocab.find(phrase)] == [credential]
    assert vocab.family_of(credential) == "supply chain certifications"


@pytest.mark.parametrize(("line", "absent"), [
    ("Paralegal, Brightwater Solicitors", "Bar admission"),  # a firm's name, not a title held
    ("Coordinated with barristers' clerks", "Bar admission"),
    ("Ran 40 assays a week", "Assay development"),  # running tests is not developing them
])
def test_a_word_for_a_profession_is_no_credential_held(
    vocab: Vocabulary, line: str, absent: str
) -> None:
    assert absent not in {m.name for m in vocab.find(line)}


@pytest.mark.parametrize(("held", "named", "not_named"), [
    ("Registered Behavior Technician (RBT), 2023", "Registered Behavior Technician",
     "Board Certified Behavior Analyst"),
    ("EIT certificate, passed the FE exam", "Engineer in Training",
     "Professional Engineer licence"),
    ("CKAD, 2024", "Certified Kubernetes Application Developer",
     "Certified Kubernetes Administrator"),
    ("AAT Level 3", "AAT qualification", "Certified Bookkeeper"),
    ("Salesforce Platform Developer I", "Salesforce Certified Platform Developer",
     "Salesforce Certified Platform Developer II"),
    ("CLU designation", "Chartered Life Underwriter", "Chartered Financial Consultant"),
    ("CQA, ASQ", "Certified Quality Auditor", "Certified Quality Engineer"),
])
def test_a_lesser_or_other_credential_is_never_read_as_the_one_asked(
    vocab: Vocabulary, held: str, named: str, not_named: str
) -> None:
    """A plan that claimed a BCBA for an RBT would claim a title the resume does not hold."""
    found = {m.name for m in vocab.find(held)}
    assert named in found and not_named not in found
    assert vocab.adjacent(named, not_named)  # still a neighbour: "a close relative"
