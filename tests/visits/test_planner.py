"""The visit planner: its rules, properties and re-planning (SPEC §6)."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    SCORE_TIERS,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountToPlan,
    CalendarRangeError,
    InvalidInput,
    Period,
    Topic,
    VisitInterval,
    VisitKind,
    VisitPlan,
    VisitPlanner,
    VisitQuota,
    scaled_count,
)
from keyaccount.policies.presets import visit_capacity, visit_frequency
from keyaccount.testing import (
    PlanningInputs,
    planning_inputs,
)
from visit_fixtures import (
    CALENDAR,
    FESTIVALS,
    MID_AUTUMN,
    NOW,
    PLANNER,
    YEAR,
    days_between,
    days_of,
    plan_for,
    plans_for,
)

# --- the planner -------------------------------------------------------------------------


def test_core_accounts_get_an_on_site_visit_on_the_first_working_day_of_every_month() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    on_site = days_of(plan, VisitKind.ON_SITE)
    assert [day.month for day in on_site] == list(range(1, 13))
    # 1-3 January is a holiday and Sunday 4 January a make-up working day (调休).
    assert on_site[0] == date(2026, 1, 4)
    assert on_site[1] == date(2026, 2, 2)
    assert on_site[4] == date(2026, 5, 6)  # after the Labour Day holiday
    assert on_site[9] == date(2026, 10, 8)  # after National Day


def test_important_accounts_are_visited_every_two_months() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_B, staff=["li"]))
    assert [day.month for day in days_of(plan, VisitKind.ON_SITE)] == [1, 3, 5, 7, 9, 11]
    assert plan.interval == VisitInterval(months=2)


def test_general_accounts_get_quarterly_and_half_yearly_phone_return_visits() -> None:
    c_plan = plan_for(AccountToPlan("C1", TIER_C, staff=["li"]))
    d_plan = plan_for(AccountToPlan("D1", TIER_D, staff=["li"]))
    assert [d.month for d in days_of(c_plan, VisitKind.PHONE_RETURN)] == [1, 4, 7, 10]
    assert [d.month for d in days_of(d_plan, VisitKind.PHONE_RETURN)] == [1, 7]
    assert days_of(c_plan, VisitKind.ON_SITE) == []


def test_holiday_visits_go_on_the_last_working_day_before_each_festival() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    # 15-23 February is the Spring Festival holiday; Saturday 14 February is a make-up day.
    assert days_of(plan, VisitKind.HOLIDAY) == [date(2026, 2, 14), date(2026, 9, 24)]
    c_plan = plan_for(AccountToPlan("C1", TIER_C, staff=["li"]))
    assert days_of(c_plan, VisitKind.GREETING) == [date(2026, 2, 14), date(2026, 9, 24)]


def test_an_account_needing_festival_visits_without_festival_dates_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"2 holiday visit\(s\).*1 festival"):
        PLANNER.plan(
            AccountToPlan("ACME", TIER_A, staff=["li"]), YEAR, calendar=CALENDAR,
            festivals=[MID_AUTUMN], now=NOW,
        )


def test_a_quarter_owes_festival_visits_only_before_the_festivals_that_fall_in_it() -> None:
    account = AccountToPlan("ACME", TIER_A, staff=["li"])
    second = plan_for(account, Period(date(2026, 4, 1), date(2026, 7, 1)))
    assert second.count(VisitKind.HOLIDAY) == 0
    assert [day.month for day in days_of(second, VisitKind.ON_SITE)] == [4, 5, 6]
    third = plan_for(account, Period(date(2026, 7, 1), date(2026, 10, 1)))
    assert days_of(third, VisitKind.HOLIDAY) == [date(2026, 9, 24)]


def test_a_visit_falling_on_a_blackout_date_moves_to_the_next_free_day_of_its_slot() -> None:
    plain = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    blocked = plan_for(
        AccountToPlan("ACME", TIER_A, staff=["li"], blackout_dates=[date(2026, 3, 2)])
    )
    assert date(2026, 3, 2) in days_of(plain, VisitKind.ON_SITE)
    assert date(2026, 3, 3) in days_of(blocked, VisitKind.ON_SITE)
    assert date(2026, 3, 2) not in blocked.days
    assert len(blocked) == len(plain)


def test_visitors_rotate_through_the_staff_covering_the_account() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li", "wang", "zhang"]))
    assert list(plan.visitors[:4]) == [
        ("li",), ("wang",), ("zhang",), ("li",)
    ]


def test_topics_rotate_through_the_five_contents_and_greetings_carry_none() -> None:
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]))
    assert [topics[0] for topics in plan.topics[:6]] == [*Topic, Topic.CUSTOMER_BASICS]
    c_plan = plan_for(AccountToPlan("C1", TIER_C, staff=["li"]))
    for kind, topics in zip(c_plan.kinds, c_plan.topics, strict=True):
        assert (topics == ()) == (kind is VisitKind.GREETING)


def test_a_half_year_period_owes_half_the_yearly_visits() -> None:
    h2 = Period(date(2026, 7, 1), date(2027, 1, 1))
    plan = plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]), h2)
    assert [day.month for day in days_of(plan, VisitKind.ON_SITE)] == list(range(7, 13))
    assert scaled_count(4, Period(date(2026, 1, 10), date(2026, 2, 10))) == 1


def test_a_raised_account_gets_more_visits_than_its_tier() -> None:
    planner = attrs.evolve(PLANNER, policy=visit_frequency().with_raise(
        "ACME", VisitQuota(on_site=6)
    ))
    plan, _ = planner.plan(
        AccountToPlan("ACME", TIER_B, staff=["li"]), YEAR, calendar=CALENDAR, festivals=FESTIVALS,
        now=NOW,
    )
    assert plan.count(VisitKind.ON_SITE) == 12


def test_a_portfolio_comes_back_in_account_order_with_one_event_per_plan() -> None:
    accounts = [
        AccountToPlan("ZETA", TIER_D, staff=["li"]),
        AccountToPlan("ACME", TIER_A, staff=["wang"]),
    ]
    portfolio, events = PLANNER.plan_portfolio(
        accounts, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW
    )
    plans = portfolio.plans
    assert [plan.account_id for plan in plans] == ["ACME", "ZETA"]
    assert [(event.account_id, event.visit_count) for event in events] == [
        ("ACME", len(plans[0])),
        ("ZETA", len(plans[1])),
    ]
    assert all(event.occurred_at == NOW for event in events)


def test_a_plan_needing_more_visits_than_free_days_is_refused() -> None:
    planner = attrs.evolve(PLANNER, policy=visit_frequency().with_raise(
        "ACME", VisitQuota(on_site=400)
    ))
    with pytest.raises(InvalidInput, match="no free working day left"):
        planner.plan(AccountToPlan("ACME", TIER_A, staff=["li"]), YEAR, calendar=CALENDAR,
                     festivals=FESTIVALS, now=NOW)


def test_an_account_given_twice_to_the_planner_is_refused() -> None:
    account = AccountToPlan("ACME", TIER_A, staff=["li"])
    with pytest.raises(InvalidInput, match="twice"):
        PLANNER.plan_portfolio(
            [account, account], YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW
        )


def test_planning_with_a_naive_now_is_refused() -> None:
    with pytest.raises(InvalidInput, match="now"):
        PLANNER.plan(
            AccountToPlan("ACME", TIER_A, staff=["li"]),
            YEAR,
            calendar=CALENDAR, festivals=FESTIVALS,
            now=datetime(2025, 12, 1),  # noqa: DTZ001 - the naive datetime under test
        )


def test_planning_a_year_the_calendar_has_no_holidays_for_is_refused() -> None:
    with pytest.raises(CalendarRangeError):
        plan_for(AccountToPlan("ACME", TIER_A, staff=["li"]), Period.year(2027))


# --- planner properties ----------------------------------------------------------------------


@given(planning_inputs())
def test_every_plan_holds_at_least_the_policy_minimum_of_each_kind(inputs: PlanningInputs) -> None:
    policy = visit_frequency()
    for plan, account in zip(plans_for(inputs), sorted(inputs.accounts, key=lambda a: a.account_id),
                             strict=True):
        quota = policy.quota_for(account.account_id, account.tier)
        for kind in VisitKind:
            assert plan.count(kind) >= quota.count(kind)


@given(planning_inputs())
def test_every_planned_day_is_a_working_day_not_a_blackout_date_and_inside_the_period(
    inputs: PlanningInputs,
) -> None:
    blackout = {account.account_id: account.blackout_dates for account in inputs.accounts}
    period = Period.year(inputs.year)
    for plan in plans_for(inputs):
        for day in plan.days:
            assert day in period
            assert inputs.calendar.is_working_day(day)
            assert day not in blackout[plan.account_id]


def _longest_blocked_run(inputs: PlanningInputs, blackout: frozenset[date]) -> int:
    longest = run = 0
    for day in days_between(date(inputs.year, 1, 1), date(inputs.year, 12, 31)):
        run = run + 1 if (not inputs.calendar.is_working_day(day) or day in blackout) else 0
        longest = max(longest, run)
    return longest


@given(planning_inputs(max_accounts=3))
def test_gaps_between_regular_visits_stay_under_two_intervals_plus_the_longest_closure(
    inputs: PlanningInputs,
) -> None:
    accounts = {account.account_id: account for account in inputs.accounts}
    for plan in plans_for(inputs):
        assert plan.interval is not None
        slack = timedelta(
            days=_longest_blocked_run(inputs, accounts[plan.account_id].blackout_dates)
        )
        regular = [
            day for day, kind in zip(plan.days, plan.kinds, strict=True)
            if kind in (VisitKind.ON_SITE, VisitKind.PHONE_RETURN)
        ]
        # each visit goes anywhere in its window (issue 13): two consecutive ones are less
        # than two windows apart, unless a closure blocks a window whole
        for before, after in pairwise(regular):
            assert after <= plan.interval.after(plan.interval.after(before)) + slack


def _plans_with_free_days(
    inputs: PlanningInputs,
) -> Iterator[tuple[VisitPlan, list[date], VisitQuota]]:
    """Each plan, with its account's free days (working, not blackout) and its quota."""
    policy = visit_frequency()
    accounts = {account.account_id: account for account in inputs.accounts}
    year = days_between(date(inputs.year, 1, 1), date(inputs.year, 12, 31))
    for plan in plans_for(inputs):
        account = accounts[plan.account_id]
        free = [
            day for day in year
            if inputs.calendar.is_working_day(day) and day not in account.blackout_dates
        ]
        yield plan, free, policy.quota_for(account.account_id, account.tier)


@given(planning_inputs(), st.randoms(use_true_random=False))
def test_planning_is_deterministic_and_independent_of_the_order_of_accounts(
    inputs: PlanningInputs, shuffler: st.SearchStrategy[object]
) -> None:
    shuffled = list(inputs.accounts)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    assert plans_for(inputs) == plans_for(inputs, shuffled) == plans_for(inputs)


@given(planning_inputs(max_accounts=1), st.data())
def test_replanning_after_a_tier_change_never_drops_a_completed_visit(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    (plan,) = plans_for(inputs)
    account = inputs.accounts[0]
    done = data.draw(st.sets(st.sampled_from(list(zip(plan.days, plan.kinds, strict=True)))))
    as_of = data.draw(st.dates(date(inputs.year, 1, 2), date(inputs.year, 12, 1)))
    new_tier = data.draw(st.sampled_from(SCORE_TIERS))
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    new_plan, events = planner.replan(
        plan,
        attrs.evolve(account, tier=new_tier),
        as_of=as_of,
        done=done,
        calendar=inputs.calendar, festivals=inputs.festivals,
        now=NOW,
    )
    new_keys = set(zip(new_plan.days, new_plan.kinds, strict=True))
    assert done <= new_keys
    past = {key for key in zip(plan.days, plan.kinds, strict=True) if key[0] < as_of}
    assert past <= new_keys
    assert new_plan.tier == new_tier
    quota = visit_frequency().minimum(new_tier)
    period = Period.year(inputs.year)
    rest = Period(as_of, period.end)
    for kind in (VisitKind.ON_SITE, VisitKind.PHONE_RETURN, VisitKind.EVENT):
        # the new tier's share of the rest of the year, unless the visits kept already make
        # up its whole year
        ahead = [day for day in days_of(new_plan, kind) if day >= as_of]
        kept_before = [day for day in days_of(new_plan, kind) if day < as_of]
        assert len(ahead) >= min(
            scaled_count(quota.count(kind), rest),
            scaled_count(quota.count(kind), period) - len(kept_before),
        )
    for day in new_plan.days:
        if day >= as_of:
            assert inputs.calendar.is_working_day(day)
            assert day not in account.blackout_dates
    assert events[0].visit_count == len(new_plan)


def test_replanning_keeps_done_visits_and_re_spreads_the_rest_under_the_new_tier() -> None:
    account = AccountToPlan("ACME", TIER_D, staff=["li"])
    plan = plan_for(account)
    first_call = (plan.days[0], plan.kinds[0])
    new_plan, _ = PLANNER.replan(
        plan,
        attrs.evolve(account, tier=TIER_A),
        as_of=date(2026, 7, 1),
        done=[first_call],
        calendar=CALENDAR, festivals=FESTIVALS,
        now=NOW,
    )
    assert first_call in set(zip(new_plan.days, new_plan.kinds, strict=True))
    # from July the account is visited monthly, as core accounts are
    assert [d.month for d in days_of(new_plan, VisitKind.ON_SITE)] == list(range(7, 13))
    # the Spring Festival has passed: one holiday visit, before Mid-Autumn
    assert days_of(new_plan, VisitKind.HOLIDAY) == [date(2026, 9, 24)]
    assert new_plan.interval == VisitInterval(months=1)


def test_replanning_under_the_same_tier_for_new_blackout_dates_adds_no_visit() -> None:
    account = AccountToPlan("ACME", TIER_B, staff=["li"])
    plan = plan_for(account)
    moved = attrs.evolve(account, blackout_dates=[date(2026, 7, 1), date(2026, 7, 2)])
    new_plan, _ = PLANNER.replan(plan, moved, as_of=date(2026, 6, 1), done=(),
                                 calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    for kind in VisitKind:
        assert new_plan.count(kind) == plan.count(kind)
    assert not {date(2026, 7, 1), date(2026, 7, 2)} & set(new_plan.days)


def test_replanning_refuses_another_account_or_a_day_outside_the_period() -> None:
    account = AccountToPlan("ACME", TIER_D, staff=["li"])
    plan = plan_for(account)
    with pytest.raises(InvalidInput, match="'OTHER'"):
        PLANNER.replan(plan, attrs.evolve(account, account_id="OTHER"), as_of=date(2026, 7, 1),
                       done=(), calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    with pytest.raises(InvalidInput, match="as_of"):
        PLANNER.replan(plan, account, as_of=date(2027, 7, 1), done=(), calendar=CALENDAR,
                       festivals=FESTIVALS, now=NOW)



@pytest.mark.parametrize(
    "done",
    [[(1, 2)], [(date(2026, 1, 5), "bogus")], [date(2026, 1, 5)], "on_site", None, [("x",)]],
)
def test_replanning_refuses_done_visits_that_are_neither_pairs_nor_records(done: object) -> None:
    account = AccountToPlan("ACME", TIER_D, staff=["li"])
    plan = plan_for(account)
    with pytest.raises(InvalidInput, match=r"done"):
        PLANNER.replan(plan, account, as_of=date(2026, 7, 1), done=done,  # type: ignore[arg-type]
                       calendar=CALENDAR, festivals=FESTIVALS, now=NOW)


def test_a_done_visit_may_name_its_kind_by_its_string_form() -> None:
    account = AccountToPlan("ACME", TIER_D, staff=["li"])
    plan = plan_for(account)
    last = len(plan) - 1
    by_member, _ = PLANNER.replan(plan, account, as_of=date(2026, 7, 1),
                                  done=[(plan.days[last], plan.kinds[last])],
                                  calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    by_name, _ = PLANNER.replan(plan, account, as_of=date(2026, 7, 1),
                                done=[(plan.days[last], plan.kinds[last].value)],
                                calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert by_name == by_member


def test_a_planner_needs_a_frequency_policy() -> None:
    for policy in (None, "default", VisitQuota(on_site=1)):
        with pytest.raises(InvalidInput, match=r"VisitPlanner.policy must be a VisitFrequency"):
            VisitPlanner(policy, visit_capacity())  # type: ignore[arg-type]
        with pytest.raises(InvalidInput, match=r"VisitPlanner.capacity must be a VisitCapacity"):
            VisitPlanner(visit_frequency(), policy)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("argument", "value", "message"),
    [
        ("calendar", None, r"calendar must be a working-day calendar .* got None"),
        ("calendar", "Asia/Shanghai", r"calendar must be a working-day calendar"),
        ("period", 2026, r"period must be a Period, got 2026"),
        ("account", "ACME", r"account must be an AccountToPlan, got 'ACME'"),
        ("festivals", "2026-02-17", r"festivals must be a collection of dates"),
    ],
)
def test_planning_with_a_wrong_argument_is_refused_naming_it(
    argument: str, value: object, message: str
) -> None:
    arguments: dict[str, object] = {
        "account": AccountToPlan("ACME", TIER_D, staff=["li"]), "period": YEAR,
        "calendar": CALENDAR, "festivals": FESTIVALS, "now": NOW,
    }
    arguments[argument] = value
    with pytest.raises(InvalidInput, match=message):
        PLANNER.plan(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("argument", "value", "message"),
    [
        ("calendar", None, r"calendar must be a working-day calendar .* got None"),
        ("plan", None, r"plan must be a VisitPlan, got None"),
        ("account", "ACME", r"account must be an AccountToPlan, got 'ACME'"),
    ],
)
def test_replanning_with_a_wrong_argument_is_refused_naming_it(
    argument: str, value: object, message: str
) -> None:
    account = AccountToPlan("ACME", TIER_D, staff=["li"])
    arguments: dict[str, object] = {
        "plan": plan_for(account), "account": account, "as_of": date(2026, 7, 1), "done": (),
        "calendar": CALENDAR, "festivals": FESTIVALS, "now": NOW,
    }
    arguments[argument] = value
    with pytest.raises(InvalidInput, match=message):
        PLANNER.replan(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["on_site", "phone_return", "event"])
def test_a_quota_of_more_visits_than_the_period_has_days_is_refused_before_planning(
    kind: str,
) -> None:
    planner = attrs.evolve(PLANNER, policy=visit_frequency().with_raise(
        "ACME", VisitQuota(**{kind: 10**8})
    ))
    # one visit of a kind a day at most: refused at once, not after laying out 10**8 slots
    with pytest.raises(InvalidInput, match=rf"no free working day left .* {kind} visits of 'ACME'"):
        planner.plan(
            AccountToPlan("ACME", TIER_B, staff=["li"]), YEAR, calendar=CALENDAR,
            festivals=FESTIVALS, now=NOW,
        )


# --- rules found by mutation testing ---------------------------------------------------------




def test_a_period_owing_one_regular_visit_has_the_period_as_its_interval() -> None:
    h2 = Period(date(2026, 7, 1), date(2027, 1, 1))
    plan = plan_for(AccountToPlan("ACME", TIER_D, staff=["li"]), h2)
    assert plan.count(VisitKind.PHONE_RETURN) == 1
    assert plan.interval == VisitInterval(months=6)




def test_replanning_after_a_raise_owes_the_new_rhythm_from_as_of_less_the_visits_done_in_it(
) -> None:
    # Every two months (B), then monthly (A) from July: six on-site visits July-December, the
    # September one done already among them; the three before July stay.
    account = AccountToPlan("ACME", TIER_B, staff=["li"])
    plan = plan_for(account)
    september = next(day for day in days_of(plan, VisitKind.ON_SITE) if day.month == 9)
    new_plan, _ = PLANNER.replan(
        plan, attrs.evolve(account, tier=TIER_A), as_of=date(2026, 7, 1),
        done=[(september, VisitKind.ON_SITE)], calendar=CALENDAR, festivals=FESTIVALS, now=NOW,
    )
    on_site = days_of(new_plan, VisitKind.ON_SITE)
    assert september in on_site
    assert len([day for day in on_site if day < date(2026, 7, 1)]) == 3
    assert len([day for day in on_site if day >= date(2026, 7, 1)]) == 6




def test_a_count_that_does_not_divide_the_months_gives_an_interval_in_days() -> None:
    planner = attrs.evolve(
        PLANNER, policy=visit_frequency().with_raise("ACME", VisitQuota(on_site=1))
    )
    plan, _ = planner.plan(AccountToPlan("ACME", TIER_B, staff=["li"]), YEAR,
                           calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert plan.count(VisitKind.ON_SITE) == 7
    assert plan.interval == VisitInterval(days=53)


def test_an_account_owing_no_visits_is_planned_and_replanned_empty() -> None:
    from keyaccount.policies.visits.frequency import TierVisitFrequency

    planner = VisitPlanner(TierVisitFrequency(tiers=[("A", VisitQuota())]), visit_capacity())
    account = AccountToPlan("ACME", TIER_A, staff=["li"])
    plan, _ = planner.plan(account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert len(plan) == 0
    assert plan.interval is None
    again, _ = planner.replan(plan, account, as_of=date(2026, 7, 1), done=(),
                              calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    assert len(again) == 0
