"""Visit records and the feedback they carry (SPEC §6; seed 001 §走访记录)."""

from datetime import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    AccountToPlan,
    FeedbackItem,
    InvalidInput,
    Topic,
    VisitKind,
    VisitRecord,
)
from keyaccount.testing import (
    feedback_items,
    visit_records,
)
from visit_fixtures import (
    SHANGHAI,
    complete_record,
)

# --- records -------------------------------------------------------------------------------


def test_a_complete_visit_record_is_accepted() -> None:
    record = complete_record(suggestions=["monthly quality report"])
    assert record.visitors == ("li", "wang")
    assert record.open_items == ()


def test_an_incomplete_visit_record_is_refused_naming_everything_missing() -> None:
    with pytest.raises(InvalidInput, match=r"missing \['place', 'visitors', 'content'\]$"):
        complete_record(place=" ", content="", visitors=())


def test_a_visit_record_without_time_kind_or_situation_is_refused_naming_them() -> None:
    with pytest.raises(
        InvalidInput, match=r"missing \['kind', 'visited_at', 'customer_situation'\]$"
    ):
        complete_record(kind=None, visited_at=None, customer_situation=None)


def test_a_visit_record_refuses_a_bare_name_where_a_list_of_visitors_is_expected() -> None:
    # tuple("li") would have recorded two visitors, "l" and "i"
    with pytest.raises(
        InvalidInput, match=r"VisitRecord\.visitors must be a collection of names, got 'li'"
    ):
        complete_record(visitors="li")
    with pytest.raises(
        InvalidInput, match=r"AccountToPlan\.staff must be a collection of names, got 'li'"
    ):
        AccountToPlan("ACME", TIER_A, staff="li")


def test_a_visit_record_without_topics_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"missing \['topics'\]"):
        complete_record(topics=())


def test_a_visit_record_with_a_naive_time_is_refused() -> None:
    with pytest.raises(InvalidInput, match="visited_at"):
        complete_record(visited_at=datetime(2025, 9, 30, 10))  # noqa: DTZ001 - naive on purpose


def test_a_visit_record_refuses_a_topic_that_is_not_a_content_topic() -> None:
    with pytest.raises(InvalidInput, match=r"a topic in VisitRecord.topics must be one of .*"
                                           r"'gossip'"):
        complete_record(topics=("gossip",))
    with pytest.raises(InvalidInput, match=r"a topic in VisitRecord.topics .*got 3"):
        complete_record(topics=(3,))


def test_a_visit_record_takes_its_kind_and_topics_by_their_string_form() -> None:
    record = complete_record(kind="phone_return", topics=["market_dynamics"])
    assert record.kind is VisitKind.PHONE_RETURN
    assert record.topics == (Topic.MARKET_DYNAMICS,)
    with pytest.raises(InvalidInput, match=r"VisitRecord.kind must be one of .*got 'visit'"):
        complete_record(kind="visit")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"record_id": 7}, r"VisitRecord.record_id must be a string or None, got 7"),
        ({"account_id": b"ACME"}, r"VisitRecord.account_id must be a string or None, got b'ACME'"),
        ({"content": ["talked"]}, r"VisitRecord.content must be a string .*got \['talked'\]"),
        ({"customer_situation": 0}, r"VisitRecord.customer_situation must be a string .*got 0"),
        ({"visitors": [1]}, r"VisitRecord.visitors must hold strings, got 1"),
        ({"suggestions": [None]}, r"VisitRecord.suggestions must hold strings, got None"),
        ({"visited_at": "2025-09-30"}, r"VisitRecord.visited_at must be a timezone-aware .*"
                                       r"got '2025-09-30'"),
        ({"planned_day": "2025-09-30"}, r"VisitRecord.planned_day must be a datetime.date"),
    ],
)
def test_a_visit_record_field_of_the_wrong_type_is_named_with_its_value_not_as_missing(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        complete_record(**changes)


# seed 001 §走访记录 1 for what is met in person; a call has no place, a greeting is a message
REQUIRED_BY_KIND = {
    VisitKind.ON_SITE: {"place", "customer_situation", "topics"},
    VisitKind.HOLIDAY: {"place", "customer_situation", "topics"},
    VisitKind.EVENT: {"place", "topics"},
    VisitKind.PHONE_RETURN: {"customer_situation", "topics"},
    VisitKind.GREETING: set(),
}
ALWAYS_REQUIRED = {"record_id", "account_id", "kind", "visited_at", "visitors", "content"}
LEFT_OUT = {"place": None, "customer_situation": None, "topics": ()}


@pytest.mark.parametrize("kind", list(VisitKind))
def test_each_kind_of_record_requires_exactly_the_fields_of_the_table(kind: VisitKind) -> None:
    assert set(VisitRecord.required_fields(kind)) == ALWAYS_REQUIRED | REQUIRED_BY_KIND[kind]
    for field, empty in LEFT_OUT.items():
        if field in REQUIRED_BY_KIND[kind]:
            with pytest.raises(InvalidInput, match=rf"missing \['{field}'\]$"):
                complete_record(kind=kind, **{field: empty})
        else:
            assert getattr(complete_record(kind=kind, **{field: empty}), field) == empty


def test_a_greeting_is_recorded_with_who_sent_it_and_the_message_alone() -> None:
    greeting = VisitRecord(
        "R7", "ACME", VisitKind.GREETING, datetime(2026, 2, 16, 9, tzinfo=SHANGHAI),
        visitors=["li"], content="新春快乐，感谢一年来的支持！",
    )
    assert (greeting.place, greeting.customer_situation, greeting.topics) == (None, None, ())
    with pytest.raises(InvalidInput, match=r"missing \['visitors', 'content'\]$"):
        VisitRecord("R8", "ACME", VisitKind.GREETING, datetime(2026, 2, 16, 9, tzinfo=SHANGHAI))


def test_a_phone_return_visit_needs_no_place_but_the_customers_situation() -> None:
    call = complete_record(kind=VisitKind.PHONE_RETURN, place=None)
    assert call.place is None
    with pytest.raises(InvalidInput, match=r"missing \['customer_situation'\]$"):
        complete_record(kind=VisitKind.PHONE_RETURN, place=None, customer_situation=" ")


def test_a_record_without_a_kind_names_every_field_a_record_may_need() -> None:
    with pytest.raises(InvalidInput, match=r"missing \['kind', 'place', 'topics'\]$"):
        complete_record(kind=None, place=None, topics=())


def test_a_place_or_situation_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"VisitRecord\.place must be a string or None, got 7"):
        complete_record(kind=VisitKind.GREETING, place=7)
    with pytest.raises(InvalidInput, match="kind must be a VisitKind"):
        VisitRecord.required_fields("greeting")  # type: ignore[arg-type]


@given(visit_records())
def test_generated_records_are_complete_and_blanking_a_required_field_refuses_them(
    record: VisitRecord,
) -> None:
    assert record.visitors
    required = VisitRecord.required_fields(record.kind)
    for field, empty in LEFT_OUT.items():
        if field in required:
            with pytest.raises(InvalidInput, match=field):
                attrs.evolve(record, **{field: empty})
        else:
            assert getattr(attrs.evolve(record, **{field: empty}), field) == empty
    with pytest.raises(InvalidInput, match="content"):
        attrs.evolve(record, content="")


# --- feedback items -------------------------------------------------------------------------


def test_a_question_answered_on_the_spot_opens_no_ticket() -> None:
    item = FeedbackItem("When is the new catalogue out?", answer="In October")
    assert item.answered


def test_an_answered_item_must_not_name_ticket_fields() -> None:
    with pytest.raises(InvalidInput, match="answered on the spot"):
        FeedbackItem("late deliveries", answer="fixed", responsible_person="li")


def test_an_unanswered_item_must_name_who_replies_and_how_serious_it_is() -> None:
    with pytest.raises(InvalidInput, match=r"missing \['severity', 'responsible_person'\]"):
        FeedbackItem("late deliveries", kind="complaint", responsible_department="logistics")


def test_an_unknown_ticket_kind_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"FeedbackItem\.kind"):
        FeedbackItem("x", kind="rant", severity="minor", responsible_department="d",
                     responsible_person="p")


def test_a_text_field_of_an_item_that_is_not_text_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput, match=r"FeedbackItem\.answer must be a string or None, got 5"):
        FeedbackItem("x", answer=5)  # type: ignore[arg-type]
    # blank text is no answer at all
    assert FeedbackItem("x", answer="  ", kind="complaint", severity="minor",
                        responsible_department="d", responsible_person="p").answer is None





_TICKET_FIELDS = {
    "kind": "complaint",
    "severity": "minor",
    "responsible_department": "logistics",
    "responsible_person": "zhao",
}


@given(feedback_items(), st.sampled_from(sorted(_TICKET_FIELDS)))
def test_a_feedback_item_is_either_answered_or_fully_ready_for_a_ticket(
    item: FeedbackItem, field: str
) -> None:
    if item.answered:
        # an answered item opens no ticket, so it names no ticket field ...
        with pytest.raises(InvalidInput, match="answered on the spot"):
            attrs.evolve(item, **{field: _TICKET_FIELDS[field]})
        # ... and without its answer it is not ready for a ticket either
        with pytest.raises(InvalidInput, match="neither answered"):
            attrs.evolve(item, answer=None)
    else:
        with pytest.raises(InvalidInput, match=rf"missing \['{field}'\]"):
            attrs.evolve(item, **{field: None})

