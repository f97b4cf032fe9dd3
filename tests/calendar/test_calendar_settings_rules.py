"""Rules of calendar/_settings.py (``from_mapping``) found by mutation testing.

See docs/explanation/testing.md ("Surviving mutants").
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest

from keyaccount import BusinessCalendar, PolicyConfigError


@pytest.mark.parametrize("end", ["24:00:00", " 24:00:00 "])
def test_24_00_00_in_the_settings_is_midnight_at_the_end_of_the_day(end: str) -> None:
    whole_day = BusinessCalendar.from_mapping(
        {"timezone": "UTC", "working_hours": [f"00:00-{end}"]}
    )
    assert whole_day.working_hours == ((time(0), time(0)),)
    assert whole_day.working_day_length == timedelta(hours=24)
    evening = BusinessCalendar.from_mapping({"timezone": "UTC", "working_hours": [["18:00", end]]})
    assert evening.working_day_length == timedelta(hours=6)
    with pytest.raises(PolicyConfigError, match="must start before 24:00"):
        BusinessCalendar.from_mapping({"timezone": "UTC", "working_hours": [[end, "24:00"]]})


@pytest.mark.parametrize("day", [1.5, True, None])
def test_a_weekday_setting_that_is_neither_a_number_nor_a_name_is_a_configuration_error(
    day: object,
) -> None:
    with pytest.raises(
        PolicyConfigError, match=r"^BusinessCalendar setting 'workdays' must hold weekday numbers"
    ):
        BusinessCalendar.from_mapping({"timezone": "UTC", "workdays": [0, day]})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"timezone": "UTC", "zone": "UTC"},
         r"^BusinessCalendar settings have unknown key\(s\) \['zone'\]"),
        ({"timezone": "UTC", "working_hours": ["09:00-12:00", "x-18:00"]},
         r"^BusinessCalendar setting 'working_hours'\[1\] must be a time such as '09:00', got 'x'"),
        ({"timezone": "UTC", "working_hours": ["09:00-12:00", "13:00-y"]},
         r"^BusinessCalendar setting 'working_hours'\[1\] must be a time such as '09:00', got 'y'"),
    ],
)
def test_a_bad_setting_is_refused_naming_the_policy_the_setting_and_its_entry(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        BusinessCalendar.from_mapping(settings)
