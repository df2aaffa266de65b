"""Drafts of the follow-up notes: thank-you, check-in, promised item, next interview, calls.

Every sentence comes from data/followup_phrasing.yaml (the team's own wording), picked
by a hash of the inputs so a draft is stable. Facts come only from the debrief (names,
topics, concerns and answers, promises, timeline) and the plan (skills that have
resume evidence): a draft never claims anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from interview_closer.core.datacache import load_yaml
from interview_closer.core.digest import sha256
from interview_closer.core.followup import Concern, Debrief, Person

_PHRASING = Path(__file__).resolve().parent.parent / "data" / "followup_phrasing.yaml"
MAX_SENTENCES = 6
_PREPOSITIONS = ("by", "in", "on", "after", "before", "within", "early", "mid", "late", "end",
                 "at", "around", "next", "this", "sometime", "once", "when", "the")  # fmt: skip


@lru_cache(maxsize=1)
def phrasing() -> dict[str, Any]:
    """The follow-up phrasing variants, loaded once."""
    data: dict[str, Any] = load_yaml(_PHRASING)
    return data


@dataclass(frozen=True, slots=True)
class DraftInput:
    """Everything a draft may draw on: the follow-up, its application, debrief and plan."""

    kind: str
    company: str
    role: str
    contact: Person | None = None
    interview_at: datetime | None = None
    debrief: Debrief | None = None
    plan: dict[str, Any] | None = None
    candidate: str | None = None
    sequence: int = 1
    detail: str | None = None
    topics: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted note: recipient, subject and body (plain text)."""

    to_name: str | None
    to_email: str | None
    subject: str
    body: str
    is_email: bool = True


class _Picker:
    def __init__(self, seed: str, section: str) -> None:
        self.seed, self.section = seed, section

    def __call__(self, slot: str, **values: str) -> str:
        variants = phrasing()[self.section][slot]
        if isinstance(variants, str):
            variants = [variants]
        digest = sha256(f"{self.seed}|{self.section}|{slot}".encode()).digest()
        template = variants[int.from_bytes(digest[:4], "big") % len(variants)]
        return _fill(template, values)


def _fill(template: str, values: dict[str, str], default: str = "") -> str:
    def one(match: re.Match[str]) -> str:
        return values.get(match.group(1), default)

    return re.sub(r"\{(\w+)\}", one, template)


def count_sentences(text: str) -> int:
    """Sentences in a body of prose (a sign-off and name lines are not sentences)."""
    return len(re.findall(r"[^.!?]+[.!?](?=\s|$)", text))


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _first_sentences(text: str, limit: int) -> str:
    parts = re.findall(r"[^.!?]+[.!?]*", text.strip())
    return _sentence(" ".join(p.strip() for p in parts[:limit]))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def backed_skills(plan: dict[str, Any] | None, limit: int = 3) -> list[str]:
    """The plan's best skills that have resume evidence behind them, strongest first."""
    if not plan:
        return []
    return [
        str(s["skill"]) for s in plan.get("top_skills", []) if s.get("skill") and s.get("evidence")
    ][:limit]


def _day(moment: datetime | date | None, full: bool = False) -> str:
    if moment is None:
        return "recently" if not full else "when we met"
    return f"on {moment:%A} {moment.day} {moment:%B}" if full else f"on {moment:%A}"


def _decision(debrief: Debrief | None) -> str | None:
    if debrief is None or not debrief.decision_by:
        return None
    words = debrief.decision_by.strip().rstrip(".")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", words) and debrief.decision_date:
        return f"by {_day(debrief.decision_date, full=True)[3:]}"
    first = words.split()[0].lower()
    return words if first in _PREPOSITIONS else f"by {words}"


def _values(src: DraftInput) -> dict[str, str]:
    skills = backed_skills(src.plan)
    first = (src.contact.name.split()[0] if src.contact else "") or "there"
    article = "an" if src.role[:1].lower() in "aeiou" else "a"
    decision = _decision(src.debrief)
    item = src.detail or ""
    return {
        "first_name": first,
        "name": src.contact.name if src.contact else "the interviewer",
        "role": src.role,
        "role_article": f"{article} {src.role}",
        "company": src.company,
        "skills": _join(skills) if skills else "",
        "skills_cap": _join(skills)[:1].upper() + _join(skills)[1:] if skills else "",
        "decision": decision or "",
        "decision_clause": f" (they said {decision})" if decision else "",
        "next_step": (src.debrief.next_step if src.debrief else None) or "the next interview",
        "item": item,
        "item_cap": item[:1].upper() + item[1:],
    }


def _concern_for(src: DraftInput) -> Concern | None:
    if src.debrief is None or not src.debrief.concerns:
        return None
    name = src.contact.name.casefold() if src.contact else None
    for concern in src.debrief.concerns:
        if concern.raised_by and name and concern.raised_by.casefold() == name:
            return concern
    leader = src.debrief.met[0].name.casefold() if src.debrief.met else None
    if name is None or name == leader:
        return next((c for c in src.debrief.concerns if not c.raised_by), None)
    return None


def _fit(required: list[str], optional: list[str], close: list[str]) -> list[str]:
    """Keep optional sentences (in priority order) while the note stays within the limit."""
    chosen: list[str] = []
    for line in optional:
        total = sum(count_sentences(x) for x in required + chosen + close + [line])
        if line and total <= MAX_SENTENCES:
            chosen.append(line)
    return required + chosen + close


def _letter(src: DraftInput, pick: _Picker, subject: str, lines: list[str]) -> Draft:
    greeting = f"Dear {_values(src)['first_name']},"
    sign = pick("signoff") + (f"\n{src.candidate}" if src.candidate else "")
    body = f"{greeting}\n\n{' '.join(lines)}\n\n{sign}\n"
    contact = src.contact
    return Draft(contact.name if contact else None, contact.email if contact else None, subject,
                 body)


def thank_you(src: DraftInput) -> Draft:
    """A personal thank-you note: a specific topic, the fit, the concern answered, 3-6 lines."""
    values = _values(src)
    pick = _Picker(f"{src.company}|{src.role}|{values['name']}", "thank_you")
    values["day"] = _day(src.interview_at)
    optional: list[str] = []
    if values["skills"]:
        optional.append(pick("match", **values))
    concern = _concern_for(src)
    if concern:
        if concern.answer:
            values.update(concern=concern.concern, answer=_first_sentences(concern.answer, 2))
            optional.append(pick("concern_answered", **values))
        else:
            optional.append(pick("concern_open", concern=concern.concern))
    topic = (src.topics or {}).get(values["name"]) or (src.contact.topic if src.contact else None)
    if topic:
        optional.append(pick("topic", topic=topic.rstrip(".")))
    elif src.debrief and src.debrief.next_step:
        optional.append(pick("next_step", **values))
    leader = src.debrief.met[0].name if src.debrief and src.debrief.met else None
    if src.debrief and src.debrief.promised and values["name"] in (leader, "the interviewer"):
        promise = src.debrief.promised[0]
        when = _day(promise.due, full=True)[3:] if promise.due else "the next working day"
        optional.append(pick("promise", item=promise.item, when=when))
    optional.append(pick("reaffirm", **values))
    lines = _fit([pick("thanks", **values)], optional, [pick("close", **values)])
    return _letter(src, pick, pick("subject", **values), [_sentence(x) for x in lines])


def check_in(src: DraftInput) -> Draft:
    """A check-in email: the interviewer's own timeline, continued interest, an offer to help."""
    values = _values(src)
    pick = _Picker(f"{src.company}|{src.role}|{values['name']}|{src.sequence}", "check_in")
    values["day"] = _day(src.interview_at, full=True)
    opener = pick("opener_first" if src.sequence <= 1 else "opener_later", **values)
    timeline = pick("timeline" if values["decision"] else "no_timeline", **values)
    interest = pick("interest" if values["skills"] else "interest_bare", **values)
    lines = _fit([opener, timeline], [interest, pick("offer_help")], [pick("close")])
    return _letter(src, pick, pick("subject", **values), [_sentence(x) for x in lines])


def promised_item(src: DraftInput) -> Draft:
    """The covering note for something promised (attach the item before sending)."""
    values = _values(src)
    values["day"] = _day(src.interview_at)
    pick = _Picker(f"{src.company}|{src.role}|{values['item']}", "promised_item")
    lines = [pick("lines", **values), pick("close"), pick("thanks", **values)]
    return _letter(src, pick, pick("subject", **values), [_sentence(x) for x in lines])


def schedule_next(src: DraftInput) -> Draft:
    """A note asking for times for the next interview."""
    values = _values(src)
    pick = _Picker(f"{src.company}|{src.role}|{values['name']}", "schedule_next")
    lines = [pick("lines", **values), pick("ask"), pick("close")]
    return _letter(src, pick, pick("subject", **values), [_sentence(x) for x in lines])


def call_notes(src: DraftInput) -> Draft:
    """Talking points for a check-in call (not an email)."""
    values = _values(src)
    values["day"] = _day(src.interview_at, full=True)
    points: list[str] = phrasing()["call_notes"]["points"]
    concern = _concern_for(src)
    if concern and concern.answer:
        values.update(concern=concern.concern, answer=_first_sentences(concern.answer, 2))
    lines = []
    for template in points:
        needs = set(re.findall(r"\{(\w+)\}", template))
        if any(not values.get(n) for n in needs if n in ("skills", "concern", "answer")):
            continue
        lines.append("- " + _fill(template, values))
    who = src.contact
    phone = f" ({who.phone})" if who and who.phone else ""
    best = src.debrief.best_time_to_call if src.debrief else None
    heading = phrasing()["call_notes"]["heading"].replace("{name}", values["name"]) + phone
    body = heading + (f"\nBest time to call: {best}" if best else "") + "\n\n" + "\n".join(lines)
    return Draft(who.name if who else None, None, heading, body + "\n", is_email=False)


def review_note(src: DraftInput) -> Draft:
    """The reminder to stop following up and mark the application no-response."""
    values = _values(src)
    values["n"] = str(max(src.sequence - 1, 1))
    template: str = phrasing()["review"]["body"][0]
    body = _fill(template, values)
    return Draft(None, None, f"{src.company}: no reply", body + "\n", is_email=False)


def draft_for(src: DraftInput) -> Draft:
    """The draft that suits a follow-up's kind."""
    if src.kind == "thank-you":
        return thank_you(src)
    if src.kind == "check-in-email":
        return check_in(src)
    if src.kind == "check-in-call":
        return call_notes(src)
    if src.kind == "send-promised-item":
        return promised_item(src)
    if src.kind == "schedule-next-interview":
        return schedule_next(src)
    return review_note(src)
