"""An older schema version loads through its upcasters, and only then (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from keyaccount import InvalidInput
from keyaccount.codec import (
    EVENT_TYPES,
    VALUE_TYPES,
    _registry,
    dump,
    load,
    register,
    register_upcaster,
    schema_version,
)


@attrs.frozen
class Shelf:
    """A stand-in for a value whose stored shape changed twice (label, then a count)."""

    name: str
    count: int


@pytest.fixture
def shelf_at_version_3() -> Iterator[None]:
    register(Shelf, version=3)
    yield
    del _registry._TYPES["Shelf"], _registry._VERSIONS[Shelf]
    for key in [key for key in _registry._UPCASTERS if key[0] == "Shelf"]:
        del _registry._UPCASTERS[key]
    _registry._forget_hooks()


def _rename(fields: dict[str, Any]) -> dict[str, Any]:
    fields["name"] = fields.pop("label")
    return fields


def _count(fields: dict[str, Any]) -> dict[str, Any]:
    return fields | {"count": 0}


@pytest.mark.usefixtures("shelf_at_version_3")
def test_an_old_version_loads_through_the_chain_of_upcasters() -> None:
    register_upcaster("Shelf", 1, _rename)
    register_upcaster("Shelf", 2, _count)
    assert load({"type": "Shelf", "version": 1, "label": "top"}) == Shelf("top", 0)
    assert load({"type": "Shelf", "version": 2, "name": "top"}) == Shelf("top", 0)
    assert dump(Shelf("top", 4)) == {"type": "Shelf", "version": 3, "name": "top", "count": 4}
    assert schema_version(Shelf) == 3


@pytest.mark.usefixtures("shelf_at_version_3")
def test_an_old_version_without_its_upcaster_is_refused_by_name() -> None:
    register_upcaster("Shelf", 2, _count)
    with pytest.raises(InvalidInput, match="schema version 1 of Shelf has no upcaster"):
        load({"type": "Shelf", "version": 1, "label": "top"})


@pytest.mark.usefixtures("shelf_at_version_3")
def test_an_upcaster_that_leaves_a_key_behind_is_refused() -> None:
    register_upcaster("Shelf", 1, lambda fields: fields)
    register_upcaster("Shelf", 2, _count)
    with pytest.raises(InvalidInput, match="unexpected keys \\['label'\\]"):
        load({"type": "Shelf", "version": 1, "label": "top"})


def test_register_refuses_what_it_cannot_store() -> None:
    with pytest.raises(InvalidInput, match="attrs class"):
        register(dict)
    with pytest.raises(InvalidInput, match="version of Shelf"):
        register(Shelf, version=0)
    with pytest.raises(InvalidInput, match="already registered"):
        register(attrs.frozen(type("Tier", (), {"__annotations__": {"code": str}})))
    with pytest.raises(InvalidInput, match="registered type name"):
        register_upcaster("Nope", 1, _count)
    with pytest.raises(InvalidInput, match="from_version of Tier"):
        register_upcaster("Tier", 1, _count)  # Tier is at version 1: nothing to upcast
    assert "Shelf" not in VALUE_TYPES
    assert "Shelf" not in EVENT_TYPES


def test_registering_is_one_line_and_idempotent() -> None:
    from keyaccount import VisitPlan

    assert register(VisitPlan) is VisitPlan
    assert VALUE_TYPES["VisitPlan"] is VisitPlan
