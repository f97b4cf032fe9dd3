"""Every public value and event type is stored by the codec (issue 14).

A type added to the domain fails here until it has its ``register(...)`` line in
``keyaccount/codec/types.py`` (or a reason below not to be stored); test_roundtrip.py then
draws it with ``keyaccount.testing.stored_values``.
"""

from __future__ import annotations

import inspect

import attrs

import keyaccount
from keyaccount import DomainEvent
from keyaccount.codec import EVENT_TYPES, VALUE_TYPES

#: Public attrs classes the codec does not store, each with its reason.
NOT_STORED: dict[str, str] = {
    "DomainEvent": "the abstract base of every event; a stored event is a concrete one",
    "LifecycleEvent": "the base of the lifecycle events; a stored event is a concrete one",
    "TicketEvent": "the base of the ticket events; a stored event is a concrete one",
    "RectificationEvent": "the base of the rectification events; a stored event is concrete",
    "VisitPlanner": "holds a policy; policies are rebuilt from settings by load_policies",
    # issue 17, item 4: inputs of one computation, held in the host's own columnar store; the
    # stored form of a visit or ticket is its record (VisitFact, TicketFact)
    "AccountTable": "columns of a computation's input, not a stored value",
    "VisitColumns": "columns of a computation's input, not a stored value",
    "TicketColumns": "columns of a computation's input, not a stored value",
}


def kernel_types() -> dict[str, type]:
    """The registered types of keyaccount itself (a host, or another test, may add its own)."""
    return {name: cls for name, cls in VALUE_TYPES.items()
            if cls.__module__.startswith("keyaccount.")}


def public_attrs_types() -> dict[str, type]:
    return {
        name: thing
        for name in keyaccount.__all__
        if inspect.isclass(thing := getattr(keyaccount, name)) and attrs.has(thing)
    }


def test_every_public_value_and_event_type_is_registered_with_the_codec() -> None:
    missing = sorted(set(public_attrs_types()) - set(kernel_types()) - set(NOT_STORED))
    assert not missing, f"register these in keyaccount/codec/types.py: {missing}"


def test_the_codec_stores_only_public_types_under_their_own_names() -> None:
    public = public_attrs_types()
    assert {name: public.get(name) for name in kernel_types()} == kernel_types()


def test_event_types_lists_every_concrete_event_and_no_base() -> None:
    concrete = {
        name: cls for name, cls in public_attrs_types().items()
        if issubclass(cls, DomainEvent) and name not in NOT_STORED
    }
    assert {name: cls for name, cls in EVENT_TYPES.items() if name in kernel_types()} == concrete
    assert {"DomainEvent", "LifecycleEvent", "TicketEvent"}.isdisjoint(EVENT_TYPES)


def test_every_exemption_names_a_public_type() -> None:
    assert set(NOT_STORED) <= set(public_attrs_types())
