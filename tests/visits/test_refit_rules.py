"""Rules of fitting re-planned visits into the team's capacity, found by mutation testing.

Issue 12, item 5; each test names the rule it guards (docs/explanation/testing.md lists the
mutants they kill).
"""

from __future__ import annotations

from datetime import date, datetime

from keyaccount import (
    TIER_A,
    TIER_C,
    TIER_D,
    AccountToPlan,
    Period,
    PortfolioPlan,
    Tier,
    Topic,
    UnplacedReason,
    VisitKind,
    VisitLoad,
    VisitPlan,
    VisitPlanner,
    VisitQuota,
)
from keyaccount.policies import DailyVisitCapacity, PersonCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR, days_between

X = AccountToPlan("X", TIER_D, staff=["wu"])


class EventForTierA:
    """A host's policy: 12 on-site visits a year, and one event more for a tier A account."""

    def minimum(self, tier: Tier) -> VisitQuota:
        return VisitQuota(on_site=12, event=1 if tier == TIER_A else 0)

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        return self.minimum(tier)


def _june(plan_days: tuple[date, ...], kinds: tuple[VisitKind, ...]) -> list[tuple[date, str]]:
    return [(day, kind.value) for day, kind in zip(plan_days, kinds, strict=True)
            if day.month == 6]


def test_a_kept_visit_of_the_replanned_account_counts_against_its_persons_capacity() -> None:
    # the June on-site visit is done on 1 June and kept; the new tier's event, laid out on
    # 1 June too, finds wu's one in-person visit of the day taken and moves to 2 June
    planner = VisitPlanner(EventForTierA(), DailyVisitCapacity(in_person=1))
    portfolio, _ = planner.plan_portfolio([X], YEAR, calendar=CALENDAR, festivals=FESTIVALS,
                                          now=NOW)
    first = date(2026, 6, 1)
    assert first in portfolio.plans[0].days
    replanned, _ = planner.replan_portfolio(
        portfolio, AccountToPlan("X", TIER_A, staff=["wu"]), as_of=first,
        done=[(first, VisitKind.ON_SITE)], calendar=CALENDAR, festivals=FESTIVALS,
        now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
    plan = replanned.plans[0]
    assert _june(plan.days, plan.kinds)[:2] == [(first, "on_site"), (date(2026, 6, 2), "event")]


def test_replanning_keeps_other_accounts_unplaced_visits_and_its_own_whose_window_is_over() -> None:
    # wu is away all May (X's May visit is unplaced, its window ends on as_of); li has no
    # in-person capacity (all of Y's visits are unplaced)
    capacity = DailyVisitCapacity(people={
        "wu": PersonCapacity(days_off=days_between(date(2026, 5, 1), date(2026, 5, 31))),
        "li": PersonCapacity(in_person=0)})
    planner = VisitPlanner(EventForTierA(), capacity)
    portfolio, _ = planner.plan_portfolio(
        [X, AccountToPlan("Y", TIER_D, staff=["li"])], YEAR, calendar=CALENDAR,
        festivals=FESTIVALS, now=NOW)
    replanned, _ = planner.replan_portfolio(
        portfolio, AccountToPlan("X", TIER_A, staff=["wu"]), as_of=date(2026, 6, 1), done=(),
        calendar=CALENDAR, festivals=FESTIVALS, now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
    assert [visit for visit in replanned.unplaced if visit.account_id == "Y"] == [
        visit for visit in portfolio.unplaced if visit.account_id == "Y"]
    assert len([visit for visit in replanned.unplaced if visit.account_id == "Y"]) == 12
    assert [visit.window.start for visit in replanned.unplaced if visit.account_id == "X"] == [
        date(2026, 5, 1)]


def test_a_replanned_visit_without_room_lacks_capacity_when_its_window_has_a_free_day() -> None:
    # wu is away on the one day from 1 June to 12 July the account is open: the visit is
    # unplaced for lack of capacity, whether that day is as_of itself or later in the window
    june = days_between(date(2026, 6, 1), date(2026, 6, 30))
    closed = days_between(date(2026, 6, 1), date(2026, 7, 12))
    open_day = date(2026, 6, 15)
    planner = VisitPlanner(EventForTierA(), DailyVisitCapacity(
        people={"wu": PersonCapacity(days_off=[open_day])}))
    blackout = [day for day in closed if day != open_day]
    for as_of, planned_from in [(date(2026, 6, 1), X),
                                (open_day, AccountToPlan("X", TIER_D, staff=["wu"],
                                                         blackout_dates=june[:14]))]:
        portfolio, _ = planner.plan_portfolio([planned_from], YEAR, calendar=CALENDAR,
                                              festivals=FESTIVALS, now=NOW)
        replanned, _ = planner.replan_portfolio(
            portfolio, AccountToPlan("X", TIER_D, staff=["wu"], blackout_dates=blackout),
            as_of=as_of, done=(), calendar=CALENDAR, festivals=FESTIVALS,
            now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
        assert [(visit.window.start.month, visit.reason) for visit in replanned.unplaced] == [
            (6, UnplacedReason.NO_CAPACITY)], as_of


def test_a_replanned_visit_without_a_free_day_left_in_its_window_has_no_free_day() -> None:
    # the account is closed all December and wu away all November: December's visit has no
    # free day left from as_of on (November is the past) and is unplaced, not put in November
    planner = VisitPlanner(EventForTierA(), DailyVisitCapacity(people={
        "wu": PersonCapacity(days_off=days_between(date(2026, 11, 1), date(2026, 11, 30)))}))
    portfolio, _ = planner.plan_portfolio([X], YEAR, calendar=CALENDAR, festivals=FESTIVALS,
                                          now=NOW)
    replanned, _ = planner.replan_portfolio(
        portfolio, AccountToPlan("X", TIER_D, staff=["wu"],
                                 blackout_dates=days_between(date(2026, 12, 1),
                                                             date(2026, 12, 31))),
        as_of=date(2026, 12, 1), done=(), calendar=CALENDAR, festivals=FESTIVALS,
        now=datetime(2026, 11, 30, 9, tzinfo=SHANGHAI))
    assert [(visit.window.start, visit.reason) for visit in replanned.unplaced] == [
        (date(2026, 11, 1), UnplacedReason.NO_CAPACITY),
        (date(2026, 12, 1), UnplacedReason.NO_FREE_DAY)]


def test_a_visit_moved_in_a_replan_never_joins_a_kept_visit_of_its_kind_on_one_day() -> None:
    # 24 on-site visits a year from June: the one of 1 June is done and kept; the next one,
    # from 1 to 16 June, finds wu full (two in person a day) from 2 June on, and 1 June
    # already holds an on-site visit of the account: it is unplaced, not doubled up
    class TwiceAMonthForTierA:
        def minimum(self, tier: Tier) -> VisitQuota:
            return VisitQuota(on_site=24 if tier == TIER_A else 12)

        def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
            return self.minimum(tier)

    planner = VisitPlanner(TwiceAMonthForTierA(), DailyVisitCapacity(in_person=2))
    portfolio, _ = planner.plan_portfolio([X], YEAR, calendar=CALENDAR, festivals=FESTIVALS,
                                          now=NOW)
    first = date(2026, 6, 1)
    busy_days = [day for day in days_between(date(2026, 6, 2), date(2026, 6, 30))
                 if CALENDAR.is_working_day(day)]
    days = tuple(day for day in busy_days for _ in range(2))
    busy = VisitPlan("BUSY", TIER_A, YEAR, days=days,
                     kinds=(VisitKind.ON_SITE, VisitKind.EVENT) * len(busy_days),
                     visitors=(("wu",),) * len(days),
                     topics=((Topic.CUSTOMER_BASICS,),) * len(days))
    replanned, _ = planner.replan_portfolio(
        PortfolioPlan((busy, portfolio.plans[0])), AccountToPlan("X", TIER_A, staff=["wu"]),
        as_of=first, done=[(first, VisitKind.ON_SITE)], calendar=CALENDAR,
        festivals=FESTIVALS, now=datetime(2026, 5, 29, 9, tzinfo=SHANGHAI))
    plan = replanned.plans[1]
    assert _june(plan.days, plan.kinds) == [(first, "on_site")]
    assert [(visit.window, visit.reason) for visit in replanned.unplaced] == [
        (Period(first, date(2026, 6, 17)), UnplacedReason.NO_CAPACITY)]


AS_OF = date(2026, 6, 1)
REPLAN_NOW = datetime(2026, 5, 29, 9, tzinfo=SHANGHAI)
JUNE_WORKING = [day for day in days_between(AS_OF, date(2026, 6, 30))
                if CALENDAR.is_working_day(day)]


def _busy(account_id: str, days: list[date], person: str = "wu") -> VisitPlan:
    """Another account's plan: ``person`` goes on site on each of ``days``."""
    return VisitPlan(account_id, TIER_A, YEAR, days=tuple(days),
                     kinds=(VisitKind.ON_SITE,) * len(days), visitors=((person,),) * len(days),
                     topics=((Topic.CUSTOMER_BASICS,),) * len(days))


def _replan(planner: VisitPlanner, others: list[VisitPlan], account: AccountToPlan,
            **extra: object) -> PortfolioPlan:
    plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    replanned, _ = planner.replan_portfolio(
        PortfolioPlan((*others, plan)), account, as_of=AS_OF, done=(), calendar=CALENDAR,
        festivals=FESTIVALS, now=REPLAN_NOW, **extra)  # type: ignore[arg-type]
    return replanned


def _june_on_site(
    portfolio: PortfolioPlan, account_id: str = "X"
) -> list[tuple[date, tuple[str, ...]]]:
    plan = next(plan for plan in portfolio.plans if plan.account_id == account_id)
    return [(day, visitors) for day, kind, visitors in
            zip(plan.days, plan.kinds, plan.visitors, strict=True)
            if kind is VisitKind.ON_SITE and day.month == 6]


def test_two_visits_of_a_kind_laid_out_anew_never_end_up_on_one_day() -> None:
    # festivals on 4 and 6 March, the account closed on 3-5 March from as_of on: the
    # holiday visits are laid out on 28 February and 2 March; wu is full on 28 February, so
    # that visit looks for another day of its window: 2 March is the other visit's own day
    # (0.2.0 development: it took it, the other kept it, and the plan was refused)
    class TwoHolidays:
        def minimum(self, tier: Tier) -> VisitQuota:
            return VisitQuota(holiday=2)

        def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
            return self.minimum(tier)

    festivals = [date(2026, 3, 4), date(2026, 3, 6)]
    planner = VisitPlanner(TwoHolidays(), DailyVisitCapacity(in_person=2))
    plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=festivals, now=NOW)
    busy = VisitPlan("BUSY", TIER_A, YEAR, days=(date(2026, 2, 28),) * 2,
                     kinds=(VisitKind.ON_SITE, VisitKind.EVENT), visitors=(("wu",),) * 2,
                     topics=((Topic.CUSTOMER_BASICS,),) * 2)
    closed = AccountToPlan("X", TIER_D, staff=["wu"],
                           blackout_dates=days_between(date(2026, 3, 3), date(2026, 3, 5)))
    replanned, (event,) = planner.replan_portfolio(
        PortfolioPlan((busy, plan)), closed, as_of=date(2026, 2, 2), done=(),
        calendar=CALENDAR, festivals=festivals, now=NOW)
    assert replanned.plans[1].days == (date(2026, 3, 2),)
    assert [(visit.kind, visit.reason) for visit in replanned.unplaced] == [
        (VisitKind.HOLIDAY, UnplacedReason.NO_CAPACITY)]
    assert event.visit_count == 1


def test_replanning_in_a_portfolio_with_room_to_spare_gives_the_plan_replan_gives() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    regraded = AccountToPlan("X", TIER_A, staff=["wu"])
    single, _ = planner.replan(plan, regraded, as_of=AS_OF, done=(), calendar=CALENDAR,
                               festivals=FESTIVALS, now=REPLAN_NOW)
    replanned, _ = planner.replan_portfolio(
        PortfolioPlan((plan,)), regraded, as_of=AS_OF, done=(), calendar=CALENDAR,
        festivals=FESTIVALS, now=REPLAN_NOW)
    assert replanned.plans == (single,)
    # the visits kept (before as_of) keep their topics; every visit has its content topic
    kept = sum(1 for day in plan.days if day < AS_OF)
    assert replanned.plans[0].topics[:kept] == plan.topics[:kept]
    assert all(isinstance(topic, Topic) for topics in replanned.plans[0].topics
               for topic in topics)


def test_the_replan_event_counts_the_visits_placed_not_those_left_unplaced() -> None:
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(in_person=1))
    plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    replanned, (event,) = planner.replan_portfolio(
        PortfolioPlan((_busy("BUSY", JUNE_WORKING), plan)), AccountToPlan("X", TIER_A,
                                                                          staff=["wu"]),
        as_of=AS_OF, done=(), calendar=CALENDAR, festivals=FESTIVALS, now=REPLAN_NOW)
    assert replanned.unplaced
    assert event.visit_count == len(replanned.plans[1])


def test_the_shortfall_counts_person_days_as_visits_over_the_standard_limit_rounded_up() -> None:
    capacity = DailyVisitCapacity(people={"li": PersonCapacity(in_person=0)})
    portfolio, _ = VisitPlanner(visit_frequency(), capacity).plan_portfolio(
        [AccountToPlan(f"K{n}", TIER_A, staff=["li"]) for n in range(2)], YEAR,
        calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    february = next(row for row in portfolio.shortfall if row.month == date(2026, 2, 1))
    assert (february.visits, february.person_days) == (4, 2)  # 3 in person a day


def test_a_replanned_visit_goes_to_another_of_the_accounts_staff_when_its_visitor_is_full() -> None:
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(in_person=1))
    account = AccountToPlan("X", TIER_D, staff=["wu", "li"])
    plan, _ = planner.plan(account, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    replanned, _ = planner.replan_portfolio(
        PortfolioPlan((_busy("BUSY", JUNE_WORKING), plan)),
        AccountToPlan("X", TIER_A, staff=["wu", "li"]), as_of=AS_OF, done=(),
        calendar=CALENDAR, festivals=FESTIVALS, now=REPLAN_NOW)
    assert replanned.unplaced == ()
    assert _june_on_site(replanned) == [(AS_OF, ("li",))]


def test_a_replanned_visit_never_moves_onto_a_blackout_date() -> None:
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(in_person=1))
    closed = AccountToPlan("X", TIER_A, staff=["wu"],
                           blackout_dates=days_between(date(2026, 6, 2), date(2026, 6, 10)))
    replanned = _replan(planner, [_busy("BUSY", [AS_OF])], closed)
    assert _june_on_site(replanned) == [(date(2026, 6, 11), ("wu",))]


def test_a_replanned_visit_may_move_to_as_of_itself() -> None:
    class OneHoliday:
        def minimum(self, tier: Tier) -> VisitQuota:
            return VisitQuota(holiday=1)

        def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
            return self.minimum(tier)

    festivals = [date(2026, 6, 18)]
    as_of = date(2026, 6, 15)
    planner = VisitPlanner(OneHoliday(), DailyVisitCapacity(in_person=1))
    plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=festivals, now=NOW)
    assert plan.days == (date(2026, 6, 17),)
    replanned, _ = planner.replan_portfolio(
        PortfolioPlan((_busy("BUSY", [date(2026, 6, 16), date(2026, 6, 17)]), plan)), X,
        as_of=as_of, done=(), calendar=CALENDAR, festivals=festivals, now=REPLAN_NOW)
    assert replanned.plans[1].days == (as_of,)


def test_a_replanned_in_person_visit_moves_to_a_day_its_person_spends_in_its_area() -> None:
    # wu is in the west on 1 June and in the east every other June working day: X (east)
    # moves off 1 June to the 2nd, though every day holds one visit
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    east = AccountToPlan("X", TIER_A, staff=["wu"], area="east")
    replanned = _replan(
        planner, [_busy("EAST", JUNE_WORKING[1:]), _busy("WEST", [AS_OF])], east,
        accounts=[AccountToPlan("EAST", TIER_A, staff=["wu"], area="east"),
                  AccountToPlan("WEST", TIER_A, staff=["wu"], area="west")])
    assert _june_on_site(replanned) == [(JUNE_WORKING[1], ("wu",))]


def test_an_account_without_an_area_keeps_its_day_whatever_area_its_person_is_in() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    replanned = _replan(planner, [_busy("WEST", [AS_OF])],
                        AccountToPlan("X", TIER_A, staff=["wu"]),
                        accounts=[AccountToPlan("WEST", TIER_A, staff=["wu"], area="west")])
    assert _june_on_site(replanned) == [(AS_OF, ("wu",))]


def test_a_handed_over_visit_stays_out_of_a_day_its_successor_spends_in_another_area() -> None:
    # on 1 June wu visits W (east) and zhou visits Z (west); zhou leaves
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    accounts = [AccountToPlan("W", TIER_A, staff=["wu"], area="east"),
                AccountToPlan("Z", TIER_A, staff=["zhou"], area="west")]
    portfolio, _ = planner.plan_portfolio(accounts, YEAR, calendar=CALENDAR,
                                          festivals=FESTIVALS, now=NOW)
    assert _june_on_site(portfolio, "W")[0][0] == _june_on_site(portfolio, "Z")[0][0] == AS_OF
    moved, _ = planner.hand_over(portfolio, accounts, departing="zhou", successor="wu",
                                 from_day=AS_OF, calendar=CALENDAR, now=REPLAN_NOW)
    assert _june_on_site(moved, "Z") == [(JUNE_WORKING[1], ("wu",))]


def test_visits_handed_over_one_after_another_keep_their_successors_day_in_one_area() -> None:
    # on 1 June zhou (away the rest of June) visits Z1 (east) and Z2 (west); both go to wu:
    # Z1 keeps the day, which makes it wu's east day, so Z2 moves
    planner = VisitPlanner(visit_frequency(), DailyVisitCapacity(people={
        "zhou": PersonCapacity(days_off=JUNE_WORKING[1:])}))
    accounts = [AccountToPlan("Z1", TIER_A, staff=["zhou"], area="east"),
                AccountToPlan("Z2", TIER_A, staff=["zhou"], area="west")]
    portfolio, _ = planner.plan_portfolio(accounts, YEAR, calendar=CALENDAR,
                                          festivals=FESTIVALS, now=NOW)
    moved, _ = planner.hand_over(portfolio, accounts, departing="zhou", successor="wu",
                                 from_day=AS_OF, calendar=CALENDAR, now=REPLAN_NOW)
    assert _june_on_site(portfolio, "Z1")[0][0] == _june_on_site(portfolio, "Z2")[0][0] == AS_OF
    assert _june_on_site(moved, "Z1") == [(AS_OF, ("wu",))]
    assert _june_on_site(moved, "Z2") == [(JUNE_WORKING[1], ("wu",))]


def test_the_shortfall_of_an_unlimited_budget_counts_a_person_day_a_visit() -> None:
    # greetings have no daily limit; a person who has left still has none to send
    capacity = DailyVisitCapacity(people={"li": PersonCapacity(last_day=date(2025, 12, 31))})
    portfolio, _ = VisitPlanner(visit_frequency(), capacity).plan_portfolio(
        [AccountToPlan(f"C{n}", TIER_C, staff=["li"]) for n in range(2)], YEAR,
        calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    greetings = [row for row in portfolio.shortfall if row.load is VisitLoad.MESSAGE]
    assert [(row.visits, row.person_days) for row in greetings] == [(2, 2), (2, 2)]


def test_a_visit_moved_in_a_replan_never_joins_a_visit_of_its_kind_fitted_before_it() -> None:
    # festivals on 11 and 13 November, the account closed on the 11th and 12th from as_of
    # (3 November) on: the holiday visits are laid out on the 10th and the 9th; wu is full
    # (two in person a day) every working day from the 3rd to the 12th but the 9th. The 9th
    # keeps its visit; the 10th's finds room only on the 9th, which already holds a holiday
    # visit of the account: it is unplaced, not doubled up
    class TwoHolidays:
        def minimum(self, tier: Tier) -> VisitQuota:
            return VisitQuota(holiday=2)

        def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
            return self.minimum(tier)

    festivals = [date(2026, 11, 11), date(2026, 11, 13)]
    planner = VisitPlanner(TwoHolidays(), DailyVisitCapacity(in_person=2))
    plan, _ = planner.plan(X, YEAR, calendar=CALENDAR, festivals=festivals, now=NOW)
    busy_days = [day for day in days_between(date(2026, 11, 3), date(2026, 11, 12))
                 if CALENDAR.is_working_day(day) and day != date(2026, 11, 9)]
    days = tuple(day for day in busy_days for _ in range(2))
    busy = VisitPlan("BUSY", TIER_A, YEAR, days=days,
                     kinds=(VisitKind.ON_SITE, VisitKind.EVENT) * len(busy_days),
                     visitors=(("wu",),) * len(days),
                     topics=((Topic.CUSTOMER_BASICS,),) * len(days))
    closed = AccountToPlan("X", TIER_D, staff=["wu"],
                           blackout_dates=[date(2026, 11, 11), date(2026, 11, 12)])
    replanned, _ = planner.replan_portfolio(
        PortfolioPlan((busy, plan)), closed, as_of=date(2026, 11, 3), done=(),
        calendar=CALENDAR, festivals=festivals, now=NOW)
    assert replanned.plans[1].days == (date(2026, 11, 9),)
    assert [(visit.kind, visit.reason) for visit in replanned.unplaced] == [
        (VisitKind.HOLIDAY, UnplacedReason.NO_CAPACITY)]
