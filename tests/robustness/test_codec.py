"""Robustness of keyaccount.codec and load_policies' companions (issue 14)."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs

from keyaccount import TIER_A, TicketPaused, Tier
from keyaccount.codec import (
    VALUE_TYPES,
    dump,
    load,
    register,
    register_upcaster,
    schema_version,
)
from robustness.harness import Call, suite

EVENT = TicketPaused(occurred_at=datetime(2026, 3, 2, 9, tzinfo=UTC), ticket_id="T-1",
                     account_id="acme", reason="waiting for parts")
GOLD = Tier("GOLD", 1, "金牌", "gold")


@attrs.frozen
class Crate:
    """A stand-in host value at schema version 2, registered for the upcaster's call."""

    name: str


# The registry test loads this file a second time: one Crate class for both loads.
Crate = VALUE_TYPES.get("Crate") or register(Crate, version=2)  # type: ignore[misc]

CASES = [
    Call(dump, EVENT),
    Call(load, dump(EVENT), tiers=[GOLD]),
    Call(register, Crate, version=2),  # a drawn version re-registers the stand-in only
    Call(register_upcaster, "Crate", 1, lambda fields: fields),
    Call(schema_version, type(TIER_A)),
]

test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(CASES)
