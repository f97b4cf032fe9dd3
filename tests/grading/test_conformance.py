"""The grading protocol and the conformance checks of keyaccount.testing (SPEC §5)."""

from fractions import Fraction

import attrs
import pytest
from hypothesis import given

from grading_portfolios import (
    DEFAULT,
    account,
    ladder,
)
from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountFigures,
    GradingPolicy,
)
from keyaccount.policies import (
    DEFAULT_TIER_SHARES,
    AmountBandGrading,
    WeightedScoreGrading,
    presets,
    tier_boundaries,
)
from keyaccount.testing import (
    amount_band_gradings,
    check_grading_configuration,
    check_grading_policy,
    portfolio_figures,
    weighted_gradings,
)


def test_the_default_policies_are_grading_policies() -> None:
    assert isinstance(DEFAULT, GradingPolicy)
    assert isinstance(presets.amount_bands(), GradingPolicy)


@given(portfolio_figures(max_size=20, with_annual_amount=True), amount_band_gradings())
def test_amount_band_gradings_keep_the_grading_policy_invariants(
    portfolio: list[AccountFigures], policy: AmountBandGrading
) -> None:
    check_grading_policy(policy, portfolio)


@given(portfolio_figures(max_size=20), weighted_gradings())
def test_weighted_gradings_keep_the_grading_policy_invariants(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    check_grading_policy(policy, portfolio)


def test_the_conformance_check_catches_an_order_dependent_policy() -> None:
    class FirstComeFirstServed:
        tiers = (TIER_A, TIER_B)

        def grade(self, figures: list[AccountFigures]) -> dict[str, object]:
            return {f.account_id: DEFAULT.grade([f])[f.account_id].__class__(
                account_id=f.account_id, tier=TIER_A if i == 0 else TIER_B,
                score=Fraction(0), rank=i + 1, portfolio_size=len(figures), components=(),
                figures=f) for i, f in enumerate(figures)}

    with pytest.raises(AssertionError, match="input order"):
        check_grading_policy(FirstComeFirstServed(), ladder(2))  # type: ignore[arg-type]


@given(portfolio_figures(max_size=20))
def test_the_default_grading_keeps_its_shares_and_monotonicity(
    portfolio: list[AccountFigures],
) -> None:
    check_grading_configuration(DEFAULT, portfolio)


@given(portfolio_figures(max_size=12), weighted_gradings())
def test_every_valid_weighted_configuration_keeps_its_shares_and_monotonicity(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    check_grading_configuration(policy, portfolio)


class InvertedScores:
    """Cuts the ranking by the right shares, but ranks the worst accounts first."""

    shares = DEFAULT_TIER_SHARES
    tiers = DEFAULT.tiers

    def grade(self, figures: list[AccountFigures]) -> dict[str, object]:
        graded = DEFAULT.grade(figures)
        scores = {i: 1 - a.score for i, a in graded.items()}
        bounds = tier_boundaries(self.shares, len(figures))
        result: dict[str, object] = {}
        for i, a in graded.items():
            rank = 1 + sum(1 for score in scores.values() if score > scores[i])
            tier = next(t for (t, _), b in zip(self.shares, bounds, strict=True) if b >= rank)
            result[i] = attrs.evolve(a, score=scores[i], rank=rank, tier=tier)
        return result


def test_the_configuration_check_catches_a_policy_that_inverts_the_scores() -> None:
    inverted = InvertedScores()
    check_grading_policy(inverted, ladder(20))  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="'c0' fell from tier A to tier C when its "
                                             "contract_amount was raised above every other"):
        check_grading_configuration(inverted, ladder(20))  # type: ignore[arg-type]


def test_the_configuration_check_catches_a_policy_that_ignores_its_shares() -> None:
    even = WeightedScoreGrading(shares=[(TIER_A, 25), (TIER_B, 25), (TIER_C, 25), (TIER_D, 25)])

    class IgnoresShares:
        shares = DEFAULT_TIER_SHARES
        tiers = DEFAULT.tiers
        grade = even.grade

    check_grading_policy(IgnoresShares(), ladder(20))  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="has rank 2 and tier A, but the shares put rank 2 "
                                             "in tier B"):
        check_grading_configuration(IgnoresShares(), ladder(20))  # type: ignore[arg-type]


def test_the_configuration_check_names_a_tie_split_across_a_boundary() -> None:
    class SplitsTies:
        shares = DEFAULT_TIER_SHARES
        tiers = DEFAULT.tiers

        def grade(self, figures: list[AccountFigures]) -> dict[str, object]:
            graded = DEFAULT.grade(figures)
            ordered = sorted(graded.values(), key=lambda a: (-a.score, a.account_id))
            bounds = tier_boundaries(self.shares, len(figures))
            return {a.account_id: attrs.evolve(a, rank=position, tier=next(
                t for (t, _), b in zip(self.shares, bounds, strict=True) if b >= position))
                for position, a in enumerate(ordered, start=1)}

    tied = [*ladder(18), account("top1", 10**9, 10**6, 10**6),
            account("top2", 10**9, 10**6, 10**6)]
    with pytest.raises(AssertionError, match="'top2' has rank 2, but 0 accounts score higher"):
        check_grading_configuration(SplitsTies(), tied)  # type: ignore[arg-type]
