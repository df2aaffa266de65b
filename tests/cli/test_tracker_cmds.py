"""The tracker commands end to end on a real SQLite file, as a user runs them."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.tracker_factory import BACKENDS, debrief_data, fresh_url
from typer.testing import CliRunner

from interview_closer.cli.app import app
from interview_closer.errors import CloserError

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "interview_closer" / "data" / "samples"
LISTING_KEYS = ["id", "application_id", "kind", "due", "channel", "contact", "status"]


class Run:
    """The outcome of one command: exit code as `closer` would give it, and the output."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        """The output parsed as JSON."""
        return json.loads(self.out)


@pytest.fixture
def closer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `closer ...` against a fresh database in tmp_path, at a pinned time."""
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CLOSER_NOW", "2026-11-24T09:00:00-05:00")
    monkeypatch.delenv("CLOSER_DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Run:
        result = runner.invoke(app, list(args), input=input, standalone_mode=False)
        exc = result.exception
        code = result.exit_code
        err = result.stderr
        if isinstance(exc, CloserError):
            code, err = exc.exit_code, f"closer: {exc}"
        elif exc is not None and not isinstance(exc, SystemExit):
            import click

            if isinstance(exc, click.UsageError):
                code = 2
            else:
                raise exc
        return Run(code, result.stdout, err)

    run("settings", "set", "timezone", "America/New_York")
    run("settings", "set", "country", "US")
    return run


def _add(closer, **extra: str) -> int:  # type: ignore[no-untyped-def]
    args = ["add", "--resume", str(SAMPLES / "resume.md"), "--job", str(SAMPLES / "posting.txt"),
            "--format", "json"]  # fmt: skip
    for key, value in extra.items():
        args += [f"--{key}", value]
    result = closer(*args)
    assert result.code == 0, result.err
    return int(result.json()["id"])


def _debrief(closer, tmp_path: Path, app_id: int, **overrides: Any):  # type: ignore[no-untyped-def]
    path = tmp_path / "debrief.yaml"
    path.write_text(yaml.safe_dump(debrief_data(**overrides)), encoding="utf-8")
    return closer("debrief", str(app_id), "--from", str(path), "--format", "json")


def test_add_stores_the_plan_and_prints_the_record(closer) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer, company="Northwind Analytics", role="Backend Engineer")
    shown = closer("show", str(app_id), "--format", "json").json()
    assert (shown["company"], shown["role"], shown["status"]) == (
        "Northwind Analytics", "Backend Engineer", "applied")  # fmt: skip
    assert len(shown["plans"]) == 1
    assert shown["resume_path"].endswith("resume.md")


def test_debrief_from_file_schedules_the_right_dates(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer)
    result = _debrief(closer, tmp_path, app_id)
    assert result.code == 0, result.err
    planned = result.json()["followups"]
    assert [(f["kind"], f["due"]) for f in planned] == [
        ("thank-you", "2026-11-24T17:00:00-05:00"),
        ("thank-you", "2026-11-24T17:00:00-05:00"),
        ("schedule-next-interview", "2026-11-25T09:00:00-05:00"),
        ("send-promised-item", "2026-11-27T09:00:00-05:00"),
        ("check-in-call", "2026-12-08T10:00:00-05:00"),
        ("check-in-call", "2026-12-15T10:00:00-05:00"),
        ("no-response-review", "2026-12-29T09:00:00-05:00"),
    ]
    listing = closer("followups", "--format", "json").json()
    assert all(list(item) == LISTING_KEYS for item in listing)
    assert listing[0]["contact"] == "Dana Reyes"
    assert {item["channel"] for item in listing} == {"email", "phone", "reminder"}


def test_debrief_from_flags_and_json_file(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer)
    result = closer(
        "debrief", str(app_id), "--interview-at", "2026-11-25T15:00", "--met",
        "Ann Fox, CTO <ann@northwind.test>", "--decision-by", "early January", "--no-call",
        "--concern", "team size => I led a team of four", "--promise", "code sample => tomorrow",
        "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    kinds: dict[str, str] = {}
    for f in result.json()["followups"]:
        kinds.setdefault(f["kind"], f["due"])
    # ended after 14:00 (15:00 + 60 min): next business day is Friday (Thanksgiving skipped)
    assert kinds["thank-you"] == "2026-11-27T09:00:00-05:00"
    assert kinds["check-in-email"] == "2027-01-12T09:00:00-05:00"  # Sun 10 Jan + 2 business days
    second = _add(closer)
    path = tmp_path / "d.json"
    path.write_text(json.dumps(debrief_data(decision_by="soon")), encoding="utf-8")
    out = closer("debrief", str(second), "--from", str(path), "--format", "json").json()
    calls = [f["due"] for f in out["followups"] if f["kind"] == "check-in-call"]
    assert calls[0] == "2026-12-02T10:00:00-05:00"  # no date: 5 business days, Thanksgiving out


def test_done_skip_and_outcomes(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer)
    ids = [f["id"] for f in _debrief(closer, tmp_path, app_id).json()["followups"]]
    done = closer("done", str(ids[0]), "--outcome", "sent", "--format", "json").json()
    assert (done["status"], done["outcome"]) == ("done", "sent")
    assert closer("skip", str(ids[1]), "--format", "json").json()["status"] == "skipped"
    offer = closer("done", str(ids[4]), "--outcome", "offer", "--format", "json").json()
    assert offer["application_status"] == "offer"
    assert len(offer["cancelled"]) == 3
    everything = {f["id"]: f["status"] for f in closer("followups", "--all", "-f", "json").json()}
    assert everything[ids[0]] == "done" and everything[ids[1]] == "skipped"
    assert sorted(closer("followups", "-f", "json").json(), key=lambda f: f["id"]) == [
        f for f in closer("followups", "--all", "-f", "json").json() if f["status"] == "pending"
    ]
    status = closer("status", "--format", "json").json()
    assert status[0]["status"] == "offer"
    again = closer("done", str(ids[0]))
    assert again.code == 6 and "already done" in again.err


def test_ics_parses_back_and_uids_are_stable(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    app_id = _add(closer)
    ids = [f["id"] for f in _debrief(closer, tmp_path, app_id).json()["followups"]]
    out = tmp_path / "f.ics"
    assert closer("ics", str(app_id), "-o", str(out)).code == 0
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 7
    assert [str(e["UID"]) for e in events] == [f"followup-{i}@interview-closer" for i in ids]
    first = events[0]
    assert first.decoded("DTSTART").isoformat() == "2026-11-24T22:00:00+00:00"
    alarm = next(iter(first.walk("VALARM")))
    assert alarm.decoded("TRIGGER").total_seconds() == -15 * 60
    closer("done", str(ids[4]), "--outcome", "rejection")
    again = Calendar.from_ical(
        closer("ics", "--all").out.encode("utf-8")
    )
    by_uid = {str(e["UID"]): e for e in again.walk("VEVENT")}
    assert set(by_uid) == {str(e["UID"]) for e in events}  # same UIDs: re-import updates
    cancelled = by_uid[f"followup-{ids[5]}@interview-closer"]
    assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 1)


def test_draft_text_eml_and_mailto(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer, company="Northwind Analytics", role="Backend Engineer")
    ids = [f["id"] for f in _debrief(closer, tmp_path, app_id).json()["followups"]]
    eml = tmp_path / "note.eml"
    shown = closer("draft", str(ids[1]), "--eml", str(eml), "--mailto")
    assert shown.code == 0, shown.err
    assert "Dear Sam," in shown.out and "Kafka" in shown.out  # the concern Sam raised
    assert "mailto:sam@northwind.test?subject=" in shown.out
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "sam@northwind.test"
    assert message["Subject"] and message["Date"]
    assert message.get_content_charset() == "utf-8"
    assert "Dear Sam," in message.get_content()
    call = closer("draft", str(ids[4]), "--format", "json").json()
    assert call["kind"] == "check-in-call" and call["mailto"] is None
    assert closer("draft", str(ids[4]), "--eml", str(eml)).code == 2


def test_backup_restores_into_an_empty_database(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer)
    _debrief(closer, tmp_path, app_id)
    closer("done", "1", "--outcome", "sent")
    backup = tmp_path / "backup.json"
    assert closer("export", "--format", "json", "-o", str(backup)).code == 0
    other = f"sqlite:///{tmp_path / 'restored.db'}"
    imported = closer("import", str(backup), "--db", other, "--format", "json")
    assert imported.json()["followups"] == 7
    again = tmp_path / "again.json"
    closer("export", "-o", str(again), "--db", other)
    assert again.read_bytes() == backup.read_bytes()
    refused = closer("import", str(backup))
    assert refused.code == 2 and "empty" in refused.err


def test_csv_export_is_safe_against_formulas(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add(closer, company="=HYPERLINK(\"http://evil.test\")", role="+Engineer")
    out = tmp_path / "apps.csv"
    assert closer("export", "--format", "csv", "-o", str(out)).code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["id", "company", "role", "status"]
    assert rows[1][1] == "'=HYPERLINK(\"http://evil.test\")"
    assert rows[1][2] == "'+Engineer"
    assert closer("export", "--format", "csv", "--table", "pets").code == 2


def test_interactive_debrief_saves_only_when_finished(closer) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer)
    answers = ["2026-11-23 14:00", "", "15:30", "", "first", "Ann Fox, CTO <ann@x.test>", "",
               "", "data contracts", "", "an offer call", "in two weeks", "", "y", "mornings",
               "", "team size", "I led four people", "Ann Fox", "", "code sample", "tomorrow",
               "", "", "5", "", "", ""]  # fmt: skip
    cut = closer("debrief", str(app_id), input="\n".join(answers[:9]) + "\n")
    assert cut.code == 2 and "nothing saved" in cut.err
    assert closer("followups", "-f", "json").json() == []
    declined = closer("debrief", str(app_id), input="\n".join([*answers[:-1], "n"]) + "\n")
    assert declined.code == 0 and "Nothing saved." in declined.out
    assert closer("followups", "-f", "json").json() == []
    saved = closer("debrief", str(app_id), input="\n".join(answers) + "\n")
    assert saved.code == 0, saved.out
    assert "Mon 23 Nov 2026 14:00 EST" in saved.out  # the start time read back
    listing = closer("followups", "-f", "json").json()
    assert [f["kind"] for f in listing][:2] == ["thank-you", "send-promised-item"]
    assert {f["channel"] for f in listing if f["kind"].startswith("check-in")} == {"phone"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["done", "999"], 4, "no follow-up with id 999"),
        (["show", "42"], 4, "no application with id 42"),
        (["followups", "--format", "xml"], 2, "--format 'xml'"),
        (["debrief", "1", "--from", "/nope/debrief.yaml"], 3, "no such file"),
        (["debrief", "1", "--interview-at", "2026-11-24T10:00", "--decision-by", "whenever the "
          "moon is blue"], 6, "decision_by"),
        (["debrief", "1", "--interview-at", "yesterday-ish"], 6, "interview_at"),
        (["done", "1", "--outcome", "maybe"], 6, "unknown outcome"),
        (["settings", "set", "country", "Atlantis"], 6, "no public-holiday calendar"),
        (["import", "/nope.json"], 3, "no such file"),
    ],
)  # fmt: skip
def test_mistakes_give_one_line_and_exit_code(closer, args: list[str], code: int,
                                              message: str) -> None:  # type: ignore[no-untyped-def]
    _add(closer)
    result = closer(*args)
    assert result.code == code, (result.out, result.err)
    assert message in result.err
    assert result.err.count("\n") <= 1


def test_bad_yaml_file(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add(closer)
    path = tmp_path / "d.yaml"
    path.write_text("interview_at: [unclosed\n", encoding="utf-8")
    result = closer("debrief", "1", "--from", str(path))
    assert result.code == 3 and "not valid YAML" in result.err


def test_second_interview_gets_its_own_plan_and_cycle(closer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app_id = _add(closer)
    first = closer("interview", "add", str(app_id), "--at", "2026-11-24T10:00", "--with",
                   "Dana Reyes, Nurse Manager <dana@x.test>", "--format", "json")  # fmt: skip
    assert first.code == 0, first.err
    assert first.json()["interviewers"][0]["email"] == "dana@x.test"
    # a debrief without `met` thanks the people recorded for the interview
    out = closer("debrief", str(app_id), "--interview-at", "2026-11-24T10:00", "-f", "json")
    assert [f["contact"] for f in out.json()["followups"] if f["kind"] == "thank-you"] == [
        "Dana Reyes"]
    check_in = next(f["id"] for f in out.json()["followups"] if f["kind"] == "check-in-email")
    moved = closer("done", str(check_in), "--outcome", "second-interview", "-f", "json").json()
    assert moved["application_status"] == "interviewing" and len(moved["added"]) == 1
    second = closer("interview", "add", str(app_id), "--at", "2026-12-03T14:00", "--stage",
                    "second", "--with", "Lee Park <lee@x.test>", "-f", "json")  # fmt: skip
    assert second.code == 0, second.err
    shown = closer("show", str(app_id), "-f", "json").json()
    assert [p["interview_id"] for p in shown["plans"]] == [None, second.json()["id"]]
    cycle = closer("debrief", str(app_id), "--interview-at", "2026-12-03T14:00",
                   "--decision-by", "2026-12-10", "-f", "json").json()  # fmt: skip
    assert cycle["interview"]["id"] == second.json()["id"]
    dues = [f["due"] for f in cycle["followups"] if f["kind"] == "check-in-email"]
    assert dues[0] == "2026-12-14T09:00:00-05:00"


def test_add_with_a_missing_file(closer) -> None:  # type: ignore[no-untyped-def]
    result = closer("add", "--resume", "/nope/resume.pdf", "--job", str(SAMPLES / "posting.txt"))
    assert result.code == 3 and "/nope/resume.pdf" in result.err


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_whole_arc_on_each_database(closer, tmp_path: Path, backend: str) -> None:  # type: ignore[no-untyped-def]
    with fresh_url(backend, tmp_path / "arc") as url:
        added = closer("add", "--resume", str(SAMPLES / "resume.md"), "--job",
                       str(SAMPLES / "posting.txt"), "--db", url, "-f", "json")  # fmt: skip
        assert added.code == 0, added.err
        path = SAMPLES / "debrief.yaml"
        planned = closer("debrief", "1", "--from", str(path), "--db", url, "-f", "json")
        assert planned.code == 0, planned.err
        assert len(planned.json()["followups"]) == 7
        assert closer("done", "1", "--db", url).code == 0
        ics = closer("ics", "--db", url)
        assert ics.out.count("BEGIN:VEVENT") == 6
        backup = tmp_path / f"{backend}.json"
        assert closer("export", "-o", str(backup), "--db", url).code == 0
    with fresh_url("sqlite", tmp_path / "restored") as other:
        assert closer("import", str(backup), "--db", other).code == 0
        listing = closer("followups", "--all", "--db", other, "-f", "json").json()
    assert [f["status"] for f in listing].count("done") == 1
