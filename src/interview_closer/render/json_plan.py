"""Plans and postings as JSON, in the versioned schemas documented in docs/plan-schema.md.

Keys are written in the documented order (dict insertion order), never sorted, so
the same plan always gives byte-identical JSON.
"""

from __future__ import annotations

import json
from typing import Any

from interview_closer import __version__
from interview_closer.core.models import Evidence, Plan, Posting, Requirement, SkillMention
from interview_closer.render.common import match_severity, summary_counts

PLAN_SCHEMA = "interview-closer/plan@1"
POSTING_SCHEMA = "interview-closer/posting@1"


def _number(value: float | None) -> int | float | None:
    """Whole numbers as ints ("5+ years" reads 5, not 5.0); other numbers unchanged."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _skills(mentions: list[SkillMention]) -> list[dict[str, Any]]:
    """Skills a requirement names: canonical name and the posting's own words."""
    return [{"name": m.name, "surface": m.surface} for m in mentions]


def _evidence(items: list[Evidence]) -> list[dict[str, Any]]:
    """Resume quotes with their 1-based line numbers."""
    return [{"text": e.text, "line": e.line} for e in items]


def _job(posting: Posting) -> dict[str, Any]:
    """The role's title and company (null when the posting does not say)."""
    return {"title": posting.title, "company": posting.company}


def _requirement_head(req: Requirement) -> dict[str, Any]:
    """The fields a requirement has in both schemas, in their documented order."""
    return {
        "id": req.id,
        "text": req.text,
        "importance": req.importance,
        "kind": req.kind,
        "skills": _skills(req.skills),
        "years": _number(req.years),
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-ready data in schema interview-closer/plan@1."""
    requirements = []
    for match in plan.matches:
        row = _requirement_head(match.requirement)
        row.update({
            "status": match.status,
            "score": round(float(match.score), 3),
            "reason": match.reason,
            "evidence": _evidence(match.evidence),
            "severity": match_severity(match),
        })
        requirements.append(row)
    script = plan.script
    return {
        "schema": PLAN_SCHEMA,
        "generated_by": f"interview-closer {__version__}",
        "job": _job(plan.posting),
        "candidate": {"name": plan.resume.name},
        "interviewer": plan.interviewer,
        "requirements": requirements,
        "top_skills": [
            {
                "skill": top.skill,
                "requirement_ids": list(top.requirement_ids),
                "evidence": _evidence(top.evidence),
            }
            for top in plan.top_skills
        ],
        "gaps": [
            {
                "requirement_id": gap.requirement_id,
                "severity": gap.severity,
                "answer": gap.answer,
                "evidence": _evidence(gap.evidence),
            }
            for gap in plan.gaps
        ],
        "script": {
            "pitch": script.pitch,
            "gap_questions": list(script.gap_questions),
            "reaffirm": script.reaffirm,
            "match_statement": script.match_statement,
            "story": script.story,
            "next_step_questions": list(script.next_step_questions),
            "thanks": script.thanks,
            "debrief_reminder": list(script.debrief_reminder),
        },
        "summary": summary_counts(plan),
    }


def plan_to_json(plan: Plan) -> str:
    """The plan as pretty JSON text (2-space indent, UTF-8 characters kept, no final newline)."""
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False)


def posting_to_dict(posting: Posting) -> dict[str, Any]:
    """The posting analysis as JSON-ready data in schema interview-closer/posting@1."""
    return {
        "schema": POSTING_SCHEMA,
        "job": _job(posting),
        "requirements": [_requirement_head(req) for req in posting.requirements],
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.surface, "skill": m.name}
            for m in posting.mentions
        ],
        "sections": [
            {"kind": s.kind, "heading": s.heading, "start": s.start, "end": s.end}
            for s in posting.sections
        ],
    }


def posting_to_json(posting: Posting) -> str:
    """The posting analysis as pretty JSON text, formatted like plan_to_json."""
    return json.dumps(posting_to_dict(posting), indent=2, ensure_ascii=False)
