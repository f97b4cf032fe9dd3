"""The review cadence of the key-account list (SPEC §5d)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    DEFAULT_REVIEW_CADENCE,
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
