"""Visit values: records, feedback items, quotas, periods, plans (SPEC §6)."""

from datetime import date, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    TIER_B,
    AccountToPlan,
    Customer,
    CustomerCategory,
    FeedbackItem,
    InvalidInput,
    PlannedVisit,
    PlanPeriod,
    Severity,
    TicketKind,
    TicketOpened,
    TicketSource,
    Topic,
    VisitInterval,
    VisitKind,
    VisitPlan,
    VisitQuota,
    VisitRecord,
    VisitRecorded,
)
from keyaccount.policies.visits import record_visit
from keyaccount.testing import feedback_items, visit_records
from national_day import NATIONAL_DAY_2025, SHANGHAI

CALENDAR = NATIONAL_DAY_2025


def _record(**changes: object) -> VisitRecord:
    fields: dict[str, object] = {
        "record_id": "R1",
        "account_id": "ACME",
        "kind": VisitKind.ON_SITE,
        "visited_at": datetime(2025, 9, 30, 10, tzinfo=SHANGHAI),
        "place": "ACME headquarters",
        "visitors": ("li", "wang"),
        "customer_situation": "new plant running at 80 %",
        "topics": (Topic.BUSINESS_COOPERATION, Topic.NEEDS_RESEARCH),
        "content": "reviewed Q3 deliveries and next year's volumes",
    }
    fields.update(changes)
    return VisitRecord(**fields)  # type: ignore[arg-type]


# --- records -------------------------------------------------------------------------------


def test_a_complete_visit_record_is_accepted() -> None:
    record = _record(suggestions=["monthly quality report"])
    assert record.visitors == ("li", "wang")
    assert record.open_items == ()


def test_an_incomplete_visit_record_is_refused_naming_everything_missing() -> None:
    with pytest.raises(InvalidInput, match=r"missing \['place', 'visitors', 'content'\]$"):
        _record(place=" ", content="", visitors=())


def test_a_visit_record_without_time_kind_or_situation_is_refused_naming_them() -> None:
    with pytest.raises(
        InvalidInput, match=r"missing \['kind', 'visited_at', 'customer_situation'\]$"
    ):
        _record(kind=None, visited_at=None, customer_situation=None)


def test_a_visit_record_refuses_a_bare_name_where_a_list_of_visitors_is_expected() -> None:
    # tuple("li") would have recorded two visitors, "l" and "i"
    with pytest.raises(InvalidInput, match=r"VisitRecord\.visitors must be a list"):
        _record(visitors="li")
    with pytest.raises(InvalidInput, match=r"AccountToPlan\.staff must be a list"):
        AccountToPlan("ACME", TIER_A, staff="li")


def test_a_visit_record_without_topics_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"missing \['topics'\]"):
        _record(topics=())


def test_a_visit_record_with_a_naive_time_is_refused() -> None:
    with pytest.raises(InvalidInput, match="visited_at"):
        _record(visited_at=datetime(2025, 9, 30, 10))  # noqa: DTZ001 - naive on purpose


def test_a_visit_record_refuses_a_topic_that_is_not_a_content_topic() -> None:
    with pytest.raises(InvalidInput, match="Topic"):
        _record(topics=("gossip",))


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
                _record(kind=kind, **{field: empty})
        else:
            assert getattr(_record(kind=kind, **{field: empty}), field) == empty


def test_a_greeting_is_recorded_with_who_sent_it_and_the_message_alone() -> None:
    greeting = VisitRecord(
        "R7", "ACME", VisitKind.GREETING, datetime(2026, 2, 16, 9, tzinfo=SHANGHAI),
        visitors=["li"], content="新春快乐，感谢一年来的支持！",
    )
    assert (greeting.place, greeting.customer_situation, greeting.topics) == (None, None, ())
    with pytest.raises(InvalidInput, match=r"missing \['visitors', 'content'\]$"):
        VisitRecord("R8", "ACME", VisitKind.GREETING, datetime(2026, 2, 16, 9, tzinfo=SHANGHAI))


def test_a_phone_return_visit_needs_no_place_but_the_customers_situation() -> None:
    call = _record(kind=VisitKind.PHONE_RETURN, place=None)
    assert call.place is None
    with pytest.raises(InvalidInput, match=r"missing \['customer_situation'\]$"):
        _record(kind=VisitKind.PHONE_RETURN, place=None, customer_situation=" ")


def test_a_record_without_a_kind_names_every_field_a_record_may_need() -> None:
    with pytest.raises(InvalidInput, match=r"missing \['kind', 'place', 'topics'\]$"):
        _record(kind=None, place=None, topics=())


def test_a_place_or_situation_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"VisitRecord\.place must be text or None"):
        _record(kind=VisitKind.GREETING, place=7)
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


def _complaint() -> FeedbackItem:
    return FeedbackItem(
        "Two late deliveries in September",
        kind=TicketKind.COMPLAINT,
        severity=Severity.MAJOR,
        responsible_department="logistics",
        responsible_person="zhao",
    )


def test_recording_a_visit_opens_a_ticket_for_each_item_not_answered_on_the_spot() -> None:
    now = datetime(2025, 9, 30, 17, tzinfo=SHANGHAI)
    record = _record(feedback=[FeedbackItem("catalogue?", answer="October"), _complaint()])
    same, tickets, events = record_visit(record, tier=TIER_A, now=now, calendar=CALENDAR)
    assert same is record
    (ticket,) = tickets
    assert ticket.ticket_id == "R1-1"
    assert ticket.source is TicketSource.VISIT
    assert (ticket.kind, ticket.severity) == (TicketKind.COMPLAINT, Severity.MAJOR)
    assert ticket.responsible_person == "zhao"
    # promised reply: A gets a first reply within 4 business hours: 17:00-18:00 on
    # 30 September, then 09:00-12:00 on 9 October after the National Day holiday.
    assert ticket.first_reply_deadline == datetime(2025, 10, 9, 12, tzinfo=SHANGHAI)
    assert isinstance(events[0], VisitRecorded)
    assert events[0].record_id == "R1"
    assert isinstance(events[1], TicketOpened)


@given(visit_records())
def test_every_open_feedback_item_becomes_exactly_one_ticket(record: VisitRecord) -> None:
    now = datetime(2025, 9, 1, 9, tzinfo=SHANGHAI)
    _, tickets, events = record_visit(record, tier=TIER_B, now=now, calendar=CALENDAR)
    assert [ticket.summary for ticket in tickets] == [item.summary for item in record.open_items]
    assert len({ticket.ticket_id for ticket in tickets}) == len(tickets)
    assert len(events) == 1 + len(tickets)


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


# --- quotas, periods, intervals -----------------------------------------------------------


def test_a_negative_visit_count_is_refused() -> None:
    with pytest.raises(InvalidInput, match="on_site"):
        VisitQuota(on_site=-1)


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidInput, match=r"PlanPeriod\.end"):
        PlanPeriod(date(2026, 1, 1), date(2026, 1, 1))


def test_a_period_knows_whether_it_is_made_of_whole_months() -> None:
    assert PlanPeriod.year(2026).months == 12
    assert PlanPeriod(date(2026, 1, 31), date(2026, 3, 31)).months is None
    assert date(2026, 12, 31) in PlanPeriod.year(2026)
    assert date(2027, 1, 1) not in PlanPeriod.year(2026)


def test_an_interval_is_either_months_or_days() -> None:
    with pytest.raises(InvalidInput, match="exactly one"):
        VisitInterval(months=1, days=3)
    with pytest.raises(InvalidInput, match="exactly one"):
        VisitInterval()
    assert VisitInterval(months=1).after(date(2026, 1, 31)) == date(2026, 2, 28)


# --- accounts and plans ---------------------------------------------------------------------


def test_an_account_to_plan_needs_someone_to_visit_it() -> None:
    with pytest.raises(InvalidInput, match="at least one visitor"):
        AccountToPlan("ACME", TIER_A, staff=[])
    with pytest.raises(InvalidInput, match="twice"):
        AccountToPlan("ACME", TIER_A, staff=["li", "li"])


def test_a_customer_file_adapts_to_the_planner_with_its_important_dates_as_blackouts() -> None:
    customer = Customer(
        account_id="ACME",
        name="ACME Ltd",
        category=CustomerCategory.INDUSTRY,
        tier=TIER_A,
        account_manager="wang",
        staff=("li", "wang"),
        important_dates=(date(2026, 3, 2),),
    )
    account = AccountToPlan.from_customer(customer)
    assert account.staff == ("wang", "li")
    assert account.blackout_dates == frozenset({date(2026, 3, 2)})
    with pytest.raises(InvalidInput, match="no tier"):
        AccountToPlan.from_customer(attrs.evolve(customer, tier=None))


def _plan(days: tuple[date, ...], kinds: tuple[VisitKind, ...]) -> VisitPlan:
    return VisitPlan(
        "ACME",
        TIER_A,
        PlanPeriod.year(2026),
        days,
        kinds,
        (("li",),) * len(days),
        ((Topic.CUSTOMER_BASICS,),) * len(days),
    )


def test_a_plan_keeps_its_visits_in_date_order_with_one_visit_of_a_kind_a_day() -> None:
    first, second = date(2026, 3, 2), date(2026, 4, 1)
    plan = _plan((first, first, second), (VisitKind.ON_SITE, VisitKind.EVENT, VisitKind.ON_SITE))
    assert plan.visits[1] == PlannedVisit(
        "ACME", VisitKind.EVENT, first, ("li",), (Topic.CUSTOMER_BASICS,)
    )
    with pytest.raises(InvalidInput, match="date order"):
        _plan((second, first), (VisitKind.ON_SITE, VisitKind.ON_SITE))
    with pytest.raises(InvalidInput, match="date order"):
        _plan((first, first), (VisitKind.ON_SITE, VisitKind.ON_SITE))


def test_a_plan_refuses_a_visit_outside_its_period_or_ragged_columns() -> None:
    with pytest.raises(InvalidInput, match="must lie in"):
        _plan((date(2027, 1, 1),), (VisitKind.ON_SITE,))
    with pytest.raises(InvalidInput, match="as long as"):
        VisitPlan("ACME", TIER_A, PlanPeriod.year(2026), (date(2026, 1, 5),), (), (), ())


def test_a_planned_visit_has_a_stable_id() -> None:
    plan = _plan((date(2026, 3, 2),), (VisitKind.ON_SITE,))
    assert plan.visit_at(0).visit_id == "ACME/2026-03-02/on_site"
    assert VisitKind.GREETING.label_zh == "祝福短信"
    assert Topic.COMPETITOR_ANALYSIS.label_zh == "竞争对手分析"
