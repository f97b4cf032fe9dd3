"""Rules of policies/grading/_portfolio.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from datetime import date

import pytest

from grading_portfolios import DEFAULT, account
from keyaccount import InvalidInput
from keyaccount.policies import presets

POLICIES = [DEFAULT, presets.amount_bands()]


@pytest.mark.parametrize("policy", POLICIES)
def test_duplicate_ids_are_listed_sorted_ten_at_most_with_how_many_more(policy: object) -> None:
    twins = [account(f"t{i:02d}", annual=1) for i in range(12, 0, -1)]
    portfolio = [*twins, account("solo", annual=1), *twins]
    shown = [f"t{i:02d}" for i in range(1, 11)]
    with pytest.raises(
        InvalidInput, match=rf"duplicates {shown!r} and 2 more$".replace("[", r"\[")
    ):
        policy.grade(portfolio)  # type: ignore[attr-defined]


@pytest.mark.parametrize("policy", POLICIES)
def test_exactly_ten_duplicate_ids_are_all_listed(policy: object) -> None:
    twins = [account(f"t{i}", annual=1) for i in range(10)]
    with pytest.raises(InvalidInput, match=r"duplicates \[[^]]*'t9'\]$"):
        policy.grade([*twins, *twins])  # type: ignore[attr-defined]


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("figures", ["acme", b"acme", date(2025, 1, 1), {"acme": 1}, 7, None])
def test_a_portfolio_that_is_not_a_collection_is_refused_naming_it(
    policy: object, figures: object
) -> None:
    with pytest.raises(InvalidInput, match=r"^figures must be a collection of AccountFigures"):
        policy.grade(figures)  # type: ignore[attr-defined]


@pytest.mark.parametrize("policy", POLICIES)
def test_an_item_that_is_not_account_figures_is_refused_naming_it(policy: object) -> None:
    with pytest.raises(InvalidInput, match=r"^figures must be AccountFigures, got 'b'$"):
        policy.grade([account("a", annual=1), "b", account("c", annual=1)])  # type: ignore[attr-defined]
