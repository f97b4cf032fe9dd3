"""Rules of the codec's registry (codec/registry.py) found by mutation testing.

See docs/explanation/testing.md ("Surviving mutants"). Each test registers stand-in types and
takes them out of the registry again afterwards.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from datetime import UTC, datetime

import attrs
import pytest

from keyaccount import DomainEvent, InvalidInput
from keyaccount.codec import (
    EVENT_TYPES,
    VALUE_TYPES,
    _registry,
    dump,
    load,
    register,
    schema_version,
)


@attrs.frozen
class Box:
    """A stand-in host value."""

    label: str


@attrs.frozen(kw_only=True)
class BoxShipped(DomainEvent):
    """A stand-in host event."""

    label: str


@attrs.frozen
class Packing(abc.ABC):
    """A stand-in abstract value: its subclasses say how to pack."""

    label: str

    @abc.abstractmethod
    def pack(self) -> str: ...


@pytest.fixture(autouse=True)
def _registry_left_as_found() -> Iterator[None]:
    yield
    for cls in (Box, BoxShipped, Packing):
        _registry._TYPES.pop(cls.__name__, None)
        _registry._VERSIONS.pop(cls, None)
        _registry._EVENTS.pop(cls.__name__, None)
    _registry._forget_hooks()


def test_a_type_registered_without_a_version_is_at_schema_version_1() -> None:
    register(Box)
    assert schema_version(Box) == 1
    assert dump(Box("top")) == {"type": "Box", "version": 1, "label": "top"}


def test_schema_versions_go_up_to_a_million() -> None:
    register(Box, version=10**6)
    assert schema_version(Box) == 10**6
    assert load(dump(Box("top"))) == Box("top")
    with pytest.raises(InvalidInput, match="version of Box must be an int from 1 to 1000000"):
        register(Box, version=10**6 + 1)


def test_an_abstract_class_is_refused() -> None:
    with pytest.raises(InvalidInput, match="needs a concrete class, got abstract Packing"):
        register(Packing)
    assert "Packing" not in VALUE_TYPES


def test_a_registered_event_type_is_listed_among_the_event_types_and_loads() -> None:
    assert register(BoxShipped) is BoxShipped
    assert EVENT_TYPES["BoxShipped"] is BoxShipped
    assert VALUE_TYPES["BoxShipped"] is BoxShipped
    event = BoxShipped(occurred_at=datetime(2026, 3, 2, 9, tzinfo=UTC), label="top")
    assert load(dump(event)) == event
    register(Box)
    assert "Box" not in EVENT_TYPES
