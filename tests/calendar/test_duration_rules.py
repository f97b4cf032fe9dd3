"""Rules of calendar/duration.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from keyaccount import BusinessDuration, PolicyConfigError

LONGEST = timedelta(days=3660)


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (BusinessDuration(), "0h"),
        (BusinessDuration(days=2), "2d"),
        (BusinessDuration(time=timedelta(hours=3)), "3h"),
        (BusinessDuration(time=timedelta(minutes=45)), "45m"),
        (BusinessDuration(days=1, time=timedelta(minutes=5)), "1d5m"),
        (BusinessDuration(days=1, time=timedelta(hours=2, minutes=5)), "1d2h5m"),
    ],
)
def test_a_duration_is_written_with_only_its_non_zero_parts_and_an_empty_one_as_0h(
    duration: BusinessDuration, text: str
) -> None:
    assert str(duration) == text
    assert repr(duration) == f"<BusinessDuration {text}>"
    if not duration.is_zero:
        assert BusinessDuration.parse(text) == duration


def test_the_nominal_length_with_a_working_day_of_zero_hours_is_the_time_alone() -> None:
    duration = BusinessDuration(days=3, time=timedelta(hours=2))
    assert duration.nominal(timedelta(0)) == timedelta(hours=2)
    assert duration.nominal(timedelta(days=1)) == timedelta(days=3, hours=2)


def test_a_timedelta_of_exactly_ten_years_of_business_time_is_read() -> None:
    assert BusinessDuration.parse(LONGEST) == BusinessDuration(time=LONGEST)
    with pytest.raises(PolicyConfigError, match="at most 10 years"):
        BusinessDuration.parse(LONGEST + timedelta(microseconds=1))


def test_a_number_of_up_to_nine_digits_is_read_even_with_leading_zeros() -> None:
    assert BusinessDuration.parse("000000090m") == BusinessDuration(
        time=timedelta(minutes=90)
    )
    assert BusinessDuration.parse("000000002d000000001h") == BusinessDuration(
        days=2, time=timedelta(hours=1)
    )
    with pytest.raises(PolicyConfigError, match="at most 10 years"):
        BusinessDuration.parse("0000000090m")


def test_a_duration_read_without_a_field_name_is_called_duration_in_errors() -> None:
    with pytest.raises(PolicyConfigError, match=r"^duration must read like"):
        BusinessDuration.parse("soon")
