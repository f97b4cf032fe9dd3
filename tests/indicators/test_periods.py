"""Appraisal periods (domain/periods.py; seed 001 §六(二) half-years)."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import InvalidInput, Period
from keyaccount.testing import indicator_periods


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
