"""Follow-up rules, table-driven on fixed dates: weekends, public holidays, month ends."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from interview_closer.core.debrief import debrief_from
from interview_closer.core.followup import (
    FollowupRules,
    Pending,
    mentions_next_interview,
    normalise_outcome,
    outcome_effects,
    plan_followups,
    rules_with,
)
from interview_closer.core.timeline import WorkCalendar
from interview_closer.errors import DataError

ZONES = {"US": "America/New_York", "GB": "Europe/London", "GB-ENG": "Europe/London",
         "none": "UTC"}  # fmt: skip


def _cal(country: str) -> WorkCalendar:
    tz = ZoneInfo(ZONES[country])
    if country == "none":
        return WorkCalendar(tz)
    code, _, sub = country.partition("-")
    return WorkCalendar(tz, holidays.country_holidays(code, subdiv=sub or None).__contains__)


def _plan(country: str, rules: FollowupRules | None = None, **data: object):  # type: ignore[no-untyped-def]
    cal = _cal(country)
    return plan_followups(debrief_from(data, cal), rules or FollowupRules(), cal), cal


def _local(moment: datetime, cal: WorkCalendar) -> str:
    return moment.astimezone(cal.tz).strftime("%a %Y-%m-%d %H:%M")


# country, interview start, end, decision words, expected thank-you, expected first check-in
CASES = [
    ("US", "2026-11-24T10:00", "11:00", None,  # morning: same day; no date: 5 business days
     "Tue 2026-11-24 17:00", "Wed 2026-12-02 09:00"),
    ("US", "2026-11-25T14:30", "15:30", "in two weeks",  # late, eve of Thanksgiving
     "Fri 2026-11-27 09:00", "Fri 2026-12-11 09:00"),
    ("US", "2026-12-04T15:00", "16:00", "end of next week",  # Friday afternoon
     "Mon 2026-12-07 09:00", "Tue 2026-12-15 09:00"),
    ("US", "2026-12-24T14:00", "15:00", "end of the month",  # Christmas, New Year's Day
     "Mon 2026-12-28 09:00", "Tue 2027-01-05 09:00"),
    ("GB", "2026-12-24T15:00", "16:00", "tomorrow",  # Christmas and Boxing Day (observed)
     "Tue 2026-12-29 09:00", "Wed 2026-12-30 09:00"),
    ("GB-ENG", "2026-08-28T14:00", "15:00", "in 3 days",  # August bank holiday Monday
     "Tue 2026-09-01 09:00", "Wed 2026-09-02 09:00"),
    ("GB", "2026-04-20T10:00", "10:45", "end of the month",  # month end, Early May holiday
     "Mon 2026-04-20 17:00", "Tue 2026-05-05 09:00"),
    ("US", "2026-01-29T09:00", "13:59", "end of the month",  # 31 Jan is a Saturday
     "Thu 2026-01-29 17:00", "Tue 2026-02-03 09:00"),
    ("US", "2026-11-24T13:00", "14:00", None,  # ending at 14:00 is not "before 14:00"
     "Wed 2026-11-25 09:00", "Wed 2026-12-02 09:00"),
    ("none", "2026-11-28T09:00", "11:00", None,  # a Saturday interview; no holidays at all
     "Sat 2026-11-28 17:00", "Fri 2026-12-04 09:00"),
    ("US", "2026-03-06T10:00", "11:00", "next week",  # across the DST change of 8 March
     "Fri 2026-03-06 17:00", "Tue 2026-03-17 09:00"),
]


@pytest.mark.parametrize(("country", "start", "end", "decision", "thanks", "first"), CASES)
def test_thank_you_and_first_check_in(
    country: str, start: str, end: str, decision: str | None, thanks: str, first: str
) -> None:
    data = {"interview_at": start, "ended_at": end, "met": ["Dana Reyes <dana@x.test>"]}
    if decision:
        data["decision_by"] = decision
    planned, cal = _plan(country, **data)
    by_kind = {p.kind: p for p in reversed(planned)}
    assert _local(by_kind["thank-you"].due, cal) == thanks
    assert _local(by_kind["check-in-email"].due, cal) == first


def test_dst_keeps_wall_clock_time() -> None:
    planned, _ = _plan("US", interview_at="2026-03-06T10:00", decision_by="next week")
    offsets = {p.due.utcoffset() for p in planned}
    assert offsets == {timedelta(hours=-5), timedelta(hours=-4)}
    assert {p.due.time() for p in planned if p.kind == "check-in-email"} == {time(9, 0)}


def test_cadence_plus_one_week_then_review_after_two() -> None:
    planned, cal = _plan("US", interview_at="2026-12-08T10:00", decision_by="2026-12-16")
    chain = [(p.kind, p.sequence, _local(p.due, cal)) for p in planned
             if p.kind in ("check-in-email", "no-response-review")]  # fmt: skip
    assert chain == [
        ("check-in-email", 1, "Fri 2026-12-18 09:00"),
        ("check-in-email", 2, "Mon 2026-12-28 09:00"),  # +7 is Christmas Day: rolled on
        ("no-response-review", 3, "Mon 2027-01-11 09:00"),
    ]


def test_phone_only_with_permission_at_the_best_time() -> None:
    data = {"interview_at": "2026-11-24T10:00", "decision_by": "end of next week",
            "met": ["Dana Reyes <dana@x.test>"]}  # fmt: skip
    planned, cal = _plan("US", **data, permission_to_call=True,
                         best_time_to_call="Thursday afternoons")  # fmt: skip
    calls = [p for p in planned if p.kind == "check-in-call"]
    assert [_local(p.due, cal) for p in calls] == ["Thu 2026-12-10 14:00", "Thu 2026-12-17 14:00"]
    assert {p.channel for p in calls} == {"phone"}
    emailed, _ = _plan("US", **data, permission_to_call=False, best_time_to_call="mornings")
    assert {p.channel for p in emailed if p.kind.startswith("check-in")} == {"email"}


def test_thank_you_for_each_person_and_promises() -> None:
    planned, cal = _plan(
        "US", interview_at="2026-11-24T15:00",
        met=["Dana Reyes <dana@x.test>", "Sam Lee", {"name": "dana reyes"}],
        promised=[{"item": "references", "by": "Friday"}, "work sample"],
        next_step="a second interview with the team",
    )  # fmt: skip
    thanks = [p.contact.name for p in planned if p.kind == "thank-you" and p.contact]
    assert thanks == ["dana reyes", "Sam Lee"]  # one note per person, duplicates merged
    promised = {p.detail: _local(p.due, cal) for p in planned if p.kind == "send-promised-item"}
    assert promised == {"references": "Fri 2026-11-27 09:00",
                        "work sample": "Wed 2026-11-25 09:00"}  # fmt: skip
    assert any(p.kind == "schedule-next-interview" for p in planned)
    nobody, _ = _plan("US", interview_at="2026-11-24T15:00")
    assert [p.title for p in nobody if p.kind == "thank-you"] == [
        "Thank-you note to the interviewer"]


def test_rules_are_configurable() -> None:
    rules = rules_with({"checkin_no_date_business_days": "7", "thank_you_cutoff": "12:00",
                        "max_checkins": "3", "checkin_gaps_days": "7,14",
                        "thank_you_next_business_day": "false"})  # fmt: skip
    planned, cal = _plan("US", rules, interview_at="2026-11-27T11:00", ended_at="12:30")
    kinds = [(p.kind, _local(p.due, cal)) for p in planned]
    assert kinds[0] == ("thank-you", "Sat 2026-11-28 09:00")
    assert [k for k, _ in kinds].count("check-in-email") == 3
    assert ("check-in-email", "Tue 2026-12-08 09:00") in kinds
    bad_values = [{"max_checkins": "-1"}, {"thank_you_cutoff": "2pm"}, {"nope": "1"},
                  {"checkin_gaps_days": "0"}, {"thank_you_next_business_day": "maybe"}]
    for bad in bad_values:
        with pytest.raises(DataError):
            rules_with(bad)


def test_next_interview_is_recognised() -> None:
    assert mentions_next_interview("A second interview with the CTO")
    assert mentions_next_interview("panel round next week")
    assert not mentions_next_interview("they will call with a decision")
    assert not mentions_next_interview(None)


NY = ZoneInfo("America/New_York")


def _pending() -> list[Pending]:
    at = datetime(2026, 12, 8, 9, 0, tzinfo=NY)
    return [
        Pending(1, "thank-you", at - timedelta(days=14), 0, 1),
        Pending(2, "send-promised-item", at - timedelta(days=10), 0, 1),
        Pending(3, "check-in-email", at, 1, 1),
        Pending(4, "check-in-email", at + timedelta(days=7), 2, 1),
        Pending(5, "no-response-review", at + timedelta(days=21), 3, 1),
    ]


@pytest.mark.parametrize(
    ("outcome", "cancelled", "status"),
    [
        (None, [], None),
        ("heard-back", [4, 5], None),
        ("offer", [4, 5], "offer"),
        ("rejection", [1, 2, 4, 5], "rejected"),
        ("withdrawn", [1, 2, 4, 5], "withdrawn"),
        ("second-interview", [4, 5], "interviewing"),
    ],
)
def test_outcomes(outcome: str | None, cancelled: list[int], status: str | None) -> None:
    items = _pending()
    effects = outcome_effects(items[2], outcome, items[2].due, items, FollowupRules(),
                              _cal("US"))  # fmt: skip
    assert sorted(effects.cancel) == cancelled
    assert effects.status == status
    added = [a.kind for a in effects.add]
    assert added == (["schedule-next-interview"] if outcome == "second-interview" else [])


def test_late_check_in_moves_the_rest() -> None:
    items = _pending()
    late = datetime(2026, 12, 10, 15, 0, tzinfo=NY)
    effects = outcome_effects(items[2], "no-reply", late, items, FollowupRules(), _cal("US"))
    assert effects.move == {4: datetime(2026, 12, 17, 9, 0, tzinfo=NY),
                            5: datetime(2026, 12, 31, 9, 0, tzinfo=NY)}  # fmt: skip


def test_heard_back_with_a_new_date() -> None:
    items = _pending()
    effects = outcome_effects(items[2], "heard-back", items[2].due, items, FollowupRules(),
                              _cal("US"), new_decision=date(2026, 12, 18))  # fmt: skip
    assert [(a.kind, a.due.date()) for a in effects.add] == [
        ("check-in-email", date(2026, 12, 22)), ("check-in-email", date(2026, 12, 29)),
        ("no-response-review", date(2027, 1, 12))]  # fmt: skip


def test_outcome_names() -> None:
    assert normalise_outcome("Rejected") == "rejection"
    assert normalise_outcome("second interview") == "second-interview"
    assert normalise_outcome(None) is None
    with pytest.raises(DataError, match="unknown outcome"):
        normalise_outcome("ghosted")
