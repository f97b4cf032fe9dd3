"""Visit quotas, plan periods and intervals (SPEC §6)."""

from datetime import date

import pytest

from keyaccount import (
    InvalidInput,
    PlanPeriod,
    VisitInterval,
    VisitQuota,
)

# --- quotas, periods, intervals -----------------------------------------------------------


def test_a_negative_visit_count_is_refused() -> None:
    with pytest.raises(InvalidInput, match="on_site"):
        VisitQuota(on_site=-1)


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidInput, match=r"PlanPeriod\.end"):
        PlanPeriod(date(2026, 1, 1), date(2026, 1, 1))


def test_a_period_knows_whether_it_is_made_of_whole_months() -> None:
    assert PlanPeriod.year(2026).months == 12
    assert PlanPeriod(date(2026, 1, 31), date(2026, 3, 31)).months is None
    assert date(2026, 12, 31) in PlanPeriod.year(2026)
    assert date(2027, 1, 1) not in PlanPeriod.year(2026)


def test_an_interval_is_either_months_or_days() -> None:
    with pytest.raises(InvalidInput, match="exactly one"):
        VisitInterval(months=1, days=3)
    with pytest.raises(InvalidInput, match="exactly one"):
        VisitInterval()
    assert VisitInterval(months=1).after(date(2026, 1, 31)) == date(2026, 2, 28)

