"""JSON plan and posting output: the documented schema, exact keys, values and stability."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from tests.plan_factory import (
    RESUME_LINES,
    make_hostile_plan,
    make_minimal_plan,
    make_plan,
    make_posting,
)

from interview_closer import __version__
from interview_closer.render.json_plan import (
    plan_to_dict,
    plan_to_json,
    posting_to_dict,
    posting_to_json,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plan-schema.md"

TOP_KEYS = ["schema", "generated_by", "job", "candidate", "interviewer", "requirements",
            "top_skills", "gaps", "script", "summary"]
REQUIREMENT_KEYS = ["id", "text", "importance", "kind", "skills", "years", "status", "score",
                    "reason", "evidence", "severity"]
SCRIPT_KEYS = ["pitch", "gap_questions", "reaffirm", "match_statement", "story",
               "next_step_questions", "thanks", "debrief_reminder"]


def load_schema() -> dict[str, Any]:
    """The JSON Schema shipped in the package."""
    text = resources.files("interview_closer").joinpath("data/plan.schema.json").read_text()
    return json.loads(text)


_TYPES: dict[str, Any] = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
}


def _is_type(value: Any, name: str) -> bool:
    """JSON Schema type check (booleans are not numbers)."""
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def validate(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$"
) -> list[str]:
    """A small structural JSON Schema validator: the keywords plan.schema.json uses."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return validate(value, root["$defs"][name], root, path)
    errors: list[str] = []
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']!r}")
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, n) for n in names):
            return [*errors, f"{path}: {value!r} is not of type {names}"]
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} > {schema['maximum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']!r}")
    if isinstance(value, dict):
        errors += [f"{path}: missing {key!r}" for key in schema.get("required", [])
                   if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += validate(value[key], sub, root, f"{path}.{key}")
    if isinstance(value, list):
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        for index, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), root, f"{path}[{index}]")
    return errors


@pytest.mark.parametrize("factory", [make_plan, make_hostile_plan, make_minimal_plan])
def test_output_validates_against_the_shipped_schema(factory: Any) -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert validate(json.loads(plan_to_json(factory())), schema, schema) == []


def test_the_validator_rejects_broken_plans() -> None:
    schema = load_schema()
    data = plan_to_dict(make_plan())
    del data["script"]["thanks"]
    data["requirements"][0]["status"] = "sort of"
    data["requirements"][1]["score"] = 1.5
    data["requirements"][2]["evidence"] = [{"text": "x", "line": 0}]
    data["summary"]["met"] = "six"
    data["schema"] = "interview-closer/plan@2"
    errors = validate(data, schema, schema)
    assert len(errors) == 6, errors


def test_keys_are_exactly_the_documented_ones_in_order() -> None:
    data = plan_to_dict(make_plan())
    assert list(data) == TOP_KEYS
    assert list(data["job"]) == ["title", "company"]
    assert list(data["candidate"]) == ["name"]
    for row in data["requirements"]:
        assert list(row) == REQUIREMENT_KEYS
        assert all(list(skill) == ["name", "surface"] for skill in row["skills"])
        assert all(list(ev) == ["text", "line"] for ev in row["evidence"])
    assert all(list(t) == ["skill", "requirement_ids", "evidence"] for t in data["top_skills"])
    assert all(list(g) == ["requirement_id", "severity", "answer", "evidence"]
               for g in data["gaps"])
    assert list(data["script"]) == SCRIPT_KEYS
    assert list(data["summary"]) == ["met", "partial", "gap", "blocking"]


def test_schema_file_describes_the_same_fields_as_the_output() -> None:
    schema = load_schema()
    data = plan_to_dict(make_plan())
    assert sorted(schema["properties"]) == sorted(data)
    assert schema["required"] == TOP_KEYS
    assert schema["$defs"]["matched_requirement"]["required"] == REQUIREMENT_KEYS
    assert schema["properties"]["script"]["required"] == SCRIPT_KEYS


def test_values_come_from_the_plan() -> None:
    plan = make_plan()
    data = plan_to_dict(plan)
    assert data["schema"] == "interview-closer/plan@1"
    assert data["generated_by"] == f"interview-closer {__version__}"
    assert data["job"] == {"title": "Senior Backend Engineer", "company": "Northwind Freight"}
    assert data["candidate"] == {"name": "Jordan Rivera"}
    assert data["interviewer"] == "Priya Shah"
    rows = {row["id"]: row for row in data["requirements"]}
    assert [row["id"] for row in data["requirements"]] == [m.requirement.id for m in plan.matches]
    assert rows["R1"]["score"] == 0.941  # 0.9412 rounded to three places
    assert rows["R1"]["years"] == 5 and isinstance(rows["R1"]["years"], int)
    assert rows["R2"]["years"] is None
    assert rows["R1"]["severity"] is None
    assert rows["R3"]["severity"] == "blocking" and rows["R3"]["evidence"] == []
    assert rows["R6"]["severity"] == "minor"
    assert rows["R7"]["skills"] == [{"name": "Apache Kafka", "surface": "Kafka"},
                                    {"name": "Amazon Kinesis", "surface": "Kinesis"}]
    assert data["summary"] == {"met": 6, "partial": 2, "gap": 1, "blocking": 1}
    assert [g["requirement_id"] for g in data["gaps"]] == ["R3", "R6", "R8"]
    assert data["top_skills"][1] == {
        "skill": "Python", "requirement_ids": ["R1", "R4"],
        "evidence": [{"text": ev.text, "line": ev.line} for ev in plan.top_skills[1].evidence],
    }
    assert data["script"]["gap_questions"] == plan.script.gap_questions


def test_a_met_requirement_never_carries_a_severity() -> None:
    plan = make_plan()
    plan.matches[0].severity = "minor"  # a builder slip must not leak into the output
    assert plan_to_dict(plan)["requirements"][0]["severity"] is None


def test_every_evidence_line_points_at_its_resume_line() -> None:
    data = plan_to_dict(make_plan())
    quotes = [ev for row in data["requirements"] for ev in row["evidence"]]
    quotes += [ev for top in data["top_skills"] for ev in top["evidence"]]
    quotes += [ev for gap in data["gaps"] for ev in gap["evidence"]]
    assert len(quotes) > 10
    for ev in quotes:
        assert ev["text"] in RESUME_LINES[ev["line"] - 1]


def test_json_round_trips_and_is_stable() -> None:
    text = plan_to_json(make_plan())
    assert json.loads(text) == plan_to_dict(make_plan())
    assert plan_to_json(make_plan()) == text
    assert text.startswith('{\n  "schema": "interview-closer/plan@1",\n  "generated_by"')
    assert not text.endswith("\n")


def test_non_ascii_is_written_as_itself() -> None:
    plan = make_plan()
    plan.posting.company = "Café Nørd"
    plan.script.thanks = "Merci — thank you."
    text = plan_to_json(plan)
    assert '"company": "Café Nørd"' in text
    assert "Merci — thank you." in text
    assert "\\u" not in text


def test_a_sparse_plan_writes_nulls_and_empty_lists() -> None:
    data = plan_to_dict(make_minimal_plan())
    assert data["job"] == {"title": None, "company": None}
    assert data["candidate"] == {"name": None}
    assert data["interviewer"] is None
    assert data["top_skills"] == [] and data["gaps"] == []
    assert data["summary"] == {"met": 6, "partial": 0, "gap": 0, "blocking": 0}


def test_posting_output_has_offsets_into_the_posting_text() -> None:
    posting = make_posting()
    data = posting_to_dict(posting)
    assert list(data) == ["schema", "job", "requirements", "mentions", "sections"]
    assert data["schema"] == "interview-closer/posting@1"
    assert data["job"] == {"title": "Senior Backend Engineer", "company": "Northwind Freight"}
    assert [list(r) for r in data["requirements"]] == [
        ["id", "text", "importance", "kind", "skills", "years"]] * len(posting.requirements)
    assert len(data["mentions"]) == 12
    for mention in data["mentions"]:
        assert list(mention) == ["start", "end", "text", "skill"]
        assert posting.text[mention["start"]:mention["end"]] == mention["text"]
    assert [s["kind"] for s in data["sections"]] == ["about", "requirements", "preferred",
                                                     "benefits"]
    about = data["sections"][0]
    assert posting.text[about["start"]:about["end"]].startswith("About us\nNorthwind")
    assert json.loads(posting_to_json(posting)) == data


def test_docs_describe_every_field() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    fields = set(TOP_KEYS + REQUIREMENT_KEYS + SCRIPT_KEYS)
    fields |= {"title", "company", "name", "surface", "line", "requirement_ids", "skill",
               "requirement_id", "answer", "met", "partial", "gap", "blocking", "mentions",
               "sections", "start", "end", "heading"}
    missing = sorted(f for f in fields if f"`{f}`" not in docs)
    assert missing == []
    assert "@2" in docs and "interview-closer/posting@1" in docs
