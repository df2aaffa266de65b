"""A realistic closing plan built by hand, for the renderer tests (no plan builder needed).

Every evidence quote is a real line of the factory resume and every line number
points at it, so tests can check quotes against the resume they came from.
"""

from __future__ import annotations

from dataclasses import replace

from interview_closer.core.models import (
    Evidence,
    EvidenceItem,
    Gap,
    Match,
    Plan,
    Posting,
    Requirement,
    Resume,
    Role,
    Script,
    Section,
    SkillMention,
    TopSkill,
    YearMonth,
)

# Longer than a close card quotes in full, so the cards have something to shorten.
LONG_BULLET = ("Cut p95 API latency from 900 ms to 210 ms by redesigning PostgreSQL indexes and "
               "rewriting the slowest query plans for the shipment tracking service")

RESUME_TEXT = """\
Jordan Rivera
jordan.rivera@example.com | Portland, OR

SUMMARY
Backend engineer with 7 years building data-heavy services in Python and Go.

EXPERIENCE
Senior Software Engineer, Cascade Parcel, Portland, OR
Mar 2021 - Present
- {long_bullet}
- Led a team of 5 engineers migrating 40 services from a monolith to Go microservices
- Built a Kafka event pipeline handling 2.3M shipment events a day at 99.95% uptime
Software Engineer, Bluefin Analytics, Seattle, WA
Jun 2017 - Feb 2021
- Designed REST APIs in Python (Django) used by 120 enterprise customers
- Automated nightly ETL jobs in Airflow, saving the data team 15 hours a week
- Mentored 3 junior developers through code review and pairing

SKILLS
Python, Go, PostgreSQL, Kafka, Django, Airflow, Docker, AWS (EC2, RDS, S3), Terraform

EDUCATION
B.S. Computer Science, Oregon State University, 2017
""".replace("{long_bullet}", LONG_BULLET)

POSTING_TEXT = """\
Senior Backend Engineer
Northwind Freight

About us
Northwind Freight moves fresh food across the Midwest with a fleet of 900 trucks.

What you'll bring
- 5+ years of professional experience with Python
- Production experience with PostgreSQL
- Hands-on Kubernetes experience running services in production
- Experience designing and building REST APIs
- Experience leading or mentoring engineers
- Experience with infrastructure as code (Terraform)

Nice to have
- Familiarity with event streaming (Kafka or Kinesis)
- Experience with Google Cloud Platform
- Bachelor's degree in Computer Science or a related field

Benefits
Health, dental and vision from day one; 401(k) match.
"""

RESUME_LINES = RESUME_TEXT.splitlines()


def resume_line(fragment: str) -> Evidence:
    """The resume line containing `fragment`, as evidence with its 1-based line number."""
    for number, line in enumerate(RESUME_LINES, start=1):
        if fragment in line:
            return Evidence(line.removeprefix("- "), number)
    raise AssertionError(f"factory resume has no line containing {fragment!r}")


def _mention(text: str, surface: str, name: str, after: int = 0) -> SkillMention:
    """A skill mention located in `text` (searching from `after`)."""
    start = text.index(surface, after)
    return SkillMention(name, surface, start, start + len(surface))


def make_posting() -> Posting:
    """The factory posting with sections, requirements and mention offsets into its text."""
    text = POSTING_TEXT
    rows = [
        ("R1", "5+ years of professional experience with Python", "must", "years",
         [("Python", "Python")], 5.0),
        ("R2", "Production experience with PostgreSQL", "must", "tool",
         [("PostgreSQL", "PostgreSQL")], None),
        ("R3", "Hands-on Kubernetes experience running services in production", "must", "tool",
         [("Kubernetes", "Kubernetes")], None),
        ("R4", "Experience designing and building REST APIs", "must", "skill",
         [("REST API design", "REST APIs")], None),
        ("R5", "Experience leading or mentoring engineers", "must", "soft",
         [("people management", "leading or mentoring engineers")], None),
        ("R6", "Experience with infrastructure as code (Terraform)", "must", "tool",
         [("infrastructure as code", "infrastructure as code"), ("Terraform", "Terraform")],
         None),
        ("R7", "Familiarity with event streaming (Kafka or Kinesis)", "nice", "tool",
         [("Apache Kafka", "Kafka"), ("Amazon Kinesis", "Kinesis")], None),
        ("R8", "Experience with Google Cloud Platform", "nice", "tool",
         [("Google Cloud Platform", "Google Cloud Platform")], None),
        ("R9", "Bachelor's degree in Computer Science or a related field", "nice", "degree",
         [("bachelor's degree", "Bachelor's degree"), ("computer science", "Computer Science")],
         None),
    ]
    requirements = []
    mentions = []
    for rid, req_text, importance, kind, skills, years in rows:
        start = text.index(req_text)
        found = [_mention(text, surface, name, start) for name, surface in skills]
        mentions.extend(found)
        requirements.append(Requirement(
            id=rid, text=req_text, importance=importance, kind=kind, skills=found,
            years=years, section="requirements" if importance == "must" else "preferred",
            start=start, end=start + len(req_text),
        ))
    mentions.sort(key=lambda m: m.start)

    def section(kind: str, heading: str, until: str | None) -> Section:
        start = text.index(heading)
        end = text.index(until) if until else len(text)
        return Section(kind, heading, start, end)

    sections = [
        section("about", "About us", "What you'll bring"),
        section("requirements", "What you'll bring", "Nice to have"),
        section("preferred", "Nice to have", "Benefits"),
        section("benefits", "Benefits", None),
    ]
    return Posting(text=text, title="Senior Backend Engineer", company="Northwind Freight",
                   sections=sections, requirements=requirements, mentions=mentions)


def make_resume() -> Resume:
    """The factory resume: two roles, evidence items and years per skill."""
    roles = [
        Role("Senior Software Engineer", "Cascade Parcel", YearMonth(2021, 3), None,
             line=resume_line("Cascade Parcel").line, current=True),
        Role("Software Engineer", "Bluefin Analytics", YearMonth(2017, 6), YearMonth(2021, 2),
             line=resume_line("Bluefin Analytics").line),
    ]
    items = [
        EvidenceItem(ev.text, ev.line, "experience", role_index=index)
        for index, fragment in [(0, "Cut p95"), (0, "Led a team"), (0, "Kafka event"),
                                (1, "Designed REST"), (1, "Automated nightly"), (1, "Mentored")]
        for ev in [resume_line(fragment)]
    ]
    return Resume(text=RESUME_TEXT, lines=list(RESUME_LINES), name="Jordan Rivera", roles=roles,
                  items=items, skill_years={"Python": 7.5, "PostgreSQL": 3.5, "Go": 3.5})


def make_script() -> Script:
    """The words of the close, as the plan builder would phrase them."""
    return Script(
        pitch=(
            "Before we wrap up, let me leave you with the five things I would bring to "
            "Northwind. First, PostgreSQL: at Cascade Parcel I cut p95 API latency from "
            "900 ms to 210 ms by redesigning our indexes. Second, Python, which I have used "
            "every working day for seven years. Third, REST API design: I built APIs in "
            "Django used by 120 enterprise customers. Fourth, leadership: I led a team of 5 "
            "engineers through a 40-service migration and mentored 3 junior developers. "
            "Fifth, event streaming: I built a Kafka pipeline that handles 2.3M events a day. "
            "That mix is what this role asks for, and it is work I enjoy."
        ),
        gap_questions=[
            "Is there any gap you see between my background and what this role needs?",
            "From what we discussed, do you have any concern about how I would do here?",
        ],
        reaffirm=(
            "Does that answer your concern? If anything else about my background is unclear, "
            "I am happy to go into it; I think this role and I are a strong fit."
        ),
        match_statement=(
            "You need production PostgreSQL, and I deliver it; you need REST APIs, and I "
            "build them; you need someone who leads engineers, and I have led a team of 5."
        ),
        story=(
            "What I did at Cascade Parcel when I cut p95 API latency from 900 ms to 210 ms is "
            "what I would do for your routing services."
        ),
        next_step_questions=[
            "What is the next step in your process, and when do you expect to decide?",
            "How would you like me to follow up, and when?",
            "May I call you if a question comes up? When is a good time?",
        ],
        thanks="Thank you for your time today. This looks like an excellent opportunity, "
               "and I look forward to hearing from you.",
        debrief_reminder=[
            "The next step and its date",
            "Who makes the decision",
            "Whether you may call, and when",
            "Concerns raised and how you answered them",
            "Anything you promised to send (references, work samples)",
            "Names and roles of everyone you met",
        ],
    )


def make_plan() -> Plan:
    """A complete plan: 9 requirements (6 met, 2 partial, 1 blocking gap), five skills."""
    posting = make_posting()
    req = {r.id: r for r in posting.requirements}
    cut = resume_line("Cut p95")
    led = resume_line("Led a team")
    kafka = resume_line("Kafka event")
    rest = resume_line("Designed REST")
    mentored = resume_line("Mentored")
    skills_line = resume_line("Python, Go, PostgreSQL")
    degree = resume_line("B.S. Computer Science")
    summary = resume_line("Backend engineer with 7 years")
    matches = [
        Match(req["R1"], "met", 0.9412, "asks 5+ years of Python; resume shows about 7.5 years "
              "(2017-present)", [summary, rest], ["Python"]),
        Match(req["R2"], "met", 0.97, "PostgreSQL named in an achievement with a result",
              [cut, skills_line], ["PostgreSQL"]),
        Match(req["R3"], "gap", 0.0, "no Kubernetes or other container orchestration in the "
              "resume", [], [], "blocking"),
        Match(req["R4"], "met", 0.9, "REST API design shown at Bluefin Analytics", [rest],
              ["REST API design"]),
        Match(req["R5"], "met", 0.88, "led a team of 5 and mentored 3 developers",
              [led, mentored], ["people management"]),
        Match(req["R6"], "partial", 0.45, "Terraform appears only in the skills list",
              [skills_line], ["Terraform"], "minor"),
        Match(req["R7"], "met", 0.93, "Kafka pipeline at Cascade Parcel", [kafka],
              ["Apache Kafka"]),
        Match(req["R8"], "partial", 0.35, "AWS experience is adjacent to Google Cloud Platform",
              [skills_line], ["Amazon Web Services"], "minor"),
        Match(req["R9"], "met", 1.0, "B.S. Computer Science, 2017", [degree],
              ["bachelor's degree"]),
    ]
    top_skills = [
        TopSkill("PostgreSQL", ["R2"], [cut, skills_line]),
        TopSkill("Python", ["R1", "R4"], [rest, summary]),
        TopSkill("REST API design", ["R4"], [rest]),
        TopSkill("people management", ["R5"], [led, mentored]),
        TopSkill("Apache Kafka", ["R7"], [kafka]),
    ]
    gaps = [
        Gap("R3", "blocking", "I have not run Kubernetes in production, and I will not pretend "
            "otherwise. I have shipped Docker services on AWS and would get hands-on with your "
            "clusters in my first month.", []),
        Gap("R6", "minor", "I have written Terraform for our AWS accounts; it is listed rather "
            "than featured, and I can walk you through a module I maintained.", [skills_line]),
        Gap("R8", "minor", "My cloud work is on AWS; the concepts carry over to Google Cloud, "
            "and I would learn its tooling quickly.", [skills_line]),
    ]
    return Plan(posting=posting, resume=make_resume(), matches=matches, top_skills=top_skills,
                gaps=gaps, script=make_script(), interviewer="Priya Shah")


HOSTILE = "<script>alert('x')</script> & [bold]not markup[/bold] | *stars* `tick`"


def make_hostile_plan() -> Plan:
    """The factory plan with markup-like text in posting, resume, evidence and script strings."""
    plan = make_plan()
    posting = plan.posting
    posting.title = f"Engineer {HOSTILE}"
    posting.company = "Acme <b>Corp</b> & Sons"
    first = plan.matches[0]
    first.requirement.text = f"Python {HOSTILE}"
    first.reason = f"reason {HOSTILE}"
    first.evidence = [Evidence(f"Built {HOSTILE}", 3)]
    plan.top_skills[0] = replace(plan.top_skills[0], skill="Postgres <i>DB</i>",
                                 evidence=[Evidence(f"Quote {HOSTILE}", 4)])
    plan.resume.name = "Jo <img src=x onerror=alert(1)>"
    plan.interviewer = "[red]Pat[/red]"
    plan.script.pitch = f"My pitch {HOSTILE}"
    plan.gaps[0].answer = f"Answer {HOSTILE}"
    plan.script.debrief_reminder = [*plan.script.debrief_reminder, f"Note {HOSTILE}"]
    return plan


def make_minimal_plan() -> Plan:
    """A plan for a posting with no title, company, interviewer, gaps or top skills."""
    plan = make_plan()
    plan.posting.title = None
    plan.posting.company = None
    plan.resume.name = None
    plan.interviewer = None
    plan.top_skills = []
    plan.gaps = []
    plan.matches = [m for m in plan.matches if m.status == "met"]
    return plan
