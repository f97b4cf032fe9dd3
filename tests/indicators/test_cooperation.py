"""Business cooperation growth, period over period and after visits (seed 001)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from indicator_builders import H1, visit, volume
from keyaccount import (
    Dimension,
    Indicator,
    InvalidInput,
    compute_indicators,
    cooperation_growth,
    cooperation_growth_after_visits,
)


def test_cooperation_growth_period_over_period() -> None:
    volumes = [
        volume("ACME", date(2024, 9, 1), "100.00"),
        volume("ACME", date(2025, 2, 1), "150.00"),
        volume("BOLT", date(2025, 3, 1), "80.00", tier="C"),  # nothing before: not applicable
        volume("ACME", date(2024, 6, 30), "999.00"),  # before the previous period
    ]
    growth = cooperation_growth(volumes, H1)
    acme = growth.of(Dimension.ACCOUNT, "ACME")
    assert (acme.numerator, acme.denominator) == (Decimal("50.00"), Decimal("100.00"))
    assert acme.value == Fraction(1, 2)
    assert acme.normalised == Fraction(150, 250)
    assert growth.of(Dimension.ACCOUNT, "BOLT").value is None
    assert growth.portfolio.value == Fraction(130, 100)


def test_a_business_that_stopped_has_growth_minus_one_and_normalises_to_zero() -> None:
    growth = cooperation_growth([volume("ACME", date(2024, 9, 1), "100")], H1)
    assert growth.portfolio.value == -1
    assert growth.portfolio.normalised == 0


def test_growth_after_a_visit_compares_the_windows_around_the_first_visit() -> None:
    visits = [
        visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1)),
        visit("ACME", "A", "Wang", date(2025, 5, 1), date(2025, 5, 2)),  # not the pivot
        visit("BOLT", "C", "Li", date(2025, 3, 1)),  # not done: BOLT is left out
    ]
    volumes = [
        volume("ACME", date(2024, 11, 30), "500"),  # before the window
        volume("ACME", date(2025, 1, 15), "100"),
        volume("ACME", date(2025, 3, 1), "60"),  # the visit day counts as after
        volume("ACME", date(2025, 5, 31), "60"),
        volume("ACME", date(2025, 6, 1), "700"),  # after the window
        volume("BOLT", date(2025, 4, 1), "80", tier="C", manager="Li"),
    ]
    growth = cooperation_growth_after_visits(visits, volumes, H1)
    assert (growth.portfolio.numerator, growth.portfolio.denominator) == (20, 100)
    assert growth.portfolio.value == Fraction(1, 5)
    assert "BOLT" not in growth.by(Dimension.ACCOUNT)
    narrow = cooperation_growth_after_visits(visits, volumes, H1, window=relativedelta(days=30))
    assert narrow.portfolio.value is None


def test_growth_after_visits_pivots_on_the_earliest_visit_whatever_the_record_order() -> None:
    # Listed latest first: a pivot taken from the first record read would be 1 May.
    visits = [
        visit("ACME", "A", "Wang", date(2025, 5, 1), date(2025, 5, 1)),
        visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1)),
    ]
    volumes = [
        volume("ACME", date(2025, 2, 1), "100"),  # before 1 March only
        volume("ACME", date(2025, 4, 1), "300"),  # after 1 March, before 1 May
    ]
    for growth in (
        cooperation_growth_after_visits(visits, volumes, H1),
        compute_indicators(H1, visits=visits, volumes=volumes)[
            Indicator.COOPERATION_GROWTH_AFTER_VISITS],
    ):
        assert (growth.portfolio.numerator, growth.portfolio.denominator) == (200, 100)


def test_a_visit_done_on_the_first_day_of_the_next_period_is_no_pivot_for_growth() -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 6, 30), date(2025, 7, 1))]
    volumes = [volume("ACME", date(2025, 6, 1), "100"), volume("ACME", date(2025, 7, 2), "50")]
    for growth in (
        cooperation_growth_after_visits(visits, volumes, H1),
        compute_indicators(H1, visits=visits, volumes=volumes)[
            Indicator.COOPERATION_GROWTH_AFTER_VISITS],
    ):
        assert "ACME" not in growth.by(Dimension.ACCOUNT)
        assert not growth.portfolio.applicable


@pytest.mark.parametrize("window", [relativedelta(months=-3), relativedelta(), 90])
def test_growth_after_visits_needs_a_window_reaching_forward(window: Any) -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1))]
    with pytest.raises(InvalidInput, match="visit window"):
        cooperation_growth_after_visits(visits, [], H1, window=window)
    with pytest.raises(InvalidInput, match="visit window"):
        compute_indicators(H1, visits=visits, volumes=[], visit_window=window)


@pytest.mark.parametrize(
    "window",
    [
        relativedelta(months=10**8),
        relativedelta(days=10**10),
        relativedelta(years=10**5),
        relativedelta(months=121),
        relativedelta(days=3661),
        relativedelta(hours=5),
        relativedelta(year=2030),
    ],
)
def test_growth_after_visits_refuses_a_window_longer_than_ten_years_or_not_of_days(
    window: relativedelta,
) -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1))]
    with pytest.raises(InvalidInput, match=r"visit window .* at most 10 years"):
        cooperation_growth_after_visits(visits, [], H1, window=window)
    with pytest.raises(InvalidInput, match=r"visit window .* at most 10 years"):
        compute_indicators(H1, visits=visits, volumes=[], visit_window=window)


def test_growth_after_visits_accepts_a_window_of_ten_years() -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 3, 1), date(2025, 3, 1))]
    for window in (relativedelta(years=10), relativedelta(days=3660)):
        growth = cooperation_growth_after_visits(visits, [], H1, window=window)
        assert not growth.portfolio.applicable


def test_two_bookings_of_one_account_in_one_period_both_count() -> None:
    volumes = [
        volume("ACME", date(2024, 8, 1), "40"), volume("ACME", date(2024, 9, 1), "60"),
        volume("ACME", date(2025, 2, 1), "70"), volume("ACME", date(2025, 3, 1), "80"),
    ]
    acme = cooperation_growth(volumes, H1).of(Dimension.ACCOUNT, "ACME")
    assert (acme.numerator, acme.denominator) == (Decimal(50), Decimal(100))


def test_two_bookings_of_one_account_on_one_side_of_its_visit_both_count() -> None:
    visits = [visit("ACME", "A", "Wang", date(2025, 3, 3), date(2025, 3, 3))]
    volumes = [
        volume("ACME", date(2025, 2, 1), "40"), volume("ACME", date(2025, 2, 2), "60"),
        volume("ACME", date(2025, 4, 1), "70"), volume("ACME", date(2025, 4, 2), "80"),
    ]
    acme = cooperation_growth_after_visits(visits, volumes, H1).of(Dimension.ACCOUNT, "ACME")
    assert (acme.numerator, acme.denominator) == (Decimal(50), Decimal(100))
