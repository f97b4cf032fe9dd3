"""Rules of business cooperation growth (domain/indicators/cooperation.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from indicator_builders import H1, visit, volume
from keyaccount import (
    Dimension,
    InvalidInput,
    VolumeFact,
    cooperation_growth,
    cooperation_growth_after_visits,
)

PIVOT = date(2025, 3, 3)
VISITS = [visit("ACME", "A", "Wang", PIVOT, PIVOT)]


def _after_visits(volumes: Any, **options: Any) -> Any:
    return cooperation_growth_after_visits(VISITS, volumes, H1, **options)


@pytest.mark.parametrize("window", [
    relativedelta(days=1),
    relativedelta(years=10, days=7),  # 3,660 days from 2000-01-01, the longest 10 years
    relativedelta(years=10, months=-1),
    relativedelta(months=1, days=3629),
])
def test_a_visit_window_of_one_day_up_to_3660_days_from_any_day_is_accepted(
    window: relativedelta,
) -> None:
    assert _after_visits([volume("ACME", date(2025, 2, 1), "100")], window=window).portfolio


@pytest.mark.parametrize("window", [
    relativedelta(years=10, days=8),  # 3,661 days from a day before three leap days
    relativedelta(months=1, days=3630),  # 3,661 days from a day before a month of 31 days
])
def test_a_visit_window_that_spans_more_than_3660_days_from_some_day_is_refused(
    window: relativedelta,
) -> None:
    with pytest.raises(InvalidInput, match=r"^the visit window \(visit_window\) must be"):
        _after_visits([], window=window)


def test_a_booking_on_the_first_day_of_the_window_before_the_visit_counts() -> None:
    growth = _after_visits([volume("ACME", date(2024, 12, 3), "100"),
                            volume("ACME", date(2024, 12, 2), "999"),  # before the window
                            volume("ACME", PIVOT, "150")])
    acme = growth.of(Dimension.ACCOUNT, "ACME")
    assert (acme.numerator, acme.denominator) == (Decimal(50), Decimal(100))


@pytest.mark.parametrize("growth", [
    lambda volumes: cooperation_growth(volumes, H1),
    _after_visits,
])
def test_growth_computed_under_a_coarse_decimal_context_is_still_exact(
    growth: Callable[[list[VolumeFact]], Any],
) -> None:
    volumes = [volume("ACME", date(2024, 12, 3), "123456789012345.678901"),
               volume("ACME", date(2024, 12, 4), "0.000001"),
               volume("ACME", PIVOT, "987654321098765.432109")]
    with localcontext() as coarse:
        coarse.prec = 6
        portfolio = growth(volumes).portfolio
    assert portfolio.denominator == Decimal("123456789012345.678902")
    assert portfolio.numerator == Decimal("864197532086419.753207")


@pytest.mark.parametrize("growth", [
    lambda volumes: cooperation_growth(volumes, H1),
    _after_visits,
])
@pytest.mark.parametrize(("volumes", "message"), [
    ([5], r"^volumes must hold VolumeFact records, got 5"),
    (5, r"^volumes must be a collection of VolumeFact records, got 5"),
])
def test_volumes_that_are_not_volume_records_are_refused_naming_the_argument(
    growth: Callable[[Any], Any], volumes: Any, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        growth(volumes)


class _FaultyVolume(VolumeFact):
    """A host's own record type whose attribute fails: its fault is not a foreign record."""

    __slots__ = ()

    @property
    def booked_on(self) -> date:  # type: ignore[override]
        raise AttributeError("the host's own fault")


@pytest.mark.parametrize("growth", [
    lambda volumes: cooperation_growth(volumes, H1),
    _after_visits,
])
def test_a_fault_of_a_volume_record_of_the_right_kind_propagates_unchanged(
    growth: Callable[[Any], Any],
) -> None:
    faulty = volume("ACME", PIVOT, "100")
    object.__setattr__(faulty, "__class__", _FaultyVolume)
    with pytest.raises(AttributeError, match="the host's own fault"):
        growth([faulty])
