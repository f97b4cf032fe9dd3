"""Rules of calendar/_fields.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest

from keyaccount import BusinessCalendar, InvalidInput


def test_working_hours_that_touch_are_accepted_and_count_as_one_stretch() -> None:
    calendar = BusinessCalendar(
        timezone="UTC", working_hours=[(time(9), time(12)), (time(12), time(18))]
    )
    assert calendar.working_day_length == timedelta(hours=9)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"holidays": "2025-10-01"},
         r"^BusinessCalendar\.holidays must be a collection of dates, got '2025-10-01'"),
        ({"makeup_workdays": "2025-10-11"},
         r"^BusinessCalendar\.makeup_workdays must be a collection of dates, got"),
        ({"workdays": "mon"},
         r"^BusinessCalendar\.workdays must be a collection of weekday numbers 0 \(Monday\) to "
         r"6 \(Sunday\), got 'mon'"),
        ({"working_hours": "09:00-12:00"},
         r"^BusinessCalendar\.working_hours must be a collection of \(start, end\) pairs of "
         r"times, got '09:00-12:00'"),
        ({"working_hours": [(time(9), "12:00")]},
         r"^BusinessCalendar\.working_hours\[0\] end must be a datetime\.time, got '12:00'"),
        ({"working_hours": [(time(8), time(9)), ("09:00", time(12))]},
         r"^BusinessCalendar\.working_hours\[1\] start must be a datetime\.time, got '09:00'"),
    ],
)
def test_a_calendar_field_of_the_wrong_kind_is_refused_naming_it_and_what_was_expected(
    arguments: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        BusinessCalendar(timezone="UTC", **arguments)
