"""``load(json.loads(json.dumps(dump(x)))) == x`` for every stored type, zones kept (issue 14)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keyaccount.codec import VALUE_TYPES, dump, load
from keyaccount.testing import HOST_TIER, stored_values

JSON_SCALARS = (str, int, bool, type(None))


def stored(value: object) -> Any:
    return json.loads(json.dumps(dump(value)))


def json_safe(data: object) -> bool:
    if isinstance(data, dict):
        return all(type(k) is str and json_safe(v) for k, v in data.items())
    if isinstance(data, list):
        return all(json_safe(item) for item in data)
    return type(data) in JSON_SCALARS


def zone_keys(value: object) -> list[object]:
    """The tzinfo key (or offset) of every instant inside ``value``, in field order."""
    found: list[object] = []
    if isinstance(value, datetime):
        found.append(getattr(value.tzinfo, "key", value.utcoffset()))
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            found += zone_keys(getattr(value, field.name))
    elif isinstance(value, (tuple, frozenset)):
        for item in value:
            found += zone_keys(item)
    return found


KERNEL_TYPES = sorted(
    name for name, cls in VALUE_TYPES.items() if cls.__module__.startswith("keyaccount.")
)


@pytest.mark.parametrize("name", KERNEL_TYPES)
def test_load_of_dump_through_json_gives_the_value_back(name: str) -> None:
    @settings(max_examples=25)
    @given(stored_values(VALUE_TYPES[name]))
    def round_trip(value: object) -> None:
        data = dump(value)
        assert json_safe(data)
        assert data["type"] == name
        assert data["version"] == 1
        again = load(json.loads(json.dumps(data)), tiers=[HOST_TIER])
        assert again == value
        assert type(again) is type(value)
        assert zone_keys(again) == zone_keys(value)

    round_trip()


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31),  # noqa: DTZ001
                    timezones=st.sampled_from([ZoneInfo("Europe/Berlin"),
                                               ZoneInfo("America/New_York")])))
def test_instants_come_back_with_their_zone_key_and_wall_time_even_in_a_repeated_hour(
    moment: datetime,
) -> None:
    from keyaccount import TicketPaused

    event = TicketPaused(occurred_at=moment, ticket_id="T", account_id="A", reason="r")
    again = load(stored(event)).occurred_at
    assert again.tzinfo is moment.tzinfo
    assert (again.replace(tzinfo=None), again.utcoffset()) == (
        moment.replace(tzinfo=None), moment.utcoffset())


def test_a_tier_comes_back_as_the_known_tier_itself() -> None:
    from keyaccount import TIER_A

    assert load(stored(TIER_A)) is TIER_A
    assert load(stored(HOST_TIER), tiers=[HOST_TIER]) is HOST_TIER
