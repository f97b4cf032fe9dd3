"""Rules of visits/plan.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from keyaccount import (
    TIER_D,
    InvalidInput,
    Period,
    PlannedVisit,
    Topic,
    VisitKind,
    VisitPlan,
)

DAYS = (date(2026, 1, 5), date(2026, 7, 1))
DEPRECATION = (
    "VisitPlan.reassign_visitor does not read the successor's capacity: use "
    "VisitPlanner.hand_over (deprecated in 0.2.0, removed in 0.3.0)"
)


def _plan(**changes: object) -> VisitPlan:
    fields: dict[str, object] = {
        "days": DAYS,
        "kinds": (VisitKind.PHONE_RETURN,) * 2,
        "visitors": (("chen",), ("chen", "wang")),
        "topics": ((Topic.CUSTOMER_BASICS,),) * 2,
    }
    fields.update(changes)
    return VisitPlan("BEIHAI", TIER_D, Period.year(2026), **fields)  # type: ignore[arg-type]


def test_a_plan_takes_its_columns_as_lists() -> None:
    plan = _plan(
        days=list(DAYS),
        kinds=[VisitKind.PHONE_RETURN] * 2,
        visitors=[["chen"], ["chen", "wang"]],
        topics=[[Topic.CUSTOMER_BASICS]] * 2,
    )
    assert plan == _plan()


def test_a_plan_keeps_a_visitors_column_of_checked_name_tuples_as_given() -> None:
    visitors = (("chen",), ("chen", "wang"))
    assert _plan(visitors=visitors).visitors is visitors


def test_a_plan_refuses_a_window_that_does_not_hold_its_visits_day() -> None:
    windows = (
        Period(date(2026, 1, 1), date(2026, 2, 1)),
        Period(date(2026, 8, 1), date(2026, 9, 1)),
    )
    with pytest.raises(InvalidInput, match="each window must hold its visit's day, got 2026-07-01"):
        _plan(windows=windows)


def test_handing_a_visit_over_keeps_its_other_visitors() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        plan, _ = _plan().reassign_visitor(
            "chen", "li", from_day=date(2026, 1, 1), now=datetime(2026, 1, 1, 9, tzinfo=UTC)
        )
    assert plan.visitors == (("li",), ("li", "wang"))


def test_the_handover_deprecation_warning_points_at_the_caller() -> None:
    with pytest.warns(DeprecationWarning, match=f"^{re.escape(DEPRECATION)}$") as caught:
        _plan().reassign_visitor(
            "chen", "li", from_day=date(2026, 1, 1), now=datetime(2026, 1, 1, 9, tzinfo=UTC)
        )
    assert caught[0].filename == __file__


def test_an_index_before_the_first_visit_is_refused_naming_the_lowest_index() -> None:
    with pytest.raises(InvalidInput, match=">= -2"):
        _plan().visit_at(-3)


def _visit(**changes: object) -> PlannedVisit:
    fields: dict[str, object] = {"visitors": ("li",), "topics": ()}
    fields.update(changes)
    return PlannedVisit("ACME", VisitKind.ON_SITE, date(2026, 3, 2), **fields)  # type: ignore[arg-type]


def _hand_over(done: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        _plan().reassign_visitor(
            "chen",
            "li",
            from_day=date(2026, 1, 1),
            now=datetime(2026, 1, 1, 9, tzinfo=UTC),
            done=done,  # type: ignore[arg-type]
        )


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: _plan(windows=5),
            "VisitPlan.windows must be a collection of Period values, got 5",
        ),
        (
            lambda: _plan(topics=5),
            "VisitPlan.topics must be a collection of collections of topics, got 5",
        ),
        (
            lambda: _plan(topics=(5, 5)),
            "VisitPlan.topics of a visit must be a collection of topics, got 5",
        ),
        (
            lambda: _plan(visitors=5),
            "VisitPlan.visitors must be a collection of collections of names, got 5",
        ),
        (lambda: _visit(topics=5), "PlannedVisit.topics must be a collection of topics, got 5"),
        (lambda: _visit(visitors=5), "PlannedVisit.visitors must be a collection of names, got 5"),
        (
            lambda: _visit(visitors=(" ",)),
            "a name in PlannedVisit.visitors must be a non-empty string, got ' '",
        ),
        (
            lambda: _hand_over(5),
            "done must be a collection of (planned day, kind) pairs or VisitRecord values, got 5",
        ),
        (
            lambda: _hand_over([("x", "phone_return")]),
            "a planned day in done must be a datetime.date, got 'x'",
        ),
    ],
)
def test_a_plan_part_of_the_wrong_kind_is_refused_naming_it(
    build: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=f"^{re.escape(message)}$"):
        build()
