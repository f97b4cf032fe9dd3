"""The reference host on a real database (issue 14, item 6): examples/crm_host.

Half a year of nights on a dozen accounts, stored in SQLite through SQLAlchemy 2 and the
codec; then the same night again, a back-fill, a failed night, the end of the holiday data
and a reload in a fresh process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sqlalchemy", minversion="2")
pytest.importorskip("chinese_calendar")

from sqlalchemy import delete, func, select

from crm_host import demo, nightly, schema, store, work
from crm_host.settings import from_mapping, read
from keyaccount import CalendarRangeError, PolicyConfigError
from keyaccount.codec import load

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


def _live(db: store.Store, settings: Any, first: date, last: date) -> list[nightly.NightReport]:
    reports = []
    day = first
    while day <= last:
        demo.work_day(db, settings, day)
        reports += nightly.run_nights(db, settings, nightly.night_of(settings, day))
        day += timedelta(days=1)
    return reports


@pytest.fixture(scope="module")
def half_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[nightly.NightReport]]:
    path = tmp_path_factory.mktemp("crm") / "crm.db"
    db = store.Store(f"sqlite:///{path}")
    demo.seed(db)
    return path, _live(db, read(), FIRST, LAST)


@pytest.fixture
def copy(half_year: tuple[Path, Any], tmp_path: Path) -> store.Store:
    """A copy of the half-year's database, for a test that changes it."""
    target = tmp_path / "copy.db"
    shutil.copy(half_year[0], target)
    return store.Store(f"sqlite:///{target}")


def _count(db: store.Store, table: Any) -> int:
    with db.transaction() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_half_a_year_of_nights_one_row_each(half_year: tuple[Path, Any]) -> None:
    path, reports = half_year
    db = store.Store(f"sqlite:///{path}")
    assert [report.night for report in reports] == [
        FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
    assert _count(db, schema.night) == len(reports) == 181
    assert not any(report.problems for report in reports)
    counts: dict[str, int] = {}
    for report in reports:
        for name, count in report.counts.items():
            counts[name] = counts.get(name, 0) + count
    # every step of the night did something over the half year
    assert {"VisitPlanned", "AccountWentDormant", "TicketEscalated", "VisitOverdue"} <= set(counts)
    assert counts["VisitPlanned"] == 12
    assert counts["AccountWentDormant"] == 3   # the quiet accounts, once each
    everything = store.everything(db)
    assert len(everything["tickets"]) > 20
    assert len(everything["records"]) > 20
    history_rows = _count(db, schema.ticket_history)
    assert history_rows == sum(len(ticket.history) for ticket in everything["tickets"])


def test_the_same_night_again_adds_no_event(copy: store.Store) -> None:
    settings = read()
    before = _count(copy, schema.event)
    (again,) = nightly.run_nights(copy, settings, nightly.night_of(settings, LAST))
    assert again.already_done
    assert _count(copy, schema.event) == before
    # even with its record gone, the night run again adds no event: the stored values
    # remember what was announced
    with copy.transaction() as connection:
        connection.execute(delete(schema.night_problem))
        connection.execute(delete(schema.night).where(schema.night.c.night == LAST))
    rerun = nightly.run_night(copy, settings, nightly.night_of(settings, LAST))
    assert not rerun.already_done
    assert rerun.events == 0
    assert _count(copy, schema.event) == before


def test_missed_nights_are_back_filled_one_transaction_each(copy: store.Store) -> None:
    settings = read()
    until = datetime(2026, 7, 6, 8, tzinfo=settings.calendar.zone)
    reports = nightly.run_nights(copy, settings, until)
    assert [report.night for report in reports] == [date(2026, 7, n) for n in range(1, 7)]
    assert [report.ran_at.hour for report in reports] == [23] * 5 + [8]
    with copy.transaction() as connection:
        nights = connection.execute(select(schema.night.c.night, schema.night.c.events)
                                    .where(schema.night.c.night > LAST)).all()
        stored = connection.execute(
            select(schema.event.c.night, func.count()).where(schema.event.c.night > LAST)
            .group_by(schema.event.c.night)).all()
    assert dict(stored) == {day: count for day, count in nights if count}
    assert sum(report.events for report in reports) == sum(count for _, count in nights)


def test_a_back_filled_night_skips_a_ticket_moved_on_after_it(copy: store.Store) -> None:
    settings = read()
    zone = settings.calendar.zone
    work.open_ticket(copy, settings, account_id="C001", now=datetime(2026, 7, 1, 14, tzinfo=zone),
                     ticket_id="T-LATE", source="phone", kind="complaint", severity="minor",
                     summary="a late problem", responsible_department="quality",
                     responsible_person="zhou")
    # the ticket is replied to on 3 July, before the nights of 1-3 July are run
    work.move_ticket(copy, settings, "T-LATE", "reply", "on it",
                     now=datetime(2026, 7, 3, 10, tzinfo=zone))
    reports = nightly.run_nights(copy, settings, nightly.night_of(settings, date(2026, 7, 3)))
    assert len(reports) == 3
    assert not any(report.problems for report in reports)
    assert any("moved on after this night" in warning
               for report in reports[:2] for warning in report.warnings)


def test_a_failed_night_stores_nothing_and_runs_again(
    copy: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = read()
    before = store.everything(copy)

    def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(nightly, "append_events", broken)
    with pytest.raises(RuntimeError):
        nightly.run_nights(copy, settings, nightly.night_of(settings, date(2026, 7, 1)))
    assert store.everything(copy) == before
    monkeypatch.undo()
    (report,) = nightly.run_nights(copy, settings, nightly.night_of(settings, date(2026, 7, 1)))
    assert report.night == date(2026, 7, 1)
    assert not report.already_done


_CHILD = """
import json, sys
from crm_host import store
from crm_host.settings import read
sys.stdout.write(json.dumps(store.fingerprint(store.Store(sys.argv[1]), read(), sys.argv[2])))
"""


def test_a_reload_in_a_fresh_process_is_equal(half_year: tuple[Path, Any]) -> None:
    path, _ = half_year
    url = f"sqlite:///{path}"
    at = "2026-07-01T10:00:00+08:00"
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(EXAMPLES), str(EXAMPLES.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.run([sys.executable, "-c", _CHILD, url, at], capture_output=True,
                           text=True, check=True, env=environment, cwd=EXAMPLES)
    theirs = json.loads(child.stdout)
    here = store.Store(url)
    ours = store.fingerprint(here, read(), at)
    assert theirs == ours
    # the values the other process loaded are equal to ours, zones included (the codec
    # data carries each instant's zone key)
    everything = store.everything(here)
    for name, values in everything.items():
        assert [load(data) for data in theirs["values"][name]] == values
    ticket = everything["tickets"][0]
    assert ticket.opened_at.tzinfo.key == "Asia/Shanghai"
    stored = theirs["values"]["tickets"]
    assert all(data["opened_at"].endswith("[Asia/Shanghai]") for data in stored)


def test_past_the_end_of_the_holiday_data_the_night_is_kept(tmp_path: Path) -> None:
    settings = from_mapping({
        "host": {"calendar": "settings", "warn_days": 10},
        "calendar": {"timezone": "Asia/Shanghai", "working_hours": ["09:00-12:00", "13:30-18:00"],
                     "valid_from": "2025-01-01", "valid_until": "2025-12-31"},
    })
    db = store.Store(f"sqlite:///{tmp_path / 'end.db'}")
    demo.seed(db, size=4)   # C004 has not bought since August 2025
    zone = settings.calendar.zone
    work.open_ticket(db, settings, account_id="C001", now=datetime(2025, 12, 30, 9, tzinfo=zone),
                     ticket_id="T-1", source="phone", kind="complaint", severity="critical",
                     summary="line stopped", responsible_department="quality",
                     responsible_person="zhou")
    (december,) = nightly.run_nights(db, settings, datetime(2025, 12, 30, 23, tzinfo=zone))
    assert december.warnings == ("the calendar's holiday data ends on 2025-12-31, in 1 days: "
                                 "upgrade it (pip install --upgrade chinesecalendar) before then",)
    reports = nightly.run_nights(db, settings, datetime(2026, 2, 1, 23, tzinfo=zone))
    last = reports[-1]
    # each subject the calendar cannot serve is a problem of the night, by name ...
    subjects = {problem.subject: problem.error for problem in last.problems}
    assert subjects["ticket T-1"] == "CalendarRangeError"
    assert {f"plan C00{n}" for n in (1, 2, 3)} <= set(subjects)
    assert "past the end of the calendar's holiday data (2025-12-31)" in last.warnings[0]
    # ... and the rest of the night is kept: the quiet account went dormant, stored
    assert last.counts.get("AccountWentDormant", 0) + sum(
        r.counts.get("AccountWentDormant", 0) for r in reports[:-1]) == 1
    with db.transaction() as connection:
        stored = connection.execute(select(schema.night_problem.c.subject)
                                    .where(schema.night_problem.c.night == last.night)).scalars()
        assert "ticket T-1" in set(stored)
    # what a direct call raises, for the record
    with pytest.raises(CalendarRangeError):
        settings.calendar.next_working_day(date(2025, 12, 31))


def test_settings_errors_name_the_path() -> None:
    with pytest.raises(PolicyConfigError, match=r"^escalation\.first_reply\.A"):
        from_mapping({"host": {"calendar": "china"},
                      "escalation": {"first_reply": {"A": "-4h"}}})
    with pytest.raises(PolicyConfigError, match=r"^host\.night_at"):
        from_mapping({"host": {"night_at": "late"}})
    with pytest.raises(PolicyConfigError, match=r"^host\.calendar"):
        from_mapping({"host": {"calendar": "settings"}})


def test_the_command_line_runs_a_night(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    environment = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent / "src")}
    run = [sys.executable, "-m", "crm_host", "--db", url]
    subprocess.run([*run, "init", "--demo"], check=True, cwd=EXAMPLES, env=environment,
                   capture_output=True)
    first = subprocess.run([*run, "nightly", "--at", "2026-03-02T23:00"], cwd=EXAMPLES,
                           env=environment, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == (
        "night 2026-03-02: 12 events (AccountWentDormant 3, VisitPlanned 9), 0 problems")
    again = subprocess.run([*run, "nightly", "--at", "2026-03-02T23:00"], cwd=EXAMPLES,
                           env=environment, capture_output=True, text=True)
    assert again.stdout == "night 2026-03-02: already done, nothing added\n"


def test_a_stored_history_is_only_appended_to(copy: store.Store) -> None:
    settings = read()
    zone = settings.calendar.zone
    opened = work.open_ticket(copy, settings, account_id="C001", ticket_id="T-X",
                              now=datetime(2026, 7, 1, 9, tzinfo=zone), source="phone",
                              kind="complaint", severity="minor", summary="noise",
                              responsible_department="quality", responsible_person="zhou")
    work.move_ticket(copy, settings, "T-X", "reply", "on it",
                     now=datetime(2026, 7, 1, 10, tzinfo=zone))
    with pytest.raises(Exception, match="only appended to"), copy.transaction() as connection:
        store.put_tickets(connection, [opened])     # the older ticket, one step shorter
    with copy.transaction() as connection:
        (stored,) = [t for t in store.tickets(copy, connection) if t.ticket_id == "T-X"]
    assert [entry.step for entry in stored.history] == ["opened", "replied"]
