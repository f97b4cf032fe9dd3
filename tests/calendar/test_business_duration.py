"""A business duration (the unit of ticket deadlines, SPEC §7): its fields, `parse`, bounds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from keyaccount import BusinessCalendar, BusinessDuration, InvalidInput, PolicyConfigError

LONGEST = timedelta(days=3660)


def test_parse_reads_days_hours_and_minutes() -> None:
    assert BusinessDuration.parse("30m") == BusinessDuration(time=timedelta(minutes=30))
    assert BusinessDuration.parse("1d4h30m") == BusinessDuration(
        days=1, time=timedelta(hours=4, minutes=30)
    )
    assert BusinessDuration.parse(" 2D 15M ") == BusinessDuration(
        days=2, time=timedelta(minutes=15)
    )
    assert str(BusinessDuration.parse("90m")) == "1h30m"


def test_parse_reads_a_timedelta_as_business_time_and_a_duration_as_itself() -> None:
    assert BusinessDuration.parse(timedelta(hours=2)) == BusinessDuration(
        time=timedelta(hours=2)
    )
    duration = BusinessDuration(days=1)
    assert BusinessDuration.parse(duration) is duration


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (timedelta(hours=-1), "must not be negative"),
        ("-1h", "must not be negative"),
        (timedelta(0), "must be longer than zero"),
        ("0d0h", "must be longer than zero"),
        ("", "must read like"),
        ("1h1d", "must read like"),
        ("1.5h", "must read like"),
        (90, "must be a string"),
        (None, "must be a string"),
    ],
)
def test_parse_refuses_negative_zero_and_malformed_durations_by_name(
    value: object, message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=f"^deadline {message}"):
        BusinessDuration.parse(value, field="deadline")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"days": -1}, "BusinessDuration.days must be an int >= 0"),
        ({"days": 1.5}, "BusinessDuration.days must be an int >= 0"),
        ({"days": True}, "BusinessDuration.days must be an int >= 0"),
        ({"days": "1"}, "BusinessDuration.days must be an int >= 0"),
        ({"time": timedelta(minutes=-1)}, "BusinessDuration.time must be a timedelta >= 0"),
        ({"time": "1h"}, "BusinessDuration.time must be a timedelta >= 0"),
        ({"time": 60}, "BusinessDuration.time must be a timedelta >= 0"),
    ],
)
def test_a_duration_holds_whole_days_and_a_non_negative_time(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        BusinessDuration(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    ["99999999999d", "3661d", "3659d25h", "87841h", "5270401m", "9" * 5000 + "h",
     LONGEST + timedelta(microseconds=1), timedelta.max],
    ids=str,
)
def test_parse_refuses_a_duration_longer_than_10_years_of_business_time(value: object) -> None:
    # 0.1 raised OverflowError for "99999999999d" (and a ValueError for a 5,000-digit number).
    with pytest.raises(PolicyConfigError, match="deadline must be at most 10 years"):
        BusinessDuration.parse(value, field="deadline")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "fields",
    [
        {"days": 99_999_999_999},
        {"days": 3661},
        {"days": 3660, "time": timedelta(microseconds=1)},
        {"time": LONGEST + timedelta(microseconds=1)},
        {"days": 1, "time": timedelta.max},
    ],
)
def test_a_duration_longer_than_10_years_of_business_time_is_refused(
    fields: dict[str, object],
) -> None:
    with pytest.raises(PolicyConfigError, match="BusinessDuration must be at most 10 years"):
        BusinessDuration(**fields)  # type: ignore[arg-type]


def test_the_longest_duration_is_3660_days_of_24_hours_and_has_a_length_on_a_calendar() -> None:
    assert BusinessDuration.parse("3660d") == BusinessDuration(days=3660)
    assert BusinessDuration.parse("3659d24h").nominal(timedelta(days=1)) == LONGEST
    assert BusinessDuration(time=LONGEST).on(BusinessCalendar("UTC")) == LONGEST
    calendar = BusinessCalendar("UTC")
    assert BusinessDuration(days=3660).on(calendar) == 3660 * calendar.working_day_length


@pytest.mark.parametrize("working_day", [timedelta(days=10**8), timedelta(hours=-1), "8h", None])
def test_a_nominal_length_needs_a_working_day_of_0_to_24_hours(working_day: object) -> None:
    with pytest.raises(InvalidInput, match=r"working_day must be a timedelta from 0 to 24 hours"):
        BusinessDuration(days=1).nominal(working_day)  # type: ignore[arg-type]
