"""Rules of lifecycle.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import AccountStatus, InvalidInput, Transition


def test_a_transition_takes_its_states_as_members_or_by_name() -> None:
    by_name = Transition(["active", AccountStatus.DORMANT], "terminated")  # type: ignore[list-item]
    assert by_name.sources == frozenset({AccountStatus.ACTIVE, AccountStatus.DORMANT})
    assert by_name.target is AccountStatus.TERMINATED
    members = Transition(frozenset({AccountStatus.APPROVED}), AccountStatus.ACTIVE)
    assert members.target is AccountStatus.ACTIVE


def test_sources_that_are_not_a_collection_are_refused_naming_the_field() -> None:
    with pytest.raises(
        InvalidInput, match=r"^Transition\.sources must be a collection of account states, got "
    ):
        Transition("active", "terminated")  # type: ignore[arg-type]


def test_an_unknown_source_state_is_refused_naming_it_as_one_of_the_sources() -> None:
    with pytest.raises(InvalidInput, match=r"^a state in Transition\.sources must be one of \["):
        Transition(["active", "asleep"], "terminated")  # type: ignore[list-item]


def test_an_unknown_target_state_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^Transition\.target must be one of \[.*'gone'"):
        Transition(["active"], "gone")  # type: ignore[arg-type]
