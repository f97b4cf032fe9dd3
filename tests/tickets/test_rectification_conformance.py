"""check_rectification_policy: every rectification policy's invariants, and the policies that
break them.

RectificationPolicy (seed 001 §七(一)3; SPEC §7): ``answer_within`` is a BusinessDuration longer
than zero, ``ticket_level`` and ``overdue_visits`` are ints (not bools) of at least 1.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import BusinessDuration
from keyaccount.policies import RectificationRules, presets
from keyaccount.testing import check_rectification_policy


def exactly(message: str) -> str:
    """A pattern that matches ``message`` whole, and nothing else."""
    return f"^{re.escape(message)}$"


@attrs.frozen
class Rectification:
    """A host's own rectification policy; each part can be set to something that breaks it."""

    answer_within: object = BusinessDuration(days=3)
    ticket_level: object = 3
    overdue_visits: object = 1


# --- every valid policy passes ------------------------------------------------------------

_DAYS_LIMIT = 3_660  # BusinessDuration's limit: 10 years of 24-hour days
_MINUTES_LIMIT = _DAYS_LIMIT * 24 * 60


@st.composite
def _durations(draw: st.DrawFn) -> object:
    """``answer_within`` as a host writes it: "1d4h30m", a timedelta, or a BusinessDuration."""
    minutes = draw(st.integers(1, _MINUTES_LIMIT) | st.integers(1, 60 * 24 * 10))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    form = draw(st.sampled_from(["text", "timedelta", "duration"]))
    if form == "text":
        return "".join(f"{n}{unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "m"))
                       if n)
    if form == "timedelta":
        return timedelta(days=days, hours=hours, minutes=minutes)
    return BusinessDuration(days=days, time=timedelta(hours=hours, minutes=minutes))


_COUNTS = st.integers(1, 5) | st.integers(1, 10**9)  # the settings' limit (COUNT_LIMIT)
_SETTINGS = st.fixed_dictionaries(
    {},
    optional={"answer_within": _durations(), "ticket_level": _COUNTS, "overdue_visits": _COUNTS},
)


def test_the_default_rectification_rules_keep_the_rectification_invariants() -> None:
    check_rectification_policy(presets.rectification())
    check_rectification_policy(RectificationRules())


@given(_SETTINGS)
def test_rectification_rules_from_any_valid_settings_keep_the_invariants(
    rectification_settings: dict[str, Any],
) -> None:
    check_rectification_policy(RectificationRules.from_mapping(rectification_settings))


@pytest.mark.parametrize("within", [
    BusinessDuration(days=1),
    BusinessDuration(time=timedelta(minutes=1)),
    BusinessDuration(time=timedelta(microseconds=1)),  # the least longer than zero
])
def test_any_business_duration_longer_than_zero_passes(within: BusinessDuration) -> None:
    check_rectification_policy(Rectification(answer_within=within))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["ticket_level", "overdue_visits"])
@pytest.mark.parametrize("value", [1, 2, 10**9, 10**12])
def test_a_level_or_count_of_one_or_more_passes(name: str, value: int) -> None:
    check_rectification_policy(Rectification(**{name: value}))  # type: ignore[arg-type]


# --- each invariant broken ------------------------------------------------------------------


@pytest.mark.parametrize(("within", "shown"), [
    (BusinessDuration(), "<BusinessDuration 0h>"),
    (timedelta(days=5), "datetime.timedelta(days=5)"),
    ("5d", "'5d'"),
    (None, "None"),
])
def test_the_check_catches_an_answer_time_that_is_no_business_duration_or_zero(
    within: object, shown: str
) -> None:
    message = f"answer_within must be a BusinessDuration longer than zero, got {shown}"
    with pytest.raises(AssertionError, match=exactly(message)):
        check_rectification_policy(Rectification(answer_within=within))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["ticket_level", "overdue_visits"])
@pytest.mark.parametrize(("value", "shown"), [
    (0, "0"),  # one below the least allowed
    (-1, "-1"),
    (True, "True"),  # equals 1, but a bool is not a level
    (2.0, "2.0"),
    ("2", "'2'"),
    (None, "None"),
])
def test_the_check_catches_a_level_or_count_below_one_or_not_an_int(
    name: str, value: object, shown: str
) -> None:
    with pytest.raises(AssertionError, match=exactly(f"{name} must be an int of at least 1, "
                                                     f"got {shown}")):
        check_rectification_policy(Rectification(**{name: value}))  # type: ignore[arg-type]
