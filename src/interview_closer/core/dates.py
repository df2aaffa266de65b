"""Resume date ranges: "Jan 2020 – Present", "01/2019 - 03/2021", "2018-2020", "Since 2019"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_closer.core import fastre
from interview_closer.core.models import YearMonth

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# A season stands for a span of months: (first month, last month).
SEASONS = {
    "spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 2),
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_SHORT_YEAR = r"['’]\d\d"
_MM = r"(?:0?[1-9]|1[0-2])"

# One date, most specific forms first; month alone is only valid as the start of a range.
_ATOM = (
    rf"(?:\b{_MONTH},?\s*(?:{_YEAR}|{_SHORT_YEAR})(?!\d)"
    rf"|\b{_SEASON},?\s+{_YEAR}(?!\d)"
    rf"|(?<![\d/.]){_MM}\s?[/.]\s?{_YEAR}(?!\d)"
    rf"|(?<![\d/.]){_YEAR}[-/.]{_MM}(?![\d/.])"
    rf"|(?<![\d/.]){_YEAR}(?!\d))"
)
_START_ATOM = rf"(?:{_ATOM}|\b{_MONTH}(?![\w]))"
_PRESENT = r"(?:\b(?:present|current(?:ly)?|now|today|ongoing|to\s+date|date)\b)"
_SEP = r"\s*(?:-{1,2}|–|—|−|~|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"

_RANGE_RE = fastre.compile(
    rf"(?P<a>{_START_ATOM}){_SEP}(?:(?P<b>{_ATOM})|(?P<p>{_PRESENT}))", re.IGNORECASE
)
_SINCE_RE = fastre.compile(rf"\b(?:since|from)\s+(?P<a>{_ATOM})", re.IGNORECASE)
_SINGLE_RE = fastre.compile(_ATOM, re.IGNORECASE)
_SHORT_RANGE_RE = fastre.compile(rf"(?<![\d/.-])(?P<a>{_YEAR})\s?[-–]\s?(?P<b>\d\d)(?![\d/.])")

# Parsing of one matched atom into its parts.
_MONTH_YEAR_RE = fastre.compile(
    rf"(?P<m>{_MONTH}),?\s*(?:(?P<y>{_YEAR})|['’](?P<yy>\d\d))$", re.IGNORECASE
)
_SEASON_YEAR_RE = fastre.compile(rf"(?P<s>{_SEASON}),?\s+(?P<y>{_YEAR})$", re.IGNORECASE)
_MM_YEAR_RE = fastre.compile(rf"(?P<m>{_MM})\s?[/.]\s?(?P<y>{_YEAR})$")
_YEAR_MM_RE = fastre.compile(rf"(?P<y>{_YEAR})[-/.](?P<m>{_MM})$")
_YEAR_RE = fastre.compile(rf"(?P<y>{_YEAR})$")
_MONTH_ONLY_RE = fastre.compile(rf"(?P<m>{_MONTH})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date range found in a line: start, end (today or None when current) and offsets."""

    start: YearMonth | None
    end: YearMonth | None
    current: bool
    span: tuple[int, int]
    # False when the text gave only a year, so the month was filled in.
    start_month_known: bool = True
    end_month_known: bool = True

    def months(self, today: YearMonth | None = None) -> int:
        """Length in months, counting both end months; a present range ends before today."""
        return max(0, _end_exclusive(self, today) - _start_index(self)) if self.start else 0

    def interval(self, today: YearMonth | None = None) -> tuple[int, int] | None:
        """Half-open month-index interval [start, end) for merging overlaps, or None."""
        if self.start is None:
            return None
        lo, hi = _start_index(self), _end_exclusive(self, today)
        return (lo, hi) if hi > lo else None


def _start_index(rng: DateRange) -> int:
    assert rng.start is not None
    return rng.start.index()


def _end_exclusive(rng: DateRange, today: YearMonth | None) -> int:
    # Present runs up to (not including) this month; a year-only end stops at its January
    # ("2018-2020" is two years), unless the range is a single year ("2019" is a year).
    assert rng.start is not None
    if rng.current:
        ref = today or rng.end
        return ref.index() if ref else rng.start.index()
    end = rng.end or rng.start
    if not rng.end_month_known and end.year != rng.start.year:
        return YearMonth(end.year, 1).index()
    return end.index() + 1


@dataclass(frozen=True, slots=True)
class _Point:
    first: YearMonth
    last: YearMonth
    month_known: bool


def _month_num(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


def _parse_atom(text: str, year_hint: int | None = None) -> _Point | None:
    """Turn one date atom into its first and last month (they differ for seasons/years)."""
    text = text.strip()
    m = _MONTH_YEAR_RE.match(text)
    if m:
        year = int(m["y"]) if m["y"] else 2000 + int(m["yy"])
        if not m["y"] and int(m["yy"]) > 50:
            year -= 100
        ym = YearMonth(year, _month_num(m["m"]))
        return _Point(ym, ym, True)
    m = _SEASON_YEAR_RE.match(text)
    if m:
        lo, hi = SEASONS[m["s"].lower()]
        y = int(m["y"])
        return _Point(YearMonth(y, lo), YearMonth(y, hi), True)
    m = _MM_YEAR_RE.match(text) or _YEAR_MM_RE.match(text)
    if m:
        ym = YearMonth(int(m["y"]), int(m["m"]))
        return _Point(ym, ym, True)
    m = _YEAR_RE.match(text)
    if m:
        y = int(m["y"])
        return _Point(YearMonth(y, 1), YearMonth(y, 12), False)
    m = _MONTH_ONLY_RE.match(text)
    if m and year_hint is not None:
        ym = YearMonth(year_hint, _month_num(m["m"]))
        return _Point(ym, ym, True)
    return None


def _from_range(m: re.Match[str], today: YearMonth | None) -> DateRange | None:
    present = m["p"] is not None
    end = None if present else _parse_atom(m["b"])
    if not present and end is None:
        return None
    start = _parse_atom(m["a"], year_hint=end.first.year if end else None)
    if start is None:
        return None
    if present:
        return DateRange(start.first, today, True, m.span(), start.month_known, True)
    assert end is not None
    if end.last.index() < start.first.index():
        return None
    if not end.month_known and end.first.year == start.first.year:
        # "2019 - 2019": the whole year.
        return DateRange(start.first, end.last, False, m.span(), start.month_known, True)
    return DateRange(
        start.first, end.last if end.month_known else end.first, False, m.span(),
        start.month_known, end.month_known,
    )


def find_date_range(line: str, today: YearMonth | None = None) -> DateRange | None:
    """The first date range (or single date) in a line; None when it holds no date."""
    if not line or not any(ch.isdigit() for ch in line):
        return None
    for m in _RANGE_RE.finditer(line):
        rng = _from_range(m, today)
        if rng is not None:
            return rng
    m2 = _SHORT_RANGE_RE.search(line)
    if m2 and int(m2["b"]) > 12:
        lo, hi = int(m2["a"]), int(m2["a"]) // 100 * 100 + int(m2["b"])
        if hi > lo:
            return DateRange(
                YearMonth(lo, 1), YearMonth(hi, 1), False, m2.span(), False, False
            )
    m3 = _SINCE_RE.search(line)
    if m3:
        pt = _parse_atom(m3["a"])
        if pt is not None:
            return DateRange(pt.first, today, True, m3.span(), pt.month_known, True)
    for m4 in _SINGLE_RE.finditer(line):
        pt = _parse_atom(m4.group(0))
        if pt is not None:
            return DateRange(pt.first, pt.last, False, m4.span(), pt.month_known, pt.month_known)
    return None


def parse_date_range(
    line: str, today: YearMonth | None = None
) -> tuple[YearMonth | None, YearMonth | None, bool]:
    """(start, end, current) of the first date range in a line; (None, None, False) if none."""
    rng = find_date_range(line, today)
    if rng is None:
        return (None, None, False)
    return (rng.start, rng.end, rng.current)


def merged_months(intervals: list[tuple[int, int]]) -> int:
    """Total months covered by half-open month intervals, overlaps counted once."""
    total = 0
    cur_lo = cur_hi = None
    for lo, hi in sorted(intervals):
        if cur_hi is None or lo > cur_hi:
            if cur_hi is not None and cur_lo is not None:
                total += cur_hi - cur_lo
            cur_lo, cur_hi = lo, hi
        elif hi > cur_hi:
            cur_hi = hi
    if cur_hi is not None and cur_lo is not None:
        total += cur_hi - cur_lo
    return total
