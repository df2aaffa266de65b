"""The one-page close card in Markdown (CommonMark with GitHub tables and task lists).

Every string from the resume, posting or plan is escaped, so a `*` or `|` in a resume
line shows as itself and `<script>` stays text instead of becoming raw HTML.
"""

from __future__ import annotations

import re

from interview_closer.core.models import Plan
from interview_closer.render.card_view import CardView, GapView, QuoteView, card_view
from interview_closer.render.common import WORDS_PER_MINUTE, shorten

# Requirement text in the table is cut shorter than quotes: the reason column needs room.
TABLE_TEXT_LIMIT = 70
# ASCII punctuation that CommonMark or GitHub tables could read as syntax.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!])")


def escape(text: str) -> str:
    """Backslash-escape Markdown syntax characters so text renders exactly as written."""
    return _SPECIAL.sub(r"\\\1", text)


def _quote(quote: QuoteView) -> str:
    """A resume line in quotation marks with its line number."""
    return f"“{escape(quote.text)}” (line {quote.line})"


def _header(view: CardView) -> list[str]:
    """Title line and one line of who/what counts."""
    facts = []
    if view.candidate:
        facts.append(f"**Candidate:** {escape(view.candidate)}")
    if view.interviewer:
        facts.append(f"**Interviewer:** {escape(view.interviewer)}")
    facts.append(escape(view.summary))
    return [f"# Close card: {escape(view.heading)}", "", " · ".join(facts)]


def _skills(view: CardView) -> list[str]:
    """Numbered best skills, each with its strongest resume line."""
    lines = ["", f"## {escape(view.skills_heading)}", ""]
    if not view.skills:
        lines.append("No skill in the resume answers this posting yet.")
    for skill in view.skills:
        ids = ", ".join(escape(rid) for rid in skill.requirement_ids)
        line = f"{skill.rank}. **{escape(skill.skill)}**"
        if ids:
            line += f" ({ids})"
        if skill.quotes:
            line += ": " + "; ".join(_quote(q) for q in skill.quotes)
        lines.append(line)
    return lines


def _gap(gap: GapView) -> str:
    """One prepared answer as a sub-item, its severity in words."""
    label = f"**{gap.label}**" if gap.severity == "blocking" else f"*{escape(gap.label)}*"
    about = f" {escape(shorten(gap.requirement_text, TABLE_TEXT_LIMIT))}" \
        if gap.requirement_text else ""
    return f"   - {label} {escape(gap.requirement_id)}{about}: {escape(gap.answer)}"


def _script(view: CardView) -> list[str]:
    """The close in the method's order, eight numbered steps."""
    lines = [
        "", "## The close", "",
        f"1. **Parting pitch** ({view.pitch_words} words, about {view.pitch_seconds} s at "
        f"{WORDS_PER_MINUTE} wpm): {escape(view.pitch)}",
        "2. **Ask about gaps and concerns:**",
        *(f"   - {escape(q)}" for q in view.gap_questions),
        "3. **Answer what comes up:**",
    ]
    if view.gaps:
        lines.extend(_gap(gap) for gap in view.gaps)
    else:
        lines.append("   - No gaps found: listen, and answer what comes up.")
    lines += [
        f"4. **Reaffirm your interest:** {escape(view.reaffirm)}",
        # The trailing backslash is a CommonMark hard line break inside the list item.
        f"5. **You need it, I deliver it:** {escape(view.match_statement)}\\",
        f"   **Story:** {escape(view.story)}",
        "6. **Next step and permission to call:**",
        *(f"   - {escape(q)}" for q in view.next_step_questions),
        f"7. **Thank them and go:** {escape(view.thanks)}",
        "8. **Debrief as soon as you are alone:** "
        + " ".join(f"☐ {escape(item)}" for item in view.debrief_reminder),
    ]
    return lines


def _requirements(view: CardView) -> list[str]:
    """A compact table with the status spelled out."""
    lines = ["", "## Requirements", ""]
    if not view.requirements:
        return [*lines, "The posting lists no requirements."]
    lines += ["| ID | Need | Status | Score | Requirement | Why |",
              "|----|------|--------|------:|-------------|-----|"]
    for row in view.requirements:
        status = f"**{row.label}**" + (f" ({row.severity})" if row.severity else "")
        text = escape(shorten(row.text, TABLE_TEXT_LIMIT))
        lines.append(f"| {escape(row.id)} | {escape(row.importance)} | {status} | {row.score} | "
                     f"{text} | {escape(row.reason)} |")
    return lines


def render_markdown(plan: Plan) -> str:
    """The plan as a one-page Markdown close card, ending with a newline."""
    view = card_view(plan, max_quotes=1)
    lines = [*_header(view), *_skills(view), *_script(view), *_requirements(view)]
    return "\n".join(lines) + "\n"
