"""Rules of the codec's scalars (codec/_scalars.py) found by mutation testing.

See docs/explanation/testing.md ("Surviving mutants"). The scalars are reached through a field
typed ``Any`` (``FileAmended.previous``), which stores each value with its type.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from fractions import Fraction
from typing import Any

import pytest

from keyaccount import FileAmended, InvalidInput
from keyaccount.codec import dump, load

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def amended(value: object) -> FileAmended:
    return FileAmended(occurred_at=NOW, account_id="C-1", previous=(("x", value),))


def stored(value: object) -> Any:
    return dump(amended(value))["previous"][0][1]


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (timedelta(0), "P0DT0S"),
        (timedelta(hours=2), "P0DT7200S"),
        (timedelta(hours=-2), "-P0DT7200S"),
        (timedelta(days=3, seconds=5), "P3DT5S"),
        (-timedelta(days=3, seconds=5), "-P3DT5S"),
        (timedelta(days=1, microseconds=5), "P1DT0.000005S"),
        (-timedelta(microseconds=250), "-P0DT0.000250S"),
    ],
)
def test_a_duration_is_stored_as_days_and_seconds_signed_only_when_negative(
    duration: timedelta, text: str
) -> None:
    assert stored(duration) == {"type": "timedelta", "value": text}
    assert load(dump(amended(duration))) == amended(duration)


@pytest.mark.parametrize("value", [930, 9.5, "0930", "T09:30", "09:30+08:00", "9:30"])
def test_a_stored_time_that_is_not_hh_mm_ss_text_is_refused(value: object) -> None:
    data = dump(amended(time(9, 30)))
    data["previous"][0][1]["value"] = value
    with pytest.raises(InvalidInput, match="expected a wall-clock time as 'HH:MM"):
        load(data)


@pytest.mark.parametrize("value", [0.5, 1, "abc", "1.5", "1/3/4", "1 / 3"])
def test_a_stored_rate_that_is_not_numerator_slash_denominator_text_is_refused(
    value: object,
) -> None:
    data = dump(amended(Fraction(1, 3)))
    data["previous"][0][1]["value"] = value
    with pytest.raises(InvalidInput, match="expected an exact rate such as '1/3'"):
        load(data)
