"""Weighted-score grading of seed 002 (SPEC §5a): defaults, edge cases, properties, settings."""

import random
from decimal import Decimal, localcontext
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from grading_portfolios import (
    CONTRACT_ONLY,
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
    InvalidInput,
    PolicyConfigError,
)
from keyaccount.policies import (
    AmountBandGrading,
    Normalisation,
    ScoreWeights,
    WeightedScoreGrading,
    presets,
)
from keyaccount.testing import (
    portfolio_figures,
    weighted_gradings,
)

# --- the seed defaults ---


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


# --- edge cases with a documented result ---


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


def test_under_the_better_rule_equal_figures_share_the_top_nonempty_tier() -> None:
    better = WeightedScoreGrading(tie_rule="better")
    ten = better.grade([account(f"x{i}", 7, 7, 7) for i in range(10)])
    assert {g.tier for g in ten.values()} == {TIER_A}
    assert {g.rank for g in ten.values()} == {1}
    assert {g.score for g in ten.values()} == {Fraction(1, 2)}
    five = better.grade([account(f"x{i}", 7, 7, 7) for i in range(5)])
    assert {g.tier for g in five.values()} == {TIER_B}  # n=5: no account fits in A's 5 %


def test_under_the_better_rule_a_tie_at_a_share_boundary_goes_wholly_to_the_better_tier() -> None:
    portfolio = [*ladder(18), account("top1", 10**9, 10**9, 10**6),
                 account("top2", 10**9, 10**9, 10**6)]
    grading = WeightedScoreGrading(tie_rule="better").grade(portfolio)
    assert grading["top1"].rank == grading["top2"].rank == 1
    assert grading["top1"].tier == grading["top2"].tier == TIER_A
    assert grading["c17"].rank == 3
    assert grading.tier_counts()[TIER_A] == 2
    assert grading.tie_blocks_moved == 1
    assert grading.tie_blocks_split == 0


def test_under_the_better_rule_a_tie_is_never_split_by_input_order() -> None:
    # p and q tie at rank 10 of 20; C's boundary is 10, so the tie straddles C and D.
    portfolio = [*ladder(18), account("p", 8500, "8.5", 8), account("q", 8500, "8.5", 8)]
    for order in (portfolio, portfolio[::-1]):
        grading = WeightedScoreGrading(tie_rule="better").grade(order)
        assert grading["p"].rank == grading["q"].rank == 10
        assert grading["p"].tier == grading["q"].tier == TIER_C
        assert grading.tier_counts()[TIER_C] == 7


def test_by_default_a_tie_at_a_share_boundary_is_split_by_account_id_whatever_the_order() -> None:
    portfolio = [*ladder(18), account("p", 8500, "8.5", 8), account("q", 8500, "8.5", 8)]
    for order in (portfolio, portfolio[::-1]):
        grading = DEFAULT.grade(order)
        assert grading["p"].rank == grading["q"].rank == 10
        assert (grading["p"].tier, grading["q"].tier) == (TIER_C, TIER_D)
        assert list(grading.tier_counts().values()) == [1, 3, 6, 10]
        assert grading.tie_blocks_split == 1


def test_zero_and_negative_profit_rank_below_positive_profit() -> None:
    grading = WeightedScoreGrading(ScoreWeights(0, 1, 0)).grade(
        [account("loss", profit="-500"), account("even", profit=0), account("gain", profit="0.01")]
    )
    assert [grading[i].rank for i in ("gain", "even", "loss")] == [1, 2, 3]
    assert grading["loss"].components[0].value == Fraction(1, 6)


def test_amounts_of_ten_to_the_fifteen_yuan_differing_by_a_cent_are_not_tied() -> None:
    # 10^15 - 0.01, - 0.02 and - 0.03 are the same float; the grading must tell them apart.
    big = Decimal(10**15)
    grading = WeightedScoreGrading(CONTRACT_ONLY).grade(
        [account("cent_more", big - Decimal("0.01")), account("base", big - Decimal("0.02")),
         account("cent_less", big - Decimal("0.03"))]
    )
    assert [grading[i].rank for i in ("cent_more", "base", "cent_less")] == [1, 2, 3]


def test_amounts_beyond_ten_to_the_fifteen_are_refused_rather_than_ranked() -> None:
    # 0.1 ranked 1E+400 exactly, and min-max grading of 1e999999999 never finished
    with pytest.raises(InvalidInput, match=r"contract_amount must be at most 10\*\*15"):
        account("a", "1E+400")


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


# --- properties ---


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
    [Decimal(10**15) - Decimal(k) / 100 for k in range(6)],
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
    limit = 10**9 if figure == "purchase_count" else 10**15  # the bounds of the figures
    headroom = limit - getattr(before, figure)
    assume(headroom >= 1)
    raise_by = data.draw(st.integers(1, int(headroom)))
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
    # scaled down only (amounts reach 10^15); by symmetry that covers scaling up too
    st.sampled_from([Decimal("0.0001"), Decimal("0.5"), Decimal("0.75"), Decimal("0.2")]),
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


# --- settings ---


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
    with pytest.raises(PolicyConfigError, match="from 0 to 100 %"):
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


def test_a_figure_left_out_of_the_weights_setting_weighs_nothing() -> None:
    policy = WeightedScoreGrading.from_mapping({"weights": {"contract_amount": 1}})
    assert policy.weights.as_tuple() == (Decimal(1), Decimal(0), Decimal(0))
