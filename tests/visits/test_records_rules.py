"""Rules of visits/records.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from keyaccount import FeedbackItem, InvalidInput, Topic, VisitKind, VisitRecord
from visit_fixtures import complete_record


def test_feedback_and_suggestions_left_as_none_are_none() -> None:
    record = complete_record(feedback=None, suggestions=None)
    assert (record.feedback, record.suggestions) == ((), ())


def test_visitors_or_topics_left_as_none_are_named_missing_with_the_other_empty_fields() -> None:
    message = "visit record 'R1' is incomplete: missing ['visitors', 'topics', 'content']"
    with pytest.raises(InvalidInput, match=f"^{re.escape(message)}$"):
        complete_record(visitors=None, topics=None, content="")


def test_a_greeting_may_leave_its_topics_as_none() -> None:
    greeting = VisitRecord(
        "R2", "ACME", VisitKind.GREETING, datetime(2026, 2, 16, 2, tzinfo=UTC),
        visitors=["li"], topics=None, content="新春快乐",  # type: ignore[arg-type]
    )
    assert greeting.topics == ()


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("feedback", "FeedbackItem values"),
        ("suggestions", "suggestions"),
        ("topics", "topics"),
    ],
)
def test_a_record_part_that_is_not_a_collection_is_refused_naming_it(
    field: str, expected: str
) -> None:
    message = rf"^VisitRecord\.{field} must be a collection of {expected}, got 7$"
    with pytest.raises(InvalidInput, match=message):
        complete_record(**{field: 7})


def test_a_feedback_item_that_is_not_one_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^VisitRecord\.feedback must hold FeedbackItem values"):
        complete_record(feedback=["late deliveries"])


def test_a_feedback_items_unknown_kind_or_severity_is_refused_naming_it() -> None:
    fields: dict[str, object] = {
        "kind": "complaint",
        "severity": "major",
        "responsible_department": "logistics",
        "responsible_person": "zhao",
    }
    assert FeedbackItem("late", **fields).kind is not None  # type: ignore[arg-type]
    for name in ("kind", "severity"):
        with pytest.raises(InvalidInput, match=rf"^FeedbackItem\.{name} must be one of"):
            FeedbackItem("late", **{**fields, name: "bogus"})  # type: ignore[arg-type]


def test_a_record_takes_its_kind_and_topics_as_members_or_by_name() -> None:
    by_name = complete_record(kind="on_site", topics=["needs_research"])
    assert by_name.kind is VisitKind.ON_SITE
    assert by_name.topics == (Topic.NEEDS_RESEARCH,)
    by_member = complete_record(kind=VisitKind.ON_SITE, topics=[Topic.NEEDS_RESEARCH])
    assert by_member == by_name
