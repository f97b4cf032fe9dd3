"""Rules of visits/quotas.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from keyaccount import InvalidInput, Period, VisitInterval, VisitKind, VisitQuota, scaled_count


def test_an_interval_reads_as_its_count_and_unit_singular_for_one() -> None:
    assert str(VisitInterval(months=1)) == "1 month"
    assert str(VisitInterval(months=3)) == "3 months"
    assert str(VisitInterval(days=1)) == "1 day"
    assert str(VisitInterval(days=40)) == "40 days"
    assert str(VisitInterval(days=2)) == "2 days"


def test_an_interval_of_days_starts_its_window_that_many_days_before_today() -> None:
    assert VisitInterval(days=40).window_start(date(2026, 6, 15)) == date(2026, 5, 6)
    assert VisitInterval(months=2).window_start(date(2026, 6, 15)) == date(2026, 4, 15)


@pytest.mark.parametrize(("months", "days"), [(0, 0), (1, 30), (-1, 30), (2, -1)])
def test_an_interval_needs_exactly_one_of_months_or_days_above_zero(months: int, days: int) -> None:
    with pytest.raises(InvalidInput, match=r"^VisitInterval"):
        VisitInterval(months=months, days=days)


def test_a_period_of_other_than_whole_months_owes_the_yearly_count_scaled_by_365_days() -> None:
    period = Period(date(2026, 1, 2), date(2026, 7, 4))  # 183 days, not whole months
    assert period.whole_months is None
    assert scaled_count(730, period) == 366  # 730 * 183 / 365 exactly
    assert scaled_count(1, period) == 1  # rounded up: a minimum


@pytest.mark.parametrize("per_year", [-1, 10**9 + 1, True, 2.5, None])
def test_a_yearly_count_that_is_no_count_is_refused_naming_it_and_the_value(
    per_year: object,
) -> None:
    expected = (
        rf"^scaled_count per_year must be an int in 0\.\..* \(visits a year\), "
        rf"got {re.escape(repr(per_year))}$"
    )
    with pytest.raises(InvalidInput, match=expected):
        scaled_count(per_year, Period.year(2026))  # type: ignore[arg-type]


def test_a_yearly_count_from_zero_to_a_billion_is_scaled() -> None:
    assert scaled_count(0, Period.year(2026)) == 0
    assert scaled_count(10**9, Period.year(2026)) == 10**9


def test_a_quota_counts_a_kind_given_as_a_member_or_by_name() -> None:
    quota = VisitQuota(on_site=6, greeting=2)
    assert quota.count(VisitKind.ON_SITE) == quota.count("on_site") == 6  # type: ignore[arg-type]
    assert quota.count("greeting") == 2  # type: ignore[arg-type]


def test_a_quota_asked_for_an_unknown_kind_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^VisitQuota\.count kind must be one of \[.*'bogus'"):
        VisitQuota().count("bogus")  # type: ignore[arg-type]
