"""Plain-text and terminal rendering with Rich: width, order, labels, and literal text."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from tests.plan_factory import HOSTILE, make_hostile_plan, make_minimal_plan, make_plan

from interview_closer.render.text import print_plan, render_text

STEP_TITLES = [
    "1. Parting pitch",
    "2. Ask about gaps and concerns",
    "3. Answer what comes up",
    "4. Reaffirm your interest",
    "5. You need it, I deliver it",
    "6. Next step and permission to call",
    "7. Thank them and go",
    "8. Debrief as soon as you are alone",
]


def flat(text: str) -> str:
    """The text with all line breaks and indentation collapsed, to search across wraps."""
    return " ".join(text.split())


@pytest.mark.parametrize("width", [80, 60, 100])
@pytest.mark.parametrize("factory", [make_plan, make_hostile_plan, make_minimal_plan])
def test_no_line_is_wider_than_asked(factory, width: int) -> None:
    text = render_text(factory(), width=width)
    widest = max(len(line) for line in text.splitlines())
    assert widest <= width
    assert not any(line != line.rstrip() for line in text.splitlines())


def test_plain_text_has_no_escape_codes_and_is_stable() -> None:
    text = render_text(make_plan())
    assert "\x1b" not in text
    assert text == render_text(make_plan())
    assert text.endswith("\n")


def test_header_names_role_company_and_people() -> None:
    lines = render_text(make_plan()).splitlines()
    assert lines[0] == "Closing plan: Senior Backend Engineer at Northwind Freight"
    assert "Candidate: Jordan Rivera" in lines[1] and "Interviewer: Priya Shah" in lines[1]
    assert lines[2] == "9 requirements: 6 met, 2 partial, 1 gap (1 blocking)"


def test_best_skills_quote_their_evidence_with_line_numbers() -> None:
    plan = make_plan()
    text = render_text(plan)
    assert "Your five best skills for this job" in text
    body = flat(text.split("The close, step by step")[0])
    for rank, top in enumerate(plan.top_skills, start=1):
        assert f"{rank}. {top.skill}" in body
        for ev in top.evidence:
            # Quotes are shown whole in the terminal, never shortened.
            assert f"line {ev.line} “{ev.text}”" in body


def test_script_steps_come_in_method_order_with_the_plans_words() -> None:
    plan = make_plan()
    text = render_text(plan)
    positions = [text.index(title) for title in STEP_TITLES]
    assert positions == sorted(positions)
    body = flat(text)
    script = plan.script
    for line in [script.pitch, script.reaffirm, script.match_statement, script.story,
                 script.thanks, *script.gap_questions, *script.next_step_questions]:
        assert flat(line) in body
    for item in script.debrief_reminder:
        assert f"[ ] {item}" in body


def test_pitch_shows_word_count_and_speaking_time() -> None:
    plan = make_plan()
    words = len(plan.script.pitch.split())
    seconds = round(words * 60 / 140)
    assert f"1. Parting pitch  {words} words, about {seconds} seconds at 140 wpm" in render_text(
        plan)


def test_gap_answers_are_marked_blocking_or_minor() -> None:
    plan = make_plan()
    text = render_text(plan)
    answers = flat(text[text.index("3. Answer what comes up"):text.index("4. Reaffirm")])
    assert "BLOCKING R3 Hands-on Kubernetes experience running services in production" in answers
    assert "minor R6" in answers and "minor R8" in answers
    for gap in plan.gaps:
        assert flat(gap.answer) in answers


def test_requirements_table_spells_out_status() -> None:
    text = render_text(make_plan())
    table = text[text.index("Requirements ─"):]
    rows = {line.split()[0]: line for line in table.splitlines() if line[:1] == "R"
            and line.split()[0][1:].isdigit()}
    assert sorted(rows) == [f"R{n}" for n in range(1, 10)]
    assert rows["R1"].split()[1:4] == ["must", "MET", "0.94"]
    assert rows["R3"].split()[1:4] == ["must", "GAP", "0.00"]
    assert rows["R6"].split()[1:4] == ["must", "PARTIAL", "0.45"]
    assert "blocking" in table
    assert "asks 5+ years of Python; resume shows about 7.5" in table


def test_markup_in_resume_or_posting_text_is_shown_literally() -> None:
    text = flat(render_text(make_hostile_plan(), width=200))
    assert flat(HOSTILE) in text
    assert "Interviewer: [red]Pat[/red]" in text
    assert "Postgres <i>DB</i>" in text


def test_terminal_output_has_colour_and_the_same_words() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True, color_system="standard")
    print_plan(make_plan(), console)
    coloured = buffer.getvalue()
    assert "\x1b[" in coloured
    assert "PARTIAL" in coloured and "BLOCKING" in coloured
    assert "Your five best skills for this job" in coloured


def test_terminal_console_with_markup_on_still_prints_text_literally() -> None:
    plan = make_hostile_plan()
    plan.matches[1].requirement.id = "[b]R2[/b]"
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=False, markup=True)
    print_plan(plan, console)
    printed = flat(buffer.getvalue())
    assert flat(HOSTILE) in printed
    assert "[b]R2[/b]" in printed and "[red]Pat[/red]" in printed


def test_sparse_plan_still_reads_well() -> None:
    text = render_text(make_minimal_plan())
    assert text.splitlines()[0] == "Closing plan: This role"
    assert "Candidate:" not in text and "Interviewer:" not in text
    assert "Your best skills for this job" in text
    assert "No gaps found" in text


def test_skills_heading_counts_the_skills_there_are() -> None:
    plan = make_plan()
    plan.top_skills = plan.top_skills[:3]
    assert "Your three best skills for this job" in render_text(plan)
