"""A business calendar loads from a host's settings mapping (``from_mapping``, SPEC §8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from keyaccount import BusinessCalendar, PolicyConfigError
from national_day import NATIONAL_DAY_2025


def test_a_calendar_loads_from_a_settings_mapping_with_iso_strings() -> None:
    calendar = BusinessCalendar.from_mapping(
        {
            "timezone": "Asia/Shanghai",
            "workdays": ["mon", "tue", "wed", "thu", 4],
            "working_hours": ["09:00-12:00", ["13:30", "18:00"]],
            "holidays": [day.isoformat() for day in NATIONAL_DAY_2025.holidays],
            "makeup_workdays": ["2025-09-28", date(2025, 10, 11)],
        }
    )
    assert calendar == NATIONAL_DAY_2025


def test_a_settings_mapping_may_give_the_span_and_a_midnight_end() -> None:
    calendar = BusinessCalendar.from_mapping(
        {
            "timezone": "UTC",
            "working_hours": [["00:00", "24:00"]],
            "valid_from": "2025-01-01",
            "valid_until": date(2025, 6, 30),
        }
    )
    assert calendar.working_day_length == timedelta(days=1)
    assert calendar.valid_until == date(2025, 6, 30)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"timezone": "UTC", "holiday": []}, "unknown key"),
        ({"workdays": [0]}, "timezone"),
        ({"timezone": "UTC", "workdays": "mon"}, "must be a list"),
        ({"timezone": "UTC", "workdays": ["someday"]}, "someday"),
        ({"timezone": "UTC", "workdays": [1.0]}, "weekday numbers"),
        ({"timezone": "UTC", "working_hours": ["9-12-3"]}, "09:00-12:00"),
        ({"timezone": "UTC", "working_hours": [["09:00"]]}, "pair"),
        ({"timezone": "UTC", "working_hours": [["nine", "12:00"]]}, "nine"),
        ({"timezone": "UTC", "working_hours": ["12:00-09:00"]}, "end after it starts"),
        ({"timezone": "UTC", "holidays": ["2025-13-01"]}, "2025-13-01"),
        ({"timezone": "UTC", "valid_until": 20251231}, "valid_until"),
        ({"timezone": "Nowhere/City"}, "Nowhere/City"),
        ("timezone=UTC", "mapping"),
    ],
)
def test_bad_settings_raise_a_policy_config_error(settings: object, message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        BusinessCalendar.from_mapping(settings)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("interval", "message"),
    [
        ("24:00-24:00", "must start before 24:00"),
        (["24:00", "24:00"], "must start before 24:00"),
        ("24:00-09:00", "must start before 24:00"),
        ("00:00-00:00", "must end after it starts"),
        ("09:00-09:00", "end after it starts"),
    ],
)
def test_a_settings_interval_must_start_before_midnight_and_end_after_its_start(
    interval: object, message: str
) -> None:
    # 0.1 read "24:00-24:00" as 00:00-24:00, a silent 24-hour working day.
    with pytest.raises(PolicyConfigError, match=message):
        BusinessCalendar.from_mapping({"timezone": "UTC", "working_hours": [interval]})


def test_a_whole_day_is_written_00_00_to_24_00_in_settings() -> None:
    calendar = BusinessCalendar.from_mapping({"timezone": "UTC", "working_hours": ["00:00-24:00"]})
    assert calendar.working_day_length == timedelta(days=1)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("holidays", ["1899-12-31"]),
        ("makeup_workdays", ["2200-01-01"]),
        ("valid_from", "0001-01-01"),
        ("valid_until", "9999-12-31"),
    ],
)
def test_calendar_settings_refuse_a_day_outside_the_years_1900_to_2199_naming_the_key(
    key: str, value: object
) -> None:
    with pytest.raises(PolicyConfigError, match=rf"BusinessCalendar\.{key} .*1900-2199"):
        BusinessCalendar.from_mapping({"timezone": "UTC", key: value})
