"""The visit frequency policy, the planner and visit compliance (SPEC §6)."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountToPlan,
    CalendarRangeError,
    ComplianceReport,
    InvalidInput,
    PlannedVisit,
    PlanPeriod,
    PolicyConfigError,
    Tier,
    Topic,
    VisitInterval,
    VisitKind,
    VisitOverdue,
    VisitPlan,
    VisitQuota,
    VisitRecord,
)
from keyaccount.domain.calendar import BusinessCalendar
from keyaccount.policies import (
    TierVisitFrequency,
    VisitFrequencyPolicy,
    VisitPlanner,
    evaluate_compliance,
)
from keyaccount.policies.presets import visit_frequency
from keyaccount.policies.visits import scaled_count
from keyaccount.testing import PlanningInputs, check_visit_frequency_policy, planning_inputs

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 12, 1, 9, tzinfo=SHANGHAI)
YEAR = PlanPeriod.year(2026)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


# An illustrative 2026 holiday arrangement in the style of China's (with 调休 make-up days).
CALENDAR = BusinessCalendar(
    timezone="Asia/Shanghai",
    working_hours=[(time(9), time(12)), (time(13, 30), time(18))],
    holidays=[
        *_days(date(2026, 1, 1), date(2026, 1, 3)),
        *_days(date(2026, 2, 15), date(2026, 2, 23)),
        *_days(date(2026, 4, 4), date(2026, 4, 6)),
        *_days(date(2026, 5, 1), date(2026, 5, 5)),
        *_days(date(2026, 6, 19), date(2026, 6, 21)),
        *_days(date(2026, 9, 25), date(2026, 9, 27)),
        *_days(date(2026, 10, 1), date(2026, 10, 7)),
    ],
    makeup_workdays=[
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ],
)
SPRING_FESTIVAL = date(2026, 2, 17)
MID_AUTUMN = date(2026, 9, 25)
FESTIVALS = (SPRING_FESTIVAL, MID_AUTUMN)
PLANNER = VisitPlanner(CALENDAR)


def _plan(account: AccountToPlan, period: PlanPeriod = YEAR) -> VisitPlan:
    plan, _ = PLANNER.plan(account, period, festivals=FESTIVALS, now=NOW)
    return plan


def _days_of(plan: VisitPlan, kind: VisitKind) -> list[date]:
    return [day for day, each in zip(plan.days, plan.kinds, strict=True) if each is kind]


# --- the frequency policy ------------------------------------------------------------------


def test_the_default_frequency_is_monthly_for_a_bimonthly_for_b_quarterly_calls_for_c() -> None:
    policy = visit_frequency()
    assert policy.minimum(TIER_A) == VisitQuota(on_site=12, holiday=2, event=1)
    assert policy.minimum(TIER_B) == VisitQuota(on_site=6, holiday=2, event=1)
    assert policy.minimum(TIER_C) == VisitQuota(phone_return=4, greeting=2)
    assert policy.minimum(TIER_D) == VisitQuota(phone_return=2, greeting=2)


def test_key_maintenance_tiers_get_holiday_visits_and_events_routine_tiers_greetings() -> None:
    policy = visit_frequency()
    for tier in (TIER_A, TIER_B):
        assert policy.minimum(tier).holiday == 2
        assert policy.minimum(tier).greeting == 0
    for tier in (TIER_C, TIER_D):
        assert policy.minimum(tier).greeting == 2
        assert policy.minimum(tier).holiday == 0


def test_tiers_of_another_grading_get_the_quota_of_their_visit_level() -> None:
    policy = visit_frequency()
    assert policy.minimum(STRATEGIC) == policy.minimum(TIER_A)
    assert policy.minimum(PARTNER) == policy.minimum(TIER_B)


def test_a_tier_neither_in_the_table_nor_on_the_ladder_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'GOLD'"):
        visit_frequency().minimum(Tier("GOLD", 1))


def test_a_customer_raise_adds_to_the_minimum_and_raises_accumulate() -> None:
    policy = visit_frequency().with_raise("ACME", VisitQuota(on_site=2))
    policy = policy.with_raise("ACME", VisitQuota(on_site=1, event=1))
    assert policy.quota_for("ACME", TIER_A) == VisitQuota(on_site=15, holiday=2, event=2)
    assert policy.quota_for("OTHER", TIER_A) == policy.minimum(TIER_A)
    with pytest.raises(InvalidInput, match="must be a VisitQuota"):
        policy.with_raise("ACME", 3)  # type: ignore[arg-type]


def test_the_default_policy_keeps_the_protocol() -> None:
    assert isinstance(visit_frequency(), VisitFrequencyPolicy)


@given(
    st.dictionaries(
        st.sampled_from(["ACME", "HUAXIN", "BEIHAI"]),
        st.builds(VisitQuota, *(st.integers(0, 5) for _ in VisitKind)),
    )
)
def test_the_default_policy_passes_the_conformance_check_with_any_raises(
    raises: dict[str, VisitQuota],
) -> None:
    policy = TierVisitFrequency(raises=raises)
    check_visit_frequency_policy(policy, [*SCORE_TIERS, STRATEGIC, PARTNER],
                                 ["ACME", "HUAXIN", "OTHER"])


def test_the_conformance_check_catches_a_policy_that_lowers_a_customer() -> None:
    @attrs.frozen
    class Lowering:
        def minimum(self, tier: Tier) -> VisitQuota:
            return VisitQuota(on_site=12)

        def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
            return VisitQuota(on_site=6)

    with pytest.raises(AssertionError, match="below the tier's minimum"):
        check_visit_frequency_policy(Lowering(), [TIER_A], ["ACME"])


def test_settings_replace_the_row_of_each_tier_they_name() -> None:
    policy = TierVisitFrequency.from_mapping(
        {
            "tiers": {"A": {"on_site": 24, "holiday": 2}},
            "levels": {"general": {"phone_return": 6}},
            "raises": {"ACME": {"event": 2}},
        }
    )
    assert policy.minimum(TIER_A) == VisitQuota(on_site=24, holiday=2)
    assert policy.minimum(TIER_B) == visit_frequency().minimum(TIER_B)
    assert policy.minimum(Tier("ORDINARY", 3)) == VisitQuota(phone_return=6)
    assert policy.quota_for("ACME", TIER_A).event == 2


_COUNTS = st.dictionaries(
    st.sampled_from([kind.value for kind in VisitKind]), st.integers(0, 24)
)


@given(
    st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), _COUNTS),
    st.dictionaries(st.sampled_from(["ACME", "HUAXIN"]), _COUNTS),
)
def test_settings_give_exactly_the_counts_they_name_and_the_defaults_elsewhere(
    tiers: dict[str, dict[str, int]], raises: dict[str, dict[str, int]]
) -> None:
    policy = TierVisitFrequency.from_mapping({"tiers": tiers, "raises": raises})
    for tier in SCORE_TIERS:
        expected = (
            VisitQuota(**tiers[tier.code]) if tier.code in tiers
            else visit_frequency().minimum(tier)
        )
        assert policy.minimum(tier) == expected
        for account_id in ("ACME", "HUAXIN", "OTHER"):
            extra = VisitQuota(**raises.get(account_id, {}))
            assert policy.quota_for(account_id, tier) == expected + extra
    assert TierVisitFrequency.from_mapping({}) == visit_frequency()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"tier": {}}, "unknown key"),
        ({"tiers": {"A": {"visits": 3}}}, "unknown key"),
        ({"tiers": {"A": {"on_site": -1}}}, "on_site"),
        ({"tiers": {"A": {"on_site": 1.5}}}, "on_site"),
        ({"tiers": {"A": 12}}, "must be a mapping"),
        ({"levels": {"vip": {"on_site": 1}}}, "'vip'"),
        ({"ladder": {"A": "vip"}}, "'vip'"),
        ({"ladder": ["A"]}, "ladder must be a mapping"),
        ({"tiers": {"A": {"on_site": True}}}, "on_site"),
        ({"raises": {"": {"on_site": 1}}}, "non-empty"),
        ({"tiers": []}, "must be a mapping"),
    ],
)
def test_bad_frequency_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        TierVisitFrequency.from_mapping(settings)


@given(
    st.sampled_from(SCORE_TIERS),
    st.builds(
        VisitQuota,
        *(st.integers(0, 5) for _ in VisitKind),
    ),
)
def test_a_raise_never_lowers_any_kind_below_the_minimum(tier: Tier, extra: VisitQuota) -> None:
    policy = visit_frequency().with_raise("ACME", extra)
    for kind in VisitKind:
        assert policy.quota_for("ACME", tier).count(kind) >= policy.minimum(tier).count(kind)


# --- the planner -------------------------------------------------------------------------


def test_core_accounts_get_an_on_site_visit_on_the_first_working_day_of_every_month() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    on_site = _days_of(plan, VisitKind.ON_SITE)
    assert [day.month for day in on_site] == list(range(1, 13))
    # 1-3 January is a holiday and Sunday 4 January a make-up working day (调休).
    assert on_site[0] == date(2026, 1, 4)
    assert on_site[1] == date(2026, 2, 2)
    assert on_site[4] == date(2026, 5, 6)  # after the Labour Day holiday
    assert on_site[9] == date(2026, 10, 8)  # after National Day


def test_important_accounts_are_visited_every_two_months() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_B, staff=["li"]))
    assert [day.month for day in _days_of(plan, VisitKind.ON_SITE)] == [1, 3, 5, 7, 9, 11]
    assert plan.interval == VisitInterval(months=2)


def test_general_accounts_get_quarterly_and_half_yearly_phone_return_visits() -> None:
    c_plan = _plan(AccountToPlan("C1", TIER_C, staff=["li"]))
    d_plan = _plan(AccountToPlan("D1", TIER_D, staff=["li"]))
    assert [d.month for d in _days_of(c_plan, VisitKind.PHONE_RETURN)] == [1, 4, 7, 10]
    assert [d.month for d in _days_of(d_plan, VisitKind.PHONE_RETURN)] == [1, 7]
    assert _days_of(c_plan, VisitKind.ON_SITE) == []


def test_holiday_visits_go_on_the_last_working_day_before_each_festival() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    # 15-23 February is the Spring Festival holiday; Saturday 14 February is a make-up day.
    assert _days_of(plan, VisitKind.HOLIDAY) == [date(2026, 2, 14), date(2026, 9, 24)]
    c_plan = _plan(AccountToPlan("C1", TIER_C, staff=["li"]))
    assert _days_of(c_plan, VisitKind.GREETING) == [date(2026, 2, 14), date(2026, 9, 24)]


def test_an_account_needing_festival_visits_without_festival_dates_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"2 holiday visit\(s\).*1 festival"):
        PLANNER.plan(
            AccountToPlan("ACME", TIER_A, staff=["li"]), YEAR, festivals=[MID_AUTUMN], now=NOW
        )


def test_a_quarter_owes_festival_visits_only_before_the_festivals_that_fall_in_it() -> None:
    account = AccountToPlan("ACME", TIER_A, staff=["li"])
    second = _plan(account, PlanPeriod(date(2026, 4, 1), date(2026, 7, 1)))
    assert second.count(VisitKind.HOLIDAY) == 0
    assert [day.month for day in _days_of(second, VisitKind.ON_SITE)] == [4, 5, 6]
    third = _plan(account, PlanPeriod(date(2026, 7, 1), date(2026, 10, 1)))
    assert _days_of(third, VisitKind.HOLIDAY) == [date(2026, 9, 24)]


def test_a_visit_falling_on_a_blackout_date_moves_to_the_next_free_day_of_its_slot() -> None:
    plain = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    blocked = _plan(
        AccountToPlan("ACME", TIER_A, staff=["li"], blackout_dates=[date(2026, 3, 2)])
    )
    assert date(2026, 3, 2) in _days_of(plain, VisitKind.ON_SITE)
    assert date(2026, 3, 3) in _days_of(blocked, VisitKind.ON_SITE)
    assert date(2026, 3, 2) not in blocked.days
    assert len(blocked) == len(plain)


def test_a_visit_whose_whole_slot_is_blocked_takes_the_nearest_free_day_after_it() -> None:
    march = _days(date(2026, 3, 1), date(2026, 3, 31))
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"], blackout_dates=march))
    on_site = _days_of(plan, VisitKind.ON_SITE)
    assert len(on_site) == 12
    assert not any(day.month == 3 for day in on_site)
    assert on_site[2:4] == [date(2026, 4, 1), date(2026, 4, 2)]


def test_visitors_rotate_through_the_staff_covering_the_account() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li", "wang", "zhang"]))
    assert list(plan.visitors[:4]) == [
        ("li",), ("wang",), ("zhang",), ("li",)
    ]


def test_topics_rotate_through_the_five_contents_and_greetings_carry_none() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    assert [topics[0] for topics in plan.topics[:6]] == [*Topic, Topic.CUSTOMER_BASICS]
    c_plan = _plan(AccountToPlan("C1", TIER_C, staff=["li"]))
    for kind, topics in zip(c_plan.kinds, c_plan.topics, strict=True):
        assert (topics == ()) == (kind is VisitKind.GREETING)


def test_a_half_year_period_owes_half_the_yearly_visits() -> None:
    h2 = PlanPeriod(date(2026, 7, 1), date(2027, 1, 1))
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]), h2)
    assert [day.month for day in _days_of(plan, VisitKind.ON_SITE)] == list(range(7, 13))
    assert scaled_count(4, PlanPeriod(date(2026, 1, 10), date(2026, 2, 10))) == 1


def test_a_raised_account_gets_more_visits_than_its_tier() -> None:
    planner = attrs.evolve(PLANNER, policy=visit_frequency().with_raise(
        "ACME", VisitQuota(on_site=6)
    ))
    plan, _ = planner.plan(
        AccountToPlan("ACME", TIER_B, staff=["li"]), YEAR, festivals=FESTIVALS, now=NOW
    )
    assert plan.count(VisitKind.ON_SITE) == 12


def test_a_portfolio_comes_back_in_account_order_with_one_event_per_plan() -> None:
    accounts = [
        AccountToPlan("ZETA", TIER_D, staff=["li"]),
        AccountToPlan("ACME", TIER_A, staff=["wang"]),
    ]
    plans, events = PLANNER.plan_portfolio(accounts, YEAR, festivals=FESTIVALS, now=NOW)
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
        planner.plan(AccountToPlan("ACME", TIER_A, staff=["li"]), YEAR, festivals=FESTIVALS,
                     now=NOW)


def test_an_account_given_twice_to_the_planner_is_refused() -> None:
    account = AccountToPlan("ACME", TIER_A, staff=["li"])
    with pytest.raises(InvalidInput, match="twice"):
        PLANNER.plan_portfolio([account, account], YEAR, festivals=FESTIVALS, now=NOW)


def test_planning_with_a_naive_now_is_refused() -> None:
    with pytest.raises(InvalidInput, match="now"):
        PLANNER.plan(
            AccountToPlan("ACME", TIER_A, staff=["li"]),
            YEAR,
            festivals=FESTIVALS,
            now=datetime(2025, 12, 1),  # noqa: DTZ001 - the naive datetime under test
        )


def test_planning_a_year_the_calendar_has_no_holidays_for_is_refused() -> None:
    with pytest.raises(CalendarRangeError):
        _plan(AccountToPlan("ACME", TIER_A, staff=["li"]), PlanPeriod.year(2027))


# --- planner properties ----------------------------------------------------------------------


def _plans(inputs: PlanningInputs, accounts: object = None) -> tuple[VisitPlan, ...]:
    planner = VisitPlanner(inputs.calendar)
    plans, _ = planner.plan_portfolio(
        inputs.accounts if accounts is None else accounts,  # type: ignore[arg-type]
        PlanPeriod.year(inputs.year),
        festivals=inputs.festivals,
        now=NOW,
    )
    return plans


@given(planning_inputs())
def test_every_plan_holds_at_least_the_policy_minimum_of_each_kind(inputs: PlanningInputs) -> None:
    policy = visit_frequency()
    for plan, account in zip(_plans(inputs), sorted(inputs.accounts, key=lambda a: a.account_id),
                             strict=True):
        quota = policy.quota_for(account.account_id, account.tier)
        for kind in VisitKind:
            assert plan.count(kind) >= quota.count(kind)


@given(planning_inputs())
def test_every_planned_day_is_a_working_day_not_a_blackout_date_and_inside_the_period(
    inputs: PlanningInputs,
) -> None:
    blackout = {account.account_id: account.blackout_dates for account in inputs.accounts}
    period = PlanPeriod.year(inputs.year)
    for plan in _plans(inputs):
        for day in plan.days:
            assert day in period
            assert inputs.calendar.is_working_day(day)
            assert day not in blackout[plan.account_id]


def _longest_blocked_run(inputs: PlanningInputs, blackout: frozenset[date]) -> int:
    longest = run = 0
    for day in _days(date(inputs.year, 1, 1), date(inputs.year, 12, 31)):
        run = run + 1 if (not inputs.calendar.is_working_day(day) or day in blackout) else 0
        longest = max(longest, run)
    return longest


@given(planning_inputs(max_accounts=3))
def test_gaps_between_regular_visits_never_exceed_the_interval_plus_the_longest_closure(
    inputs: PlanningInputs,
) -> None:
    accounts = {account.account_id: account for account in inputs.accounts}
    for plan in _plans(inputs):
        assert plan.interval is not None
        slack = timedelta(
            days=_longest_blocked_run(inputs, accounts[plan.account_id].blackout_dates)
        )
        regular = [
            day for day, kind in zip(plan.days, plan.kinds, strict=True)
            if kind in (VisitKind.ON_SITE, VisitKind.PHONE_RETURN)
        ]
        for before, after in pairwise(regular):
            assert after <= plan.interval.after(before) + slack


def _plans_with_free_days(
    inputs: PlanningInputs,
) -> Iterator[tuple[VisitPlan, list[date], VisitQuota]]:
    """Each plan, with its account's free days (working, not blackout) and its quota."""
    policy = visit_frequency()
    accounts = {account.account_id: account for account in inputs.accounts}
    year = _days(date(inputs.year, 1, 1), date(inputs.year, 12, 31))
    for plan in _plans(inputs):
        account = accounts[plan.account_id]
        free = [
            day for day in year
            if inputs.calendar.is_working_day(day) and day not in account.blackout_dates
        ]
        yield plan, free, policy.quota_for(account.account_id, account.tier)


@given(planning_inputs(max_accounts=3))
def test_each_evenly_spread_visit_is_the_first_free_day_of_its_slot(
    inputs: PlanningInputs,
) -> None:
    # The generated calendars and blackout dates always leave a free day in every month, so
    # no visit has to leave its slot: the i-th visit of n a year is the first working,
    # non-blackout day of the i-th of n equal runs of months (12 monthly, 4 quarterly ...).
    for plan, free, quota in _plans_with_free_days(inputs):
        for kind in (VisitKind.ON_SITE, VisitKind.PHONE_RETURN, VisitKind.EVENT):
            count = quota.count(kind)
            if count == 0 or 12 % count:
                continue
            months = 12 // count
            expected = [
                next(day for day in free if day >= date(inputs.year, 1 + slot * months, 1))
                for slot in range(count)
            ]
            assert _days_of(plan, kind) == expected


@given(planning_inputs(max_accounts=3))
def test_festival_visits_fall_on_the_last_free_day_before_each_festival(
    inputs: PlanningInputs,
) -> None:
    for plan, free, quota in _plans_with_free_days(inputs):
        for kind in (VisitKind.HOLIDAY, VisitKind.GREETING):
            festivals = sorted(inputs.festivals)[: quota.count(kind)]
            expected = [max(day for day in free if day < festival) for festival in festivals]
            assert _days_of(plan, kind) == expected


@given(planning_inputs(), st.randoms(use_true_random=False))
def test_planning_is_deterministic_and_independent_of_the_order_of_accounts(
    inputs: PlanningInputs, shuffler: st.SearchStrategy[object]
) -> None:
    shuffled = list(inputs.accounts)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _plans(inputs) == _plans(inputs, shuffled) == _plans(inputs)


@given(planning_inputs(max_accounts=1), st.data())
def test_replanning_after_a_tier_change_never_drops_a_completed_visit(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    (plan,) = _plans(inputs)
    account = inputs.accounts[0]
    done = data.draw(st.sets(st.sampled_from(list(zip(plan.days, plan.kinds, strict=True)))))
    as_of = data.draw(st.dates(date(inputs.year, 1, 2), date(inputs.year, 12, 1)))
    new_tier = data.draw(st.sampled_from(SCORE_TIERS))
    planner = VisitPlanner(inputs.calendar)
    new_plan, events = planner.replan(
        plan,
        attrs.evolve(account, tier=new_tier),
        as_of=as_of,
        done=done,
        festivals=inputs.festivals,
        now=NOW,
    )
    new_keys = set(zip(new_plan.days, new_plan.kinds, strict=True))
    assert done <= new_keys
    past = {key for key in zip(plan.days, plan.kinds, strict=True) if key[0] < as_of}
    assert past <= new_keys
    assert new_plan.tier == new_tier
    quota = visit_frequency().minimum(new_tier)
    period = PlanPeriod.year(inputs.year)
    rest = PlanPeriod(as_of, period.end)
    for kind in (VisitKind.ON_SITE, VisitKind.PHONE_RETURN, VisitKind.EVENT):
        # the new tier's share of the rest of the year, unless the visits kept already make
        # up its whole year
        ahead = [day for day in _days_of(new_plan, kind) if day >= as_of]
        kept_before = [day for day in _days_of(new_plan, kind) if day < as_of]
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
    plan = _plan(account)
    first_call = (plan.days[0], plan.kinds[0])
    new_plan, _ = PLANNER.replan(
        plan,
        attrs.evolve(account, tier=TIER_A),
        as_of=date(2026, 7, 1),
        done=[first_call],
        festivals=FESTIVALS,
        now=NOW,
    )
    assert first_call in set(zip(new_plan.days, new_plan.kinds, strict=True))
    # from July the account is visited monthly, as core accounts are
    assert [d.month for d in _days_of(new_plan, VisitKind.ON_SITE)] == list(range(7, 13))
    # the Spring Festival has passed: one holiday visit, before Mid-Autumn
    assert _days_of(new_plan, VisitKind.HOLIDAY) == [date(2026, 9, 24)]
    assert new_plan.interval == VisitInterval(months=1)


def test_replanning_an_unchanged_account_from_the_start_of_a_slot_gives_the_same_plan() -> None:
    # visitors and topics go on rotating from the visits kept, as in the first plan
    account = AccountToPlan("ACME", TIER_A, staff=["li", "wang", "zhang"])
    plan = _plan(account)
    for as_of in (date(2026, 3, 1), date(2026, 7, 1)):
        same, _ = PLANNER.replan(plan, account, as_of=as_of, done=(), festivals=FESTIVALS,
                                 now=NOW)
        assert same == plan


def test_replanning_under_the_same_tier_for_new_blackout_dates_adds_no_visit() -> None:
    account = AccountToPlan("ACME", TIER_B, staff=["li"])
    plan = _plan(account)
    moved = attrs.evolve(account, blackout_dates=[date(2026, 7, 1), date(2026, 7, 2)])
    new_plan, _ = PLANNER.replan(plan, moved, as_of=date(2026, 6, 1), done=(),
                                 festivals=FESTIVALS, now=NOW)
    for kind in VisitKind:
        assert new_plan.count(kind) == plan.count(kind)
    assert not {date(2026, 7, 1), date(2026, 7, 2)} & set(new_plan.days)


def test_replanning_refuses_another_account_or_a_day_outside_the_period() -> None:
    account = AccountToPlan("ACME", TIER_D, staff=["li"])
    plan = _plan(account)
    with pytest.raises(InvalidInput, match="'OTHER'"):
        PLANNER.replan(plan, attrs.evolve(account, account_id="OTHER"), as_of=date(2026, 7, 1),
                       done=(), festivals=FESTIVALS, now=NOW)
    with pytest.raises(InvalidInput, match="as_of"):
        PLANNER.replan(plan, account, as_of=date(2027, 7, 1), done=(), festivals=FESTIVALS,
                       now=NOW)


# --- handing visits over (SPEC §3) -------------------------------------------------------------


def test_a_leavers_visits_from_the_handover_day_go_to_the_successor_and_the_past_stays() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["wang", "li"]))
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
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["wang"]))
    early = plan.visit_at(len(plan) - 1)  # the last visit of the year, done early
    new_plan, _ = plan.reassign_visitor(
        "wang", "zhao", from_day=date(2026, 6, 10), now=JUNE, done=[_record_of(early)]
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
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    assert plan.reassign_visitor("wang", "zhao", from_day=date(2026, 1, 1), now=JUNE) == (
        plan,
        (),
    )
    assert plan.reassign_visitor("li", "zhao", from_day=date(2027, 1, 1), now=JUNE) == (plan, ())


def test_handing_visits_over_refuses_blank_names_oneself_and_a_naive_now() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
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
    plans, _ = VisitPlanner(inputs.calendar).plan_portfolio(
        inputs.accounts, PlanPeriod.year(inputs.year), festivals=inputs.festivals, now=NOW
    )
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


# --- compliance ------------------------------------------------------------------------------


def _record_of(visit: PlannedVisit, record_id: str = "R1") -> VisitRecord:
    return VisitRecord(
        record_id=record_id,
        account_id=visit.account_id,
        kind=visit.kind,
        visited_at=datetime.combine(visit.day, time(10), tzinfo=SHANGHAI),
        place="customer HQ",
        visitors=visit.visitors,
        customer_situation="stable",
        topics=visit.topics or (Topic.CUSTOMER_BASICS,),
        content="talked",
        planned_day=visit.day,
    )


def _record(plan: VisitPlan, index: int, *, record_id: str = "R1") -> VisitRecord:
    return _record_of(plan.visit_at(index), record_id)


JUNE = datetime(2026, 6, 15, 12, tzinfo=SHANGHAI)


def test_compliance_counts_due_completed_and_overdue_planned_visits() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    due = sum(1 for day in plan.days if day < JUNE.date())
    records = [_record(plan, 0, record_id="R1"), _record(plan, 2, record_id="R2")]
    report = evaluate_compliance([plan], records, now=JUNE, zone=SHANGHAI)
    (account,) = report.accounts
    assert (account.due, account.completed, account.overdue) == (due, 2, due - 2)
    assert report.completion_rate == account.completion_rate
    assert len(report.overdue) == due - 2
    overdue = {(visit.planned_day, visit.kind) for visit in report.overdue}
    assert (plan.days[0], plan.kinds[0]) not in overdue
    assert all(visit.days_overdue == (JUNE.date() - visit.planned_day).days
               for visit in report.overdue)


def test_a_visit_planned_for_today_is_not_yet_overdue_and_is_the_next_due() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    today = plan.days[5]
    report = evaluate_compliance(
        [plan], [], now=datetime.combine(today, time(23), tzinfo=SHANGHAI), zone=SHANGHAI
    )
    assert report.accounts[0].due == 5
    assert report.accounts[0].next_due == plan.visit_at(5)


def test_the_next_visit_due_skips_visits_already_done_early() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    report = evaluate_compliance([plan], [_record(plan, 0)], now=NOW, zone=SHANGHAI)
    assert report.accounts[0].next_due == plan.visit_at(1)
    assert report.completion_rate is None  # nothing due before the year starts


def test_the_evaluation_day_is_counted_in_the_calendars_zone() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    # 17:00 UTC on 2 February is 01:00 on 3 February in Shanghai: the visit of 2 February
    # has passed there, not yet in UTC.
    late = datetime(2026, 2, 2, 17, tzinfo=UTC)
    due_utc = evaluate_compliance([plan], [], now=late, zone=UTC).accounts[0].due
    due_shanghai = evaluate_compliance([plan], [], now=late, zone=SHANGHAI).accounts[0].due
    assert (due_utc, due_shanghai) == (2, 3)


def test_an_account_whose_last_regular_visit_is_older_than_its_interval_has_a_gap() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_B, staff=["li"]))
    visited = _record(plan, 0)  # the January visit
    report = evaluate_compliance([plan], [visited], now=JUNE, zone=SHANGHAI)
    (gap,) = report.gaps
    assert gap.last_visit == plan.days[0]
    assert gap.interval == VisitInterval(months=2)
    recent = attrs.evolve(
        visited, record_id="R9", visited_at=datetime(2026, 5, 20, 10, tzinfo=SHANGHAI),
        planned_day=None,
    )
    assert evaluate_compliance([plan], [visited, recent], now=JUNE, zone=SHANGHAI).gaps == ()


def test_an_account_never_visited_has_a_gap_counted_from_the_start_of_its_plan() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_C, staff=["li"]))
    report = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI)
    (gap,) = report.gaps
    assert (gap.last_visit, gap.since) == (None, date(2026, 1, 1))
    assert evaluate_compliance(
        [plan], [], now=datetime(2026, 3, 15, tzinfo=SHANGHAI), zone=SHANGHAI
    ).gaps == ()


def test_holiday_visits_and_greetings_do_not_count_as_regular_visits() -> None:
    plan = _plan(AccountToPlan("C1", TIER_C, staff=["li"]))
    greeting = plan.kinds.index(VisitKind.GREETING)
    report = evaluate_compliance([plan], [_record(plan, greeting)], now=JUNE, zone=SHANGHAI)
    assert report.gaps[0].last_visit is None


def test_overdue_visits_are_reported_once_across_evaluations() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    first = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI)
    assert len(first.events) == len(first.overdue) > 0
    assert all(isinstance(event, VisitOverdue) and event.occurred_at == JUNE
               for event in first.events)
    assert first.reported == {visit.visit_id for visit in first.overdue}
    assert "ACME/2026-01-04/on_site" in first.reported  # plain ids a host can store
    again = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI, reported=first.reported)
    assert again.events == ()
    july = datetime(2026, 7, 15, tzinfo=SHANGHAI)
    later = evaluate_compliance([plan], [], now=july, zone=SHANGHAI, reported=again.reported)
    assert [event.planned_day for event in later.events] == [date(2026, 7, 1)]


def test_two_plans_for_one_account_are_refused() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    with pytest.raises(InvalidInput, match="two plans"):
        evaluate_compliance([plan, plan], [], now=JUNE, zone=SHANGHAI)


def test_reported_visits_must_be_given_by_their_ids() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    old_style = {("ACME", date(2026, 1, 5), VisitKind.ON_SITE)}
    with pytest.raises(InvalidInput, match="reported must hold visit ids"):
        evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI, reported=old_style)


def test_a_record_of_another_kind_or_another_account_does_not_carry_out_a_planned_visit() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_A, staff=["li"]))
    on_site = _record(plan, 0)
    as_phone_call = attrs.evolve(on_site, kind=VisitKind.PHONE_RETURN)
    for_someone_else = attrs.evolve(on_site, account_id="OTHER")
    report = evaluate_compliance([plan], [as_phone_call, for_someone_else], now=JUNE,
                                 zone=SHANGHAI)
    assert report.accounts[0].completed == 0
    assert plan.visit_at(0).visit_id in {visit.visit_id for visit in report.overdue}
    # the phone call still counts as a regular visit for the gap; the other account's does not
    assert report.accounts[0].last_visit == plan.days[0]


def test_a_regular_visit_after_today_does_not_close_the_gap() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_B, staff=["li"]))
    tomorrow = attrs.evolve(
        _record(plan, 0), visited_at=datetime(2026, 6, 16, 0, 30, tzinfo=SHANGHAI),
        planned_day=None,
    )
    report = evaluate_compliance([plan], [_record(plan, 0), tomorrow], now=JUNE, zone=SHANGHAI)
    assert report.accounts[0].last_visit == plan.days[0]
    assert [gap.account_id for gap in report.gaps] == ["ACME"]


def test_a_plan_whose_regular_visits_were_all_made_has_no_gap_after_its_year_ended() -> None:
    # the C tier's quarterly calls, all made; evaluated two weeks into the next year the last
    # call (1 October) lies more than three months back, but the plan ended on 31 December
    plan = _plan(AccountToPlan("JINQIAO", TIER_C, staff=["li"]))
    calls = [
        _record(plan, index, record_id=f"R{index}")
        for index, kind in enumerate(plan.kinds)
        if kind is VisitKind.PHONE_RETURN
    ]
    after_the_year = datetime(2027, 1, 15, 9, tzinfo=SHANGHAI)
    report = evaluate_compliance([plan], calls, now=after_the_year, zone=SHANGHAI)
    assert report.gaps == ()
    at_year_end = datetime(2026, 12, 31, 18, tzinfo=SHANGHAI)
    assert evaluate_compliance([plan], calls, now=at_year_end, zone=SHANGHAI).gaps == ()


def test_an_ended_plans_gap_is_counted_to_its_last_day_however_late_it_is_evaluated() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_B, staff=["li"]))
    june_visit = plan.days.index(date(2026, 7, 1)) - 1
    records = [_record(plan, june_visit)]
    reports = [
        evaluate_compliance([plan], records, now=datetime(*day, 9, tzinfo=SHANGHAI),
                            zone=SHANGHAI)
        for day in ((2026, 12, 31), (2027, 1, 1), (2027, 6, 30), (2029, 3, 1))
    ]
    gaps = {report.gaps for report in reports}
    assert len(gaps) == 1
    (gap,) = reports[-1].gaps
    assert gap.until == date(2026, 12, 31)
    assert gap.days == (date(2026, 12, 31) - plan.days[june_visit]).days
    # the overdue visits are those of the whole plan, as on its last day
    assert {len(report.overdue) for report in reports[1:]} == {len(plan) - 1}


def test_a_gap_during_the_plan_is_counted_to_the_evaluation_day() -> None:
    plan = _plan(AccountToPlan("ACME", TIER_C, staff=["li"]))
    (gap,) = evaluate_compliance([plan], [], now=JUNE, zone=SHANGHAI).gaps
    assert (gap.until, gap.days) == (JUNE.date(), (JUNE.date() - date(2026, 1, 1)).days)


@given(planning_inputs(max_accounts=3), st.data())
def test_compliance_reports_each_overdue_visit_once_and_counts_only_visits_carried_out(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    plans = _plans(inputs)
    zone = ZoneInfo(inputs.calendar.timezone)
    visits = [visit for plan in plans for visit in plan.visits]
    done = data.draw(st.sets(st.sampled_from(visits)))
    records = [_record_of(visit, f"R{number}") for number, visit in enumerate(done)]
    done_ids = {visit.visit_id for visit in done}
    moments = sorted(
        data.draw(st.lists(st.dates(date(inputs.year, 1, 1), date(inputs.year, 12, 31)),
                           min_size=1, max_size=4))
    )
    reported: frozenset[str] = frozenset()
    seen: set[str] = set()
    for day in moments:
        report = evaluate_compliance(
            plans, records, now=datetime.combine(day, time(12), tzinfo=zone), zone=zone,
            reported=reported,
        )
        due = {visit.visit_id for visit in visits if visit.day < day}
        assert {visit.visit_id for visit in report.overdue} == due - done_ids
        assert (report.due, report.completed) == (len(due), len(due & done_ids))
        new = {event.visit_id for event in report.events}
        assert len(new) == len(report.events)
        assert not new & seen
        seen |= new
        reported = report.reported
    assert seen == reported


@given(planning_inputs(max_accounts=3), st.data())
def test_an_ended_plan_is_judged_as_on_its_last_day_whenever_it_is_evaluated(
    inputs: PlanningInputs, data: st.DataObject
) -> None:
    plans = _plans(inputs)
    zone = ZoneInfo(inputs.calendar.timezone)
    visits = [visit for plan in plans for visit in plan.visits]
    done = data.draw(st.sets(st.sampled_from(visits)))
    records = [_record_of(visit, f"R{number}") for number, visit in enumerate(done)]
    last_day = date(inputs.year, 12, 31)
    later = last_day + timedelta(days=data.draw(st.integers(1, 800)))

    def at(day: date) -> ComplianceReport:
        return evaluate_compliance(
            plans, records, now=datetime.combine(day, time(23), tzinfo=zone), zone=zone
        )

    # gaps as on the plan's last day; every visit due, as on the day after it
    assert at(later).gaps == at(last_day).gaps
    assert at(later).accounts == at(last_day + timedelta(days=1)).accounts
    for gap in at(later).gaps:
        assert gap.until == last_day
        assert gap.since < gap.interval.window_start(last_day)
