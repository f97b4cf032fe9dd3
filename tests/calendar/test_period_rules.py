"""Rules of periods found unguarded by mutation testing (SPEC §6, §9).

Each test kills surviving mutants of keyaccount.domain.calendar.period; see
docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

import pytest

from keyaccount import InvalidInput, Period


class _Day(date):
    """A date subclass, as a host's date library may hand in."""


class _NoOffset(tzinfo):
    """A zone that knows no offset: its instants are naive (Python's own rule)."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


def test_a_period_accepts_a_date_subclass_and_names_a_bound_that_is_not_a_date() -> None:
    assert Period(_Day(2025, 1, 1), _Day(2025, 2, 1)).days == 31
    with pytest.raises(InvalidInput, match=r"^Period\.start must be a datetime\.date, got "
                                           r"'2025-01-01'$"):
        Period("2025-01-01", date(2025, 2, 1))  # type: ignore[arg-type]


def test_an_instant_whose_zone_gives_no_offset_is_naive_and_has_no_day_in_a_period() -> None:
    moment = datetime(2025, 1, 15, 12, tzinfo=_NoOffset())
    with pytest.raises(InvalidInput, match=r"^a naive datetime has no calendar day"):
        moment in Period.year(2025)  # noqa: B015 - the membership test is what is refused


def test_the_first_day_after_the_years_keyaccount_computes_with_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput, match=r"^day must be within the years 1900-2199, got "
                                           r"2200-01-01$"):
        Period.containing(date(2200, 1, 1))
    assert str(Period.containing(date(2199, 12, 31))) == "2199-H2"


@pytest.mark.parametrize(("start", "end"), [
    (date(2025, 3, 15), date(2025, 4, 15)),   # a month long, but not a calendar month
    (date(2025, 1, 2), date(2025, 7, 2)),     # six months from the 2nd
])
def test_only_a_period_starting_on_the_first_is_named_by_its_month_quarter_or_half(
    start: date, end: date
) -> None:
    period = Period(start, end)
    assert str(period) == f"{start.isoformat()}..{period.last_day.isoformat()}"
