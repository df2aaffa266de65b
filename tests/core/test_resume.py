"""Resume parsing: sections, role headers in many layouts, evidence, strengths and years."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.vocab_factory import small_vocab

from interview_closer.core.models import Resume, YearMonth
from interview_closer.core.resume import TOTAL_KEY, parse_resume, wrapped_lines
from interview_closer.core.roles import title_employer, trim_line

VOCAB = small_vocab()
TODAY = YearMonth(2024, 6)

MARKDOWN = """\
# Priya Raman
priya.raman@example.org · (555) 201-3344 · github.com/praman

## Profile
Data engineer who makes batch pipelines dependable and cheap to run.

## Experience

### Senior Data Engineer — Harbor Freight Analytics Inc.
Jan 2021 – Present
- Moved 180 Airflow DAGs onto Kubernetes, cutting compute spend by 35%
- Mentored four engineers on Python testing

### Data Engineer — Lumen Retail Ltd
**03/2018 - 12/2020**
- Modelled sales data in Postgres for the finance team

**Copperline**
*Junior Analyst* | 2016-2018
* Automated weekly SQL reports

## Skills
- **Languages:** Python, SQL, Go
- **Platforms:** Docker · Kafka · Kubernetes

## Education
BSc Computer Science, University of Leeds, 2012–2016
"""

NURSE = """\
ANA OKAFOR, RN, BSN
Tulsa, OK | ana.okafor@example.net | 918-555-0101

PROFESSIONAL SUMMARY
Critical care nurse with eight years at the bedside, five of them in the ICU.

PROFESSIONAL EXPERIENCE

Saint Brendan Medical Center, Tulsa, OK
Staff Nurse, Intensive Care Unit
June 2019 – Present
• Care for 2 critically ill patients per shift in a 20-bed ICU
• Precepted 9 new graduate nurses

Prairie View Hospital
Registered Nurse, Medical-Surgical
Aug 2016 – May 2019
• Cut patient falls by 40% with hourly rounding
• Dressed complex wounds daily (wound care champion)

LICENSES & CERTIFICATIONS
RN License, Oklahoma Board of Nursing
Basic Life Support (BLS), American Heart Association

EDUCATION
Bachelor of Science in Nursing, Redbud State University, 2016
"""

SALES = """\
Marcus Bell
Account Executive

Work History
Northbeam Software | Account Executive | 2021–Present
- Closed $1.4M in new ARR during FY23, 128% of quota
- Ranked #2 of 16 reps in the second half of 2023
Quillcast Inc | Sales Development Representative | 2019–2021
- Booked 40 qualified meetings a month through outbound calls

Skills: Salesforce, negotiation, communication skills
Education: BA Communications, Western Plains University
"""

TEACHER = """\
Hannah Ortiz
Elementary teacher

Experience:
4th Grade Teacher at Maple Grove Elementary School (2018-2023)
Taught 27 students a year in math, reading and science.
Raised the class reading pass rate from 58% to 84%.
Student Teacher, Birchwood Middle School, Spring 2018
Co-planned lessons for three classes.

Certifications:
State Teaching License, Elementary K-6
"""

STACKED = """\
Lee Warren
lee@example.com

EXPERIENCE
Copperfield Systems
Platform Engineer
2020 - Present
- Ran Kafka clusters serving 300 services
Birchline
Backend Developer
2017 - 2020
- Built REST API endpoints in Go
"""

SAME_EMPLOYER = """\
Dana Fox

Experience
Pinecrest Health
Team Lead, Jan 2019 – Dec 2020
- Led a team of 5 analysts
Analyst, Jan 2016 – Dec 2018
- Wrote SQL reports for 12 clinics
"""

NO_HEADINGS = """\
Pat Lee
pat.lee@example.com
Warehouse associate at Big Box Depot, 2019 - present
Picked and packed 300 orders per shift.
Forklift operator, Northside Freight, 2016 - 2019
Operated forklifts for 3 years with zero incidents.
"""


def parse(text: str, today: YearMonth | None = TODAY) -> Resume:
    return parse_resume(text, VOCAB, today=today)


def roles_of(resume: Resume) -> list[tuple[str | None, str | None]]:
    return [(r.title, r.employer) for r in resume.roles]


def assert_verbatim(resume: Resume) -> None:
    tails = wrapped_lines(resume.lines)
    for item in resume.items:
        line = resume.lines[item.line - 1]
        rest = [resume.lines[t].strip() for t in tails.get(item.line - 1, [])]
        assert item.text and item.text.startswith(trim_line(line))
        assert item.text == " ".join([trim_line(line), *rest])
        for m in item.skills:
            assert item.text[m.start : m.end] == m.surface
        for metric in item.metrics:
            assert metric in item.text


def test_markdown_layout() -> None:
    r = parse(MARKDOWN)
    assert r.name == "Priya Raman"
    assert roles_of(r) == [
        ("Senior Data Engineer", "Harbor Freight Analytics Inc"),
        ("Data Engineer", "Lumen Retail Ltd"),
        ("Junior Analyst", "Copperline"),
    ]
    first, second, third = r.roles
    assert (first.start, first.end, first.current) == (YearMonth(2021, 1), None, True)
    assert (second.start, second.end) == (YearMonth(2018, 3), YearMonth(2020, 12))
    assert (third.start, third.end) == (YearMonth(2016, 1), YearMonth(2018, 1))
    assert first.line == 9 and r.lines[first.line - 1].startswith("### Senior")
    bullets = [it for it in r.items if it.role_index == 0]
    assert [it.line for it in bullets] == [11, 12]
    assert bullets[0].metrics == ["35%"] and bullets[0].strength == 1.0
    assert bullets[1].strength == 0.8
    assert {m.name for m in bullets[0].skills} == {"Airflow", "Kubernetes"}
    # Contact details are never evidence; the profile line is a summary item.
    assert not any(it.line in (1, 2) for it in r.items)
    summary = [it for it in r.items if it.section == "summary"]
    assert [it.line for it in summary] == [5] and summary[0].strength == 0.6
    assert_verbatim(r)


def test_skills_lines_are_weak_evidence_one_item_per_line() -> None:
    r = parse(MARKDOWN)
    skills = [it for it in r.items if it.section == "skills"]
    assert [it.text for it in skills] == [
        "**Languages:** Python, SQL, Go",
        "**Platforms:** Docker · Kafka · Kubernetes",
    ]
    assert all(it.strength == 0.4 and it.role_index is None for it in skills)
    assert [m.name for m in skills[1].skills] == ["Docker", "Kafka", "Kubernetes"]
    # Skills named only in the skills section earn no years.
    assert "Docker" not in r.skill_years


def test_nurse_resume_with_caps_headings_and_three_line_headers() -> None:
    r = parse(NURSE)
    assert r.name == "ANA OKAFOR"
    assert roles_of(r) == [
        ("Staff Nurse", "Saint Brendan Medical Center"),
        ("Registered Nurse", "Prairie View Hospital"),
    ]
    assert r.roles[0].current and r.roles[0].start == YearMonth(2019, 6)
    assert r.roles[1].end == YearMonth(2019, 5)
    # The role header line names the ICU, so it is evidence tied to the role.
    header = next(it for it in r.items if it.line == 10)
    assert header.role_index == 0 and header.strength == 0.6
    assert {m.name for m in header.skills} == {"Intensive care nursing"}
    # ICU: June 2019 up to June 2024 -> 5.0 years; wound care only in the older job.
    assert r.skill_years["Intensive care nursing"] == 5.0
    assert r.skill_spans["Intensive care nursing"] == (2019, 2024)
    assert r.skill_years["Wound care"] == 2.8
    assert r.skill_spans["Wound care"] == (2016, 2019)
    certs = [it for it in r.items if it.section == "certifications"]
    assert [it.line for it in certs] == [22, 23] and all(it.strength == 0.7 for it in certs)
    education = [it for it in r.items if it.section == "education"]
    assert education[0].strength == 0.7
    assert_verbatim(r)


def test_sales_resume_with_pipes_and_inline_sections() -> None:
    r = parse(SALES)
    assert r.name == "Marcus Bell"
    assert roles_of(r) == [
        ("Account Executive", "Northbeam Software"),
        ("Sales Development Representative", "Quillcast Inc"),
    ]
    quota = next(it for it in r.items if it.line == 6)
    assert quota.role_index == 0
    assert quota.metrics == ["$1.4M", "128%"]
    assert {m.name for m in quota.skills} == {"Quota attainment"}  # a paraphrase hit
    skills = next(it for it in r.items if it.line == 11)
    assert skills.section == "skills" and skills.strength == 0.4
    assert "Communication" in {m.name for m in skills.skills}
    education = next(it for it in r.items if it.line == 12)
    assert education.section == "education" and education.strength == 0.7
    assert r.skill_years["Quota attainment"] == 3.4
    assert_verbatim(r)


def test_teacher_resume_with_at_parentheses_and_season() -> None:
    r = parse(TEACHER)
    assert roles_of(r) == [
        ("4th Grade Teacher", "Maple Grove Elementary School"),
        ("Student Teacher", "Birchwood Middle School"),
    ]
    assert (r.roles[0].start, r.roles[0].end) == (YearMonth(2018, 1), YearMonth(2023, 1))
    assert (r.roles[1].start, r.roles[1].end) == (YearMonth(2018, 3), YearMonth(2018, 5))
    paragraphs = [it for it in r.items if it.role_index == 0]
    assert [it.metrics for it in paragraphs] == [["27 students"], ["58%", "84%"]]
    assert r.skill_years[TOTAL_KEY] == 5.0
    assert r.skill_spans[TOTAL_KEY] == (2018, 2023)
    assert_verbatim(r)


def test_employer_title_dates_on_separate_lines() -> None:
    r = parse(STACKED)
    assert roles_of(r) == [
        ("Platform Engineer", "Copperfield Systems"),
        ("Backend Developer", "Birchline"),
    ]
    assert r.roles[0].line == 5 and r.roles[1].line == 9
    assert [it.role_index for it in r.items] == [0, 1]


def test_second_role_under_the_same_employer_line() -> None:
    r = parse(SAME_EMPLOYER)
    assert roles_of(r) == [("Team Lead", "Pinecrest Health"), ("Analyst", "Pinecrest Health")]
    assert r.skill_years["People management"] == 2.0
    assert r.skill_years["SQL"] == 3.0


def test_resume_without_headings() -> None:
    r = parse(NO_HEADINGS)
    assert r.name == "Pat Lee"
    assert roles_of(r) == [
        ("Warehouse associate", "Big Box Depot"),
        ("Forklift operator", "Northside Freight"),
    ]
    assert [(it.line, it.role_index) for it in r.items] == [(4, 0), (6, 1)]
    assert_verbatim(r)


@pytest.mark.parametrize(
    ("header", "title", "employer"),
    [
        ("Senior Data Engineer, Acme Corp — Jan 2021 – Present", "Senior Data Engineer",
         "Acme Corp"),
        ("Acme Corp | Senior Data Engineer | 2021–Present", "Senior Data Engineer", "Acme Corp"),
        ("Senior Data Engineer at Acme Corp (2019-2021)", "Senior Data Engineer", "Acme Corp"),
        ("Registered Nurse, Mercy Hospital, Boston, MA", "Registered Nurse", "Mercy Hospital"),
        ("**Globex** — Data Analyst (Remote)", "Data Analyst", "Globex"),
        ("Project Manager\tWayfinder Labs\tMar 2015 - Jan 2017", "Project Manager",
         "Wayfinder Labs"),
    ],
)
def test_title_and_employer_from_one_line(header: str, title: str, employer: str) -> None:
    assert title_employer([header]) == (title, employer)


def test_years_merge_overlapping_roles() -> None:
    text = """\
Experience
Data Analyst, Northwind Group, Jan 2018 - Dec 2020
- Built SQL dashboards for 40 stores
Freelance Consultant, Self-employed, Jul 2019 - Jun 2021
- Tuned SQL queries for 6 clients
Data Engineer, Contoso Ltd, Jan 2023 - Present
- Wrote Python jobs
"""
    r = parse(text, YearMonth(2024, 1))
    # SQL: Jan 2018 - Jun 2021 once (42 months), not 36 + 24.
    assert r.skill_years["SQL"] == 3.5
    assert r.skill_spans["SQL"] == (2018, 2021)
    # Total: 42 months + Jan 2023 up to Jan 2024 (12) = 54 months.
    assert r.skill_years[TOTAL_KEY] == 4.5
    assert r.skill_spans[TOTAL_KEY] == (2018, 2024)
    assert r.skill_years["Python"] == 1.0


def test_present_uses_today_or_the_latest_date_in_the_resume() -> None:
    text = """\
Experience
Nurse, City Hospital, Mar 2020 - Present
- Worked in the ICU
Nurse, County Clinic, Jan 2017 - Feb 2020
- Wound care rounds
"""
    with_today = parse(text, YearMonth(2023, 3))
    assert with_today.roles[0].current and with_today.roles[0].end is None
    assert with_today.skill_years["Intensive care nursing"] == 3.0
    assert with_today.skill_spans["Intensive care nursing"] == (2020, 2023)
    # Without today the latest date written (Mar 2020) stands in: the current job adds nothing.
    without = parse(text, None)
    assert "Intensive care nursing" not in without.skill_years
    assert without.skill_years[TOTAL_KEY] == 3.2


def test_tools_line_inside_a_role_stays_with_the_role() -> None:
    text = """\
Experience
Backend Developer, Fernhill Ltd, 2019 - 2022
- Built payment services
Tools: Docker, Kafka

Skills: Python
"""
    r = parse(text)
    tools = next(it for it in r.items if it.text.startswith("Tools"))
    assert tools.section == "experience" and tools.role_index == 0
    assert r.skill_years["Kafka"] == 3.0
    skills = next(it for it in r.items if it.text == "Skills: Python")
    assert skills.section == "skills" and skills.role_index is None


def test_projects_awards_and_other_sections() -> None:
    text = """\
Jo Park

PROJECTS
Route planner (Python, Docker)
- Cut delivery miles by 18% for a local bakery

AWARDS
Employee of the Year 2022

REFERENCES
Available on request
"""
    r = parse(text)
    by_line = {it.line: it for it in r.items}
    assert by_line[4].section == "projects" and by_line[4].strength == 0.8
    assert by_line[5].strength == 1.0 and by_line[5].metrics == ["18%"]
    assert by_line[8].section == "awards"
    assert by_line[11].section == "other" and by_line[11].strength == 0.5
    assert r.roles == []


def test_empty_and_odd_inputs_do_not_raise() -> None:
    for text in ["", "\n\n", "   ", "EXPERIENCE", "- \n* \n•", "2020-2021\n2019", "a" * 5000]:
        r = parse(text)
        assert r.lines == text.split("\n")
        assert_verbatim(r)


def test_default_vocabulary_is_used_when_none_is_given() -> None:
    r = parse_resume(SALES, today=TODAY)
    assert roles_of(r)[0] == ("Account Executive", "Northbeam Software")
    assert_verbatim(r)


_FRAGMENTS = [
    "", "EXPERIENCE", "## Skills", "Education:", "Summary", "Jane Q. Public",
    "jane@example.com | (555) 010-2000", "Senior Nurse, Mercy Hospital — Jan 2020 – Present",
    "Acme Corp | Data Analyst | 2018–2020", "### Engineer — Globex Inc", "**Initech**",
    "*Junior Analyst* | 2016-2018", "Mar 2019 - Present", "- Led a team of 6 engineers",
    "• Cut costs by 30% using Python and SQL", "* Closed $1.2M in new ARR",
    "1. Taught 30 students", "Skills: Python, Go, Docker", "Python · SQL · Kafka",
    "   indented text with trailing spaces   ", "\t- tabbed bullet with ICU care\t",
    "Tools: Jira", "----", "**Bold heading**", "Worked at Contoso (2010-2012)", "—",
    "# ", "Languages: Spanish", "B.S. Biology, 2014", "Since 2021", "Summer 2015",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=30)), max_size=30))
def test_evidence_is_always_verbatim(lines: list[str]) -> None:
    r = parse("\n".join(lines))
    assert_verbatim(r)
    for role in r.roles:
        line = r.lines[role.line - 1]
        assert role.title is None or role.title in "\n".join(r.lines)
        assert role.employer is None or role.employer in "\n".join(r.lines)
        assert line.strip()
    for name, years in r.skill_years.items():
        assert years > 0 and name in r.skill_spans
        first, last = r.skill_spans[name]
        assert first <= last


def test_parsing_is_fast() -> None:
    text = "\n".join([MARKDOWN, NURSE, SALES, TEACHER, STACKED])
    start = time.perf_counter()
    for _ in range(50):
        parse(text)
    # About 100 lines per resume: well under 10 ms each keeps 50+ plans/s in reach.
    assert (time.perf_counter() - start) / 50 < 0.02


def test_linkedin_export_with_durations_and_spaced_headings() -> None:
    text = """\
Chris Young
Senior Engineer at Acme Corp

E X P E R I E N C E
Acme Corp
3 years 2 months
Senior Engineer
January 2021 - Present (3 years 2 months)
San Francisco Bay Area
Built Kafka ingestion for 40 teams.
Engineer
Jan 2019 - Dec 2020 (2 years)
\uf0b7 Wrote Go services.

S K I L L S
Python
"""
    r = parse(text)
    assert roles_of(r) == [("Senior Engineer", "Acme Corp"), ("Engineer", "Acme Corp")]
    go = next(it for it in r.items if it.line == 13)
    assert go.text == "Wrote Go services." and go.role_index == 1
    assert r.skill_years["Go"] == 2.0
    python = next(it for it in r.items if it.text == "Python")
    assert python.section == "skills"


def test_jobs_listed_before_the_first_heading() -> None:
    text = """\
Pat Lee
pat@example.com | 555-201-3344
Dependable warehouse worker with a forklift certificate.
Big Box Depot
Warehouse associate, 2019 - present
- Picked and packed 300 orders per shift.

EDUCATION
High school diploma, 2015
"""
    r = parse(text)
    assert r.name == "Pat Lee"
    assert roles_of(r) == [("Warehouse associate", "Big Box Depot")]
    assert r.roles[0].line == 4
    assert [(it.line, it.section, it.role_index) for it in r.items] == [
        (3, "summary", None), (6, "experience", 0), (9, "education", None),
    ]


def test_accented_names_and_cafe_and_saint_employers() -> None:
    text = (
        "José Álvarez-Núñez\njose@example.com\n\nExperience\n"
        "Barista, Java Junction Café\nJune 2019 - August 2021\n"
        "- Served 300+ customers a day and trained 4 new baristas.\n\n"
        "Staff Nurse, St. Vincent Hospital\n2021 - Present\n"
        "- Cared for up to 6 patients per shift on a cardiac step-down unit.\n"
    )
    resume = parse_resume(text, today=YearMonth(2026, 11))
    assert resume.name == "José Álvarez-Núñez"
    assert [(r.title, r.employer) for r in resume.roles] == [
        ("Barista", "Java Junction Café"),
        ("Staff Nurse", "St. Vincent Hospital"),
    ]


def test_city_and_state_still_leave_the_header() -> None:
    text = (
        "Jane Doe\n\nExperience\nStaff Nurse, Mercy Hospital, Austin, TX\n2020 - 2023\n"
        "- Cared for 5 patients.\n"
    )
    resume = parse_resume(text, today=YearMonth(2026, 11))
    assert [(r.title, r.employer) for r in resume.roles] == [("Staff Nurse", "Mercy Hospital")]


def test_a_department_is_not_the_employer() -> None:
    text = (
        "Jane Doe\n\nExperience\nStaff Nurse, Emergency Department, Bayside General Hospital\n"
        "2020 - 2023\n- Triaged 40 patients a shift.\n"
    )
    resume = parse_resume(text, today=YearMonth(2026, 11))
    assert [(r.title, r.employer) for r in resume.roles] == [
        ("Staff Nurse", "Bayside General Hospital")
    ]


WRAPPED = """\
Dana Cole

Summary
Support engineer with six years of experience keeping payment systems
running for small banks. I write clear runbooks.
Calm under pressure.

Experience
Support Engineer, Ledgerline — 2019 – Present
- Cut the ticket backlog from 400 to 60 by building a triage rota and
  training three new hires on it
- reduced escalations by 30%
"""


def test_a_wrapped_sentence_is_one_item_cited_by_its_first_line() -> None:
    resume = parse(WRAPPED)
    assert_verbatim(resume)
    texts = {item.line: item.text for item in resume.items}
    assert texts[4] == ("Support engineer with six years of experience keeping payment systems "
                        "running for small banks. I write clear runbooks.")
    assert texts[6] == "Calm under pressure."  # after a full stop: a line of its own
    assert texts[10] == ("Cut the ticket backlog from 400 to 60 by building a triage rota and "
                         "training three new hires on it")
    assert texts[12] == "reduced escalations by 30%"  # a bullet never continues the line above
    assert 5 not in texts and 11 not in texts
    assert [r.title for r in resume.roles] == ["Support Engineer"]


def test_headers_contacts_and_short_lines_are_never_extended_by_the_line_below() -> None:
    lines = ["Experience", "Nurse, St Anne's — 2018 – 2021", "night shifts on a surgical ward"]
    assert wrapped_lines(lines) == {}
    contacts = ["Dana Cole", "dana.cole@example.com", "linkedin.com/in/danacole"]
    assert wrapped_lines(contacts) == {}
    assert wrapped_lines(["Python, SQL, Tableau", "pandas, numpy"]) == {}
