"""The Markdown close card: every section, short quotes, escaping, and a one-page budget."""

from __future__ import annotations

import re

import pytest
from tests.plan_factory import (
    HOSTILE,
    LONG_BULLET,
    make_hostile_plan,
    make_minimal_plan,
    make_plan,
)

from interview_closer.render.common import shorten
from interview_closer.render.markdown import escape, render_markdown

LONG = LONG_BULLET


def unescape(text: str) -> str:
    """Undo Markdown backslash escapes, giving the text a reader sees."""
    return re.sub(r"\\([\\`*_\[\]<>|~#&!])", r"\1", text)


def test_card_has_every_section_in_order() -> None:
    card = render_markdown(make_plan())
    marks = [
        "# Close card: Senior Backend Engineer at Northwind Freight",
        "**Candidate:** Jordan Rivera · **Interviewer:** Priya Shah",
        "## Your five best skills for this job",
        "## The close",
        "1. **Parting pitch** (109 words, about 47 s at 140 wpm):",
        "2. **Ask about gaps and concerns:**",
        "3. **Answer what comes up:**",
        "4. **Reaffirm your interest:**",
        "5. **You need it, I deliver it:**",
        "**Story:**",
        "6. **Next step and permission to call:**",
        "7. **Thank them and go:**",
        "8. **Debrief as soon as you are alone:**",
        "## Requirements",
    ]
    positions = [card.index(mark) for mark in marks]
    assert positions == sorted(positions)
    assert card.endswith("\n") and card == render_markdown(make_plan())


def test_card_carries_the_plans_words() -> None:
    plan = make_plan()
    card = unescape(render_markdown(plan))
    script = plan.script
    for line in [script.pitch, script.reaffirm, script.match_statement, script.story,
                 script.thanks, *script.gap_questions, *script.next_step_questions,
                 *script.debrief_reminder, *(gap.answer for gap in plan.gaps)]:
        assert line in card
    assert "**BLOCKING** R3" in card and "*minor* R6" in card


def test_each_skill_shows_one_short_quote_with_its_line() -> None:
    plan = make_plan()
    card = render_markdown(plan)
    section = card.split("## Your five best skills for this job")[1].split("## The close")[0]
    items = [line for line in section.splitlines() if line[:2] in {f"{n}." for n in range(1, 6)}]
    assert len(items) == 5
    for item, top in zip(items, plan.top_skills, strict=True):
        first = top.evidence[0]
        assert f"**{top.skill}**" in item
        assert item.endswith(f"” (line {first.line})")
        assert item.count("(line ") == 1
    assert "redesigning PostgreSQL indexes and rewriting the slowest query…” (line 10)" in items[0]


def test_shorten_cuts_between_words_and_keeps_what_it_keeps() -> None:
    cut = shorten(LONG, 110)
    assert cut.endswith("…") and len(cut) <= 111
    kept = cut[:-1]
    assert LONG.startswith(kept)
    assert LONG[len(kept)] == " "  # the cut fell between two words
    assert shorten("Short line.", 110) == "Short line."
    assert shorten("  spaced\n  out  ", 110) == "spaced out"
    url = "https://example.com/" + "x" * 200
    assert shorten(url, 50) == url[:50] + "…"


def test_markdown_syntax_in_plan_text_is_escaped() -> None:
    card = render_markdown(make_hostile_plan())
    # No angle bracket reaches a Markdown viewer unescaped, so no raw HTML passes through.
    assert re.search(r"(?<!\\)[<>]", card) is None
    assert HOSTILE in unescape(card)
    assert "Jo <img src=x onerror=alert(1)>" in unescape(card)
    assert escape("a|b *c* _d_ <e>") == r"a\|b \*c\* \_d\_ \<e\>"


def test_table_rows_keep_their_columns_even_with_pipes_in_text() -> None:
    card = render_markdown(make_hostile_plan())
    rows = [line for line in card.splitlines() if line.startswith("| R")]
    assert len(rows) == 9
    for row in rows:
        # Six cells: seven unescaped pipes, however many pipes the text holds.
        assert len(re.findall(r"(?<!\\)\|", row)) == 7
    assert "| R3 | must | **GAP** (blocking) | 0.00 |" in card
    assert "| R6 | must | **PARTIAL** (minor) | 0.45 |" in card


@pytest.mark.parametrize("factory", [make_plan, make_hostile_plan])
def test_typical_card_stays_within_a_printed_page(factory) -> None:
    card = render_markdown(factory())
    # About what a page of 11pt text holds; a regression guard for the card's compactness.
    assert len(card.splitlines()) <= 50
    assert len(card) <= 5500


def test_sparse_plan_card() -> None:
    card = render_markdown(make_minimal_plan())
    assert card.startswith("# Close card: This role\n")
    assert "**Candidate:**" not in card
    assert "No gaps found" in card
    assert "No skill in the resume answers this posting yet." in card
