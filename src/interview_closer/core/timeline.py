"""Business days and the interviewer's own words for a date ("by the end of next week").

Pure: the base date, the time zone and the holiday test are passed in. When the words
name a span ("next week", "early January") the date returned is the latest day the
words allow, so a check-in planned after it never lands before the decision.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from interview_closer.errors import DataError


def _no_holidays(_day: date) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Working days in one time zone: weekends and a holiday test (from the `holidays` package)."""

    tz: tzinfo = UTC
    is_holiday: Callable[[date], bool] = _no_holidays
    weekend: frozenset[int] = field(default_factory=lambda: frozenset({5, 6}))

    def is_business_day(self, day: date) -> bool:
        """True when `day` is neither a weekend day nor a public holiday."""
        return day.weekday() not in self.weekend and not self.is_holiday(day)

    def roll_forward(self, day: date) -> date:
        """`day` itself when it is a business day, else the next business day."""
        for _ in range(60):
            if self.is_business_day(day):
                return day
            day += timedelta(days=1)
        raise DataError("no business day within 60 days: check the weekend and holiday settings")

    def add_business_days(self, day: date, count: int) -> date:
        """The business day `count` business days after `day` (0: `day` rolled forward)."""
        if count <= 0:
            return self.roll_forward(day)
        for _ in range(count):
            day = self.roll_forward(day + timedelta(days=1))
        return day

    def at(self, day: date, clock: time) -> datetime:
        """A time-zone-aware date-time on `day` at wall-clock `clock` in this calendar's zone."""
        return datetime.combine(day, clock, tzinfo=self.tz)


@dataclass(frozen=True, slots=True)
class Timeline:
    """What a phrase meant: the date (None for words like "soon") and how it was read."""

    text: str
    date: date | None
    how: str


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
# "sat" and "sun" are left out: as words they rarely mean a weekday.
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3})
WEEKDAYS.update({"thurs": 3, "fri": 4})
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a few": 3, "few": 3, "several": 4,
}  # fmt: skip
VAGUE = (
    "soon", "asap", "as soon as", "not sure", "unsure", "unknown", "tbd", "tbc", "no date",
    "don't know", "dont know", "no idea", "no timeline", "not given", "unclear", "n/a", "none",
    "when they can", "at some point",
)  # fmt: skip

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUM_RE = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _week_day(base: date, weeks_ahead: int, weekday: int) -> date:
    """The given weekday in the Monday-to-Sunday week `weeks_ahead` weeks after base's week."""
    monday = base - timedelta(days=base.weekday())
    return monday + timedelta(weeks=weeks_ahead, days=weekday)


def _next_weekday(base: date, weekday: int) -> date:
    """The first `weekday` strictly after base."""
    ahead = (weekday - base.weekday()) % 7 or 7
    return base + timedelta(days=ahead)


def _future_month(base: date, month: int, year: int | None) -> int:
    if year is not None:
        return year
    return base.year if month >= base.month else base.year + 1


def _part_of_month(part: str | None, year: int, month: int) -> tuple[date, str]:
    end = _month_end(year, month)
    if part in ("early", "beginning of", "start of", "the beginning of", "the start of"):
        return date(year, month, 10), "early in the month (the 10th)"
    if part in ("mid", "mid-", "middle of", "the middle of"):
        return date(year, month, 20), "mid-month (the 20th)"
    return end, "the end of the month"


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _amount(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _span(text: str, base: date, cal: WorkCalendar) -> Timeline | None:
    """'in two weeks', 'within 10 days', 'in 3 business days', 'a fortnight'."""
    if re.search(rf"\bweek from (?:{_DAY_RE})\b", text):
        return None  # "a week from Friday" is a weekday phrase
    if re.search(r"\b(?:a|one) fortnight\b", text):
        return Timeline(text, base + timedelta(days=14), "two weeks after the interview")
    match = re.search(
        rf"\b(\d+|{_NUM_RE})\s+(?:more\s+)?(business |working )?(day|week|month)s?\b", text
    )
    if not match:
        return None
    count = _amount(match.group(1))
    unit = match.group(3)
    if match.group(2):
        if unit == "week":
            count *= 5
        return Timeline(text, cal.add_business_days(base, count), f"{count} business days later")
    how = f"{count} {unit}{'s' if count != 1 else ''} after the interview"
    if unit == "day":
        return Timeline(text, base + timedelta(days=count), how)
    if unit == "week":
        return Timeline(text, base + timedelta(weeks=count), how)
    return Timeline(text, _add_months(base, count), how)


def _weeks(text: str, base: date) -> Timeline | None:
    """'end of next week', 'this week', 'early next week', 'the week after next'."""
    if "week after next" in text:
        return Timeline(text, _week_day(base, 2, 4), "the Friday of the week after next")
    match = re.search(r"\b(early|mid|middle of|late|end of|the end of)?\s*(this|next) week\b", text)
    if not match:
        match = re.search(r"\b(end) of (?:the )?week\b", text)
        if not match:
            return None
        ahead = 1 if base.weekday() >= 4 else 0
        return Timeline(text, _week_day(base, ahead, 4), "the end of the week (Friday)")
    part, which = match.group(1), match.group(2)
    ahead = 1 if which == "next" else 0
    if part == "early":
        weekday, how = 1, f"early {which} week (Tuesday)"
    elif part in ("mid", "middle of"):
        weekday, how = 3, f"mid {which} week (Thursday)"
    else:
        weekday, how = 4, f"the end of {which} week (Friday)"
    return Timeline(text, max(_week_day(base, ahead, weekday), base), how)


def _months(text: str, base: date) -> Timeline | None:
    """'end of the month', 'next month', 'early January', 'January 15', '15 March 2027'."""
    match = re.search(rf"\b({_MONTH_RE})\.?\s+{_ORD}\b(?:,?\s+(\d{{4}}))?", text)
    day_first = re.search(rf"\b{_ORD}\s+(?:of\s+)?({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?", text)
    if match or day_first:
        if match:
            month, day, year_text = MONTHS[match.group(1)], int(match.group(2)), match.group(3)
        else:
            assert day_first is not None
            day, month, year_text = int(day_first.group(1)), MONTHS[day_first.group(2)], \
                day_first.group(3)
        year = int(year_text) if year_text else None
        try:
            found = date(_future_month(base, month, year), month, day)
            if year is None and found < base:
                found = date(found.year + 1, month, day)
        except ValueError as exc:
            raise DataError(f"'{text}' names a day that does not exist") from exc
        return Timeline(text, found, "the date named")
    part_re = r"(early|mid-?|middle of|the middle of|late|end of|the end of|beginning of|" \
        r"the beginning of|start of|the start of)"
    match = re.search(rf"\b{part_re}?\s*({_MONTH_RE})\b\.?(?:\s+(\d{{4}}))?", text)
    # "may" is usually the verb ("they may decide"): a month only after a preposition.
    if (
        match
        and match.group(2) == "may"
        and not (match.group(1) or match.group(3))
        and not re.search(r"\b(?:in|by|until|before|during|of) may\b", text)
    ):
        match = None
    if match:
        part, month = match.group(1), MONTHS[match.group(2)]
        year = _future_month(base, month, int(match.group(3)) if match.group(3) else None)
        found, how = _part_of_month(part, year, month)
        if found < base:
            found, how = _part_of_month(part, year + 1, month)
        return Timeline(text, found, how.replace("the month", calendar.month_name[month]))
    match = re.search(rf"\b{part_re}?\s*(this|the|next) month\b", text)
    if match:
        first = base.replace(day=1)
        if match.group(2) == "next":
            first = _add_months(first, 1)
        found, how = _part_of_month(match.group(1), first.year, first.month)
        return Timeline(text, max(found, base), how)
    return None


def _other(text: str, base: date) -> Timeline | None:
    """Weekdays, 'the 14th', today/tomorrow, quarters and the year end."""
    if re.search(r"\bday after tomorrow\b", text):
        return Timeline(text, base + timedelta(days=2), "the day after tomorrow")
    if re.search(r"\btomorrow\b", text):
        return Timeline(text, base + timedelta(days=1), "the day after the interview")
    if re.search(r"\b(today|tonight|end of (the )?day|eod)\b", text):
        return Timeline(text, base, "the day of the interview")
    match = re.search(rf"\b(?:(next|this|coming|following)\s+)?({_DAY_RE})\b\.?(\s+week)?", text)
    if match:
        which, weekday = match.group(1), WEEKDAYS[match.group(2)]
        found = _next_weekday(base, weekday)
        if which in ("next", "following"):
            found = max(found, _week_day(base, 1, weekday))
        if match.group(3) or re.search(rf"\bweek from\s+{match.group(2)}", text):
            found += timedelta(weeks=1)
        return Timeline(text, found, calendar.day_name[weekday])
    match = re.search(rf"\b(?:on\s+)?the\s+{_ORD}\b|\bon\s+{_ORD}\b|^{_ORD}$", text)
    if match:
        day = int(next(g for g in match.groups() if g))
        probe = base.replace(day=1)
        for _ in range(13):
            last = calendar.monthrange(probe.year, probe.month)[1]
            if day <= last and date(probe.year, probe.month, day) >= base:
                return Timeline(text, date(probe.year, probe.month, day), f"the {_ordinal(day)}")
            probe = _add_months(probe, 1)
        raise DataError(f"'{text}' names day {day}, which no month has")
    if re.search(r"\b(end of (the )?quarter|quarter end|this quarter)\b", text):
        month = ((base.month - 1) // 3 + 1) * 3
        return Timeline(text, _month_end(base.year, month), "the end of the quarter")
    match = re.search(r"\bq([1-4])\b", text)
    if match:
        month = int(match.group(1)) * 3
        year = base.year if _month_end(base.year, month) >= base else base.year + 1
        return Timeline(text, _month_end(year, month), f"the end of Q{match.group(1)}")
    if re.search(r"\b(end of (the )?year|year[- ]end|this year)\b", text):
        return Timeline(text, date(base.year, 12, 31), "the end of the year")
    return None


def _fallback(text: str, base: date) -> Timeline | None:
    """Other explicit dates ("12/03/2026", "3rd of Dec.") through dateparser."""
    if not re.search(rf"\d|\b(?:{_MONTH_RE})\b", text):
        return None
    import dateparser  # type: ignore[import-untyped]  # heavy: only if the rules did not settle it

    found = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(base, time(12)),
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if found is None:
        return None
    day = found.date()
    if day < base and not re.search(r"\d{4}", text):
        try:
            day = day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            day = date(day.year + 1, 3, 1)
    return Timeline(text, day, "the date named")


def read_timeline(text: str, base: date, cal: WorkCalendar | None = None) -> Timeline:
    """Read the interviewer's words as a date after `base`; DataError when they make no sense."""
    cal = cal or WorkCalendar()
    raw = text.strip()
    words = re.sub(r"\s+", " ", raw.lower().replace("’", "'")).strip(" .!")
    if not words:
        raise DataError("the timeline is empty: give words like 'in two weeks' or a date")
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[t ].*)?", words)
    if match:
        try:
            return Timeline(raw, date(*map(int, match.groups())), "the date named")
        except ValueError as exc:
            raise DataError(f"'{raw}' is not a real date") from exc
    if any(re.search(rf"(?<![a-z]){re.escape(v)}(?![a-z])", words) for v in VAGUE):
        return Timeline(raw, None, "no date given")
    found = _span(words, base, cal)
    for rule in (_weeks, _months, _other, _fallback):
        if found:
            break
        found = rule(words, base)
    if found:
        return Timeline(raw, found.date, found.how)
    raise DataError(
        f"cannot read '{raw}' as a date: write a date (2026-12-03) or words like "
        "'in two weeks', 'end of next week', 'early January'"
    )


@dataclass(frozen=True, slots=True)
class CallTime:
    """When the interviewer said to call: allowed weekdays (None: any) and a time of day."""

    weekdays: frozenset[int] | None
    at: time | None


_DAYPARTS = (
    (r"\bbefore (?:noon|lunch|midday)\b", time(11, 0)),
    (r"\b(?:noon|midday|lunch ?time|lunch)\b", time(12, 30)),
    (r"\bmornings?\b", time(10, 0)),
    (r"\bafternoons?\b", time(14, 0)),
    (r"\b(?:end of (?:the )?day|late afternoon)\b", time(16, 30)),
    (r"\bevenings?\b", time(17, 30)),
)


def read_call_time(text: str | None) -> CallTime:
    """Read "Tuesday mornings", "after 3pm", "between 2 and 4" into weekdays and a time."""
    if not text:
        return CallTime(None, None)
    words = text.lower()
    days = {WEEKDAYS[m] for m in re.findall(rf"\b({_DAY_RE})s?\b", words)}
    if re.search(r"\bweekdays?\b|\bany ?day\b", words):
        days = set()
    match = re.search(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d/])", words)
    at: time | None = None
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").replace(".", "")
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        elif not suffix and 1 <= hour <= 7:
            hour += 12  # "after 3" means the afternoon in office hours
        if hour <= 23 and minute <= 59:
            at = time(hour, minute)
    if at is None:
        at = next((t for pattern, t in _DAYPARTS if re.search(pattern, words)), None)
    return CallTime(frozenset(days) or None, at)
