"""Drafted notes: 3-6 sentences, personal, stable, and no claim beyond plan and debrief."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.tracker_factory import debrief_data, plan_dict

from interview_closer.core.debrief import debrief_from
from interview_closer.core.drafts import (
    DraftInput,
    backed_skills,
    count_sentences,
    draft_for,
    phrasing,
)
from interview_closer.core.followup import KINDS
from interview_closer.core.timeline import WorkCalendar

CAL = WorkCalendar(ZoneInfo("America/New_York"))
DEBRIEF = debrief_from(debrief_data(), CAL)
WHEN = DEBRIEF.interview_at.astimezone(CAL.tz)


def _src(kind: str = "thank-you", who: int = 0, **changes: object) -> DraftInput:
    values: dict[str, object] = dict(
        kind=kind, company="Northwind Analytics", role="Backend Engineer",
        contact=DEBRIEF.met[who], interview_at=WHEN, debrief=DEBRIEF, plan=plan_dict(),
        candidate="Alex Morgan", sequence=1, detail="two references",
    )  # fmt: skip
    values.update(changes)
    return DraftInput(**values)  # type: ignore[arg-type]


def _body(text: str) -> str:
    return text.split("\n\n")[1]


def test_thank_you_is_personal() -> None:
    dana, sam = draft_for(_src(who=0)), draft_for(_src(who=1))
    assert dana.body.startswith("Dear Dana,") and sam.body.startswith("Dear Sam,")
    assert "event-driven billing" in dana.body  # her topic
    assert "Kafka" in sam.body and "Kafka" not in dana.body  # the concern he raised
    assert "I ran RabbitMQ at scale" in sam.body  # the answer, in the candidate's words
    assert "two references" in dana.body and "Friday 27 November" in dana.body
    assert dana.body.rstrip().endswith("Alex Morgan")
    assert (dana.to_email, sam.to_email) == ("dana@northwind.test", "sam@northwind.test")
    for note in (dana, sam):
        assert 3 <= count_sentences(_body(note.body)) <= 6


def test_drafts_are_stable() -> None:
    assert draft_for(_src()) == draft_for(_src())
    assert draft_for(_src("check-in-email", sequence=2)).body != draft_for(
        _src("check-in-email", sequence=1)).body  # fmt: skip


def test_only_skills_backed_by_evidence_are_claimed() -> None:
    plan = plan_dict(skills=("Python", "Kubernetes", "Go"))
    plan["top_skills"][1]["evidence"] = []
    assert backed_skills(plan) == ["Python", "Go"]
    body = draft_for(_src(plan=plan)).body + draft_for(_src("check-in-email", plan=plan)).body
    assert "Kubernetes" not in body
    bare = draft_for(_src(plan=None)).body
    assert not any(s in bare for s in ("Python", "PostgreSQL", "AWS"))


def test_check_in_uses_their_own_timeline() -> None:
    note = draft_for(_src("check-in-email"))
    assert "by the end of next week" in note.body
    assert "Tuesday 24 November" in note.body
    undated = debrief_from(debrief_data(decision_by=None), CAL)
    assert "update" in draft_for(_src("check-in-email", debrief=undated)).body.lower() or \
        "news" in draft_for(_src("check-in-email", debrief=undated)).body.lower()


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_draft(kind: str) -> None:
    note = draft_for(_src(kind, sequence=3 if kind == "no-response-review" else 1))
    assert note.body.strip()
    assert "{" not in note.body and "}" not in note.body and "{" not in note.subject
    if note.is_email:
        assert 3 <= count_sentences(_body(note.body)) <= 6
    assert note.is_email == (kind not in ("check-in-call", "no-response-review"))


def test_call_notes_list_points_and_best_time() -> None:
    note = draft_for(_src("check-in-call"))
    assert "Best time to call: mornings" in note.body
    assert "(+1 555 0100)" in note.body
    assert note.body.count("\n- ") >= 3


def test_phrasing_data_has_variants_and_known_placeholders() -> None:
    known = {"first_name", "role", "role_article", "company", "day", "topic", "next_step",
             "skills", "skills_cap", "concern", "answer", "item", "item_cap", "when",
             "decision", "decision_clause", "n", "name"}  # fmt: skip
    for section, slots in phrasing().items():
        for slot, variants in slots.items():
            variants = variants if isinstance(variants, list) else [variants]
            if slot not in ("heading", "points", "body"):
                assert len(variants) >= 2, f"{section}.{slot} needs variants"
            for text in variants:
                assert set(re.findall(r"\{(\w+)\}", text)) <= known, text


words = st.text(st.characters(whitelist_categories=("L", "Zs")), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    topic=st.none() | words,
    answer=st.none() | st.lists(words, min_size=1, max_size=5).map(lambda w: ". ".join(w) + "."),
    next_step=st.none() | words,
    with_plan=st.booleans(),
    promised=st.booleans(),
)
def test_thank_you_stays_within_three_to_six_sentences(
    topic: str | None, answer: str | None, next_step: str | None, with_plan: bool,
    promised: bool,
) -> None:
    met = [{"name": "Dana Reyes", "email": "d@x.test", "topic": topic.strip() if topic and
            topic.strip() else None}]  # fmt: skip
    data = debrief_data(
        met=[{k: v for k, v in m.items() if v} for m in met], next_step=next_step or None,
        concerns=[{"concern": "on-call load", "answer": answer, "raised_by": "Dana Reyes"}],
        promised=[{"item": "references"}] if promised else None,
    )  # fmt: skip
    if not next_step:
        data.pop("next_step", None)
    debrief = debrief_from(data, CAL)
    note = draft_for(_src(debrief=debrief, contact=debrief.met[0],
                          plan=plan_dict() if with_plan else None))  # fmt: skip
    assert 3 <= count_sentences(_body(note.body)) <= 6
    assert note.body.startswith("Dear Dana,")


def test_interview_time_is_used_for_the_day() -> None:
    src = _src(interview_at=datetime(2026, 11, 27, 10, tzinfo=CAL.tz))
    assert "on Friday" in draft_for(src).body
