"""Rules of domain/grading/reviews.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from keyaccount import BusinessCalendar, InvalidInput, PolicyConfigError
from keyaccount.domain.grading.reviews import DEFAULT_REVIEW_CADENCE, ReviewDue, ReviewKind

SURVEY, LIST = ReviewKind.ROSTER_SURVEY, ReviewKind.LIST_REVIEW


def _overdue(done: list[tuple[str, date]], since: date, today: date) -> list[tuple[str, date]]:
    return [(due.kind.value, due.due_on) for due in
            DEFAULT_REVIEW_CADENCE.overdue(done, since=since, today=today)]


def test_a_review_due_on_the_first_day_asked_about_is_overdue_when_not_held() -> None:
    assert _overdue([], since=date(2026, 1, 1), today=date(2026, 2, 1)) == [
        ("list_review", date(2026, 1, 1)), ("roster_survey", date(2026, 1, 1))]


def test_a_review_held_on_its_due_day_is_held() -> None:
    done = [("list_review", date(2026, 1, 1)), ("roster_survey", date(2026, 1, 1))]
    assert _overdue(done, since=date(2026, 1, 1), today=date(2026, 2, 1)) == []


def test_a_review_held_on_the_day_the_next_falls_due_is_the_next_ones() -> None:
    done = [("roster_survey", date(2026, 7, 1))]
    assert _overdue(done, since=date(2026, 1, 1), today=date(2026, 8, 1)) == [
        ("list_review", date(2026, 1, 1)), ("roster_survey", date(2026, 1, 1))]


def test_a_review_due_in_the_last_year_moves_to_a_working_day_too() -> None:
    calendar = BusinessCalendar(timezone="UTC", valid_from=date(2199, 1, 1),
                                valid_until=date(2199, 12, 31))
    due = DEFAULT_REVIEW_CADENCE.next_due(date(2199, 2, 15), calendar=calendar)
    # 1 December 2199 is a Sunday
    assert ReviewDue(ReviewKind.TARGET_SETTING, date(2199, 12, 2)) in due


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2200, 12, 31)])
def test_a_review_falls_due_from_1900_to_the_year_after_2199(day: date) -> None:
    assert ReviewDue(LIST, day).due_on == day


@pytest.mark.parametrize("day", [date(1899, 12, 31), date(2201, 1, 1)])
def test_a_review_due_outside_1900_to_2200_is_refused(day: date) -> None:
    with pytest.raises(InvalidInput, match=r"^ReviewDue\.due_on must be a date in the years "
                                           r"1900-2200, got "):
        ReviewDue(LIST, day)


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: ReviewDue(LIST, "x"), InvalidInput, r"^ReviewDue\.due_on must be a "),
    (lambda: DEFAULT_REVIEW_CADENCE.from_mapping({"x": 1}), PolicyConfigError,
     r"^ReviewCadence settings have unknown key\(s\) \['x'\]"),
    (lambda: DEFAULT_REVIEW_CADENCE.from_mapping({"list_review_months": "x"}),
     PolicyConfigError, r"list_review_months must be a collection of months 1\.\.12, got 'x'"),
    (lambda: DEFAULT_REVIEW_CADENCE.overdue([], since="x", today=date(2026, 1, 1)),
     InvalidInput, r"^since must be a "),
    (lambda: DEFAULT_REVIEW_CADENCE.overdue([], since=date(2026, 1, 1), today="x"),
     InvalidInput, r"^today must be a "),
    (lambda: DEFAULT_REVIEW_CADENCE.overdue("x", since=date(2026, 1, 1), today=date(2026, 1, 1)),
     InvalidInput, r"^done must be a collection of \(kind, date\) pairs, got 'x'$"),
    (lambda: DEFAULT_REVIEW_CADENCE.overdue([("bogus", date(2026, 1, 1))],
                                            since=date(2026, 1, 1), today=date(2026, 1, 1)),
     InvalidInput, r"^done kind must be one of "),
    (lambda: DEFAULT_REVIEW_CADENCE.overdue([("list_review", "x")],
                                            since=date(2026, 1, 1), today=date(2026, 1, 1)),
     InvalidInput, r"^done day must be a "),
])
def test_a_refused_review_value_is_named_by_its_field(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_review_held_today_a_holiday_first_of_month_is_the_last_periods() -> None:
    # the July survey falls due on 2 July (1 July is a holiday); one held on 1 July is still
    # the January survey's, also when 1 July is today
    calendar = BusinessCalendar(timezone="UTC", holidays=[date(2026, 1, 1), date(2026, 7, 1)],
                                valid_from=date(2026, 1, 1), valid_until=date(2027, 12, 31))
    missed = DEFAULT_REVIEW_CADENCE.overdue(
        [("roster_survey", date(2026, 7, 1))], since=date(2026, 1, 1),
        today=date(2026, 7, 1), calendar=calendar)
    assert ReviewDue(ReviewKind.ROSTER_SURVEY, date(2026, 1, 2)) not in missed
    assert ReviewDue(ReviewKind.LIST_REVIEW, date(2026, 1, 2)) in missed
