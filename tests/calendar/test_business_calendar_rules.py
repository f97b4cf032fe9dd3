"""Rules of the business calendar found unguarded by mutation testing (SPEC §8).

Each test kills a surviving mutant of keyaccount.domain.calendar.business_calendar; see
docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import date

import pytest

from keyaccount import BusinessCalendar, CalendarRangeError, InvalidInput

DAY = date(2025, 6, 2)  # a Monday


def test_a_calendar_may_cover_a_single_day() -> None:
    calendar = BusinessCalendar("Asia/Shanghai", valid_from=DAY, valid_until=DAY)
    assert calendar.is_working_day(DAY)
    with pytest.raises(CalendarRangeError):
        calendar.is_working_day(date(2025, 6, 3))
    with pytest.raises(InvalidInput, match=r"valid_from 2025-06-03 is after valid_until "
                                           r"2025-06-02"):
        BusinessCalendar("Asia/Shanghai", valid_from=date(2025, 6, 3), valid_until=DAY)
