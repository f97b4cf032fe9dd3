"""Rules of visits/_handover.py found by mutation testing (docs/explanation/testing.md).

The plans are made by hand (a host's stored plans have no windows: each visit's window is its
own day), so that each rule of the handover shows on a few visits.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from keyaccount import (
    TIER_A,
    AccountToPlan,
    InvalidInput,
    Period,
    PortfolioPlan,
    Topic,
    UnplacedReason,
    UnplacedVisit,
    VisitKind,
    VisitLoad,
    VisitPlan,
    VisitPlanner,
)
from keyaccount.policies import DailyVisitCapacity
from keyaccount.policies.presets import visit_capacity, visit_frequency
from visit_fixtures import CALENDAR, FESTIVALS, NOW, SHANGHAI, YEAR

FROM = date(2026, 6, 1)
AT = datetime(2026, 5, 29, 9, tzinfo=SHANGHAI)
ON_SITE, PHONE = VisitKind.ON_SITE, VisitKind.PHONE_RETURN


def plan(account_id: str, *visits: tuple[date, VisitKind, tuple[str, ...]]) -> VisitPlan:
    return VisitPlan(
        account_id,
        TIER_A,
        YEAR,
        [day for day, _, _ in visits],
        [kind for _, kind, _ in visits],
        [names for _, _, names in visits],
        [(Topic.CUSTOMER_BASICS,)] * len(visits),
    )


def account(account_id: str) -> AccountToPlan:
    return AccountToPlan(account_id, TIER_A, staff=["wang", "li"])


OTHER = plan("K0", (date(2026, 6, 3), PHONE, ("zhao",)))  # no visit of the leaver
SHARED = plan(
    "K1",
    (date(2026, 3, 5), ON_SITE, ("wang", "li")),
    (date(2026, 6, 2), ON_SITE, ("wang", "li")),
    (date(2026, 7, 1), PHONE, ("wang",)),
)


def hand_over(
    portfolio: PortfolioPlan, capacity: DailyVisitCapacity | None = None, **changes: object
) -> tuple[PortfolioPlan, tuple[object, ...]]:
    planner = VisitPlanner(visit_frequency(), capacity or visit_capacity())
    arguments: dict[str, object] = {
        "accounts": [account("K1"), account("K2"), account("K3")],
        "departing": "wang",
        "successor": "zhou",
        "from_day": FROM,
        "calendar": CALENDAR,
        "now": AT,
        **changes,
    }
    return planner.hand_over(portfolio, **arguments)  # type: ignore[arg-type]


def test_a_handover_keeps_each_visit_on_its_day_and_the_other_visitors_with_it() -> None:
    moved, events = hand_over(PortfolioPlan((OTHER, SHARED)))
    other, shared = moved.plans
    assert other is OTHER  # an account the leaver has no visit of, not given: as it was
    assert shared.days == SHARED.days
    assert shared.visitors == (("wang", "li"), ("zhou", "li"), ("zhou",))
    assert shared.windows == ()
    (event,) = events
    assert event.visit_count == 2  # type: ignore[attr-defined]


def test_an_account_whose_leaver_has_no_visit_from_the_day_on_gets_no_event() -> None:
    before = plan(
        "K2", (date(2026, 3, 6), ON_SITE, ("wang",)), (date(2026, 6, 5), ON_SITE, ("li",))
    )
    moved, events = hand_over(PortfolioPlan((before,)))
    assert moved.plans == (before,)
    assert events == ()


def test_a_visit_with_no_room_for_the_successor_is_unplaced_in_its_own_day() -> None:
    alone = plan("K2", (date(2026, 6, 4), ON_SITE, ("wang",)))
    moved, events = hand_over(
        PortfolioPlan((SHARED, alone)), DailyVisitCapacity(in_person=0, phone=3)
    )
    shared, emptied = moved.plans
    assert shared.visitors == (("wang", "li"), ("zhou",))  # the phone call fits
    assert len(emptied) == 0
    assert moved.unplaced == (
        UnplacedVisit("K1", ON_SITE, Period(date(2026, 6, 2), date(2026, 6, 3)),
                      UnplacedReason.NO_CAPACITY),
        UnplacedVisit("K2", ON_SITE, Period(date(2026, 6, 4), date(2026, 6, 5)),
                      UnplacedReason.NO_CAPACITY),
    )
    assert [(s.month, s.load, s.visits) for s in moved.shortfall] == [
        (date(2026, 6, 1), VisitLoad.IN_PERSON, 2)
    ]
    assert [event.visit_count for event in events] == [2, 1]  # type: ignore[attr-defined]


def test_an_account_left_out_of_the_successors_needs_none_without_leaver_visits_ahead() -> None:
    past = plan("K3", (date(2026, 3, 10), ON_SITE, ("wang",)), (date(2026, 6, 10), PHONE, ("li",)))
    moved, events = hand_over(PortfolioPlan((SHARED, past)), successor={"K1": "zhou"})
    assert moved.plans[1] is past
    assert len(events) == 1


def test_an_account_left_out_of_the_successors_with_a_leaver_visit_on_the_day_is_refused() -> None:
    on_the_day = plan("K3", (FROM, ON_SITE, ("wang",)))
    with pytest.raises(InvalidInput, match=r"names no successor for 'K3'"):
        hand_over(PortfolioPlan((SHARED, on_the_day)), successor={"K1": "zhou"})


def test_a_planned_portfolio_keeps_its_windows_after_a_handover() -> None:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    accounts = [AccountToPlan("P1", TIER_A, staff=["wang"])]
    portfolio, _ = planner.plan_portfolio(
        accounts, YEAR, calendar=CALENDAR, festivals=FESTIVALS, now=NOW
    )
    moved, _ = planner.hand_over(
        portfolio, accounts, departing="wang", successor="zhou", from_day=FROM,
        calendar=CALENDAR, now=AT,
    )
    (handed,) = moved.plans
    assert len(handed.windows) == len(handed) > 0
    assert all(day in window for day, window in zip(handed.days, handed.windows, strict=True))


def windowed(
    account_id: str, *visits: tuple[date, VisitKind, tuple[str, ...], Period]
) -> VisitPlan:
    return VisitPlan(
        account_id,
        TIER_A,
        YEAR,
        [day for day, _, _, _ in visits],
        [kind for _, kind, _, _ in visits],
        [names for _, _, names, _ in visits],
        [(Topic.CUSTOMER_BASICS,)] * len(visits),
        windows=[window for _, _, _, window in visits],
    )


WED, THU, FRI = date(2026, 6, 3), date(2026, 6, 4), date(2026, 6, 5)
WEEK = Period(WED, date(2026, 6, 6))


def test_a_successor_named_for_an_account_is_held_to_their_own_load_elsewhere() -> None:
    theirs = plan("K0", (date(2026, 6, 2), ON_SITE, ("li",)))
    leavers = plan("K2", (date(2026, 6, 2), ON_SITE, ("wang",)))
    moved, _ = hand_over(
        PortfolioPlan((theirs, leavers)), DailyVisitCapacity(in_person=1), successor={"K2": "li"}
    )
    assert [visit.account_id for visit in moved.unplaced] == ["K2"]


def test_a_handed_visit_moves_to_no_blackout_day_of_its_window() -> None:
    busy = plan("K0", (FRI, ON_SITE, ("zhou",)))
    leavers = windowed("K2", (FRI, ON_SITE, ("wang",), Period(THU, date(2026, 6, 6))))
    closed = AccountToPlan("K2", TIER_A, staff=["wang"], blackout_dates=[THU])
    moved, _ = hand_over(
        PortfolioPlan((busy, leavers)), DailyVisitCapacity(in_person=1), accounts=[closed]
    )
    assert [visit.account_id for visit in moved.unplaced] == ["K2"]


def test_two_handed_visits_of_a_kind_never_move_onto_one_day() -> None:
    # zhou's phone budget (2) is full on Wednesday and Friday; Thursday has room for both
    busy = (
        plan("K0", (WED, PHONE, ("zhou",)), (FRI, PHONE, ("zhou",))),
        plan("K4", (WED, PHONE, ("zhou",)), (FRI, PHONE, ("zhou",))),
    )
    leavers = windowed("K2", (WED, PHONE, ("wang",), WEEK), (FRI, PHONE, ("wang",), WEEK))
    moved, _ = hand_over(PortfolioPlan((*busy, leavers)), DailyVisitCapacity(phone=2))
    handed = next(each for each in moved.plans if each.account_id == "K2")
    assert handed.days == (THU,)
    assert [(visit.account_id, visit.window) for visit in moved.unplaced] == [("K2", WEEK)]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"departing": " "}, r"hand_over departing must be a non-empty string"),
        ({"successor": " "}, r"hand_over successor must be a non-empty string"),
        ({"successor": {" ": "li"}}, r"an account id in hand_over successor must be"),
        ({"from_day": "2026-06-01"}, r"hand_over from_day must be"),
        ({"now": datetime(2026, 5, 29, 9)}, r"now must be"),  # noqa: DTZ001
        ({"accounts": "K1"}, r"accounts must be a collection of AccountToPlan values, got 'K1'"),
    ],
)
def test_a_bad_handover_argument_is_refused_naming_it(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=f"^{message}"):
        hand_over(PortfolioPlan((SHARED,)), **changes)
