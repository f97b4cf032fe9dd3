"""Visit quotas and intervals (SPEC §6); plan periods are tested in tests/calendar."""

from datetime import date

import pytest

from keyaccount import (
    InvalidInput,
    Period,
    VisitInterval,
    VisitQuota,
    scaled_count,
)

# --- quotas, intervals --------------------------------------------------------------------


def test_a_negative_visit_count_is_refused() -> None:
    with pytest.raises(InvalidInput, match="on_site"):
        VisitQuota(on_site=-1)


def test_an_interval_is_either_months_or_days() -> None:
    with pytest.raises(InvalidInput, match="exactly one"):
        VisitInterval(months=1, days=3)
    with pytest.raises(InvalidInput, match="exactly one"):
        VisitInterval()
    assert VisitInterval(months=1).after(date(2026, 1, 31)) == date(2026, 2, 28)



@pytest.mark.parametrize("value", [2.5, True, "2", None, -1])
def test_an_interval_counts_whole_months_or_days_refusing_anything_else(value: object) -> None:
    for field in ("months", "days"):
        with pytest.raises(InvalidInput, match=rf"VisitInterval.{field} must be an int in 0\.\."):
            VisitInterval(**{field: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [("months", 121, 120), ("months", 10**8, 120), ("days", 3661, 3660), ("days", 2**70, 3660)],
)
def test_an_interval_is_at_most_ten_years(field: str, value: int, limit: int) -> None:
    with pytest.raises(
        InvalidInput, match=rf"VisitInterval.{field} must be an int in 0\.\.{limit}, got {value}"
    ):
        VisitInterval(**{field: value})  # type: ignore[arg-type]
    assert VisitInterval(**{field: limit}).after(date(2199, 12, 31)).year in (2209, 2210)  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31)])
def test_an_interval_counts_from_a_day_in_the_years_1900_to_2199(day: date) -> None:
    interval = VisitInterval(months=1)
    with pytest.raises(InvalidInput, match=r"day must be a date in the years 1900-2199"):
        interval.after(day)
    with pytest.raises(InvalidInput, match=r"today must be a date in the years 1900-2199"):
        interval.window_start(day)


@pytest.mark.parametrize("per_year", [-12, -1, True, 2.0, "4", None])
def test_only_a_whole_number_of_visits_a_year_is_scaled_to_a_period(per_year: object) -> None:
    whole_months = Period.year(2026)
    not_whole_months = Period(date(2026, 1, 1), date(2026, 2, 15))
    for period in (whole_months, not_whole_months):
        with pytest.raises(InvalidInput, match=r"scaled_count per_year must be an int >= 0"):
            scaled_count(per_year, period)  # type: ignore[arg-type]


def test_a_period_that_is_not_whole_months_owes_its_share_of_days_rounded_up() -> None:
    # 45 days of 365: 12 a year owes 45 * 12 / 365 = 1.48, so 2; 0 a year owes nothing
    not_whole_months = Period(date(2026, 1, 1), date(2026, 2, 15))
    assert scaled_count(12, not_whole_months) == 2
    assert scaled_count(0, not_whole_months) == 0
    assert scaled_count(365, not_whole_months) == 45
    with pytest.raises(InvalidInput, match=r"scaled_count period must be a Period, got 'Q1'"):
        scaled_count(4, "Q1")  # type: ignore[arg-type]
