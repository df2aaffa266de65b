"""Settings defaults from the machine, and what they turn into (zone, holidays, rules)."""

from __future__ import annotations

from datetime import date, time

import pytest

from interview_closer.storage.settings import (
    calendar_of,
    effective,
    rules_of,
    system_country,
    system_timezone,
    timezone_of,
)


def test_machine_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    assert system_timezone() == "Europe/Berlin"
    assert system_country() == "DE"
    assert effective({}) == {"timezone": "Europe/Berlin", "country": "DE"}
    monkeypatch.setenv("TZ", "Not/AZone")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert system_timezone() != "Not/AZone"  # falls back to the system file or UTC
    assert system_country() is None


def test_settings_become_calendar_and_rules() -> None:
    settings = {"timezone": "Europe/London", "country": "GB-SCT",
                "rules.reminder_at": "08:30", "rules.max_checkins": "1"}  # fmt: skip
    cal = calendar_of(settings)
    assert str(timezone_of(settings)) == "Europe/London"
    assert not cal.is_business_day(date(2026, 11, 30))  # St Andrew's Day in Scotland
    assert calendar_of({"country": "GB", "timezone": "UTC"}).is_business_day(date(2026, 11, 30))
    assert calendar_of({"country": "none", "timezone": "UTC"}).is_business_day(date(2026, 12, 25))
    rules = rules_of(settings)
    assert (rules.reminder_at, rules.max_checkins) == (time(8, 30), 1)
