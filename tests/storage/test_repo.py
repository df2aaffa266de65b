"""Tracker actions on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from tests.tracker_factory import debrief_data, plan_dict

from interview_closer.core.debrief import debrief_from
from interview_closer.core.followup import FollowupRules
from interview_closer.errors import DataError, NotFoundError
from interview_closer.storage import repo
from interview_closer.storage.db import Database
from interview_closer.storage.models import Application, Contact, Followup, Plan
from interview_closer.storage.settings import calendar_of, load_settings, save_setting

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=NY)
RULES = FollowupRules()


def _cal(db: Database):  # type: ignore[no-untyped-def]
    with db.write() as s:
        save_setting(s, "country", "US")
        save_setting(s, "timezone", "America/New_York")
    with db.read() as s:
        return calendar_of(load_settings(s))


def _app(db: Database, company: str = "Northwind Analytics") -> int:
    with db.write() as s:
        app = repo.add_application(
            s, company=company, role="Backend Engineer", now=NOW, plan=plan_dict(company)
        )
        return app.id


def _debrief(db: Database, app_id: int, **overrides: object) -> list[int]:
    cal = _cal(db)
    debrief = debrief_from(debrief_data(**overrides), cal)
    with db.write() as s:
        app = repo.get_application(s, app_id)
        _, rows = repo.record_debrief(s, app, debrief, rules=RULES, cal=cal, now=NOW)
        return [r.id for r in rows]


def test_add_and_find_application(db: Database) -> None:
    app_id = _app(db)
    _app(db, "Contoso Health")
    with db.read() as s:
        assert repo.get_application(s, str(app_id)).company == "Northwind Analytics"
        assert repo.get_application(s, "contoso").company == "Contoso Health"
        assert s.scalar(select(func.count()).select_from(Plan)) == 2
        with pytest.raises(NotFoundError):
            repo.get_application(s, "999")
        with pytest.raises(NotFoundError):
            repo.get_application(s, "globex")
        with pytest.raises(DataError, match="several"):
            repo.get_application(s, "backend")


def test_add_application_refuses_bad_status(db: Database) -> None:
    with db.write() as s, pytest.raises(DataError, match="unknown status"):
        repo.add_application(s, company="A", role="B", now=NOW, status="hired")


def test_debrief_plans_followups_with_local_dates(db: Database) -> None:
    app_id = _app(db)
    _debrief(db, app_id)
    with db.read() as s:
        views = repo.list_followups(s)
        app = repo.get_application(s, app_id)
        assert app.status == "interviewing"
        assert len(app.interviews) == 1
        assert [c.name for c in app.interviews[0].contacts] == ["Dana Reyes", "Sam Lee"]
    got = [(v.kind, v.due.astimezone(NY).strftime("%Y-%m-%d %H:%M"), v.contact) for v in views]
    assert got == [
        ("thank-you", "2026-11-24 17:00", "Dana Reyes"),
        ("thank-you", "2026-11-24 17:00", "Sam Lee"),
        ("schedule-next-interview", "2026-11-25 09:00", "Dana Reyes"),
        ("send-promised-item", "2026-11-27 09:00", "Dana Reyes"),
        # decision "end of next week" = Fri 4 Dec; +2 business days = Tue 8 Dec, by phone
        ("check-in-call", "2026-12-08 10:00", "Dana Reyes"),
        ("check-in-call", "2026-12-15 10:00", "Dana Reyes"),
        ("no-response-review", "2026-12-29 09:00", "Dana Reyes"),
    ]
    assert {v.channel for v in views if v.kind == "check-in-call"} == {"phone"}


def test_second_debrief_of_same_interview_needs_replace(db: Database) -> None:
    app_id = _app(db)
    _debrief(db, app_id)
    with pytest.raises(DataError, match="--replace"):
        _debrief(db, app_id)
    cal = _cal(db)
    debrief = debrief_from(debrief_data(decision_by="in two weeks", promised=[]), cal)
    with db.write() as s:
        app = repo.get_application(s, app_id)
        repo.record_debrief(s, app, debrief, rules=RULES, cal=cal, now=NOW, replace=True)
    with db.read() as s:
        kinds = [v.kind for v in repo.list_followups(s)]
    assert "send-promised-item" not in kinds
    assert kinds.count("thank-you") == 2


def test_contacts_are_shared_across_interviews(db: Database) -> None:
    app_id = _app(db)
    _debrief(db, app_id)
    _debrief(db, app_id, interview_at="2026-12-09T14:00:00-05:00", ended_at=None)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 2
        app = repo.get_application(s, app_id)
        assert len(app.interviews) == 2
        pending = repo.list_followups(s)
        # the newer interview's cycle replaced the first one's check-ins
        first_interview = app.interviews[0].id
        rows = s.scalars(select(Followup).where(Followup.interview_id == first_interview)).all()
        statuses = {r.status for r in rows if r.kind.startswith("check-in")}
    assert statuses == {"cancelled"}
    assert sum(v.kind == "check-in-call" for v in pending) == 2


def test_done_late_checkin_moves_the_rest_of_the_chain(db: Database) -> None:
    app_id = _app(db)
    _debrief(db, app_id)
    cal = _cal(db)
    with db.read() as s:
        first = next(v for v in repo.list_followups(s) if v.kind == "check-in-call")
    late = datetime(2026, 12, 10, 16, 0, tzinfo=NY)  # two days after it was due
    with db.write() as s:
        result = repo.complete_followup(s, first.id, now=late, rules=RULES, cal=cal)
    assert result.followup.status == "done"
    with db.read() as s:
        dues = {v.kind + str(v.title[-6:]): v.due.astimezone(NY) for v in repo.list_followups(s)}
    second = next(d for k, d in dues.items() if k.startswith("check-in-call"))
    assert second.date() == date(2026, 12, 17)
    assert second.hour == 10


@pytest.mark.parametrize(
    ("outcome", "status", "left"),
    [
        ("rejection", "rejected", set()),
        ("no-response", "no-response", set()),
        ("offer", "offer", {"thank-you", "send-promised-item"}),
        ("heard-back", "interviewing", {"thank-you", "send-promised-item"}),
        ("second-interview", "interviewing",
         {"thank-you", "send-promised-item", "schedule-next-interview"}),
    ],
)  # fmt: skip
def test_outcomes_cancel_what_is_pending(
    db: Database, outcome: str, status: str, left: set[str]
) -> None:
    app_id = _app(db)
    _debrief(db, app_id)
    cal = _cal(db)
    with db.read() as s:
        first = next(v for v in repo.list_followups(s) if v.kind == "check-in-call")
    with db.write() as s:
        result = repo.complete_followup(
            s, first.id, now=NOW, rules=RULES, cal=cal, outcome=outcome
        )
        assert result.status_after == status
    with db.read() as s:
        assert {v.kind for v in repo.list_followups(s)} == left
        assert repo.get_application(s, app_id).status == status
        cancelled = s.scalars(select(Followup).where(Followup.status == "cancelled")).all()
        assert all(r.revision == 1 for r in cancelled)


def test_heard_back_with_new_date_starts_a_new_cycle(db: Database) -> None:
    app_id = _app(db)
    _debrief(db, app_id)
    cal = _cal(db)
    with db.read() as s:
        first = next(v for v in repo.list_followups(s) if v.kind == "check-in-call")
    with db.write() as s:
        repo.complete_followup(
            s, first.id, now=NOW, rules=RULES, cal=cal, outcome="heard-back",
            new_decision=date(2026, 12, 31),
        )  # fmt: skip
    with db.read() as s:
        calls = [v for v in repo.list_followups(s) if v.kind == "check-in-call"]
    # Thu 31 Dec + 2 business days, New Year's Day and the weekend skipped: Tue 5 Jan 2027
    assert calls[0].due.astimezone(NY).date() == date(2027, 1, 5)


def test_done_twice_and_unknown_ids(db: Database) -> None:
    app_id = _app(db)
    ids = _debrief(db, app_id)
    cal = _cal(db)
    with db.write() as s:
        repo.complete_followup(s, ids[0], now=NOW, rules=RULES, cal=cal, skip=True)
    with db.write() as s, pytest.raises(DataError, match="already skipped"):
        repo.complete_followup(s, ids[0], now=NOW, rules=RULES, cal=cal)
    with db.write() as s, pytest.raises(NotFoundError):
        repo.complete_followup(s, 99999, now=NOW, rules=RULES, cal=cal)


def test_listing_filters_and_pipeline(db: Database) -> None:
    app_id = _app(db)
    other = _app(db, "Contoso Health")
    _debrief(db, app_id)
    with db.read() as s:
        assert repo.list_followups(s, application_id=other) == []
        soon = repo.list_followups(s, until=datetime(2026, 11, 25, 23, 0, tzinfo=NY))
        assert [v.kind for v in soon] == ["thank-you", "thank-you", "schedule-next-interview"]
        rows = {a.id: (due, n) for a, due, n in repo.applications_with_next(s)}
    assert rows[other] == (None, 0)
    assert rows[app_id][1] == 7
    assert rows[app_id][0] == datetime(2026, 11, 24, 17, 0, tzinfo=NY)


def test_failed_action_leaves_nothing_behind(db: Database) -> None:
    app_id = _app(db)
    cal = _cal(db)
    debrief = debrief_from(debrief_data(), cal)
    with pytest.raises(RuntimeError), db.write() as s:
        app = repo.get_application(s, app_id)
        repo.record_debrief(s, app, debrief, rules=RULES, cal=cal, now=NOW)
        raise RuntimeError("power cut")
    with db.read() as s:
        assert repo.list_followups(s, include_all=True) == []
        assert repo.get_application(s, app_id).interviews == []
        assert s.scalar(select(func.count()).select_from(Application)) == 1


def test_settings_are_checked(db: Database) -> None:
    with db.write() as s:
        save_setting(s, "country", "gb-eng")
        save_setting(s, "rules.checkin_no_date_business_days", "7")
    with db.read() as s:
        assert load_settings(s) == {"country": "GB-ENG", "rules.checkin_no_date_business_days": "7"}
    for key, value in [("country", "XX"), ("timezone", "Mars/Olympus"), ("rules.nope", "1"),
                       ("rules.max_checkins", "-1"), ("colour", "blue")]:  # fmt: skip
        with db.write() as s, pytest.raises(DataError):
            save_setting(s, key, value)


def test_search_status_counts_and_set_status(db: Database) -> None:
    first = _app(db, "Northwind Analytics")
    _app(db, "Globex 100%_Data")
    _debrief(db, first)
    with db.write() as s:
        repo.set_status(s, repo.get_application(s, first), "offer", NOW)
        with pytest.raises(DataError, match="unknown status 'hired'"):
            repo.set_status(s, repo.get_application(s, first), "hired", NOW)
    with db.read() as s:
        counts = repo.status_counts(s)
        assert counts["offer"] == 1 and sum(counts.values()) == 2
        rows, total = repo.search_applications(s, text="NORTHWIND")
        assert total == 1 and rows[0].id == first and rows[0].status == "offer"
        assert rows[0].pending >= 1 and rows[0].next_due is not None
        assert rows[0].next_due.tzinfo is not None
        # LIKE wildcards in the query are plain characters, not patterns.
        assert repo.search_applications(s, text="100%_")[1] == 1
        assert repo.search_applications(s, text="%")[1] == 1
        assert repo.search_applications(s, status="offer")[1] == 1
        with pytest.raises(DataError, match="unknown status"):
            repo.search_applications(s, status="nope")
        assert repo.count_pending(s, None, None) >= 1
