"""JSON Resume (jsonresume.org schema) -> the plain-text resume layout our resume parser reads."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from interview_closer.readers.common import fail

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?(?:T.*)?$")
DASH = "–"  # the en dash between the two ends of a date range


def parse_json_resume(text: str, name: str) -> dict[str, Any]:
    """Parse JSON text and check it is a JSON Resume; raise InputError saying where it breaks."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(name, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                   "fix the file there, or export it again from your JSON Resume tool") from None
    except RecursionError:
        raise fail(name, "is JSON nested too deeply to read", "export it again") from None
    if not is_json_resume(data):
        raise fail(name, "is JSON but not a JSON Resume (no 'basics' or 'work' section)",
                   "use the jsonresume.org schema, or give the resume as PDF, DOCX or text")
    return data


def is_json_resume(data: object) -> bool:
    """True for a JSON object with a 'basics' object or a 'work' list, as JSON Resume has."""
    return isinstance(data, dict) and (
        isinstance(data.get("basics"), dict) or isinstance(data.get("work"), list)
    )


def render_json_resume(data: dict[str, Any]) -> str:
    """Lay a JSON Resume out as text, deterministically: the same data gives the same text."""
    lines: list[str] = []
    lines.extend(_basics(_obj(data.get("basics"))))
    sections: list[tuple[str, Iterator[str]]] = [
        ("Experience", _jobs(data.get("work"), "name", "company")),
        ("Volunteering", _jobs(data.get("volunteer"), "organization", "name")),
        ("Skills", _skills(data.get("skills"))),
        ("Education", _education(data.get("education"))),
        ("Certifications", _certificates(data.get("certificates"))),
        ("Awards", _awards(data.get("awards"))),
        ("Projects", _projects(data.get("projects"))),
        ("Languages", _languages(data.get("languages"))),
    ]
    for heading, body in sections:
        block = list(body)
        if block:
            lines.extend(["", heading, *block])
    return "\n".join(lines).strip("\n") + "\n"


def month_year(value: object) -> str:
    """An ISO date ('2021-03-15', '2021-03', '2021') as 'Mar 2021' / '2021'; other text as is."""
    text = _str(value)
    match = _ISO_DATE.match(text)
    if not match:
        return text
    year, month = match.group(1), match.group(2)
    if month and 1 <= int(month) <= 12:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return year


def date_range(start: object, end: object, *, open_ended: bool = True) -> str:
    """'Mar 2021 – Present' style range; '' when no start date is given."""
    first, last = month_year(start), month_year(end)
    if not first:
        return last
    if not last:
        return f"{first} {DASH} Present" if open_ended else first
    return f"{first} {DASH} {last}"


def _basics(basics: dict[str, Any]) -> Iterator[str]:
    name, label = _str(basics.get("name")), _str(basics.get("label"))
    if name:
        yield name
    if label:
        yield label
    location = _obj(basics.get("location"))
    place = ", ".join(
        part for part in (_str(location.get("city")), _str(location.get("region")),
                          _str(location.get("countryCode"))) if part
    )
    contacts = [_str(basics.get(key)) for key in ("email", "phone")]
    contacts.append(place)
    contacts.append(_str(basics.get("url")) or _str(basics.get("website")))
    contacts.extend(_str(_obj(p).get("url")) for p in _list(basics.get("profiles")))
    contact_line = " | ".join(part for part in contacts if part)
    if contact_line:
        yield contact_line
    summary = _str(basics.get("summary"))
    if summary:
        yield from ("", "Summary", *_paragraph_lines(summary))


def _jobs(entries: object, *company_keys: str) -> Iterator[str]:
    for index, job in enumerate(_objs(entries)):
        company = next((_str(job.get(k)) for k in company_keys if _str(job.get(k))), "")
        position = _str(job.get("position"))
        head = ", ".join(part for part in (position, company) if part)
        if not head:
            continue
        if index:
            yield ""
        yield head
        dates = date_range(job.get("startDate"), job.get("endDate"))
        if dates:
            yield dates
        yield from _bullets(job.get("summary"), job.get("highlights"))


def _skills(entries: object) -> Iterator[str]:
    for skill in _objs(entries):
        name = _str(skill.get("name"))
        keywords = ", ".join(k for k in map(_str, _list(skill.get("keywords"))) if k)
        if name and keywords:
            yield f"{name}: {keywords}"
        elif name or keywords:
            yield name or keywords


def _education(entries: object) -> Iterator[str]:
    for index, school in enumerate(_objs(entries)):
        study, area = _str(school.get("studyType")), _str(school.get("area"))
        degree = f"{study} in {area}" if study and area else study or area
        head = ", ".join(part for part in (degree, _str(school.get("institution"))) if part)
        if not head:
            continue
        if index:
            yield ""
        yield head
        dates = date_range(school.get("startDate"), school.get("endDate"), open_ended=False)
        if dates:
            yield dates
        score = _str(school.get("score"))
        if score:
            yield f"- Grade: {score}"
        courses = ", ".join(c for c in map(_str, _list(school.get("courses"))) if c)
        if courses:
            yield f"- Courses: {courses}"


def _certificates(entries: object) -> Iterator[str]:
    for cert in _objs(entries):
        parts = (_str(cert.get("name")), _str(cert.get("issuer")), month_year(cert.get("date")))
        if parts[0]:
            yield ", ".join(part for part in parts if part)


def _awards(entries: object) -> Iterator[str]:
    for award in _objs(entries):
        parts = (_str(award.get("title")), _str(award.get("awarder")),
                 month_year(award.get("date")))
        if parts[0]:
            yield ", ".join(part for part in parts if part)
            yield from _bullets(award.get("summary"), None)


def _projects(entries: object) -> Iterator[str]:
    for index, project in enumerate(_objs(entries)):
        name = _str(project.get("name"))
        if not name:
            continue
        if index:
            yield ""
        yield name
        dates = date_range(project.get("startDate"), project.get("endDate"), open_ended=False)
        if dates:
            yield dates
        yield from _bullets(project.get("description"), project.get("highlights"))


def _languages(entries: object) -> Iterator[str]:
    for language in _objs(entries):
        name, fluency = _str(language.get("language")), _str(language.get("fluency"))
        if name:
            yield f"{name} ({fluency})" if fluency else name


def _bullets(summary: object, highlights: object) -> Iterator[str]:
    """A summary and the highlights as '- ' lines: each is evidence of what the person did."""
    for paragraph in _paragraph_lines(_str(summary)):
        yield f"- {paragraph}"
    for item in map(_str, _list(highlights)):
        if item:
            yield f"- {' '.join(item.split())}"


def _paragraph_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _str(value: object) -> str:
    """A scalar as stripped text; anything else (objects, lists, null) as ''."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value).strip()
    return ""


def _obj(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _objs(value: object) -> Iterator[dict[str, Any]]:
    return (item for item in _list(value) if isinstance(item, dict))
