"""iCalendar, e-mail, mailto and CSV exports, each read back with a standard parser."""

from __future__ import annotations

import csv
import email
import email.policy
import io
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from interview_closer.export.csv_safe import safe_cell, write_csv
from interview_closer.export.ics import CalendarItem, to_ics, uid_for
from interview_closer.export.mail import mailto, to_eml

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=NY)


def _items() -> list[CalendarItem]:
    return [
        CalendarItem(7, "Thank-you note to Zoë", datetime(2026, 11, 25, 9, 0, tzinfo=NY),
                     "thank-you", description="zoe@x.test", company="Ångström AB"),
        CalendarItem(8, "Call Dana: check-in 1 of 2", datetime(2026, 12, 8, 10, 0, tzinfo=NY),
                     "check-in-call", revision=2),
        CalendarItem(9, "Send references", datetime(2026, 11, 27, 9, 0, tzinfo=NY),
                     "send-promised-item", status="done", revision=1),
    ]  # fmt: skip


def test_ics_reads_back_with_icalendar() -> None:
    cal = Calendar.from_ical(to_ics(_items(), now=NOW, alarm_minutes=30))
    assert str(cal["VERSION"]) == "2.0" and "interview-closer" in str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [uid_for(7), uid_for(8), uid_for(9)]
    first, call, done = events
    assert first.decoded("DTSTART") == datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
    assert str(first["SUMMARY"]) == "Thank-you note to Zoë (Ångström AB)"
    assert "closer done 7" in str(first["DESCRIPTION"])
    assert first.decoded("DURATION") == timedelta(minutes=15)
    assert call.decoded("DURATION") == timedelta(minutes=30)
    assert int(call["SEQUENCE"]) == 2
    alarms = list(first.walk("VALARM"))
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == timedelta(minutes=-30)
    assert str(done["STATUS"]) == "CANCELLED" and not list(done.walk("VALARM"))


def test_ics_is_stable_for_the_same_data() -> None:
    assert to_ics(_items(), now=NOW) == to_ics(_items(), now=NOW)
    assert b"\r\n" in to_ics(_items(), now=NOW)


def test_eml_reads_back_with_the_email_package() -> None:
    raw = to_eml(subject="Thank you: Développeur role", body="Dear Zoë,\n\nMerci beaucoup.\n",
                 date=NOW, to_name="Zoë Ångström", to_email="zoe@example.test")  # fmt: skip
    message = email.message_from_bytes(raw, policy=email.policy.default)
    to = message["To"].addresses[0]
    assert (to.display_name, to.addr_spec) == ("Zoë Ångström", "zoe@example.test")
    assert message["Subject"] == "Thank you: Développeur role"
    assert message["Date"].datetime == NOW
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == "Dear Zoë,\n\nMerci beaucoup.\n"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998  # RFC 5322 line limit


def test_eml_without_address_still_parses() -> None:
    message = email.message_from_bytes(to_eml(subject="S", body="B\n", date=NOW),
                                       policy=email.policy.default)  # fmt: skip
    assert message["To"] is None and message.get_content().strip() == "B"


def test_mailto_round_trips() -> None:
    body = "Dear Zoë,\n\nA & B = 100% ?\n"
    link = mailto("zoe@example.test", "Thanks & more", body)
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "zoe@example.test"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thanks & more"]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert " " not in link and "\n" not in link


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Acme = good", "Acme = good"),
        (-5, "-5"),
        (3.5, "3.5"),
        (None, ""),
        (True, "true"),
    ],
)
def test_cells_cannot_start_formulas(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_csv_reads_back() -> None:
    out = io.StringIO()
    count = write_csv(out, ["id", "company"], [[1, "=HYPERLINK(\"x\")"], [2, "Globex, Inc."]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert count == 2
    assert rows == [["id", "company"], ["1", "'=HYPERLINK(\"x\")"], ["2", "Globex, Inc."]]
