"""The closing plan a recorded interview carries, shared by the command line and the web app.

The first interview uses the plan stored with the application. A later one gets a fresh
plan from the same resume and posting (naming the new interviewer) when the resume file is
still where it was; otherwise it keeps a copy of the latest plan.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from interview_closer.core.models import Plan
    from interview_closer.storage.models import Application


def plan_dict(resume: Path, job: Path, **kwargs: Any) -> tuple[dict[str, Any], Plan]:
    """A closing plan for two files, as the stored JSON mapping and as the core object."""
    from interview_closer.render.json_plan import plan_to_dict
    from interview_closer.service import prepare_plan

    plan = prepare_plan(resume, job, **kwargs)
    return plan_to_dict(plan), plan


def fresh_plan(app: Application, interviewer: str | None, today: date) -> dict[str, Any] | None:
    """A new plan from the application's resume file and posting text, if both are there."""
    if not app.resume_path or not Path(app.resume_path).is_file() or not app.posting_text:
        return None
    with tempfile.TemporaryDirectory() as folder:
        job = Path(folder) / "posting.txt"
        job.write_text(app.posting_text, encoding="utf-8")
        data, _ = plan_dict(Path(app.resume_path), job, company=app.company, role=app.role,
                            interviewer=interviewer, today=today)  # fmt: skip
    return data


def plan_for_next_interview(
    session: Session, app: Application, interviewer: str | None, today: date
) -> dict[str, Any] | None:
    """The plan to store with a new interview: None for the first, else fresh or copied."""
    if not app.interviews:
        return None
    fresh = fresh_plan(app, interviewer, today)
    if fresh is not None:
        return fresh
    from interview_closer.storage.repo import latest_plan

    last = latest_plan(session, app)
    return dict(last.data) if last is not None else None
