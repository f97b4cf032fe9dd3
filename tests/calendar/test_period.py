"""Periods (domain/calendar/period.py): plan periods (SPEC §6) and appraisal periods (SPEC §9).

One type for both: the visit planner's plan years and spans, and the indicators' half-years
(seed 001 §六(二)), years, quarters and odd spans of days.
"""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import InvalidInput, Period
from keyaccount.testing import indicator_periods

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
ALIGNED_MONTHS = st.sampled_from([1, 2, 3, 4, 6, 12])
# Periods of whole months: from a day every month has, as the planner and the indicators ask.
WHOLE_MONTH_PERIODS = st.one_of(
    st.builds(Period.months, DAYS.filter(lambda day: day.day <= 28), st.integers(1, 36)),
    st.builds(lambda day, months: Period.containing(day, months=months), DAYS, ALIGNED_MONTHS),
    st.builds(Period.half_year, st.integers(1990, 2060), st.sampled_from([1, 2])),
    st.builds(Period.year, st.integers(1990, 2060)),
)
# Any period: the above, month-end starts, and odd spans of days.
PERIODS = st.one_of(
    WHOLE_MONTH_PERIODS,
    indicator_periods(),
    st.builds(Period.months, DAYS, st.integers(1, 36)),
    st.builds(lambda start, days: Period(start, start + timedelta(days=days)), DAYS,
              st.integers(1, 800)),
)


def test_the_default_period_is_the_half_year_of_seed_001() -> None:
    assert Period.containing(date(2025, 6, 30)) == Period(date(2025, 1, 1), date(2025, 7, 1))
    assert str(Period.containing(date(2025, 7, 1))) == "2025-H2"


def test_the_period_before_h1_is_the_previous_h2() -> None:
    assert Period.half_year(2025, 1).previous() == Period.half_year(2024, 2)
    assert Period.year(2025).previous() == Period.year(2024)


def test_the_next_period_has_the_same_calendar_length() -> None:
    assert Period.half_year(2025, 2).next() == Period.half_year(2026, 1)
    assert Period.year(2025).next() == Period.year(2026)
    assert Period.containing(date(2025, 2, 1), months=3).next() == Period.months(
        date(2025, 4, 1), 3)


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidInput, match="end must be after"):
        Period(date(2025, 7, 1), date(2025, 1, 1))


def test_a_half_year_is_h1_or_h2_only() -> None:
    with pytest.raises(InvalidInput, match="half must be 1"):
        Period.half_year(2025, 3)


def test_any_period_can_be_asked_for_in_months() -> None:
    leap_february = Period.months(date(2024, 2, 1), 1)
    assert leap_february.last_day == date(2024, 2, 29)
    assert str(Period.months(date(2025, 5, 10), 2)) == "2025-05-10..2025-07-09"


def test_a_period_whose_length_does_not_divide_the_year_is_refused_for_containing() -> None:
    with pytest.raises(InvalidInput, match="divide the year"):
        Period.containing(date(2025, 1, 1), months=5)


def test_a_datetime_is_not_a_period_bound() -> None:
    from datetime import datetime

    with pytest.raises(InvalidInput, match=r"datetime\.date"):
        Period(datetime(2025, 1, 1, tzinfo=UTC), date(2025, 2, 1))  # type: ignore[arg-type]


def test_a_day_is_in_a_period_from_its_start_up_to_but_not_including_its_end() -> None:
    h1 = Period.half_year(2025, 1)
    assert date(2025, 1, 1) in h1
    assert date(2025, 6, 30) in h1
    assert date(2025, 7, 1) not in h1
    assert date(2024, 12, 31) not in h1
    assert h1.contains(date(2025, 7, 1)) is False


def test_an_aware_datetime_is_in_a_period_by_its_day_in_its_own_zone() -> None:
    from datetime import datetime, timedelta, timezone

    h1 = Period.half_year(2025, 1)
    shanghai_evening = datetime(2025, 6, 30, 23, 30, tzinfo=timezone(timedelta(hours=8)))
    new_york_evening = datetime(2025, 6, 30, 20, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert shanghai_evening in h1
    # the same moment is already 1 July in Shanghai: converting first counts it there
    assert new_york_evening in h1
    assert new_york_evening.astimezone(timezone(timedelta(hours=8))) not in h1


def test_a_naive_datetime_or_a_non_day_is_refused_by_a_period() -> None:
    from datetime import datetime

    h1 = Period.half_year(2025, 1)
    with pytest.raises(InvalidInput, match="naive datetime"):
        _ = datetime(2025, 3, 1, 12) in h1  # noqa: DTZ001 - the naive value refused
    with pytest.raises(InvalidInput, match="expected a date"):
        _ = "2025-03-01" in h1


@given(indicator_periods(), st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_a_day_is_in_exactly_one_of_a_period_and_its_neighbours_when_near(
    period: Period, day: date
) -> None:
    assert (day in period) == (period.start <= day <= period.last_day)
    assert period.last_day == period.end - relativedelta(days=1)
    if period.previous().start <= day < period.next().end:
        inside = [day in p for p in (period.previous(), period, period.next())]
        assert inside.count(True) == 1


def test_monthly_periods_read_as_their_month() -> None:
    assert str(Period.containing(date(2025, 2, 14), months=1)) == "2025-02"
    assert str(Period.containing(date(2025, 2, 14), months=12)) == "2025"


# --- plan periods (the visit planner's use, formerly PlanPeriod) ----------------------------


def test_a_plan_period_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidInput, match=r"Period\.end"):
        Period(date(2026, 1, 1), date(2026, 1, 1))


def test_a_period_knows_whether_it_is_made_of_whole_months() -> None:
    assert Period.year(2026).whole_months == 12
    assert Period(date(2026, 1, 31), date(2026, 3, 31)).whole_months is None
    assert date(2026, 12, 31) in Period.year(2026)
    assert date(2027, 1, 1) not in Period.year(2026)


def test_a_plan_year_counts_its_days() -> None:
    assert Period.year(2026).days == 365
    assert Period.year(2028).days == 366
    assert Period(date(2026, 1, 1), date(2026, 1, 2)).days == 1


def test_the_months_constructor_and_the_whole_month_count_agree() -> None:
    assert Period.months(date(2026, 3, 15), 4).whole_months == 4
    # from the 31st no month count is whole: February has no 31st
    assert Period.months(date(2026, 1, 31), 1).whole_months is None


def test_a_plan_year_is_the_calendar_year() -> None:
    assert Period.year(2026) == Period(date(2026, 1, 1), date(2027, 1, 1))
    assert Period.year(2026).last_day == date(2026, 12, 31)


def test_for_a_span_across_a_month_end_previous_then_next_may_shift_the_end() -> None:
    # the calendar length is measured again from the earlier start (1 month 26 days from
    # 3 January, 1 month 29 days from 1 March): documented on Period.previous
    span = Period(date(2025, 3, 1), date(2025, 4, 30))
    assert span.previous() == Period(date(2025, 1, 3), date(2025, 3, 1))
    assert span.previous().next() == Period(date(2025, 3, 1), date(2025, 4, 27))


# --- properties of the one period type --------------------------------------------------------


@given(PERIODS, DAYS)
def test_consecutive_periods_never_share_a_day(period: Period, day: date) -> None:
    for before, after in ((period.previous(), period), (period, period.next())):
        assert before.end == after.start
        assert not (day in before and day in after)
    assert (day in period) == (period.start <= day < period.end)


@given(PERIODS, DAYS)
def test_a_period_and_the_next_one_split_the_span_they_cover(period: Period, day: date) -> None:
    later = Period(period.end, period.end + timedelta(days=1 + day.toordinal() % 90))
    if period.start <= day < later.end:
        assert (day in period) != (day in later)


@given(WHOLE_MONTH_PERIODS)
def test_previous_then_next_is_the_period_itself_for_whole_months(period: Period) -> None:
    assert period.previous().next() == period
    assert period.next().previous() == period
    assert period.previous().whole_months == period.whole_months == period.next().whole_months


@given(PERIODS)
def test_the_whole_month_count_matches_relativedelta(period: Period) -> None:
    length = relativedelta(period.end, period.start)
    if period.start.day > 28 or length.days:
        assert period.whole_months is None
    else:
        assert period.whole_months == length.years * 12 + length.months
        assert period.start + relativedelta(months=period.whole_months) == period.end
    assert period.days == (period.end - period.start).days
    assert period.days == (period.last_day - period.start).days + 1


@given(DAYS, ALIGNED_MONTHS)
def test_the_period_containing_a_day_contains_it(day: date, months: int) -> None:
    period = Period.containing(day, months=months)
    assert day in period
    assert period.contains(day)
    assert period.whole_months == months
    assert period.start.day == 1
    assert (period.start.month - 1) % months == 0


@given(DAYS)
def test_the_half_year_containing_a_day_is_its_h1_or_h2(day: date) -> None:
    period = Period.containing(day)
    assert day in period
    assert period == Period.half_year(day.year, 1 if day.month <= 6 else 2)
    assert str(period) == f"{day.year}-H{1 if day.month <= 6 else 2}"


# --- bad arguments and the years computed with (SPEC §11) ----------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Period.half_year(2025, True), "half must be 1 .H1. or 2 .H2., got True"),
        (lambda: Period.half_year(True, 1), "year must be an int from 1900 to 2199"),
        (lambda: Period.year(True), "year must be an int from 1900 to 2199 .*got True"),
        (lambda: Period.year(2025.0), "year must be an int .*got 2025.0"),
        (lambda: Period.year("2025"), "year must be an int .*got '2025'"),
        (lambda: Period.months(date(2025, 1, 1), True), "must be an int >= 1, got True"),
        (lambda: Period.containing(date(2025, 5, 1), months=True), "months must divide the year"),
    ],
)
def test_a_bool_or_a_non_int_where_an_int_is_expected_is_refused(
    build: object, message: str
) -> None:
    # 0.1: Period.half_year(2025, True) was H1 and PlanPeriod.year(True) the year 1.
    with pytest.raises(InvalidInput, match=message):
        build()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Period.year(1899), "year must be an int from 1900 to 2199 .*got 1899"),
        (lambda: Period.year(9999), "got 9999"),
        (lambda: Period.half_year(2200, 1), "got 2200"),
        (lambda: Period.year(2199).next(), "Period.end must be at most 2200-01-01 .*2201-01-01"),
        (lambda: Period.half_year(1900, 1).previous(), "must be within .*, got 1899-07-01"),
        (lambda: Period.months(date.max, 1), "Period.start must be within .*, got 9999-12-31"),
        (lambda: Period.months(date.min, 1), "Period.start must be within .*, got 0001-01-01"),
        (lambda: Period.months(date(2025, 1, 1), 10**9), "at most 3600 .*got 1000000000"),
        (lambda: Period.months(date(2199, 12, 1), 2), "Period.end must be at most 2200-01-01"),
        (lambda: Period.containing(date.max), "day must be within the years 1900-2199"),
        (lambda: Period.containing(date(1899, 12, 31)), "got 1899-12-31"),
        (lambda: Period(date.min, date.max), "Period.start must be within the years 1900-2199"),
        (lambda: Period(date(2199, 12, 31), date.max), "Period.end must be at most 2200-01-01"),
    ],
)
def test_a_period_outside_the_years_1900_to_2199_is_refused_by_name(
    build: object, message: str
) -> None:
    # 0.1 raised ValueError (or OverflowError) from date arithmetic at the date limits.
    with pytest.raises(InvalidInput, match=message):
        build()  # type: ignore[operator]


def test_the_first_and_last_periods_within_the_years_1900_to_2199_are_built() -> None:
    assert Period.year(1900).start == date(1900, 1, 1)
    assert Period.year(2199).end == date(2200, 1, 1)
    assert Period.half_year(2199, 2).last_day == date(2199, 12, 31)
    assert Period.months(date(1900, 1, 1), 3600) == Period(date(1900, 1, 1), date(2200, 1, 1))
    assert str(Period.containing(date(2199, 12, 31), months=3)) == "2199-Q4"
    assert date(1899, 12, 31) not in Period.year(1900)
