"""Tier shares: boundaries rounded half up, tier counts, ties never split (SPEC §5a)."""

import random
from fractions import Fraction

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
    AccountFigures,
    Tier,
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
def test_tier_counts_follow_the_rounding_for_every_size_to_two_thousand_with_ties_unsplit(
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
        tier = policy.tiers[next(j for j, bound in enumerate(bounds) if bound >= higher + 1)]
        for copy in range(1, seen[level] + 1):
            expected[f"k{level}-{copy}"] = tier
        higher += seen[level]
    grading = policy.grade(portfolio)
    assert grading.tiers_by_account() == expected
    counts = list(grading.tier_counts().values())
    assert counts == [sum(1 for tier in expected.values() if tier == t) for t in policy.tiers]
    if distinct:  # no tie: each tier holds exactly its rounded share
        assert counts == [b - a for a, b in zip([0, *bounds], bounds, strict=False)]


@given(portfolio_figures(min_size=1, max_size=60), weighted_gradings())
def test_with_ties_each_tier_and_better_holds_exactly_the_accounts_ranked_within_its_boundary(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
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
