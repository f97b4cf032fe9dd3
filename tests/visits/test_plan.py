"""Accounts to plan, visit plans and handing visits over (SPEC §3, §6)."""

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    TIER_D,
    AccountToPlan,
    Customer,
    CustomerCategory,
    InvalidInput,
    Period,
    PlannedVisit,
    Topic,
    VisitKind,
    VisitPlan,
    VisitPlanner,
    evaluate_compliance,
)
from keyaccount.policies.presets import visit_capacity, visit_frequency
from keyaccount.testing import (
    PlanningInputs,
    planning_inputs,
)
from visit_fixtures import (
    JUNE,
    NOW,
    SHANGHAI,
    YEAR,
    before_year,
    plan_for,
    record_of,
)

# VisitPlan.reassign_visitor is deprecated (issue 13): its own tests still run it
pytestmark = pytest.mark.filterwarnings(
    "ignore:VisitPlan.reassign_visitor:DeprecationWarning"
)

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


def _columns(days: tuple[date, ...], kinds: tuple[VisitKind, ...]) -> VisitPlan:
    return VisitPlan(
        "ACME",
        TIER_A,
        Period.year(2026),
        days,
        kinds,
        (("li",),) * len(days),
        ((Topic.CUSTOMER_BASICS,),) * len(days),
    )


def test_a_plan_keeps_its_visits_in_date_order_with_one_visit_of_a_kind_a_day() -> None:
    first, second = date(2026, 3, 2), date(2026, 4, 1)
    plan = _columns((first, first, second), (VisitKind.ON_SITE, VisitKind.EVENT, VisitKind.ON_SITE))
    assert plan.visits[1] == PlannedVisit(
        "ACME", VisitKind.EVENT, first, ("li",), (Topic.CUSTOMER_BASICS,)
    )
    with pytest.raises(InvalidInput, match="date order"):
        _columns((second, first), (VisitKind.ON_SITE, VisitKind.ON_SITE))
    with pytest.raises(InvalidInput, match="date order"):
        _columns((first, first), (VisitKind.ON_SITE, VisitKind.ON_SITE))


def test_a_plan_refuses_a_visit_outside_its_period_or_ragged_columns() -> None:
    with pytest.raises(InvalidInput, match="must lie in"):
        _columns((date(2027, 1, 1),), (VisitKind.ON_SITE,))
    with pytest.raises(InvalidInput, match="as long as"):
        VisitPlan("ACME", TIER_A, Period.year(2026), (date(2026, 1, 5),), (), (), ())


def test_a_planned_visit_has_a_stable_id() -> None:
    plan = _columns((date(2026, 3, 2),), (VisitKind.ON_SITE,))
    assert plan.visit_at(0).visit_id == "ACME/2026-03-02/on_site"
    assert VisitKind.GREETING.label_zh == "祝福短信"
    assert Topic.COMPETITOR_ANALYSIS.label_zh == "竞争对手分析"


# --- handing visits over (SPEC §3) -------------------------------------------------------------


def test_a_leavers_visits_from_the_handover_day_go_to_the_successor_and_the_past_stays() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["wang", "li"]))
    handover = date(2026, 6, 10)
    new_plan, (event,) = plan.reassign_visitor("wang", "zhao", from_day=handover, now=JUNE)
    for before, after in zip(plan.visits, new_plan.visits, strict=True):
        assert (after.day, after.kind, after.topics) == (before.day, before.kind, before.topics)
        if before.day < handover:
            assert after.visitors == before.visitors
        else:
            assert "wang" not in after.visitors
            assert after.visitors == tuple(
                "zhao" if name == "wang" else name for name in before.visitors
            )
    handed = sum(1 for v in plan.visits if v.day >= handover and "wang" in v.visitors)
    assert handed > 0
    assert (event.account_id, event.departing, event.successor) == ("ACME", "wang", "zhao")
    assert (event.from_day, event.visit_count, event.occurred_at) == (handover, handed, JUNE)


def test_a_visit_already_done_keeps_the_leaver_as_its_visitor() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["wang"]))
    early = plan.visit_at(len(plan) - 1)  # the last visit of the year, done early
    new_plan, _ = plan.reassign_visitor(
        "wang", "zhao", from_day=date(2026, 6, 10), now=JUNE, done=[record_of(early)]
    )
    assert new_plan.visitors[-1] == ("wang",)
    assert new_plan.visitors[-2] == ("zhao",)


def test_a_successor_already_on_a_visit_goes_once() -> None:
    plan = VisitPlan(
        "ACME", TIER_D, YEAR, days=(date(2026, 7, 1),), kinds=(VisitKind.PHONE_RETURN,),
        visitors=(("wang", "li"),), topics=((Topic.CUSTOMER_BASICS,),),
    )
    new_plan, _ = plan.reassign_visitor("wang", "li", from_day=date(2026, 1, 1), now=JUNE)
    assert new_plan.visitors == (("li",),)


def test_handing_over_someone_with_no_visit_left_changes_nothing() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    assert plan.reassign_visitor("wang", "zhao", from_day=date(2026, 1, 1), now=JUNE) == (
        plan,
        (),
    )
    assert plan.reassign_visitor("li", "zhao", from_day=date(2027, 1, 1), now=JUNE) == (plan, ())


def test_handing_visits_over_refuses_blank_names_oneself_and_a_naive_now() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    with pytest.raises(InvalidInput, match="successor"):
        plan.reassign_visitor("li", " ", from_day=date(2026, 1, 1), now=JUNE)
    with pytest.raises(InvalidInput, match="cannot succeed themself"):
        plan.reassign_visitor("li", "li", from_day=date(2026, 1, 1), now=JUNE)
    with pytest.raises(InvalidInput, match="now"):
        plan.reassign_visitor("li", "zhao", from_day=date(2026, 1, 1),
                              now=JUNE.replace(tzinfo=None))
    with pytest.raises(InvalidInput, match="from_day"):
        plan.reassign_visitor("li", "zhao", from_day=JUNE, now=JUNE)  # type: ignore[arg-type]


@given(planning_inputs(max_accounts=2), st.data())
def test_after_a_handover_the_leaver_goes_on_no_visit_left_to_do(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    portfolio, _ = VisitPlanner(visit_frequency(), visit_capacity()).plan_portfolio(
        inputs.accounts, Period.year(inputs.year), calendar=inputs.calendar,
        festivals=inputs.festivals, now=before_year(inputs.year),
    )
    plans = portfolio.plans
    for plan, account in zip(plans, inputs.accounts, strict=True):
        leaver = data.draw(st.sampled_from(account.staff))
        from_day = date(inputs.year, 1, 1) + timedelta(days=data.draw(st.integers(0, 365)))
        done = data.draw(st.sets(st.sampled_from(list(zip(plan.days, plan.kinds, strict=True)))))
        new_plan, events = plan.reassign_visitor(
            leaver, "successor", from_day=from_day, now=NOW, done=done
        )
        assert (new_plan.days, new_plan.kinds, new_plan.topics) == (
            plan.days, plan.kinds, plan.topics
        )
        changed = 0
        for visit, before, after in zip(plan.visits, plan.visitors, new_plan.visitors,
                                        strict=True):
            if visit.day < from_day or (visit.day, visit.kind) in done:
                assert after == before
            else:
                assert leaver not in after
                changed += before != after
        assert changed == sum(event.visit_count for event in events)
        assert len(events) == (1 if changed else 0)



def test_a_plan_takes_kinds_and_topics_as_members_or_their_string_form_and_no_other() -> None:
    day = date(2026, 3, 2)
    stored = VisitPlan("ACME", TIER_A, YEAR, (day,), ("on_site",), (("li",),),
                       (("market_dynamics",),))
    assert stored.kinds == (VisitKind.ON_SITE,)
    assert stored.topics == ((Topic.MARKET_DYNAMICS,),)
    # a plan rebuilt from stored strings is evaluated like the planner's own
    report = evaluate_compliance([stored], [], now=JUNE, zone=SHANGHAI)
    assert [visit.kind for visit in report.overdue] == [VisitKind.ON_SITE]
    with pytest.raises(InvalidInput, match=r"a kind in VisitPlan.kinds must be one of .*'x'"):
        VisitPlan("ACME", TIER_A, YEAR, (day,), ("x",), (("li",),), ((),))
    with pytest.raises(InvalidInput, match=r"a topic in VisitPlan.topics must be one of .*'y'"):
        VisitPlan("ACME", TIER_A, YEAR, (day,), (VisitKind.ON_SITE,), (("li",),), (("y",),))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"account_id": ""}, r"VisitPlan.account_id must be a non-empty string"),
        ({"days": ("2026-03-02",)}, r"a day in VisitPlan.days must be a datetime.date"),
        ({"days": "2026-03-02"}, r"VisitPlan.days must be a collection of dates"),
        ({"kinds": "on_site"}, r"VisitPlan.kinds must be a collection of visit kinds"),
        ({"visitors": ("li",)}, r"VisitPlan.visitors of a visit must be a collection of names"),
        ({"visitors": ((),)}, r"VisitPlan.visitors must name at least one visitor"),
        ({"visitors": ((" ",),)}, r"a name in VisitPlan.visitors must be a non-empty string"),
        ({"topics": None}, r"VisitPlan.topics must be a collection"),
        ({"interval": 3}, r"VisitPlan.interval must be a VisitInterval or None, got 3"),
    ],
)
def test_a_plan_refuses_a_column_of_the_wrong_kind_naming_it(
    changes: dict[str, object], message: str
) -> None:
    fields: dict[str, object] = {
        "account_id": "ACME", "tier": TIER_A, "period": YEAR, "days": (date(2026, 3, 2),),
        "kinds": (VisitKind.ON_SITE,), "visitors": (("li",),),
        "topics": ((Topic.CUSTOMER_BASICS,),),
    }
    fields.update(changes)
    with pytest.raises(InvalidInput, match=message):
        VisitPlan(**fields)  # type: ignore[arg-type]


def test_a_planners_plan_keeps_the_columns_it_was_given() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    same = attrs.evolve(plan)
    assert same.days is plan.days
    assert same.kinds is plan.kinds
    assert same.topics is plan.topics
