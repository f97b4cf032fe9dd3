"""Weighted-score and amount-band grading, calibration (SPEC §5a, §5b)."""

import functools
import itertools
import random
from decimal import Decimal, localcontext
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    ORDINARY,
    PARTNER,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountFigures,
    InvalidInput,
    PolicyConfigError,
    Tier,
)
from keyaccount.policies import (
    DEFAULT_TIER_SHARES,
    AmountBand,
    AmountBandGrading,
    GradingPolicy,
    Normalisation,
    ScoreWeights,
    WeightedScoreGrading,
    calibrate,
    presets,
    tier_boundaries,
)
from keyaccount.testing import (
    amount_band_gradings,
    amounts,
    check_grading_configuration,
    check_grading_policy,
    portfolio_figures,
    weighted_gradings,
)

DEFAULT = presets.weighted_grading()
CONTRACT_ONLY = ScoreWeights(1, 0, 0)


def account(
    account_id: str, contract: object = 0, profit: object = 0, count: int = 0,
    annual: object = None,
) -> AccountFigures:
    return AccountFigures(account_id=account_id, contract_amount=contract,  # type: ignore[arg-type]
                          profit_contribution=profit, purchase_count=count,  # type: ignore[arg-type]
                          annual_purchase_amount=annual)  # type: ignore[arg-type]


def ladder(size: int) -> list[AccountFigures]:
    """``size`` accounts with all-distinct figures, c{size-1} best."""
    return [account(f"c{i}", 1000 * i, i, i) for i in range(size)]


def tiers_of(grading: object) -> dict[str, Tier]:
    assert isinstance(grading, dict) or hasattr(grading, "items")
    return {i: g.tier for i, g in grading.items()}  # type: ignore[attr-defined]


def expected_boundaries(size: int, percents: list[int]) -> list[int]:
    """Round-half-up of the cumulative shares, in integers only (independent of the code)."""
    bounds, cumulative = [], 0
    for percent in percents:
        cumulative += percent
        bounds.append((2 * size * cumulative + 100) // 200)
    return bounds


# --- the seed defaults -------------------------------------------------------------------------


def test_the_default_weights_are_40_40_20_from_seed_002() -> None:
    assert DEFAULT.weights.as_tuple() == (Decimal("0.4"), Decimal("0.4"), Decimal("0.2"))
    assert DEFAULT.normalisation is Normalisation.PERCENTILE


def test_the_default_shares_put_a_and_b_at_20_percent_and_c_and_d_at_80() -> None:
    shares = dict(DEFAULT.shares)
    assert shares == {TIER_A: 5, TIER_B: 15, TIER_C: 30, TIER_D: 50}
    assert shares[TIER_A] + shares[TIER_B] == 20


def test_a_portfolio_of_twenty_splits_one_three_six_ten() -> None:
    grading = DEFAULT.grade(ladder(20))
    assert list(grading.tier_counts().values()) == [1, 3, 6, 10]
    assert grading["c19"].tier == TIER_A
    assert grading["c19"].rank == 1
    assert grading["c0"].tier == TIER_D


def test_the_default_policies_are_grading_policies() -> None:
    assert isinstance(DEFAULT, GradingPolicy)
    assert isinstance(presets.amount_bands(), GradingPolicy)


# --- edge cases with a documented result ----------------------------------------------------------


def test_an_empty_portfolio_grades_to_an_empty_mapping() -> None:
    grading = DEFAULT.grade([])
    assert len(grading) == 0
    assert dict(grading) == {}
    assert set(grading.tier_counts().values()) == {0}


def test_a_lone_account_sits_at_the_median_and_is_tier_c() -> None:
    lone = DEFAULT.grade([account("only", 5, 5, 5)])["only"]
    assert lone.score == Fraction(1, 2)
    assert lone.rank == 1
    assert lone.tier == TIER_C  # boundaries for n=1 are (0, 0, 1, 1)


def test_when_all_figures_are_equal_every_account_shares_the_top_nonempty_tier() -> None:
    ten = DEFAULT.grade([account(f"x{i}", 7, 7, 7) for i in range(10)])
    assert {g.tier for g in ten.values()} == {TIER_A}
    assert {g.rank for g in ten.values()} == {1}
    assert {g.score for g in ten.values()} == {Fraction(1, 2)}
    five = DEFAULT.grade([account(f"x{i}", 7, 7, 7) for i in range(5)])
    assert {g.tier for g in five.values()} == {TIER_B}  # n=5: no account fits in A's 5 %


def test_a_tie_at_a_share_boundary_goes_wholly_to_the_better_tier() -> None:
    portfolio = [*ladder(18), account("top1", 10**9, 10**9, 10**6),
                 account("top2", 10**9, 10**9, 10**6)]
    grading = DEFAULT.grade(portfolio)
    assert grading["top1"].rank == grading["top2"].rank == 1
    assert grading["top1"].tier == grading["top2"].tier == TIER_A
    assert grading["c17"].rank == 3
    assert grading.tier_counts()[TIER_A] == 2


def test_a_tie_is_never_split_by_input_order() -> None:
    # p and q tie at rank 10 of 20; C's boundary is 10, so the tie straddles C and D.
    portfolio = [*ladder(18), account("p", 8500, "8.5", 8), account("q", 8500, "8.5", 8)]
    for order in (portfolio, portfolio[::-1]):
        grading = DEFAULT.grade(order)
        assert grading["p"].rank == grading["q"].rank == 10
        assert grading["p"].tier == grading["q"].tier == TIER_C
        assert grading.tier_counts()[TIER_C] == 7


def test_zero_and_negative_profit_rank_below_positive_profit() -> None:
    grading = WeightedScoreGrading(ScoreWeights(0, 1, 0)).grade(
        [account("loss", profit="-500"), account("even", profit=0), account("gain", profit="0.01")]
    )
    assert [grading[i].rank for i in ("gain", "even", "loss")] == [1, 2, 3]
    assert grading["loss"].components[0].value == Fraction(1, 6)


def test_amounts_of_ten_to_the_fifteen_yuan_differing_by_a_cent_are_not_tied() -> None:
    # 10^15 + 0.01 and 10^15 are the same float; the grading must still tell them apart.
    big = Decimal(10**15)
    grading = WeightedScoreGrading(CONTRACT_ONLY).grade(
        [account("cent_more", big + Decimal("0.01")), account("base", big),
         account("cent_less", big - Decimal("0.01"))]
    )
    assert [grading[i].rank for i in ("cent_more", "base", "cent_less")] == [1, 2, 3]


def test_amounts_beyond_the_float_range_are_still_ranked_exactly() -> None:
    grading = WeightedScoreGrading(CONTRACT_ONLY).grade(
        [account("a", "1E+400"), account("b", "2E+400"), account("c", "1E+400")]
    )
    assert grading["b"].rank == 1
    assert grading["a"].rank == grading["c"].rank == 2


def test_duplicate_account_ids_are_refused() -> None:
    with pytest.raises(InvalidInput, match=r"duplicates \['twin'\]"):
        DEFAULT.grade([account("twin"), account("solo"), account("twin", 5)])
    with pytest.raises(InvalidInput, match="unique"):
        presets.amount_bands().grade([account("twin", annual=1), account("twin", annual=2)])


def test_something_that_is_not_account_figures_is_refused() -> None:
    with pytest.raises(InvalidInput, match="AccountFigures"):
        DEFAULT.grade([account("a"), {"account_id": "b"}])  # type: ignore[list-item]


def test_a_graded_account_shows_the_components_behind_its_score() -> None:
    grading = DEFAULT.grade(ladder(20))
    graded = grading["c17"]
    assert [c.figure for c in graded.components] == [
        "contract_amount", "profit_contribution", "purchase_count",
    ]
    assert all(c.value == Fraction(35, 40) for c in graded.components)
    assert sum(c.contribution for c in graded.components) == graded.score
    assert graded.explain().startswith("c17: tier B (次重要客户), rank 3 of 20, score 0.8750")
    assert graded.figures.contract_amount == 17000


def test_figures_with_weight_zero_are_left_out_of_the_components() -> None:
    graded = WeightedScoreGrading(CONTRACT_ONLY).grade(ladder(3))["c1"]
    assert [c.figure for c in graded.components] == ["contract_amount"]


def test_min_max_puts_the_lowest_at_zero_the_highest_at_one_and_equal_figures_at_half() -> None:
    policy = WeightedScoreGrading(normalisation="min_max")
    grading = policy.grade([account("lo", 0, 5, 2), account("mid", 50, 5, 2),
                            account("hi", 200, 5, 2)])
    values = {i: grading[i].components[0].value for i in ("lo", "mid", "hi")}
    assert values == {"lo": 0, "mid": Fraction(1, 4), "hi": 1}
    assert grading["mid"].components[1].value == Fraction(1, 2)


def test_a_grading_is_a_read_only_mapping_that_iterates_in_input_order() -> None:
    grading = DEFAULT.grade(ladder(5))
    assert list(grading) == [f"c{i}" for i in range(5)]
    assert "c3" in grading
    assert "nobody" not in grading
    assert grading.tier_of("c4") == grading["c4"].tier
    with pytest.raises(KeyError):
        grading["nobody"]
    assert repr(grading) == "<Grading of 5 accounts: A=0, B=1, C=2, D=2>"


def test_ranked_lists_the_best_first_and_ties_by_account_id() -> None:
    portfolio = [account("b", 5, 5, 5), account("low", 1, 1, 1), account("a", 5, 5, 5),
                 account("top", 9, 9, 9)]
    assert DEFAULT.grade(portfolio).ranked() == ("top", "a", "b", "low")
    assert DEFAULT.grade(portfolio[::-1]).ranked() == ("top", "a", "b", "low")


# --- tier counts and rounding -----------------------------------------------------------------


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


@functools.cache
def rung(level: int, copy: int) -> AccountFigures:
    """An account whose three figures all rise with ``level``: its score is monotone in it."""
    return account(f"k{level}-{copy}", 1000 * level, level, level)


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


@pytest.mark.parametrize("layout", ["ties", "best_at_every_64th"])
@pytest.mark.parametrize("percents", [[5, 15, 30, 50], [1, 1, 1, 97], [50, 50], [0, 90, 10]])
def test_large_portfolios_are_cut_into_tiers_exactly_even_when_a_sample_of_keys_misleads(
    layout: str, percents: list[int]
) -> None:
    # From 16,384 accounts on, the tier cut sorts only the keys above a sampled cutoff (every
    # 64th key); "best_at_every_64th" puts the best accounts exactly on the sampled positions,
    # so the sample overrates the portfolio and the cut must fall back to a full sort.
    size = 20_000
    rng = random.Random(size)
    if layout == "ties":
        levels = [rng.randrange(3_000) for _ in range(size)]
    else:
        levels = [size + i if i % 64 == 0 else i % 5_000 for i in range(size)]
    seen: dict[int, int] = {}
    portfolio = []
    for level in levels:
        seen[level] = seen.get(level, 0) + 1
        portfolio.append(rung(level, seen[level]))
    tiers = [TIER_A, TIER_B, TIER_C, TIER_D][:len(percents)]
    policy = WeightedScoreGrading(shares=list(zip(tiers, percents, strict=True)))
    bounds = expected_boundaries(size, percents)
    expected = {}
    higher = 0
    for level in sorted(seen, reverse=True):
        tier = tiers[next(j for j, bound in enumerate(bounds) if bound >= higher + 1)]
        for copy in range(1, seen[level] + 1):
            expected[f"k{level}-{copy}"] = tier
        higher += seen[level]
    grading = policy.grade(portfolio)
    counts = list(grading.tier_counts().values())
    assert counts == [sum(1 for tier in expected.values() if tier == t) for t in tiers]
    assert grading.tiers_by_account() == expected
    best = portfolio[levels.index(max(levels))].account_id
    assert grading[best].rank == 1
    assert list(grading.tier_counts().values()) == counts  # the same after a full sort


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


# --- properties ---------------------------------------------------------------------------------


FIGURE_NAMES = ("contract_amount", "profit_contribution", "purchase_count")


@given(portfolio_figures(max_size=40), weighted_gradings())
def test_components_and_scores_match_their_definitions_exactly(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    grading = policy.grade(portfolio)
    n = len(portfolio)
    weights = dict(policy.weights.items())
    for graded in grading.values():
        expected_score = Fraction(0)
        for component in graded.components:
            own = getattr(graded.figures, component.figure)
            column = [getattr(f, component.figure) for f in portfolio]
            if policy.normalisation is Normalisation.PERCENTILE:
                lower = sum(1 for value in column if value < own)
                upper = sum(1 for value in column if value <= own)
                expected = Fraction(lower + upper, 2 * n)
            elif max(column) == min(column):
                expected = Fraction(1, 2)
            else:
                expected = (Fraction(own) - Fraction(min(column))) / (
                    Fraction(max(column)) - Fraction(min(column)))
            assert component.value == expected
            assert component.weight == weights[component.figure]
            expected_score += Fraction(component.weight) * expected
        assert graded.score == expected_score
        assert [c.figure for c in graded.components] == [
            figure for figure in FIGURE_NAMES if weights[figure]]
        higher = sum(1 for other in grading.values() if other.score > graded.score)
        assert graded.rank == 1 + higher


@pytest.mark.parametrize("pool", [
    # a few real ties among many distinct amounts: tie runs are patched
    [Decimal(k) for k in range(300)] + [Decimal(7)] * 3,
    # floats cannot tell these apart: the Decimals are sorted instead
    [Decimal(10**15) + Decimal(k) / 100 for k in range(6)],
    # mostly ties: distinct amounts are counted
    [Decimal(0), Decimal(1), Decimal("0.5")],
])
def test_percentile_ranks_are_exact_on_every_path_of_the_fast_sort(pool: list[Decimal]) -> None:
    rng = random.Random(len(pool))
    portfolio = [account(f"a{i}", rng.choice(pool), -rng.choice(pool), rng.randrange(4))
                 for i in range(400)]
    grading = DEFAULT.grade(portfolio)
    contracts = sorted(f.contract_amount for f in portfolio)
    profits = sorted(f.profit_contribution for f in portfolio)
    for graded in grading.values():
        for component, column in zip(graded.components, (contracts, profits), strict=False):
            own = getattr(graded.figures, component.figure)
            lower = sum(1 for value in column if value < own)
            upper = sum(1 for value in column if value <= own)
            assert component.value == Fraction(lower + upper, 800), graded.account_id


@given(portfolio_figures(max_size=40), weighted_gradings(), st.randoms(use_true_random=False))
def test_grading_does_not_depend_on_input_order(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading, shuffler: random.Random
) -> None:
    shuffled = list(portfolio)
    shuffler.shuffle(shuffled)
    first, second = policy.grade(portfolio), policy.grade(shuffled)
    assert {i: (g.tier, g.rank, g.score) for i, g in first.items()} == {
        i: (g.tier, g.rank, g.score) for i, g in second.items()
    }


@given(
    portfolio_figures(min_size=1, max_size=30),
    weighted_gradings(),
    st.data(),
)
def test_raising_one_figure_of_one_account_never_lowers_its_tier(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading, data: st.DataObject
) -> None:
    position = data.draw(st.integers(0, len(portfolio) - 1))
    figure = data.draw(st.sampled_from(
        ["contract_amount", "profit_contribution", "purchase_count"]))
    before = portfolio[position]
    raise_by = data.draw(st.integers(1, 10**16))
    raised = list(portfolio)
    changed: dict[str, object] = {
        "account_id": before.account_id,
        "contract_amount": before.contract_amount,
        "profit_contribution": before.profit_contribution,
        "purchase_count": before.purchase_count,
    }
    changed[figure] = getattr(before, figure) + raise_by
    raised[position] = AccountFigures(**changed)  # type: ignore[arg-type]
    old = policy.grade(portfolio)[before.account_id]
    new = policy.grade(raised)[before.account_id]
    assert new.tier <= old.tier
    assert new.rank <= old.rank


@given(
    portfolio_figures(max_size=40),
    st.sampled_from([Decimal(10000), Decimal("0.0001"), Decimal(3), Decimal("1.5")]),
    weighted_gradings(),
)
def test_under_percentile_ranks_rescaling_every_amount_changes_no_tier(
    portfolio: list[AccountFigures], factor: Decimal, policy: WeightedScoreGrading
) -> None:
    percentile = attrs.evolve(policy, normalisation=Normalisation.PERCENTILE)
    with localcontext() as exact:
        exact.prec = 60  # 10^15 CNY with cents times 10^4 must not be rounded
        rescaled = [
            AccountFigures(account_id=f.account_id, contract_amount=f.contract_amount * factor,
                           profit_contribution=f.profit_contribution * factor,
                           purchase_count=f.purchase_count)
            for f in portfolio
        ]
    before, after = percentile.grade(portfolio), percentile.grade(rescaled)
    assert {i: (g.tier, g.rank, g.score) for i, g in before.items()} == {
        i: (g.tier, g.rank, g.score) for i, g in after.items()}


@given(portfolio_figures(min_size=1, max_size=40), weighted_gradings())
def test_calibration_reproduces_the_grading_exactly_when_only_contract_amount_counts(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    contract_only = WeightedScoreGrading(CONTRACT_ONLY, policy.normalisation, policy.shares)
    grading = contract_only.grade(portfolio)
    calibration = calibrate(grading)
    assert calibration.mismatch_count == 0
    assert calibration.agreement == 1
    for graded in grading.values():
        assert calibration.bands.classify(graded.figures.contract_amount) == graded.tier


@given(portfolio_figures(min_size=1, max_size=40))
def test_calibration_misplaces_exactly_the_accounts_it_reports(
    portfolio: list[AccountFigures],
) -> None:
    grading = DEFAULT.grade(portfolio)
    calibration = calibrate(grading)
    misplaced = sorted(
        i for i, g in grading.items()
        if calibration.bands.classify(g.figures.contract_amount) != g.tier
    )
    assert list(calibration.mismatched) == misplaced
    assert calibration.bands.bands[0].lower == 0
    # a plain mapping of graded accounts (any policy's result) calibrates the same
    assert calibrate(dict(grading)) == calibration


@given(portfolio_figures(min_size=1, max_size=8), weighted_gradings())
def test_no_contract_amount_thresholds_misplace_fewer_accounts_than_calibration(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    # Brute force: every assignment of the graded tiers to the distinct amounts in which a
    # larger amount never gets a worse tier is a set of thresholds; none may do better.
    grading = policy.grade(portfolio)
    calibration = calibrate(grading)
    levels = sorted({g.tier for g in grading.values()}, reverse=True)  # worst first
    amounts_seen = sorted({f.contract_amount for f in portfolio})
    fewest = min(
        sum(1 for g in grading.values()
            if levels[assigned[amounts_seen.index(g.figures.contract_amount)]] != g.tier)
        for assigned in itertools.combinations_with_replacement(
            range(len(levels)), len(amounts_seen))
    )
    assert calibration.mismatch_count == fewest


@given(amount_band_gradings(), amounts(max_yuan=2 * 10**9))
def test_bands_cover_every_non_negative_amount_exactly_once(
    policy: AmountBandGrading, amount: Decimal
) -> None:
    lower_inclusive = policy.inclusive == "lower"

    def contains(band: AmountBand) -> bool:
        above_lower = amount >= band.lower if lower_inclusive else amount > band.lower
        below_upper = band.upper is None or (
            amount < band.upper if lower_inclusive else amount <= band.upper)
        return above_lower and below_upper

    holders = [band.tier for band in policy.bands if contains(band)]
    assert len(holders) <= 1
    if holders:
        assert policy.classify(amount) == holders[0]
    else:
        assert policy.classify(amount) is None
        first = policy.bands[0].lower
        assert amount < first or (not lower_inclusive and amount == first)


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


# --- amount bands (seed 004) ------------------------------------------------------------------


def test_the_seed_004_bands_include_their_lower_bound() -> None:
    bands = presets.amount_bands()
    assert bands.classify(0) is None
    assert bands.classify(Decimal("4999999.99")) is None
    assert bands.classify(5_000_000) == ORDINARY
    assert bands.classify(Decimal("19999999.99")) == ORDINARY
    assert bands.classify(20_000_000) == PARTNER
    assert bands.classify(50_000_000) == STRATEGIC
    assert bands.classify(10**15) == STRATEGIC


def test_bands_can_include_their_upper_bound_instead() -> None:
    bands = AmountBandGrading(inclusive="upper")
    assert bands.classify(5_000_000) is None
    assert bands.classify(20_000_000) == ORDINARY
    assert bands.classify(Decimal("20000000.01")) == PARTNER


def test_a_negative_amount_cannot_be_classified() -> None:
    with pytest.raises(InvalidInput, match=">= 0"):
        presets.amount_bands().classify(-1)


def test_band_grading_leaves_out_accounts_that_are_not_key_accounts() -> None:
    grading = presets.amount_bands().grade([
        account("small", annual=4_000_000), account("ordinary", annual=6_000_000),
        account("strategic", annual=90_000_000), account("partner", annual=20_000_000),
    ])
    assert set(grading) == {"ordinary", "partner", "strategic"}
    assert grading["strategic"].rank == 1
    assert grading["ordinary"].tier == ORDINARY
    assert grading.tier_counts() == {STRATEGIC: 1, PARTNER: 1, ORDINARY: 1}
    assert grading.tiers_by_account() == {
        "ordinary": ORDINARY, "strategic": STRATEGIC, "partner": PARTNER}


def test_band_grading_on_annual_purchases_needs_the_annual_amount() -> None:
    with pytest.raises(InvalidInput, match="no annual_purchase_amount"):
        presets.amount_bands().grade([account("x", contract=10**8)])


def test_bands_can_grade_contract_amounts() -> None:
    bands = AmountBandGrading(figure="contract_amount")
    assert bands.grade([account("x", contract=10**8)])["x"].tier == STRATEGIC


def test_calibration_turns_a_grading_into_contract_amount_thresholds() -> None:
    grading = DEFAULT.grade(ladder(20))
    calibration = calibrate(grading)
    assert [(tier.code, int(lower)) for tier, lower in calibration.bands.thresholds] == [
        ("A", 19000), ("B", 16000), ("C", 10000), ("D", 0),
    ]
    assert calibration.mismatch_count == 0
    assert calibration.bands.figure == "contract_amount"


def test_calibration_reports_the_accounts_it_cannot_place_as_graded() -> None:
    # "rich" has the top contract amount but the worst other figures, so it is not tier A.
    portfolio = [*ladder(19), account("rich", 10**9, -100, 0)]
    grading = DEFAULT.grade(portfolio)
    calibration = calibrate(grading)
    assert grading["rich"].tier != TIER_A
    assert calibration.mismatch_count >= 1
    assert calibration.agreement == Fraction(20 - calibration.mismatch_count, 20)


def test_calibration_needs_at_least_one_account() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        calibrate(DEFAULT.grade([]))


# --- settings ---------------------------------------------------------------------------------


def test_weights_that_do_not_sum_to_one_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match=r"sum to 1, got 0\.9"):
        WeightedScoreGrading.from_mapping({"weights": {
            "contract_amount": "0.4", "profit_contribution": "0.4", "purchase_count": "0.1"}})


def test_negative_weights_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match=r"contract_amount must be >= 0"):
        WeightedScoreGrading.from_mapping({"weights": {
            "contract_amount": "-0.2", "profit_contribution": "1", "purchase_count": "0.2"}})


def test_shares_that_do_not_sum_to_a_hundred_percent_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match="sum to 100 %, got 90"):
        WeightedScoreGrading.from_mapping({"shares": {"A": 5, "B": 15, "C": 30, "D": 40}})


def test_negative_shares_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match=">= 0 %"):
        WeightedScoreGrading.from_mapping({"shares": {"A": -5, "B": 25, "C": 30, "D": 50}})


def test_unknown_setting_keys_are_refused_at_every_level() -> None:
    with pytest.raises(PolicyConfigError, match="unknown key"):
        WeightedScoreGrading.from_mapping({"weight": {}})
    with pytest.raises(PolicyConfigError, match=r"unknown key.*'margin'"):
        WeightedScoreGrading.from_mapping({"weights": {"margin": 1}})
    with pytest.raises(PolicyConfigError, match="unknown key"):
        AmountBandGrading.from_mapping({"band": {}})
    with pytest.raises(PolicyConfigError, match=r"unknown key.*'until'"):
        AmountBandGrading.from_mapping({"bands": {"X": {"from": 0, "until": 5}}})


def test_an_unknown_normalisation_is_refused() -> None:
    with pytest.raises(PolicyConfigError, match="normalisation"):
        WeightedScoreGrading.from_mapping({"normalisation": "z-score"})


def test_settings_may_use_the_floats_of_a_json_file() -> None:
    policy = WeightedScoreGrading.from_mapping({
        "weights": {"contract_amount": 0.5, "profit_contribution": 0.3, "purchase_count": 0.2},
        "normalisation": "min_max",
        "shares": {"A": 10, "B": 10, "C": 30, "D": 50},
    })
    assert policy.weights == ScoreWeights(Decimal("0.5"), Decimal("0.3"), Decimal("0.2"))
    assert policy.tiers == (TIER_A, TIER_B, TIER_C, TIER_D)


def test_settings_may_name_their_own_tiers_best_first() -> None:
    policy = WeightedScoreGrading.from_mapping({"shares": {"GOLD": 20, "SILVER": 80}})
    assert [(tier.code, tier.rank) for tier in policy.tiers] == [("GOLD", 1), ("SILVER", 2)]
    assert list(policy.grade(ladder(10)).tier_counts().values()) == [2, 8]


def test_overlapping_bands_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match="overlap"):
        AmountBandGrading.from_mapping({"bands": {
            "ORDINARY": {"from": 5_000_000, "to": 25_000_000},
            "PARTNER": {"from": 20_000_000, "to": 50_000_000},
            "STRATEGIC": {"from": 50_000_000}}})


def test_bands_with_a_gap_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match="gap"):
        AmountBandGrading.from_mapping({"bands": {
            "ORDINARY": {"from": 5_000_000, "to": 10_000_000},
            "STRATEGIC": {"from": 50_000_000}}})


def test_bands_listed_out_of_order_are_refused() -> None:
    with pytest.raises(InvalidInput, match="overlap or are unordered"):
        AmountBandGrading([AmountBand(PARTNER, 20_000_000, 50_000_000),
                           AmountBand(ORDINARY, 5_000_000, 20_000_000),
                           AmountBand(STRATEGIC, 50_000_000)])


def test_bands_that_put_a_worse_tier_above_a_better_one_are_refused() -> None:
    with pytest.raises(InvalidInput, match="better tier"):
        AmountBandGrading([AmountBand(STRATEGIC, 0, 10), AmountBand(ORDINARY, 10)])


def test_a_band_whose_upper_bound_is_not_above_its_lower_bound_is_refused() -> None:
    with pytest.raises(PolicyConfigError, match="must be above lower"):
        AmountBandGrading.from_mapping({"bands": {"X": {"from": 10, "to": 5}}})


def test_only_the_top_band_may_be_open() -> None:
    with pytest.raises(InvalidInput, match="open-ended"):
        AmountBandGrading([AmountBand(ORDINARY, 0, 10), AmountBand(STRATEGIC, 10, 20)])


def test_band_settings_rebuild_the_seed_defaults_in_any_order() -> None:
    loaded = AmountBandGrading.from_mapping({"bands": {
        "STRATEGIC": {"from": "50000000"},
        "ORDINARY": {"from": 5_000_000, "to": 20_000_000},
        "PARTNER": {"from": 20_000_000, "to": 50_000_000}}})
    assert loaded == presets.amount_bands()


# --- the configuration check of keyaccount.testing ---------------------------------------------


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
