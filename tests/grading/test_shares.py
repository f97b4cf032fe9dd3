"""Tier shares: boundaries rounded half up, tier counts, ties never split (SPEC §5a)."""

import random
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grading_portfolios import (
    DEFAULT,
    expected_boundaries,
    ladder,
    rung,
    tiers_of,
)
from keyaccount import (
    TIER_A,
    TIER_B,
    AccountFigures,
    InvalidInput,
    Tier,
    TieRule,
)
from keyaccount.policies import (
    DEFAULT_TIER_SHARES,
    WeightedScoreGrading,
    tier_boundaries,
)
from keyaccount.testing import (
    portfolio_figures,
    weighted_gradings,
)


def test_boundaries_round_cumulative_shares_half_up_for_every_size_to_two_thousand() -> None:
    for size in range(1, 2001):
        bounds = tier_boundaries(DEFAULT_TIER_SHARES, size)
        assert list(bounds) == expected_boundaries(size, [5, 15, 30, 50])
        counts = [b - a for a, b in zip((0, *bounds), bounds, strict=False)]
        assert sum(counts) == size
        for count, (_tier, share) in zip(counts, DEFAULT_TIER_SHARES, strict=True):
            assert abs(count - Fraction(share) * size / 100) <= 1


def test_tier_counts_of_real_gradings_follow_the_rounding_across_sizes() -> None:
    accounts = ladder(2000)
    for size in [*range(1, 201), *range(250, 2001, 250)]:
        counts = list(DEFAULT.grade(accounts[:size]).tier_counts().values())
        bounds = expected_boundaries(size, [5, 15, 30, 50])
        assert counts == [b - a for a, b in zip([0, *bounds], bounds, strict=False)], size


@given(st.integers(1, 2000), st.booleans(), weighted_gradings(), st.integers(0, 2**32))
def test_tier_counts_follow_the_rounding_for_every_size_to_two_thousand_under_every_tie_rule(
    size: int, distinct: bool, policy: WeightedScoreGrading, seed: int
) -> None:
    # Every figure of an account rises with its level, so under any weights and either
    # normalisation the score order is the level order and equal levels are exact ties: the
    # expected tiers follow from the levels alone (an oracle independent of the grading).
    # A seeded Random, not st.randoms(): thousands of hypothesis draws per example are slow.
    rng = random.Random(seed)
    if distinct:
        levels = list(range(size))
    else:
        pool = rng.randint(1, size)
        levels = [rng.randrange(pool) for _ in range(size)]
    seen: dict[int, int] = {}
    portfolio = []
    for level in levels:
        seen[level] = seen.get(level, 0) + 1
        portfolio.append(rung(level, seen[level]))
    rng.shuffle(portfolio)
    percents = [int(share) for _tier, share in policy.shares]
    bounds = expected_boundaries(size, percents)
    expected = {}
    higher = 0  # accounts on a higher level than the current one
    for level in sorted(seen, reverse=True):
        first, last = higher + 1, higher + seen[level]
        # equal figures within a level: split orders a tie block by account id
        names = sorted(f"k{level}-{copy}" for copy in range(1, seen[level] + 1))
        for offset, name in enumerate(names):
            place = {"split": first + offset, "better": first, "worse": last,
                     "nearest": (first + last) // 2}[policy.tie_rule.value]
            expected[name] = policy.tiers[next(j for j, b in enumerate(bounds) if b >= place)]
        higher += seen[level]
    grading = policy.grade(portfolio)
    assert grading.tiers_by_account() == expected
    counts = list(grading.tier_counts().values())
    assert counts == [sum(1 for tier in expected.values() if tier == t) for t in policy.tiers]
    if distinct:  # no tie: each tier holds exactly its rounded share
        assert counts == [b - a for a, b in zip([0, *bounds], bounds, strict=False)]


@given(portfolio_figures(min_size=1, max_size=60), weighted_gradings())
def test_under_the_better_rule_each_tier_and_better_holds_the_accounts_ranked_within_its_bound(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    policy = attrs.evolve(policy, tie_rule=TieRule.BETTER)  # 0.1.0's rule
    grading = policy.grade(portfolio)
    bounds = tier_boundaries(policy.shares, len(portfolio))
    ranks = [g.rank for g in grading.values()]
    within = 0
    for (tier, _share), bound, count in zip(
        policy.shares, bounds, grading.tier_counts().values(), strict=True
    ):
        within += count
        assert within == sum(1 for rank in ranks if rank <= bound)
        assert within >= bound  # ties only ever add accounts to the better tier
        assert all(g.rank > bound for g in grading.values() if g.tier > tier)
    by_score: dict[Fraction, set[Tier]] = {}
    for graded in grading.values():
        by_score.setdefault(graded.score, set()).add(graded.tier)
    assert all(len(tiers) == 1 for tiers in by_score.values()), "a tie was split"
    # the bulk read agrees with the accounts one by one, in input order
    assert grading.tiers_by_account() == tiers_of(grading)
    assert list(grading.tiers_by_account()) == [f.account_id for f in portfolio]


@pytest.mark.parametrize("shares", [
    [(TIER_A, -10), (TIER_B, 110)],
    [(TIER_A, 120), (TIER_B, -20)],
])
def test_tier_boundaries_refuse_a_share_below_zero_or_above_a_hundred(
    shares: list[tuple[Tier, int]],
) -> None:
    # 0.1 answered (0, 10) and (12, 10): a negative tier count, a boundary past the portfolio
    with pytest.raises(InvalidInput, match=r"share of tier '[AB]' must be from 0 to 100 %"):
        tier_boundaries(shares, 10)  # type: ignore[arg-type]


def test_tier_boundaries_refuse_shares_that_do_not_sum_to_a_hundred() -> None:
    with pytest.raises(InvalidInput, match=r"sum to 100 %, got 90 % \(A=40, B=50\)"):
        tier_boundaries([(TIER_A, Decimal(40)), (TIER_B, Decimal(50))], 10)


def test_tier_boundaries_refuse_a_share_with_more_than_twelve_decimal_places() -> None:
    with pytest.raises(InvalidInput, match="share of tier 'A' must have at most 12 decimal"):
        tier_boundaries([(TIER_A, Decimal("1e-999999999")), (TIER_B, Decimal(100))], 10)


def test_tier_boundaries_refuse_shares_not_keyed_by_tier() -> None:
    with pytest.raises(InvalidInput, match="shares must be keyed by Tier, got 'A'"):
        tier_boundaries([("A", Decimal(100))], 10)  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match="shares must be a mapping or a collection"):
        tier_boundaries(None, 10)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [True, False, 10.0, -1, 10**9 + 1, 2**70, "10", None])
def test_tier_boundaries_take_a_size_that_is_a_whole_number_of_accounts(size: object) -> None:
    with pytest.raises(
        InvalidInput, match=rf"size must be an int in 0\.\.10\*\*9 \(accounts\), got {size!r}"
    ):
        tier_boundaries(DEFAULT_TIER_SHARES, size)  # type: ignore[arg-type]


def test_tier_boundaries_read_shares_as_a_mapping_too() -> None:
    assert tier_boundaries(dict(DEFAULT_TIER_SHARES), 10) == (1, 2, 5, 10)
    assert tier_boundaries(DEFAULT_TIER_SHARES, 0) == (0, 0, 0, 0)
    assert tier_boundaries(DEFAULT_TIER_SHARES, 10**9)[-1] == 10**9
