"""User settings kept in the database: country (public holidays), timezone and rule figures.

Keys: `country` (ISO code such as US, GB, or GB-ENG for a subdivision), `timezone`
(an IANA name such as Europe/London) and `rules.<name>` for any FollowupRules field.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview_closer.core.followup import FollowupRules, rules_with
from interview_closer.core.timeline import WorkCalendar
from interview_closer.errors import DataError
from interview_closer.storage.models import Setting

SIMPLE_KEYS = ("country", "timezone")


def system_timezone() -> str:
    """The machine's IANA time zone name when it can be found, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and _zone(name) is not None:
            return name
    return "UTC"


def system_country() -> str | None:
    """The territory of the user's locale (en_GB.UTF-8 -> GB), None when there is none."""
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        match = re.match(r"^[a-z]{2,3}_([A-Z]{2})\b", os.environ.get(var, ""))
        if match:
            return match.group(1)
    return None


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def check_setting(key: str, value: str) -> str:
    """The cleaned value for a setting, or DataError saying what is accepted."""
    value = value.strip()
    if key == "timezone":
        if _zone(value) is None:
            raise DataError(f"unknown time zone '{value}': use an IANA name like Europe/London")
        return value
    if key == "country":
        if value.lower() in ("", "none", "-"):
            return "none"
        country, _, subdiv = value.upper().partition("-")
        holiday_fn(country, subdiv or None)
        return value.upper()
    if key.startswith("rules."):
        rules_with({key[6:]: value})
        return value
    known = ", ".join((*SIMPLE_KEYS, "rules.<name>"))
    raise DataError(f"unknown setting '{key}': known settings are {known}")


def holiday_fn(country: str, subdiv: str | None) -> Callable[[date], bool]:
    """A test for the public holidays of a country (and subdivision), via `holidays`."""
    import holidays

    try:
        table = holidays.country_holidays(country, subdiv=subdiv)
    except (NotImplementedError, KeyError) as exc:
        where = f"{country}-{subdiv}" if subdiv else country
        raise DataError(
            f"no public-holiday calendar for '{where}': use a country code like US, GB or "
            "GB-ENG, or 'none'"
        ) from exc
    return table.__contains__


def load_settings(session: Session) -> dict[str, str]:
    """Every stored setting as text."""
    return {row.key: row.value for row in session.scalars(select(Setting))}


def save_setting(session: Session, key: str, value: str) -> str:
    """Check and store one setting; returns the value stored."""
    cleaned = check_setting(key, value)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=cleaned))
    else:
        row.value = cleaned
    return cleaned


def effective(settings: dict[str, str]) -> dict[str, str]:
    """The settings with defaults filled in (timezone and country from the machine)."""
    out = {"timezone": system_timezone(), "country": system_country() or "none"}
    out.update(settings)
    return out


def timezone_of(settings: dict[str, str]) -> tzinfo:
    """The configured time zone."""
    name = effective(settings)["timezone"]
    return _zone(name) or ZoneInfo("UTC")


def calendar_of(settings: dict[str, str]) -> WorkCalendar:
    """The working calendar: configured time zone and the country's public holidays."""
    values = effective(settings)
    country = values["country"]
    if country == "none":
        return WorkCalendar(timezone_of(settings))
    code, _, subdiv = country.partition("-")
    return WorkCalendar(timezone_of(settings), holiday_fn(code, subdiv or None))


def rules_of(settings: dict[str, str]) -> FollowupRules:
    """The follow-up rules with any `rules.*` settings applied."""
    return rules_with({k[6:]: v for k, v in settings.items() if k.startswith("rules.")})
