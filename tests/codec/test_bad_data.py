"""Bad stored data is refused with InvalidInput naming the path, one test per corruption."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings

from keyaccount import (
    TIER_A,
    FeedbackTicket,
    InvalidInput,
    TicketHistoryEntry,
    TicketStatus,
    Tier,
    VisitPlan,
)
from keyaccount.codec import dump, load
from keyaccount.testing import stored_values

SHANGHAI = ZoneInfo("Asia/Shanghai")
OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)


def ticket() -> FeedbackTicket:
    opened = FeedbackTicket.open_ticket(
        ticket_id="T-1", account_id="acme", tier=TIER_A, source="phone",
        kind="product_or_technical", severity="major", summary="invoice wrong",
        responsible_department="sales", responsible_person="Li Lei",
        first_reply_deadline=OPENED + timedelta(hours=4),
        resolution_deadline=OPENED + timedelta(days=3), now=OPENED,
    )[0]
    history = opened.history + tuple(
        TicketHistoryEntry(at=OPENED + timedelta(minutes=n), step="progress_reported",
                           status=TicketStatus.OPENED, note=f"call {n}")
        for n in range(1, 4)
    )
    return attrs.evolve(opened, history=history)


def stored() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(dump(ticket())))
    return data


def refused(data: object, *, tiers: tuple[Tier, ...] = ()) -> str:
    with pytest.raises(InvalidInput) as caught:
        load(data, tiers=tiers)
    return str(caught.value)


def test_an_unknown_type_is_refused_by_name() -> None:
    data = stored() | {"type": "FeedbackTiket"}
    assert "'FeedbackTiket'" in refused(data)


def test_an_unknown_nested_type_is_refused_with_its_path() -> None:
    data = stored()
    data["history"][3]["type"] = "Nonsense"
    assert "at history[3]: expected type 'TicketHistoryEntry', got 'Nonsense'" in refused(data)


def test_an_old_schema_version_without_an_upcaster_is_refused_by_name() -> None:
    data = stored()
    data["history"][1]["version"] = 0
    message = refused(data)
    assert "at history[1]" in message
    assert "version 0" in message


def test_a_newer_schema_version_is_refused_by_name() -> None:
    message = refused(stored() | {"version": 7})
    assert "version 7" in message
    assert "newer" in message


def test_a_bad_enum_string_is_refused_with_its_path() -> None:
    data = stored()
    data["history"][3]["status"] = "nonsense"
    message = refused(data)
    assert "stored FeedbackTicket at history[3].status" in message
    assert "'nonsense'" in message
    assert "'opened'" in message


def test_a_naive_instant_is_refused_with_its_path() -> None:
    data = stored()
    data["history"][2]["at"] = "2026-03-02T09:02:00"
    assert "at history[2].at: expected an aware instant" in refused(data)


def test_an_unknown_zone_key_is_refused_with_its_path() -> None:
    data = stored()
    data["opened_at"] = "2026-03-02T09:00:00+08:00[Asia/Atlantis]"
    assert "at opened_at: expected a known IANA zone key" in refused(data)


def test_an_offset_the_zone_never_has_is_refused() -> None:
    data = stored()
    data["opened_at"] = "2026-03-02T09:00:00+05:00[Asia/Shanghai]"
    assert "at opened_at" in refused(data)


def test_a_missing_key_is_refused_with_its_path() -> None:
    data = stored()
    del data["history"][0]["note"]
    assert "at history[0]: missing keys ['note']" in refused(data)


def test_an_extra_key_is_refused_with_its_path() -> None:
    data = stored()
    data["history"][0]["colour"] = "red"
    assert "at history[0]: unexpected keys ['colour']" in refused(data)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("reopen_count", "0", "expected an integer"),
        ("reopen_count", True, "expected an integer"),
        ("summary", 7, "expected a string"),
        ("departments", "sales", "expected a sequence as a JSON list"),
        ("paused_business_time", 60, "expected a duration"),
        ("escalation_marks", None, "expected a stored EscalationMarks"),
    ],
)
def test_a_wrong_json_type_is_refused_with_its_path(field: str, value: object,
                                                      expected: str) -> None:
    assert f"at {field}: {expected}" in refused(stored() | {field: value})


def test_money_as_a_float_is_refused() -> None:
    from keyaccount import AccountFigures

    data = dump(AccountFigures(account_id="acme", contract_amount=Decimal("10.50"),
                               profit_contribution=Decimal(1), purchase_count=2))
    assert "at contract_amount: expected money as a decimal string" in refused(
        data | {"contract_amount": 10.5})


def test_an_unknown_tier_code_is_refused_unless_the_host_passes_its_tiers() -> None:
    platinum = Tier("PLATINUM", 1, "白金客户", "platinum")
    data = stored()
    data["tier"] = dump(platinum)
    assert "at tier: expected a known tier code" in refused(data)
    assert load(data, tiers=[platinum]).tier is platinum


def test_a_tier_whose_labels_differ_from_the_known_tier_is_refused() -> None:
    data = stored()
    data["tier"]["label_en"] = "vip"
    assert "at tier: expected tier 'A'" in refused(data)


def test_a_value_its_constructor_refuses_is_refused_not_loaded() -> None:
    data = stored() | {"status": "resolved"}  # resolved but never replied to
    assert "stored FeedbackTicket at the top level: ticket 'T-1' is resolved" in refused(data)


@settings(max_examples=5)
@given(stored_values(VisitPlan))
def test_a_plan_with_a_bogus_visit_kind_is_refused(plan: VisitPlan) -> None:
    data = dump(plan)
    if not data["kinds"]:
        return
    data["kinds"][0] = "bogus"  # 0.1.0 loaded this, then failed in evaluate_compliance
    assert "stored VisitPlan at kinds[0]: expected one of VisitKind's values" in refused(data)


def test_data_that_is_not_a_dict_is_refused() -> None:
    assert "data must be a dict" in refused([1, 2])
    assert "data must be a dict" in refused(copy.copy("FeedbackTicket"))
