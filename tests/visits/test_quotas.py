"""Visit quotas and intervals (SPEC §6); plan periods are tested in tests/calendar."""

from datetime import date

import pytest

from keyaccount import (
    InvalidInput,
    VisitInterval,
    VisitQuota,
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

