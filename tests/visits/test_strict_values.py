"""The visit values and calls refuse what would be a silent wrong answer (SPEC §11, issue 12).

Each test names the rule it guards; the robustness suite (tests/robustness/test_visits.py)
sweeps the type checks, these pin the rules behind them.
"""

from datetime import UTC, date, datetime

import attrs
import pytest

from keyaccount import (
    TIER_D,
    AccountCompliance,
    AccountToPlan,
    InvalidInput,
    OverdueVisit,
    PlannedVisit,
    Topic,
    VisitGap,
    VisitInterval,
    VisitKind,
    VisitOverdue,
    VisitPlan,
    VisitQuota,
    VisitRecorded,
    evaluate_compliance,
    scaled_count,
    visit_id,
)
from keyaccount.policies import TierVisitFrequency
from visit_fixtures import CALENDAR, FESTIVALS, JUNE, NOW, PLANNER, SHANGHAI, YEAR, plan_for

# VisitPlan.reassign_visitor is deprecated (issue 13): its own tests still run it
pytestmark = pytest.mark.filterwarnings(
    "ignore:VisitPlan.reassign_visitor:DeprecationWarning"
)

PAST_THE_YEARS = datetime(9999, 12, 31, 12, tzinfo=UTC)


def _plan() -> VisitPlan:
    return plan_for(AccountToPlan("BEIHAI", TIER_D, staff=["chen", "li"]))


def test_a_kind_given_by_its_string_form_counts_the_same_visits() -> None:
    # 0.1.0 answered 0 for VisitPlan.count("phone_return"), and raised for VisitQuota.count
    plan = _plan()
    assert plan.count("phone_return") == plan.count(VisitKind.PHONE_RETURN) == 2  # type: ignore[arg-type]
    assert VisitQuota(on_site=3).count("on_site") == 3  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"VisitPlan\.count kind must be one of"):
        plan.count("phone")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"VisitQuota\.count kind"):
        VisitQuota().count(None)  # type: ignore[arg-type]


def test_a_visit_past_the_end_of_the_plan_is_refused_by_name() -> None:
    plan = _plan()
    assert plan.visit_at(-1) == plan.visits[-1]
    for index in (len(plan), -len(plan) - 1, 2**70):
        with pytest.raises(InvalidInput, match=r"VisitPlan.visit_at index must be"):
            plan.visit_at(index)
    for index in (True, 1.0, "1"):
        with pytest.raises(InvalidInput, match=r"VisitPlan.visit_at index must be an int"):
            plan.visit_at(index)  # type: ignore[arg-type]


def test_compliance_figures_that_do_not_add_up_are_refused() -> None:
    plan = _plan()
    assert AccountCompliance("BEIHAI", 2, 1, 1, None, plan, 2).overdue == 1
    with pytest.raises(InvalidInput, match=r"overdue must be due - completed"):
        AccountCompliance("BEIHAI", 2, 1, 0, None, plan, 2)
    with pytest.raises(InvalidInput, match=r"completed <= due"):
        AccountCompliance("BEIHAI", 1, 2, 0, None, plan)
    with pytest.raises(InvalidInput, match=r"next_index must be a visit from due on"):
        AccountCompliance("BEIHAI", 2, 2, 0, None, plan, 1)
    with pytest.raises(InvalidInput, match=r"AccountCompliance\.account_id must be its plan's"):
        AccountCompliance("ACME", 0, 0, 0, None, plan)


def test_a_gap_counts_the_days_from_since_to_until() -> None:
    interval = VisitInterval(months=3)
    since, until = date(2026, 1, 5), date(2026, 6, 15)
    assert VisitGap("BEIHAI", since, interval, since, 161, until).days == 161
    with pytest.raises(InvalidInput, match=r"days must be the days from since .* 161, got 160"):
        VisitGap("BEIHAI", since, interval, since, 160, until)


def test_an_instant_past_the_years_is_refused_by_name_not_overflowed() -> None:
    # evaluate_compliance raised OverflowError; the planner and reassign_visitor accepted it
    plan = _plan()
    with pytest.raises(InvalidInput, match=r"now must be an instant in the years 1900-2199"):
        evaluate_compliance([plan], [], now=PAST_THE_YEARS, zone=SHANGHAI)
    with pytest.raises(InvalidInput, match=r"now must be an instant in the years 1900-2199"):
        PLANNER.plan(AccountToPlan("BEIHAI", TIER_D, staff=["chen"]), YEAR, calendar=CALENDAR,
                     festivals=FESTIVALS, now=PAST_THE_YEARS)
    with pytest.raises(InvalidInput, match=r"from_day must be a date in the years 1900-2199"):
        plan.reassign_visitor("chen", "li", from_day=date(1, 1, 1), now=NOW)
    with pytest.raises(InvalidInput, match=r"occurred_at must be an instant in the years"):
        VisitOverdue(occurred_at=PAST_THE_YEARS, account_id="BEIHAI", kind=VisitKind.ON_SITE,
                     planned_day=date(2026, 1, 5))


def test_compliance_refuses_what_is_not_a_plan_or_a_record_by_name() -> None:
    plan = _plan()
    with pytest.raises(InvalidInput, match=r"plans must hold VisitPlan values"):
        evaluate_compliance([plan, "plan"], [], now=JUNE, zone=SHANGHAI)  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match=r"records must hold VisitRecord values"):
        evaluate_compliance([plan], [None], now=JUNE, zone=SHANGHAI)  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match=r"reported must be a collection of visit ids"):
        evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI, reported=None)  # type: ignore[arg-type]


def test_a_stored_finding_rebuilt_from_strings_equals_the_original() -> None:
    report = evaluate_compliance([_plan()], [], now=JUNE, zone=SHANGHAI)
    found, event = report.overdue[0], report.events[0]
    assert OverdueVisit(found.account_id, found.kind.value, found.planned_day,  # type: ignore[arg-type]
                        found.days_overdue) == found
    assert attrs.evolve(event, kind=event.kind.value) == event
    recorded = VisitRecorded(occurred_at=NOW, account_id="BEIHAI", record_id="R1",
                             kind="on_site", visited_at=NOW, planned_day=None)  # type: ignore[arg-type]
    assert recorded.kind is VisitKind.ON_SITE
    visit = PlannedVisit("BEIHAI", "on_site", date(2026, 3, 2), ["li"], ["market_dynamics"])  # type: ignore[arg-type]
    assert visit.topics == (Topic.MARKET_DYNAMICS,)
    assert visit_id("BEIHAI", date(2026, 3, 2), "on_site") == visit.visit_id  # type: ignore[arg-type]


def test_a_planned_visit_has_a_visitor_and_a_kind() -> None:
    with pytest.raises(InvalidInput, match=r"a name in PlannedVisit\.visitors"):
        PlannedVisit("BEIHAI", VisitKind.ON_SITE, date(2026, 3, 2), (), ())
    with pytest.raises(InvalidInput, match=r"PlannedVisit\.visitors must be a collection"):
        PlannedVisit("BEIHAI", VisitKind.ON_SITE, date(2026, 3, 2), "li", ())  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"PlannedVisit\.kind must be one of"):
        PlannedVisit("BEIHAI", "visit", date(2026, 3, 2), ("li",), ())  # type: ignore[arg-type]


def test_a_visit_count_past_a_billion_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"VisitQuota.on_site must be an int in 0..10\*\*9"):
        VisitQuota(on_site=10**9 + 1)
    with pytest.raises(InvalidInput, match=r"per_year must be an int in 0..10\*\*9"):
        scaled_count(2**70, YEAR)


def test_the_policy_refuses_a_tier_code_where_a_tier_is_expected() -> None:
    policy = TierVisitFrequency()
    with pytest.raises(InvalidInput, match=r"minimum tier must be a Tier, got 'A'"):
        policy.minimum("A")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"quota_for tier must be a Tier"):
        policy.quota_for("ACME", "A")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"quota_for account_id must be a non-empty string"):
        policy.quota_for(None, TIER_D)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"with_raise extra for 'ACME' must be a VisitQuota"):
        policy.with_raise("ACME", {"on_site": 1})  # type: ignore[arg-type]


def test_a_customer_file_is_required_to_adapt_one() -> None:
    with pytest.raises(InvalidInput, match=r"from_customer customer must be a Customer"):
        AccountToPlan.from_customer(None)  # type: ignore[arg-type]
