"""Rules of testing/_indicators.py (the indicator strategies and checks) found by mutation testing.

See docs/explanation/testing.md. ``find`` runs with its own fixed settings, so what a strategy
must (or must never) draw is checked the same way under every profile.
"""

from __future__ import annotations

import inspect
from datetime import date
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

from indicator_builders import H1
from keyaccount import (
    Appraisal,
    AppraisalComponent,
    LoyaltyFacts,
    Period,
    SatisfactionScale,
)
from keyaccount.testing import (
    check_loyalty_policy,
    indicator_inputs,
    indicator_periods,
    satisfaction_scales,
)
from strategy_search import reaches

Q2 = Period.containing(date(2025, 4, 1), months=3)
H2_2024 = Period.half_year(2024, 2)



SCALES = {SatisfactionScale(1, 5), SatisfactionScale(1, 10), SatisfactionScale(0, 10),
          SatisfactionScale(0, 100)}


def test_the_satisfaction_scales_are_1_to_5_1_to_10_0_to_10_and_0_to_100() -> None:
    for scale in SCALES:
        assert reaches(satisfaction_scales(), lambda drawn, scale=scale: drawn == scale)
    assert not reaches(satisfaction_scales(), lambda drawn: drawn not in SCALES)


@pytest.mark.parametrize("period", [H1, H2_2024, Q2], ids=str)
def test_the_indicator_periods_include_2025_h1_2024_h2_and_2025_q2(period: Period) -> None:
    assert reaches(indicator_periods(), lambda drawn: drawn == period)


def test_the_indicator_periods_include_odd_spans_of_a_single_day() -> None:
    assert reaches(indicator_periods(), lambda drawn: drawn.end - drawn.start == date.resolution)


def _odd_span(period: Period) -> bool:
    return date(2024, 10, 1) <= period.start <= date(2025, 6, 30) and (
        1 <= (period.end - period.start).days <= 200
    )


def test_an_odd_span_starts_from_2024_10_01_to_2025_06_30_and_lasts_1_to_200_days() -> None:
    assert not reaches(
        indicator_periods(), lambda drawn: drawn not in (H1, H2_2024, Q2) and not _odd_span(drawn)
    )


def _whole_months_of_one_year(period: Period) -> bool:
    return period.whole_months is not None and period.start.day == 1 and (
        period.start.year == period.last_day.year
    )


def test_targets_and_results_come_with_a_period_of_whole_months_of_one_year() -> None:
    inputs = indicator_inputs(max_records=1)
    assert reaches(inputs, lambda drawn: drawn["period"] == H1 and "targets" in drawn)
    assert reaches(inputs, lambda drawn: drawn["period"] == Q2 and "results" in drawn)


def test_an_odd_span_or_one_across_two_years_has_no_targets_or_results() -> None:
    inputs = indicator_inputs(max_records=1)
    assert not reaches(inputs, lambda drawn: ("targets" in drawn or "results" in drawn)
                       and not _whole_months_of_one_year(drawn["period"]))
    # 2024-12-01..2025-01-31 is two whole months, but of two years
    assert reaches(inputs, lambda drawn: drawn["period"].whole_months is not None
                   and drawn["period"].start.year != drawn["period"].last_day.year)


@attrs.frozen
class _Report:
    """A loyalty report as the check reads it: each account's index and combination."""

    values: tuple[tuple[str, Fraction | None], ...]

    @property
    def index(self) -> Any:
        values = dict(self.values)
        return SimpleNamespace(of=lambda _dimension, key: SimpleNamespace(value=values[key]))

    @property
    def components(self) -> dict[str, Appraisal]:
        sound = Appraisal(H1, Fraction(1, 2), (AppraisalComponent("a", 1, 1, Fraction(1, 2)),))
        return {account: sound for account, _ in self.values}


class _FixedIndex:
    """A host's loyalty policy that gives every account the same index."""

    def __init__(self, value: Fraction | None) -> None:
        self.value = value

    def index(self, facts: Any, period: Period) -> Any:
        return _Report(tuple(sorted((fact.account_id, self.value) for fact in facts)))


FACTS = [
    LoyaltyFacts(account, "A", "Wang", "KA", repeat_purchase_count=1,
                 repeat_purchase_quantity=0, repeat_purchase_amount=0, referral_rate=0,
                 activities_invited=0, activities_joined=0, price_sensitivity=1,
                 quality_incidents=0, incidents_tolerated=0)
    for account in ("ACME", "BOLT")
]


@pytest.mark.parametrize("value", [Fraction(0), Fraction(1), Fraction(1, 2), None])
def test_the_loyalty_check_accepts_an_index_from_0_to_1_or_none(value: Fraction | None) -> None:
    check_loyalty_policy(_FixedIndex(value), FACTS, H1)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Fraction(3, 2), Fraction(-1, 2)])
def test_the_loyalty_check_catches_an_index_outside_0_to_1(value: Fraction) -> None:
    with pytest.raises(AssertionError, match=rf"^loyalty index of ACME is {value}$"):
        check_loyalty_policy(_FixedIndex(value), FACTS, H1)  # type: ignore[arg-type]


def test_indicator_inputs_draw_at_most_12_records_of_each_kind_by_default() -> None:
    # drawing enough inputs to see the bound takes minutes: the documented default is read
    assert inspect.signature(indicator_inputs).parameters["max_records"].default == 12
