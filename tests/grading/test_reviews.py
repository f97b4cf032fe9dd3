"""The review cadence of the key-account list (SPEC §5d)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    DEFAULT_REVIEW_CADENCE,
    BusinessCalendar,
    InvalidInput,
    PolicyConfigError,
    ReviewCadence,
    ReviewDue,
    ReviewKind,
)


def _next(day: date) -> dict[ReviewKind, date]:
    return {due.kind: due.due_on for due in DEFAULT_REVIEW_CADENCE.next_due(day)}


def test_the_key_account_list_is_reviewed_at_the_start_of_every_year() -> None:
    assert _next(date(2026, 3, 15))[ReviewKind.LIST_REVIEW] == date(2027, 1, 1)
    assert _next(date(2026, 1, 1))[ReviewKind.LIST_REVIEW] == date(2026, 1, 1)


def test_trading_accounts_are_resurveyed_twice_a_year() -> None:
    assert _next(date(2026, 3, 15))[ReviewKind.ROSTER_SURVEY] == date(2026, 7, 1)
    assert _next(date(2026, 7, 2))[ReviewKind.ROSTER_SURVEY] == date(2027, 1, 1)
    assert DEFAULT_REVIEW_CADENCE.roster_survey_months == (1, 7)


def test_next_years_targets_are_set_every_december() -> None:
    assert _next(date(2026, 3, 15))[ReviewKind.TARGET_SETTING] == date(2026, 12, 1)
    assert _next(date(2026, 12, 2))[ReviewKind.TARGET_SETTING] == date(2027, 12, 1)
    assert DEFAULT_REVIEW_CADENCE.due_in_month_of(date(2026, 12, 20)) == (
        ReviewKind.TARGET_SETTING,
    )


def test_in_january_the_list_review_and_the_survey_are_both_due() -> None:
    assert set(DEFAULT_REVIEW_CADENCE.due_in_month_of(date(2027, 1, 9))) == {
        ReviewKind.LIST_REVIEW, ReviewKind.ROSTER_SURVEY,
    }


def test_the_review_months_are_a_setting() -> None:
    cadence = ReviewCadence.from_mapping({"roster_survey_months": [3, 9]})
    assert cadence.roster_survey_months == (3, 9)
    assert cadence.list_review_months == (1,)
    assert _next(date(2026, 3, 15)) != {
        due.kind: due.due_on for due in cadence.next_due(date(2026, 3, 15))
    }


def test_review_settings_with_an_unknown_key_or_a_bad_month_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match="unknown"):
        ReviewCadence.from_mapping({"survey_months": [1]})
    with pytest.raises(PolicyConfigError, match=r"1\.\.12"):
        ReviewCadence.from_mapping({"target_setting_months": [13]})
    with pytest.raises(PolicyConfigError, match="at least one month"):
        ReviewCadence.from_mapping({"list_review_months": []})


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_every_review_falls_due_within_a_year_on_the_first_of_one_of_its_months(
    day: date,
) -> None:
    for due in DEFAULT_REVIEW_CADENCE.next_due(day):
        assert day <= due.due_on < day + timedelta(days=366)
        assert due.due_on.day == 1
        assert due.due_on.month in DEFAULT_REVIEW_CADENCE.months_of(due.kind)


@pytest.mark.parametrize("setting", ["list_review_months", "roster_survey_months",
                                     "target_setting_months"])
@pytest.mark.parametrize("months", [None, "1,7", 1.5, {"1": 7}])
def test_review_settings_name_the_setting_whose_months_are_not_a_collection(
    setting: str, months: object
) -> None:
    # 0.1 said "'NoneType' object is not iterable", naming no setting
    with pytest.raises(PolicyConfigError, match=rf"ReviewCadence\.{setting} must be a collection"):
        ReviewCadence.from_mapping({setting: months})


@pytest.mark.parametrize("months", [[1, "7"], [True], [0], [1, None]])
def test_review_settings_name_the_setting_of_a_month_that_is_not_one(months: object) -> None:
    with pytest.raises(PolicyConfigError,
                       match=r"ReviewCadence\.roster_survey_months must hold months, ints 1\.\.12"):
        ReviewCadence.from_mapping({"roster_survey_months": months})


@pytest.mark.parametrize("day", [date(9999, 12, 15), date(1, 1, 1), date(2200, 1, 1)])
def test_reviews_are_due_only_for_days_in_the_years_1900_to_2199(day: date) -> None:
    # 0.1 raised a bare ValueError ("year 10000 is out of range") for December 9999
    with pytest.raises(InvalidInput, match=r"day must be a date in the years 1900-2199"):
        DEFAULT_REVIEW_CADENCE.next_due(day)
    with pytest.raises(InvalidInput, match=r"day must be a date in the years 1900-2199"):
        DEFAULT_REVIEW_CADENCE.due_in_month_of(day)


def test_reviews_are_due_up_to_the_last_day_of_2199() -> None:
    due = DEFAULT_REVIEW_CADENCE.next_due(date(2199, 12, 31))
    assert [review.due_on for review in due][-1] == date(2200, 12, 1)


# --- issue 12 -------------------------------------------------------------------------------


def test_the_months_of_a_review_are_asked_for_by_kind_or_its_name() -> None:
    assert DEFAULT_REVIEW_CADENCE.months_of("roster_survey") == (1, 7)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="kind must be one of"):
        DEFAULT_REVIEW_CADENCE.months_of("bogus")  # type: ignore[arg-type]


def test_a_review_due_takes_its_kind_by_name_and_falls_due_by_2200() -> None:
    assert ReviewDue("list_review", date(2200, 1, 1)).kind is ReviewKind.LIST_REVIEW  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"ReviewDue\.kind must be one of"):
        ReviewDue("bogus", date(2027, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"ReviewDue\.due_on must be a date in the years"):
        ReviewDue(ReviewKind.LIST_REVIEW, date(9999, 1, 1))


def test_a_review_without_months_is_named_by_its_setting() -> None:
    with pytest.raises(PolicyConfigError, match="roster_survey_months needs at least one month"):
        ReviewCadence.from_mapping({"roster_survey_months": []})


# --- on the business calendar (issue 16; seed 001 §三(一)2, seed 003 第六条) ---

# 2026: New Year 1-3 January off, Sunday 4 January a make-up working day
NEW_YEAR_2026 = BusinessCalendar(
    timezone="Asia/Shanghai", holidays=[date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)],
    makeup_workdays=[date(2026, 1, 4)], valid_from=date(2025, 1, 1),
    valid_until=date(2027, 12, 31))


def test_a_review_due_on_a_holiday_is_due_on_the_first_working_day_after_it() -> None:
    due = {d.kind: d.due_on for d in DEFAULT_REVIEW_CADENCE.next_due(
        date(2025, 12, 20), calendar=NEW_YEAR_2026)}
    assert due[ReviewKind.LIST_REVIEW] == date(2026, 1, 4)
    assert due[ReviewKind.ROSTER_SURVEY] == date(2026, 1, 4)
    # a review on a working day stays put: 1 December 2026 is a Tuesday
    assert due[ReviewKind.TARGET_SETTING] == date(2026, 12, 1)


def test_a_review_moved_past_the_holiday_is_still_due_on_the_holiday_itself() -> None:
    due = {d.kind: d.due_on for d in DEFAULT_REVIEW_CADENCE.next_due(
        date(2026, 1, 2), calendar=NEW_YEAR_2026)}
    assert due[ReviewKind.LIST_REVIEW] == date(2026, 1, 4)


def test_a_missed_review_is_reported_overdue_instead_of_dropped() -> None:
    missed = DEFAULT_REVIEW_CADENCE.overdue(
        [("list_review", date(2026, 1, 5)), (ReviewKind.TARGET_SETTING, date(2026, 12, 2))],
        since=date(2026, 1, 1), today=date(2027, 1, 10), calendar=NEW_YEAR_2026)
    assert [(d.kind, d.due_on) for d in missed] == [
        (ReviewKind.ROSTER_SURVEY, date(2026, 1, 4)),
        (ReviewKind.ROSTER_SURVEY, date(2026, 7, 1)),
        (ReviewKind.LIST_REVIEW, date(2027, 1, 1)),
        (ReviewKind.ROSTER_SURVEY, date(2027, 1, 1)),
    ]


def test_a_review_held_late_but_before_the_next_one_is_not_overdue() -> None:
    missed = DEFAULT_REVIEW_CADENCE.overdue(
        [("roster_survey", date(2026, 3, 1))], since=date(2026, 1, 1), today=date(2026, 6, 1))
    assert ReviewKind.ROSTER_SURVEY not in {d.kind for d in missed}


def test_a_review_due_today_is_not_overdue_yet() -> None:
    assert DEFAULT_REVIEW_CADENCE.overdue([], since=date(2026, 7, 1), today=date(2026, 7, 1)) == ()


def test_overdue_refuses_since_after_today_and_malformed_entries() -> None:
    with pytest.raises(InvalidInput, match="since 2026-02-01 is after today"):
        DEFAULT_REVIEW_CADENCE.overdue([], since=date(2026, 2, 1), today=date(2026, 1, 1))
    with pytest.raises(InvalidInput, match=r"done must hold \(kind, date\) pairs"):
        DEFAULT_REVIEW_CADENCE.overdue(
            [("list_review",)],  # type: ignore[list-item]
            since=date(2026, 1, 1), today=date(2026, 2, 1))


@given(start=st.dates(date(2025, 1, 1), date(2026, 12, 31)))
def test_a_due_day_on_the_calendar_is_a_working_day_no_earlier_than_the_plain_one(
    start: date,
) -> None:
    plain = {d.kind: d.due_on for d in DEFAULT_REVIEW_CADENCE.next_due(start)}
    for due in DEFAULT_REVIEW_CADENCE.next_due(start, calendar=NEW_YEAR_2026):
        assert NEW_YEAR_2026.is_working_day(due.due_on)
        assert due.due_on >= start
        # never later than the plain due day moved to its first working day
        first = plain[due.kind]
        moved = first if NEW_YEAR_2026.is_working_day(first) else (
            NEW_YEAR_2026.next_working_day(first))
        assert due.due_on <= moved


@given(since=st.dates(date(2025, 1, 1), date(2027, 6, 30)), span=st.integers(0, 400))
def test_with_nothing_held_every_due_day_before_today_is_overdue(since: date, span: int) -> None:
    today = min(since + timedelta(days=span), date(2027, 12, 1))
    missed = DEFAULT_REVIEW_CADENCE.overdue([], since=since, today=today)
    expected = sum(1 for kind in ReviewKind for year in range(since.year, today.year + 1)
                   for month in DEFAULT_REVIEW_CADENCE.months_of(kind)
                   if since <= date(year, month, 1) < today)
    assert len(missed) == expected
