"""Visit plan completion (seed 001 §七(二)2)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from indicator_builders import H1, visit
from keyaccount import Dimension, visit_plan_completion


def test_visit_plan_completion_counts_visits_planned_in_the_period_and_done_by_its_end() -> None:
    visits = [
        visit("ACME", "A", "Wang", date(2025, 1, 10), date(2025, 1, 10)),
        visit("ACME", "A", "Wang", date(2025, 3, 10), date(2025, 3, 12)),
        visit("ACME", "A", "Wang", date(2025, 6, 20), date(2025, 7, 2)),  # done after H1 closed
        visit("ACME", "A", "Wang", date(2025, 5, 5)),  # never done
        visit("BOLT", "C", "Li", date(2025, 2, 1), date(2025, 1, 28)),  # done early
        visit("BOLT", "C", "Li", date(2024, 12, 20), date(2025, 1, 5)),  # planned in 2024-H2
    ]
    completion = visit_plan_completion(visits, H1)
    assert (completion.portfolio.numerator, completion.portfolio.denominator) == (3, 5)
    assert completion.portfolio.value == Fraction(3, 5)
    assert completion.of(Dimension.ACCOUNT, "ACME").value == Fraction(1, 2)
    assert completion.of(Dimension.TIER, "C").value == Fraction(1)
    assert completion.of(Dimension.ACCOUNT_MANAGER, "Li").value == Fraction(1)
    assert completion.of(Dimension.DEPARTMENT, "KA").value == Fraction(3, 5)
    assert completion.portfolio.period == H1


def test_a_manager_without_planned_visits_has_no_completion_rate() -> None:
    completion = visit_plan_completion([visit("ACME", "A", "Wang", date(2025, 1, 10))], H1)
    assert not completion.of(Dimension.ACCOUNT_MANAGER, "Zhao").applicable
    assert "Zhao" not in completion.by(Dimension.ACCOUNT_MANAGER)


def test_no_visits_at_all_gives_not_applicable_for_the_portfolio() -> None:
    assert visit_plan_completion([], H1).portfolio.value is None
