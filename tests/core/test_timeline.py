"""Natural-language decision timelines and business days, on fixed dates."""

from __future__ import annotations

from datetime import date, time

import holidays
import pytest

from interview_closer.core.timeline import WorkCalendar, read_call_time, read_timeline
from interview_closer.errors import DataError

TUE = date(2026, 11, 24)  # a Tuesday, two days before US Thanksgiving
US = WorkCalendar(is_holiday=holidays.country_holidays("US").__contains__)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("by the end of next week", date(2026, 12, 4)),
        ("in two weeks", date(2026, 12, 8)),
        ("early January", date(2027, 1, 10)),
        ("on the 14th", date(2026, 12, 14)),
        ("after the board meets on Tuesday", date(2026, 12, 1)),
        ("next Friday", date(2026, 12, 4)),
        ("this Friday", date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27)),
        ("end of the month", date(2026, 11, 30)),
        ("by the end of the month.", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("within 10 days", date(2026, 12, 4)),
        ("2026-12-03", date(2026, 12, 3)),
        ("December 3rd", date(2026, 12, 3)),
        ("3 December", date(2026, 12, 3)),
        ("by the 3rd of December", date(2026, 12, 3)),
        ("January 15, 2027", date(2027, 1, 15)),
        ("12/03/2026", date(2026, 12, 3)),
        ("in 3 business days", date(2026, 11, 30)),  # Thanksgiving and the weekend skipped
        ("mid-December", date(2026, 12, 20)),
        ("late January", date(2027, 1, 31)),
        ("in May", date(2027, 5, 31)),
        ("by May 5", date(2027, 5, 5)),
        ("next week", date(2026, 12, 4)),
        ("early next week", date(2026, 12, 1)),
        ("the week after next", date(2026, 12, 11)),
        ("tomorrow", date(2026, 11, 25)),
        ("in a couple of weeks", date(2026, 12, 8)),
        ("a fortnight", date(2026, 12, 8)),
        ("1-2 weeks", date(2026, 12, 8)),
        ("a week from Friday", date(2026, 12, 4)),
        ("Q1", date(2027, 3, 31)),
        ("end of the quarter", date(2026, 12, 31)),
        ("by year end", date(2026, 12, 31)),
        ("in a month", date(2026, 12, 24)),
    ],
)
def test_words_become_dates(words: str, expected: date) -> None:
    assert read_timeline(words, TUE, US).date == expected


@pytest.mark.parametrize(
    ("words", "base", "expected"),
    [
        ("on the 31st", date(2027, 2, 10), date(2027, 3, 31)),  # February has no 31st
        ("14th", date(2026, 11, 14), date(2026, 11, 14)),  # the day itself counts
        ("end of the week", date(2026, 11, 27), date(2026, 12, 4)),  # said on a Friday
        ("in a month", date(2027, 1, 31), date(2027, 2, 28)),
        ("early January", date(2026, 1, 5), date(2026, 1, 10)),
        ("December 3", date(2026, 12, 10), date(2027, 12, 3)),  # past this year: next year
    ],
)
def test_words_relative_to_other_days(words: str, base: date, expected: date) -> None:
    assert read_timeline(words, base, US).date == expected


@pytest.mark.parametrize("words", ["soon", "Not sure yet", "TBD", "they may decide soon", "ASAP"])
def test_vague_words_give_no_date(words: str) -> None:
    found = read_timeline(words, TUE)
    assert found.date is None and found.how == "no date given"


@pytest.mark.parametrize(
    "words", ["whenever the moon is blue", "", "   ", "February 30", "2026-02-30", "the 32nd"]
)
def test_unreadable_words_raise_data_error(words: str) -> None:
    with pytest.raises(DataError):
        read_timeline(words, TUE)


def test_business_days_skip_weekends_and_holidays() -> None:
    assert US.add_business_days(date(2026, 11, 25), 1) == date(2026, 11, 27)
    assert US.add_business_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert US.roll_forward(date(2026, 12, 26)) == date(2026, 12, 28)
    assert US.add_business_days(date(2026, 11, 28), 0) == date(2026, 11, 30)
    gb = WorkCalendar(is_holiday=holidays.country_holidays("GB").__contains__)
    assert gb.add_business_days(date(2026, 12, 24), 1) == date(2026, 12, 29)  # Boxing Day moved


@pytest.mark.parametrize(
    ("words", "weekdays", "at"),
    [
        ("mornings", None, time(10, 0)),
        ("after 3pm", None, time(15, 0)),
        ("after 3", None, time(15, 0)),
        ("Tuesday or Thursday afternoons", frozenset({1, 3}), time(14, 0)),
        ("between 2 and 4", None, time(14, 0)),
        ("9-11", None, time(9, 0)),
        ("10:30 am", None, time(10, 30)),
        ("12pm", None, time(12, 0)),
        ("weekdays before noon", None, time(11, 0)),
        ("any time", None, None),
        (None, None, None),
    ],
)
def test_best_time_to_call(words: str | None, weekdays: frozenset[int] | None, at: time) -> None:
    found = read_call_time(words)
    assert (found.weekdays, found.at) == (weekdays, at)
