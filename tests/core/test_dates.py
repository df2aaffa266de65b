"""Resume date ranges: formats, Present handling, month arithmetic and overlap merging."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_closer.core.dates import (
    DateRange,
    find_date_range,
    merged_months,
    parse_date_range,
)
from interview_closer.core.models import YearMonth

TODAY = YearMonth(2024, 6)


@pytest.mark.parametrize(
    ("line", "start", "end", "current", "found"),
    [
        ("Jan 2020 – Present", (2020, 1), (2024, 6), True, "Jan 2020 – Present"),
        ("01/2019 - 03/2021", (2019, 1), (2021, 3), False, "01/2019 - 03/2021"),
        ("2018-2020", (2018, 1), (2020, 1), False, "2018-2020"),
        ("March 2017 to June 2019", (2017, 3), (2019, 6), False, "March 2017 to June 2019"),
        ("2021-05 – now", (2021, 5), (2024, 6), True, "2021-05 – now"),
        ("Summer 2015", (2015, 6), (2015, 8), False, "Summer 2015"),
        ("Since 2019", (2019, 1), (2024, 6), True, "Since 2019"),
        ("Sept. 2019—Current", (2019, 9), (2024, 6), True, "Sept. 2019—Current"),
        ("Aug 2016 -- Today", (2016, 8), (2024, 6), True, "Aug 2016 -- Today"),
        ("Nov 2012 until Feb 2014", (2012, 11), (2014, 2), False, "Nov 2012 until Feb 2014"),
        ("Jan - Mar 2021", (2021, 1), (2021, 3), False, "Jan - Mar 2021"),
        ("Jan '20 - Dec '21", (2020, 1), (2021, 12), False, "Jan '20 - Dec '21"),
        ("2010/04 – 2012/09", (2010, 4), (2012, 9), False, "2010/04 – 2012/09"),
        ("Fall 2014 - Spring 2016", (2014, 9), (2016, 5), False, "Fall 2014 - Spring 2016"),
        ("2018-19", (2018, 1), (2019, 1), False, "2018-19"),
        ("from 2011 to 2013", (2011, 1), (2013, 1), False, "2011 to 2013"),
        ("Oct 2022 – ongoing", (2022, 10), (2024, 6), True, "Oct 2022 – ongoing"),
    ],
)
def test_formats(
    line: str, start: tuple[int, int], end: tuple[int, int], current: bool, found: str
) -> None:
    rng = find_date_range(line, TODAY)
    assert rng is not None
    assert rng.start == YearMonth(*start)
    assert rng.end == YearMonth(*end)
    assert rng.current is current
    assert line[rng.span[0] : rng.span[1]] == found


def test_range_inside_a_role_header_reports_its_offsets() -> None:
    line = "Senior Data Engineer, Acme Corp — Jan 2021 – Present"
    rng = find_date_range(line)
    assert rng is not None
    assert line[rng.span[0] : rng.span[1]] == "Jan 2021 – Present"
    # Without a today, a current range has no end month.
    assert (rng.start, rng.end, rng.current) == (YearMonth(2021, 1), None, True)


def test_parenthesised_and_piped_ranges() -> None:
    assert parse_date_range("Analyst at Globex (2019-2021)") == (
        YearMonth(2019, 1), YearMonth(2021, 1), False,
    )
    assert parse_date_range("Acme | Engineer | 2021–Present", TODAY) == (
        YearMonth(2021, 1), TODAY, True,
    )


def test_single_dates_and_no_date() -> None:
    june = YearMonth(2015, 6)
    assert parse_date_range("Graduated June 2015") == (june, june, False)
    assert parse_date_range("B.A. History, 2012") == (
        YearMonth(2012, 1), YearMonth(2012, 12), False,
    )
    assert parse_date_range("no dates on this line") == (None, None, False)
    assert find_date_range("") is None
    assert find_date_range("Closed 45 deals") is None


def test_backwards_range_is_not_a_range() -> None:
    rng = find_date_range("Mar 2021 - Jan 2020")
    assert rng is not None
    assert not rng.current and rng.start == rng.end == YearMonth(2021, 3)


def test_day_month_year_is_not_read_as_month_year() -> None:
    # "15/2019" must not be taken out of a full date as month 15.
    rng = find_date_range("started 01/15/2019")
    assert rng is None or rng.start != YearMonth(2019, 15)


@pytest.mark.parametrize(
    ("line", "months"),
    [
        ("Jan 2021 – Present", 41),  # up to, not including, June 2024
        ("Jan 2020 - Dec 2020", 12),
        ("2018-2020", 24),
        ("2019", 12),
        ("2019 - 2019", 12),
        ("Summer 2015", 3),
        ("Mar 2021 - Mar 2021", 1),
        ("Jan 2019 - 2020", 12),
    ],
)
def test_months(line: str, months: int) -> None:
    rng = find_date_range(line)
    assert rng is not None
    assert rng.months(TODAY) == months


def test_present_without_today_has_no_length() -> None:
    rng = find_date_range("May 2023 – Present")
    assert rng is not None
    assert rng.months() == 0
    assert rng.interval() is None
    may, aug = YearMonth(2023, 5), YearMonth(2023, 8)
    assert rng.interval(aug) == (may.index(), aug.index())


def test_merged_months_counts_overlaps_once() -> None:
    jan = YearMonth(2020, 1).index()
    assert merged_months([]) == 0
    assert merged_months([(jan, jan + 12)]) == 12
    # Two overlapping jobs: Jan 2020-Dec 2020 and Jul 2020-Jun 2021 -> 18 months, not 24.
    assert merged_months([(jan + 6, jan + 18), (jan, jan + 12)]) == 18
    # Contained and disjoint intervals.
    assert merged_months([(jan, jan + 24), (jan + 3, jan + 6), (jan + 30, jan + 36)]) == 30
    # Touching intervals join without a gap or a double count.
    assert merged_months([(jan, jan + 6), (jan + 6, jan + 12)]) == 12


@given(st.text(max_size=80))
def test_never_raises_and_span_is_inside(line: str) -> None:
    rng = find_date_range(line, TODAY)
    if rng is not None:
        a, b = rng.span
        assert 0 <= a < b <= len(line)
        assert rng.start is not None
        assert rng.end is None or rng.end.index() >= rng.start.index()
        assert rng.months(TODAY) >= 0


@given(
    st.integers(1950, 2030), st.integers(1, 12), st.integers(0, 120),
    st.sampled_from([" - ", " – ", "—", " to "]),
)
def test_month_year_round_trip(year: int, month: int, length: int, sep: str) -> None:
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    end_index = year * 12 + month - 1 + length
    end_year, end_month = divmod(end_index, 12)
    line = f"{names[month - 1]} {year}{sep}{names[end_month]} {end_year}"
    rng = find_date_range(line)
    assert isinstance(rng, DateRange)
    assert rng.start == YearMonth(year, month)
    assert rng.end == YearMonth(end_year, end_month + 1)
    assert rng.months() == length + 1
