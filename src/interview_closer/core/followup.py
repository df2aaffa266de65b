"""Follow-up rules: a debrief becomes thank-you notes, promised items and check-ins.

Pure: every figure is in `FollowupRules`, the working days and the time zone in a
`WorkCalendar`; nothing here reads the clock. The figures come from method.md
(thank-you within a day, first check-in 1-2 business days after the decision date or
5-7 business days after the interview, then +1 week, stop after two unanswered).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta

from interview_closer.core.timeline import WorkCalendar, read_call_time
from interview_closer.errors import DataError

KINDS = (
    "thank-you",
    "check-in-call",
    "check-in-email",
    "send-promised-item",
    "schedule-next-interview",
    "no-response-review",
)
CHECK_INS = ("check-in-call", "check-in-email", "no-response-review")
CHANNELS = ("email", "phone", "reminder")
# Outcome recorded with `done`, and the application status it leads to (None: unchanged).
OUTCOMES: dict[str, str | None] = {
    "no-reply": None,
    "sent": None,
    "heard-back": None,
    "second-interview": "interviewing",
    "offer": "offer",
    "accepted": "accepted",
    "rejection": "rejected",
    "no-response": "no-response",
    "withdrawn": "withdrawn",
}
OUTCOME_ALIASES = {"rejected": "rejection", "second": "second-interview", "replied": "heard-back"}


@dataclass(frozen=True, slots=True)
class Person:
    """Someone met at the interview (shared across interviews as a contact)."""

    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Concern:
    """A concern the interviewer raised, how the candidate answered it, and who raised it."""

    concern: str
    answer: str | None = None
    raised_by: str | None = None


@dataclass(frozen=True, slots=True)
class Promise:
    """Something the candidate promised to send, in the words used and as a date."""

    item: str
    by: str | None = None
    due: date | None = None


@dataclass(frozen=True, slots=True)
class Debrief:
    """What the candidate wrote down right after the interview."""

    interview_at: datetime
    ended_at: datetime | None = None
    stage: str | None = None
    met: tuple[Person, ...] = ()
    next_step: str | None = None
    decision_by: str | None = None
    decision_date: date | None = None
    permission_to_call: bool | None = None
    best_time_to_call: str | None = None
    concerns: tuple[Concern, ...] = ()
    promised: tuple[Promise, ...] = ()
    feeling: int | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class FollowupRules:
    """Every figure the follow-up plan uses; each can be changed in the settings."""

    thank_you_cutoff: time = time(14, 0)
    thank_you_same_day_at: time = time(17, 0)
    thank_you_next_morning_at: time = time(9, 0)
    thank_you_next_business_day: bool = True
    interview_minutes: int = 60
    reminder_at: time = time(9, 0)
    call_at: time = time(10, 0)
    promise_business_days: int = 1
    checkin_after_decision_business_days: int = 2
    checkin_no_date_business_days: int = 5
    checkin_gaps_days: tuple[int, ...] = (7, 14)
    max_checkins: int = 2


def rules_with(overrides: dict[str, str]) -> FollowupRules:
    """FollowupRules with the named fields replaced by values given as text (from settings)."""
    known = {f.name: f for f in fields(FollowupRules)}
    changes: dict[str, object] = {}
    defaults = FollowupRules()
    for name, text in overrides.items():
        if name not in known:
            raise DataError(f"unknown follow-up rule '{name}': known rules are {', '.join(known)}")
        current = getattr(defaults, name)
        try:
            if isinstance(current, bool):
                if text.lower() not in ("true", "false", "yes", "no", "1", "0"):
                    raise ValueError(text)
                changes[name] = text.lower() in ("true", "yes", "1")
            elif isinstance(current, int):
                changes[name] = int(text)
                if changes[name] < 0:  # type: ignore[operator]
                    raise ValueError(text)
            elif isinstance(current, time):
                changes[name] = time.fromisoformat(text)
            else:
                changes[name] = tuple(int(part) for part in text.split(",") if part.strip())
                if not changes[name] or min(changes[name]) < 1:  # type: ignore[call-overload]
                    raise ValueError(text)
        except ValueError as exc:
            kind = type(current).__name__.replace("tuple", "list of whole days like 7,14")
            raise DataError(f"rule {name}: '{text}' is not a valid {kind}") from exc
    return replace(defaults, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class PlannedFollowup:
    """One follow-up the rules planned: what, when (time-zone aware), how and why then."""

    kind: str
    due: datetime
    channel: str
    title: str
    reason: str
    contact: Person | None = None
    detail: str | None = None
    sequence: int = 0


_NEXT_INTERVIEW = re.compile(
    r"\b(second|2nd|third|3rd|final|next|another|further|follow-?up|onsite|on-site|panel|"
    r"technical)\b.{0,30}\b(interview|round|meeting)s?\b",
    re.IGNORECASE,
)


def mentions_next_interview(next_step: str | None) -> bool:
    """True when the stated next step is another interview, which the candidate should book."""
    return bool(next_step and _NEXT_INTERVIEW.search(next_step))


def _fmt(moment: datetime) -> str:
    return moment.strftime("%a %d %b %H:%M")


def thank_you_due(
    debrief: Debrief, rules: FollowupRules, cal: WorkCalendar
) -> tuple[datetime, str]:
    """When the thank-you notes are due, with the reason in words."""
    end = debrief.ended_at or debrief.interview_at + timedelta(minutes=rules.interview_minutes)
    local = end.astimezone(cal.tz)
    if local.time() < rules.thank_you_cutoff:
        due = cal.at(local.date(), rules.thank_you_same_day_at)
        reason = f"interview ended {local:%H:%M}, before {rules.thank_you_cutoff:%H:%M}: same day"
        if due <= local:
            due = local + timedelta(hours=1)
        return due, reason
    if rules.thank_you_next_business_day:
        day, which = cal.add_business_days(local.date(), 1), "next business morning"
    else:
        day, which = local.date() + timedelta(days=1), "next morning"
    due = cal.at(day, rules.thank_you_next_morning_at)
    return due, f"interview ended {local:%H:%M}, after {rules.thank_you_cutoff:%H:%M}: {which}"


def _call_day(day: date, weekdays: frozenset[int] | None, cal: WorkCalendar) -> date:
    """The first business day on or after `day` that falls on an allowed weekday."""
    day = cal.roll_forward(day)
    for _ in range(21):
        if weekdays is None or day.weekday() in weekdays:
            return day
        day = cal.add_business_days(day, 1)
    return day


def checkin_chain(
    first_day: date,
    reason: str,
    debrief_call: tuple[bool, str | None],
    contact: Person | None,
    rules: FollowupRules,
    cal: WorkCalendar,
) -> list[PlannedFollowup]:
    """The check-ins from `first_day` on, then the review that suggests marking no-response."""
    may_call, best_time = debrief_call
    call = read_call_time(best_time) if may_call else None
    kind = "check-in-call" if may_call else "check-in-email"
    channel = "phone" if may_call else "email"
    clock = (call.at if call else None) or (rules.call_at if may_call else rules.reminder_at)
    weekdays = call.weekdays if call else None
    who = contact.name if contact else "the hiring contact"
    out: list[PlannedFollowup] = []
    day = _call_day(first_day, weekdays, cal)
    gaps = rules.checkin_gaps_days or (7,)
    for number in range(1, rules.max_checkins + 1):
        verb = "Call" if may_call else "Email"
        how = f"by phone{f' ({best_time})' if best_time else ''}" if may_call else "by email"
        out.append(
            PlannedFollowup(
                kind=kind,
                due=cal.at(day, clock),
                channel=channel,
                title=f"{verb} {who}: check-in {number} of {rules.max_checkins}",
                reason=(reason if number == 1 else f"no reply to check-in {number - 1}: "
                        f"+{gaps[min(number - 2, len(gaps) - 1)]} days") + f", {how}",
                contact=contact,
                sequence=number,
            )
        )
        day = _call_day(day + timedelta(days=gaps[min(number - 1, len(gaps) - 1)]), weekdays, cal)
    out.append(
        PlannedFollowup(
            kind="no-response-review",
            due=cal.at(day, rules.reminder_at),
            channel="reminder",
            title=f"No reply after {rules.max_checkins} check-ins: mark as no-response?",
            reason="more check-ins would read as pushy: stop and move on",
            contact=contact,
            sequence=rules.max_checkins + 1,
        )
    )
    return out


def first_checkin_day(
    debrief: Debrief, rules: FollowupRules, cal: WorkCalendar
) -> tuple[date, str]:
    """The day of the first check-in and why: after the decision date, else after the interview."""
    if debrief.decision_date is not None:
        days = rules.checkin_after_decision_business_days
        day = cal.add_business_days(debrief.decision_date, days)
        return day, f"{days} business days after the decision date {debrief.decision_date}"
    start = debrief.interview_at.astimezone(cal.tz).date()
    days = rules.checkin_no_date_business_days
    return cal.add_business_days(start, days), f"no decision date: {days} business days later"


def plan_followups(
    debrief: Debrief, rules: FollowupRules, cal: WorkCalendar
) -> list[PlannedFollowup]:
    """Every follow-up a debrief calls for, in due order."""
    planned: list[PlannedFollowup] = []
    due, reason = thank_you_due(debrief, rules, cal)
    people: list[Person | None] = list({p.name.casefold(): p for p in debrief.met}.values())
    for person in people or [None]:
        name = person.name if person else "the interviewer"
        planned.append(
            PlannedFollowup("thank-you", due, "email", f"Thank-you note to {name}", reason, person)
        )
    end = debrief.ended_at or debrief.interview_at + timedelta(minutes=rules.interview_minutes)
    day0 = debrief.interview_at.astimezone(cal.tz).date()
    contact = debrief.met[0] if debrief.met else None
    for promise in debrief.promised:
        if promise.due is not None:
            day, why = promise.due, f"promised by {promise.by or promise.due}"
        else:
            day = cal.add_business_days(day0, rules.promise_business_days)
            why = f"no deadline given: {rules.promise_business_days} business day(s) later"
        when = max(cal.at(day, rules.reminder_at), end + timedelta(minutes=30))
        planned.append(
            PlannedFollowup(
                "send-promised-item", when, "email", f"Send {promise.item}", why, contact,
                detail=promise.item,
            )
        )
    if mentions_next_interview(debrief.next_step):
        day = cal.add_business_days(day0, 1)
        planned.append(
            PlannedFollowup(
                "schedule-next-interview", cal.at(day, rules.reminder_at), "email",
                "Propose times for the next interview", f"next step: {debrief.next_step}",
                contact, detail=debrief.next_step,
            )
        )
    first, why = first_checkin_day(debrief, rules, cal)
    call = (bool(debrief.permission_to_call), debrief.best_time_to_call)
    planned.extend(checkin_chain(first, why, call, contact, rules, cal))
    return sorted(planned, key=lambda p: (p.due, KINDS.index(p.kind), p.sequence))


@dataclass(frozen=True, slots=True)
class Pending:
    """A follow-up still to do, as the outcome rules need to see it."""

    id: int
    kind: str
    due: datetime
    sequence: int = 0
    interview_id: int | None = None


@dataclass(slots=True)
class Effects:
    """What recording an outcome changes: cancelled ids, moved ids, new items, new status."""

    cancel: list[int] = field(default_factory=list)
    move: dict[int, datetime] = field(default_factory=dict)
    add: list[PlannedFollowup] = field(default_factory=list)
    status: str | None = None


def normalise_outcome(text: str | None) -> str | None:
    """The canonical outcome name for user text, or DataError naming the choices."""
    if text is None:
        return None
    key = text.strip().lower().replace(" ", "-").replace("_", "-")
    key = OUTCOME_ALIASES.get(key, key)
    if key not in OUTCOMES:
        raise DataError(f"unknown outcome '{text}': use one of {', '.join(OUTCOMES)}")
    return key


def outcome_effects(
    done: Pending,
    outcome: str | None,
    completed_at: datetime,
    pending: Sequence[Pending],
    rules: FollowupRules,
    cal: WorkCalendar,
    *,
    new_decision: date | None = None,
    call: tuple[bool, str | None] = (False, None),
    contact: Person | None = None,
) -> Effects:
    """How the other pending follow-ups of the application change when one is done."""
    effects = Effects(status=OUTCOMES.get(outcome or "no-reply"))
    others = [p for p in pending if p.id != done.id]
    if outcome in (None, "no-reply", "sent"):
        late = (completed_at.astimezone(cal.tz).date() - done.due.astimezone(cal.tz).date()).days
        if done.kind in CHECK_INS and late > 0:
            # A late check-in pushes the rest of its chain back, keeping the spacing.
            for item in others:
                if item.kind in CHECK_INS and item.interview_id == done.interview_id \
                        and item.sequence > done.sequence:
                    local = item.due.astimezone(cal.tz)
                    day = cal.roll_forward(local.date() + timedelta(days=late))
                    effects.move[item.id] = cal.at(day, local.timetz().replace(tzinfo=None))
        return effects
    if outcome in ("heard-back", "offer", "second-interview"):
        drop = set(CHECK_INS) | {"schedule-next-interview"}
        effects.cancel = [p.id for p in others if p.kind in drop]
    else:
        effects.cancel = [p.id for p in others]
    if outcome == "second-interview":
        day = cal.add_business_days(completed_at.astimezone(cal.tz).date(), 1)
        effects.add.append(
            PlannedFollowup(
                "schedule-next-interview", cal.at(day, rules.reminder_at), "email",
                "Agree a time for the next interview", "they asked for another interview", contact,
            )
        )
    if outcome == "heard-back" and new_decision is not None:
        first = cal.add_business_days(new_decision, rules.checkin_after_decision_business_days)
        why = f"{rules.checkin_after_decision_business_days} business days after {new_decision}"
        effects.add.extend(checkin_chain(first, why, call, contact, rules, cal))
    return effects
