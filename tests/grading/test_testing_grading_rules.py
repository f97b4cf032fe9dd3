"""Rules of testing/_grading.py found by mutation testing (docs/explanation/testing.md).

The strategies keep their documented bounds (checked with ``hypothesis.find`` under fixed
settings, so a bound must be reached, or never passed, under every profile), and the
conformance checks fail a policy that breaks one of their invariants.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from keyaccount import AccountFigures, InvalidInput
from keyaccount.policies import WeightedScoreGrading, presets
from keyaccount.testing import (
    account_figures,
    amounts,
    check_grading_configuration,
    check_grading_policy,
)
from keyaccount.testing._grading import _profits, _raised_figures

FIXED = settings(database=None, derandomize=True, max_examples=2_000,
                 suppress_health_check=list(HealthCheck))


def _reached(strategy: st.SearchStrategy[Any], value: object) -> None:
    assert find(strategy, lambda drawn: drawn == value, settings=FIXED) == value


def _never(strategy: st.SearchStrategy[Any], wrong: Any) -> None:
    with pytest.raises(NoSuchExample):
        find(strategy, wrong, settings=FIXED)


def _not_cents(value: Decimal) -> bool:
    return not isinstance(value, Decimal) or value != value.quantize(Decimal("0.01"))


@pytest.mark.parametrize("tie_prone", [True, False])
def test_amounts_run_from_zero_to_max_yuan_in_cents(tie_prone: bool) -> None:
    strategy = amounts(max_yuan=10, tie_prone=tie_prone)
    for value in (Decimal(0), Decimal("0.01"), Decimal(10)):
        _reached(strategy, value)
    _never(strategy, lambda v: _not_cents(v) or not 0 <= v <= 10)


def test_tie_prone_amounts_draw_the_round_values_of_seed_004() -> None:
    strategy = amounts()
    for value in (Decimal(5_000_000), Decimal(20_000_000), Decimal("1E+15")):
        _reached(strategy, value)


def test_profits_run_from_minus_to_plus_ten_to_the_fifteen_in_cents() -> None:
    strategy = _profits()
    for value in (Decimal(-10**15), Decimal(10**15), Decimal("-0.01"), Decimal("0.18")):
        _reached(strategy, value)
    _never(strategy, lambda v: _not_cents(v) or not -10**15 <= v <= 10**15)


def test_an_annual_amount_is_sometimes_given_and_sometimes_not_by_default() -> None:
    strategy = account_figures().map(lambda figures: figures.annual_purchase_amount)
    assert find(strategy, lambda amount: amount is None, settings=FIXED) is None
    assert find(strategy, lambda amount: amount is not None, settings=FIXED) is not None


def _figures(account_id: str, contract: str, profit: str, count: int) -> AccountFigures:
    return AccountFigures(account_id=account_id, contract_amount=Decimal(contract),
                          profit_contribution=Decimal(profit), purchase_count=count)


def test_each_figure_is_raised_by_the_least_step_and_up_to_the_bounds_of_the_domain() -> None:
    portfolio = [_figures("low", "1", "1", 1),
                 _figures("top", "999999999999999.99", "999999999999999.99", 10**9 - 1)]
    raised = {(position, what): figures for position, what, figures in
              _raised_figures(portfolio)}
    low = raised[(0, "purchase_count was raised by 1")]
    assert low.purchase_count == 2
    # a raise to exactly the bound of the domain is checked
    top = raised[(1, "contract_amount was raised by 0.01")]
    assert top.contract_amount == 10**15
    assert raised[(1, "purchase_count was raised by 1")].purchase_count == 10**9
    assert len(raised) == 12


def test_a_figure_at_the_bound_of_the_domain_is_not_raised_but_the_others_are() -> None:
    portfolio = [_figures("top", "1000000000000000", "1", 10**9), _figures("low", "1", "2", 1)]
    whats = [what for position, what, _ in _raised_figures(portfolio) if position == 0]
    assert whats == ["profit_contribution was raised by 0.01",
                     "profit_contribution was raised above every other"]
    assert check_grading_configuration(presets.weighted_grading(), portfolio) == ()


class _Deduplicating:
    """The default grading, except that a duplicate id is silently dropped."""

    def __init__(self) -> None:
        self._policy = presets.weighted_grading()
        self.tiers = self._policy.tiers
        self.shares = self._policy.shares

    def grade(self, portfolio: Sequence[AccountFigures]) -> Any:
        if isinstance(portfolio, list | tuple):
            seen: dict[str, AccountFigures] = {}
            for figures in portfolio:
                seen.setdefault(getattr(figures, "account_id", None), figures)  # type: ignore[arg-type]
            portfolio = list(seen.values())
        return self._policy.grade(portfolio)


class _LeavingOneOut(_Deduplicating):
    def grade(self, portfolio: Sequence[AccountFigures]) -> Any:
        return self._policy.grade(list(portfolio)[1:])


PORTFOLIO = [_figures(f"acct-{i}", str(i), str(i), i) for i in range(20)]


def test_a_policy_that_drops_a_duplicate_id_instead_of_refusing_it_fails_the_check() -> None:
    with pytest.raises(AssertionError, match=r"^a duplicate account id was not refused$"):
        check_grading_policy(_Deduplicating(), PORTFOLIO)  # type: ignore[arg-type]


def test_a_share_based_policy_that_leaves_an_account_out_fails_the_check_naming_it() -> None:
    with pytest.raises(AssertionError, match=r"^a share-based grading must grade every "
                                             r"account; left out: \['acct-0'\]$"):
        check_grading_configuration(_LeavingOneOut(), PORTFOLIO)  # type: ignore[arg-type]


def _split_by(tie_break: str) -> WeightedScoreGrading:
    return WeightedScoreGrading.from_mapping({
        "weights": {"contract_amount": "0.5", "profit_contribution": "0.5",
                    "purchase_count": "0"},
        "shares": {"A": 50, "B": 50}, "tie_rule": "split", "tie_break": tie_break})


# x and y tie on score: x has the larger profit, y the larger contract amount
TIED = [_figures("x", "1", "2", 0), _figures("y", "2", "1", 0)]


def test_the_tie_break_figure_is_the_policys_unless_one_is_given() -> None:
    check_grading_configuration(_split_by("profit_contribution"), TIED)  # passes
    with pytest.raises(AssertionError, match=r"^'x' has rank 1 and tier B, but the shares "
                                             r"put rank 1 in tier A \(boundaries"):
        check_grading_configuration(_split_by("contract_amount"), TIED,
                                    tie_break="profit_contribution", monotonicity=False)


def test_a_tier_off_its_share_is_reported_with_the_boundaries_shares_and_tie_rule() -> None:
    policy = presets.weighted_grading()
    with pytest.raises(AssertionError, match=(
            r"^'acct-18' has rank 2 and tier B, but the shares put rank 2 in tier A "
            r"\(boundaries \{'A': 5, 'B': 10, 'C': 15, 'D': 20\} of 20 accounts, shares "
            r"A=25, B=25, C=25, D=25, tie rule 'split'\)$")):
        check_grading_configuration(policy, PORTFOLIO,
                                    shares=[(tier, Decimal(25)) for tier in policy.tiers])


def test_an_unknown_tie_rule_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^tie_rule must be one of "):
        check_grading_configuration(presets.weighted_grading(), PORTFOLIO, tie_rule="bogus")

