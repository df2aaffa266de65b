"""The debrief file format: what is accepted, what is refused, and the round trip."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from tests.tracker_factory import debrief_data

from interview_closer.core.debrief import debrief_from, debrief_to_dict
from interview_closer.core.timeline import WorkCalendar
from interview_closer.errors import DataError

CAL = WorkCalendar(ZoneInfo("Europe/London"))


def test_full_debrief_is_read() -> None:
    d = debrief_from(debrief_data(), CAL)
    assert d.interview_at == datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("UTC"))
    assert d.decision_date == date(2026, 12, 4)
    assert [p.name for p in d.met] == ["Dana Reyes", "Sam Lee"]
    assert d.met[0].topic == "the move to event-driven billing"
    assert d.concerns[0].raised_by == "Sam Lee"
    assert d.promised[0].due == date(2026, 11, 27)
    assert (d.feeling, d.permission_to_call) == (4, True)
    out = debrief_to_dict(d)
    assert out["decision_date"] == "2026-12-04"
    assert out["met"][1] == {"name": "Sam Lee", "title": "Staff Engineer",
                             "email": "sam@northwind.test"}  # fmt: skip


def test_yaml_dates_and_short_forms() -> None:
    text = """
interview_at: 2026-11-24 10:00:00
ended_at: "11:15"
met: ["Ann Fox, CTO <ann@x.test>", "Bo Li"]
decision_by: 2026-12-03
permission_to_call: "yes"
concerns: ["no Go experience => I am learning Go on a side project"]
promised: ["portfolio => tomorrow"]
"""
    d = debrief_from(yaml.safe_load(text), CAL)
    assert d.interview_at.tzinfo is not None
    assert d.interview_at.astimezone(CAL.tz).hour == 10  # naive means the settings' zone
    assert d.ended_at is not None and d.ended_at.astimezone(CAL.tz).strftime("%H:%M") == "11:15"
    assert (d.met[0].title, d.met[0].email, d.met[1].email) == ("CTO", "ann@x.test", None)
    assert d.decision_date == date(2026, 12, 3)
    assert d.concerns[0].answer == "I am learning Go on a side project"
    assert d.promised[0].due == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"interview_at": None}, "interview_at is required"),
        ({"interview_at": "next tuesday-ish"}, "not an ISO date-time"),
        ({"interview_at": date(2026, 11, 24)}, "no time of day"),
        ({"ended_at": "2026-11-24T09:00:00-05:00"}, "before interview_at"),
        ({"decision_by": "when pigs fly"}, "decision_by"),
        ({"feeling": 9}, "feeling"),
        ({"feeling": "great"}, "feeling"),
        ({"met": [{"title": "CTO"}]}, "needs a name"),
        ({"met": [{"name": "A", "email": "not-an-email"}]}, "not an email"),
        ({"met": "Dana"}, "expected a list"),
        ({"permission_to_call": "perhaps"}, "not yes or no"),
        ({"concerns": [{"answer": "x"}]}, "needs a 'concern'"),
        ({"concerns": [{"concern": "x", "raised_by": "Nobody"}]}, "not among those met"),
        ({"promised": [{"item": "refs", "by": "someday maybe"}]}, "promised 'refs' by"),
        ({"colour": "blue"}, "unknown debrief key"),
    ],
)
def test_mistakes_are_named(changes: dict[str, object], message: str) -> None:
    data = debrief_data()
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(DataError, match=message):
        debrief_from(data, CAL)


def test_not_a_mapping() -> None:
    with pytest.raises(DataError):
        debrief_from(["interview_at"], CAL)  # type: ignore[arg-type]
