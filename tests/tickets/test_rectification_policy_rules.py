"""Rules of policies/tickets/rectification.py found by mutation testing
(docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from keyaccount import PolicyConfigError
from keyaccount.domain.calendar import BusinessDuration
from keyaccount.policies import RectificationRules


@pytest.mark.parametrize("within", ["0d", "0h", timedelta(0), BusinessDuration()])
def test_an_answer_time_of_zero_is_a_configuration_error(within: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^answer_within must be longer than zero"):
        RectificationRules(answer_within=within)  # type: ignore[arg-type]
    with pytest.raises(PolicyConfigError, match=r"^answer_within must be longer than zero"):
        RectificationRules.from_mapping({"answer_within": within})


def test_the_shortest_answer_time_is_a_minute() -> None:
    assert RectificationRules(answer_within="1m").answer_within == BusinessDuration.parse("1m")


def test_a_malformed_answer_time_is_refused_naming_it() -> None:
    with pytest.raises(PolicyConfigError, match=r"^answer_within must read like "):
        RectificationRules.from_mapping({"answer_within": "soon"})


@pytest.mark.parametrize("name", ["ticket_level", "overdue_visits"])
@pytest.mark.parametrize("bad", [0, -1, 10**9 + 1, True, "2"])
def test_a_level_or_count_below_one_is_a_configuration_error_even_built_directly(
    name: str, bad: object,
) -> None:
    with pytest.raises(PolicyConfigError, match=rf"^{name} must be an int in 1\.\.10\*\*9"):
        RectificationRules(**{name: bad})  # type: ignore[arg-type]


def test_a_setting_with_an_unknown_key_is_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^rectification settings have unknown key"):
        RectificationRules.from_mapping({"answer_in": "5d"})
