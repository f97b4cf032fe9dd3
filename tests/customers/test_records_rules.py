"""Rules of records.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import InvalidInput, ProcessRecord, RecordKind

AT = datetime(2025, 6, 2, 9, tzinfo=UTC)


def test_a_record_kind_is_taken_as_a_member_or_by_its_name() -> None:
    assert (
        ProcessRecord(kind=RecordKind.ORDER, occurred_at=AT, summary="x").kind is RecordKind.ORDER
    )
    assert ProcessRecord(kind="order", occurred_at=AT, summary="x").kind is RecordKind.ORDER  # type: ignore[arg-type]


def test_an_unknown_record_kind_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^ProcessRecord\.kind must be one of \[.*'gossip'"):
        ProcessRecord(kind="gossip", occurred_at=AT, summary="x")  # type: ignore[arg-type]


@pytest.mark.parametrize("participants", ["wang", 7])
def test_participants_that_are_not_a_collection_are_refused_naming_the_field_and_names(
    participants: object,
) -> None:
    with pytest.raises(
        InvalidInput, match=r"^ProcessRecord\.participants must be a collection of names, got "
    ):
        ProcessRecord(kind="order", occurred_at=AT, summary="x", participants=participants)  # type: ignore[arg-type]


def test_participants_are_kept_in_order_as_a_tuple() -> None:
    record = ProcessRecord(kind="order", occurred_at=AT, summary="x", participants=["wang", "周敏"])  # type: ignore[arg-type]
    assert record.participants == ("wang", "周敏")
