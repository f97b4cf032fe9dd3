"""Rules of the visit capacity policy found by mutation testing (issue 12, item 5).

Each test names the rule it guards; docs/explanation/testing.md lists the mutants they kill.
"""

from __future__ import annotations

from datetime import date

import pytest

from keyaccount import InvalidInput, PolicyConfigError
from keyaccount.policies import DailyVisitCapacity, PersonCapacity


def test_settings_without_people_give_the_default_team() -> None:
    assert DailyVisitCapacity.from_mapping({}) == DailyVisitCapacity()
    assert DailyVisitCapacity.from_mapping({"in_person": 2}) == DailyVisitCapacity(in_person=2)


def test_each_persons_settings_are_read_into_their_own_capacity() -> None:
    settings = {"people": {
        "li": {"in_person": 1, "phone": 5, "days_off": ["2026-03-02", date(2026, 3, 3)],
               "first_day": "2026-01-05", "last_day": "2026-12-20"},
        "wu": {"phone": 7},
    }}
    assert DailyVisitCapacity.from_mapping(settings) == DailyVisitCapacity(people={
        "li": PersonCapacity(in_person=1, phone=5,
                             days_off=[date(2026, 3, 2), date(2026, 3, 3)],
                             first_day=date(2026, 1, 5), last_day=date(2026, 12, 20)),
        "wu": PersonCapacity(phone=7),
    })


@pytest.mark.parametrize("people", [
    {"": {"phone": 1}},
    {"li": {"days_off": ["2026-02-30"]}},
    {"li": {"first_day": "soon"}},
    {"li": {"last_day": 20261220}},
    {"li": {"in_person": -1}},
])
def test_a_bad_persons_setting_is_a_policy_configuration_error(people: object) -> None:
    with pytest.raises(PolicyConfigError, match="visit capacity people"):
        DailyVisitCapacity.from_mapping({"people": people})


def test_a_person_works_from_their_first_day_to_their_last_day_both_included() -> None:
    person = PersonCapacity(first_day=date(2026, 3, 2), last_day=date(2026, 3, 6))
    assert person.available(date(2026, 3, 2))
    assert person.available(date(2026, 3, 6))
    assert not person.available(date(2026, 3, 1))
    assert not person.available(date(2026, 3, 7))


def test_a_person_named_twice_in_the_team_is_refused() -> None:
    with pytest.raises(InvalidInput, match="li"):
        DailyVisitCapacity(people=[("li", PersonCapacity()), ("li", PersonCapacity(phone=1))])


def test_limits_refuse_a_blank_person_and_take_any_kind_of_date() -> None:
    class HostDate(date):
        pass

    capacity = DailyVisitCapacity()
    with pytest.raises(InvalidInput, match=r"DailyVisitCapacity\.limits person"):
        capacity.limits("  ", [date(2026, 3, 2)], "phone")
    assert capacity.limits("li", [HostDate(2026, 3, 2)], "phone") == (20,)


def test_limit_refuses_a_blank_person_or_a_day_that_is_no_date_and_takes_any_kind_of_date() -> None:
    class HostDate(date):
        pass

    capacity = DailyVisitCapacity()
    with pytest.raises(InvalidInput, match=r"DailyVisitCapacity\.limit person"):
        capacity.limit("  ", date(2026, 3, 2), "phone")
    with pytest.raises(InvalidInput, match=r"DailyVisitCapacity\.limit day"):
        capacity.limit("li", "2026-03-02", "phone")  # type: ignore[arg-type]
    assert capacity.limit("li", HostDate(2026, 3, 2), "phone") == 20


def test_a_persons_own_phone_limit_leaves_their_in_person_limit_at_the_teams() -> None:
    capacity = DailyVisitCapacity(people={"li": PersonCapacity(phone=5)})
    assert capacity.limit("li", date(2026, 3, 2), "in_person") == 3
    assert capacity.limit("li", date(2026, 3, 2), "phone") == 5
