"""Rules of visits/portfolio.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import date

import pytest

from keyaccount import (
    TIER_A,
    InvalidInput,
    Period,
    PersonDayLoad,
    PortfolioPlan,
    Shortfall,
    Topic,
    UnplacedReason,
    UnplacedVisit,
    VisitKind,
    VisitLoad,
    VisitPlan,
)

MARCH_2, MARCH_3 = date(2026, 3, 2), date(2026, 3, 3)
ON_SITE, PHONE, EVENT, GREETING = (
    VisitKind.ON_SITE,
    VisitKind.PHONE_RETURN,
    VisitKind.EVENT,
    VisitKind.GREETING,
)


def plan(account_id: str, visits: list[tuple[date, VisitKind, tuple[str, ...]]]) -> VisitPlan:
    return VisitPlan(
        account_id,
        TIER_A,
        Period.year(2026),
        [day for day, _, _ in visits],
        [kind for _, kind, _ in visits],
        [visitors for _, _, visitors in visits],
        [() if kind is GREETING else (Topic.CUSTOMER_BASICS,) for _, kind, _ in visits],
    )


def team() -> PortfolioPlan:
    return PortfolioPlan(
        (
            plan("A", [(MARCH_2, ON_SITE, ("li", "wu")), (MARCH_2, EVENT, ("li",))]),
            plan("B", [(MARCH_2, ON_SITE, ("wu",)), (MARCH_2, PHONE, ("li",))]),
            plan("C", [(MARCH_3, ON_SITE, ("wu",)), (MARCH_3, GREETING, ("wu",))]),
        )
    )


def test_a_person_day_counts_each_visit_of_each_person_in_its_own_budget() -> None:
    assert team().person_days() == (
        PersonDayLoad("li", MARCH_2, in_person=2, phone=1, message=0),
        PersonDayLoad("wu", MARCH_2, in_person=2, phone=0, message=0),
        PersonDayLoad("wu", MARCH_3, in_person=1, phone=0, message=1),
    )


def test_the_busiest_person_day_is_the_first_by_person_and_day_among_the_busiest() -> None:
    portfolio = team()
    busiest = portfolio.busiest()
    assert busiest == PersonDayLoad("li", MARCH_2, in_person=2, phone=1, message=0)
    assert portfolio.busiest("in_person") == busiest
    assert portfolio.busiest(VisitLoad.MESSAGE) == PersonDayLoad(
        "wu", MARCH_3, in_person=1, phone=0, message=1
    )
    assert PortfolioPlan(()).busiest() is None


def test_an_unknown_load_asked_for_the_busiest_day_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^PortfolioPlan\.busiest load must be one of"):
        team().busiest("bogus")


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("plans", "VisitPlan values"),
        ("unplaced", "UnplacedVisit values"),
        ("shortfall", "Shortfall values"),
    ],
)
def test_a_portfolio_part_that_is_not_a_collection_is_refused_naming_it(
    field: str, expected: str
) -> None:
    arguments: dict[str, object] = {"plans": (), field: "x"}
    message = rf"^PortfolioPlan\.{field} must be a collection of {expected}, got 'x'$"
    with pytest.raises(InvalidInput, match=message):
        PortfolioPlan(**arguments)  # type: ignore[arg-type]


def test_an_unknown_kind_or_reason_of_an_unplaced_visit_is_refused_naming_it() -> None:
    window = Period(date(2026, 3, 1), date(2026, 4, 1))
    assert UnplacedVisit("A", "event", window, "no_free_day").reason is UnplacedReason.NO_FREE_DAY
    with pytest.raises(InvalidInput, match=r"^UnplacedVisit\.kind must be one of"):
        UnplacedVisit("A", "bogus", window, "no_capacity")
    with pytest.raises(InvalidInput, match=r"^UnplacedVisit\.reason must be one of"):
        UnplacedVisit("A", "event", window, "bogus")


def test_an_unknown_load_of_a_shortfall_is_refused_naming_it() -> None:
    assert Shortfall(date(2026, 3, 1), "phone", 4, 2).load is VisitLoad.PHONE
    with pytest.raises(InvalidInput, match=r"^Shortfall\.load must be one of"):
        Shortfall(date(2026, 3, 1), "bogus", 4, 2)
