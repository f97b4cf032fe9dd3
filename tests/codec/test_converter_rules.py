"""Rules of the codec's converter found unguarded by mutation testing (issue 14).

Each test kills surviving mutants of keyaccount.codec.converter; see
docs/explanation/testing.md ("Surviving mutants"). A field typed ``Any`` (the values before
an amendment, ``FileAmended.previous``) holds self-describing data: every kind of value the
codec can store, nested, comes back equal and of the same type.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from keyaccount import (
    TIER_A,
    AccountStatus,
    AccountToPlan,
    Contact,
    Customer,
    FileAmended,
    InvalidInput,
    RectificationNotice,
)
from keyaccount.codec import dump, load

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def amended(*previous: tuple[str, Any]) -> FileAmended:
    return FileAmended(occurred_at=NOW, account_id="C-1", previous=previous)


def through_json(value: object) -> Any:
    return load(json.loads(json.dumps(dump(value))))


def test_every_kind_of_value_in_an_any_field_comes_back_equal_and_of_its_type() -> None:
    event = amended(
        ("dates", frozenset({date(2026, 5, 1), date(2025, 10, 1), date(2026, 1, 1)})),
        ("money", frozenset({Decimal("10.50"), Decimal("9.99")})),
        ("counts", frozenset({10, 9, 2})),
        ("mixed", (Decimal("1.5"), Fraction(1, 7), None, "x", 3, True,
                   time(9, 30), timedelta(hours=2), NOW, AccountStatus.ACTIVE)),
        ("nested", (frozenset({"b", "a"}), ())),
        ("tier", TIER_A),
        ("contacts", (Contact(name="周敏", role="cfo"),)),
    )
    again = through_json(event)
    assert again == event
    for (_, before), (_, after) in zip(event.previous, again.previous, strict=True):
        assert type(after) is type(before)
    assert again.previous[5][1] is TIER_A


def test_a_set_in_an_any_field_is_stored_in_one_order_whatever_order_it_was_built_in() -> None:
    stored = dump(amended(("counts", frozenset([10, 9, 2]))))
    assert stored["previous"][0][1] == {"type": "frozenset", "items": [2, 9, 10]}
    assert dump(amended(("days", frozenset([date(2026, 1, 2), date(2025, 1, 1)])))) == dump(
        amended(("days", frozenset([date(2025, 1, 1), date(2026, 1, 2)]))))


@pytest.mark.parametrize("value", [[1, 2], {"value": 1}, {"type": 5, "value": 1}, 1.5])
def test_a_value_in_an_any_field_that_is_neither_plain_nor_typed_data_is_refused(
    value: object,
) -> None:
    data = dump(amended(("name", "Acme")))
    data["previous"][0][1] = value
    with pytest.raises(InvalidInput, match=r"^stored FileAmended at previous\[0\]\[1\]: expected "
                                           r"a plain value or a stored value with its type"):
        load(data)


def test_a_set_field_is_stored_as_a_sorted_json_list_and_refuses_anything_else() -> None:
    account = AccountToPlan("ACME", TIER_A, staff=["li"],
                            blackout_dates={date(2026, 5, 1), date(2026, 1, 1)})
    data = dump(account)
    assert data["blackout_dates"] == ["2026-01-01", "2026-05-01"]
    assert through_json(account) == account
    with pytest.raises(InvalidInput, match=r"^stored AccountToPlan at blackout_dates: expected a "
                                           r"sequence as a JSON list, got '2026-01-01'"):
        load(data | {"blackout_dates": "2026-01-01"})


@pytest.mark.parametrize(("pair", "message"), [
    (["history", "founded 1990", "by Li"], r"expected 2 items, got 3"),
    ("ab", r"expected 2 items as a JSON list, got 'ab'"),
])
def test_a_pair_is_stored_as_a_json_list_of_exactly_two_items(pair: object, message: str) -> None:
    customer = Customer(account_id="C-1", name="Acme", category="regional",
                        profile=[("history", "founded 1990")])
    data = dump(customer)
    assert data["profile"] == [["history", "founded 1990"]]
    data["profile"][0] = pair
    with pytest.raises(InvalidInput, match=r"^stored Customer at profile\[0\]: " + message):
        load(data)


def test_an_optional_field_is_stored_as_its_own_value_or_null() -> None:
    notice, _ = RectificationNotice.issue(notice_id="N-1", finding="records incomplete",
                                          addressed_to="east", deadline=NOW, now=NOW,
                                          refers_to="T-1")
    answered, _ = notice.answer("done", now=NOW)
    data = dump(answered)
    assert (data["refers_to"], data["answered_at"], data["verified_at"]) == (
        "T-1", dump(FileAmended(occurred_at=NOW, account_id="C", previous=[("a", 1)]))[
            "occurred_at"], None)
    assert through_json(answered) == answered
