"""A tie block that straddles a tier boundary: the tie rule (SPEC §5a; seed 002 三(二)1, issue 15).

Seed 002 puts A + B at 20 % of the accounts; a tie block across a boundary must not undo it.
"""

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grading_portfolios import DEFAULT, account, expected_boundaries, ladder
from keyaccount import (
    SCORE_TIERS,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountFigures,
    Grading,
    InvalidInput,
    PolicyConfigError,
    TieRule,
)
from keyaccount.policies import ScoreWeights, WeightedScoreGrading, presets, seed_departures
from keyaccount.testing import (
    check_grading_configuration,
    check_grading_policy,
    portfolio_figures,
    weighted_gradings,
)


def _counts(grading: Grading) -> list[int]:
    return list(grading.tier_counts().values())


def _zeros(size: int) -> list[AccountFigures]:
    return [account(f"z{i:02d}") for i in range(size)]


def _fifty_tied_at_the_top() -> list[AccountFigures]:
    return [account(f"t{i:02d}", 10**6, 10**6, 10**6) for i in range(50)] + [
        account(f"r{i:02d}", 1000 * i, i, i) for i in range(50)]


# --- the expected figures of the issue, under the default -----------------------------------


def test_the_default_rule_splits_forty_all_zero_accounts_into_a2_b6_c12_d20() -> None:
    grading = presets.weighted_grading().grade(_zeros(40))
    assert _counts(grading) == [2, 6, 12, 20]
    assert grading.tie_rule is TieRule.SPLIT
    assert grading.tie_blocks_split == 1
    assert grading.tie_blocks_moved == 0
    # equal contract amounts: the block is cut in account id order
    assert [grading[f"z{i:02d}"].tier for i in (0, 1, 2, 7, 8, 19, 20, 39)] == [
        TIER_A, TIER_A, TIER_B, TIER_B, TIER_C, TIER_C, TIER_D, TIER_D]


def test_the_default_rule_splits_fifty_tied_of_a_hundred_into_a5_b15_c30_d50() -> None:
    grading = presets.weighted_grading().grade(_fifty_tied_at_the_top())
    assert _counts(grading) == [5, 15, 30, 50]
    assert grading.realised_shares() == {
        TIER_A: Decimal("5.00"), TIER_B: Decimal("15.00"), TIER_C: Decimal("30.00"),
        TIER_D: Decimal("50.00")}
    assert grading.tie_blocks_split == 1  # one block across three boundaries


@pytest.mark.parametrize(("rule", "forty", "fifty"), [
    ("better", [40, 0, 0, 0], [50, 0, 0, 50]),   # 0.1.0's rule
    ("worse", [0, 0, 0, 40], [0, 0, 50, 50]),
    ("nearest", [0, 0, 40, 0], [0, 0, 50, 50]),
])
def test_a_moving_rule_puts_each_straddling_block_wholly_in_one_tier(
    rule: str, forty: list[int], fifty: list[int]
) -> None:
    policy = WeightedScoreGrading(tie_rule=rule)
    zeros = policy.grade(_zeros(40))
    assert _counts(zeros) == forty
    assert zeros.tie_blocks_moved == 1
    assert zeros.tie_blocks_split == 0
    # 50 tied of 100 (places 1..50, middle 25: tier C); the rest ranks 51..100, all D
    assert _counts(policy.grade(_fifty_tied_at_the_top())) == fifty


def test_nearest_takes_the_upper_middle_of_an_even_block() -> None:
    # two accounts tied for places 1..2 with A's boundary at 1: the middle is place 1 (A)
    policy = WeightedScoreGrading(shares={TIER_A: 50, TIER_B: 50}, tie_rule="nearest")
    assert _counts(policy.grade(_zeros(2))) == [2, 0]
    worse = WeightedScoreGrading(shares={TIER_A: 50, TIER_B: 50}, tie_rule="worse")
    assert _counts(worse.grade(_zeros(2))) == [0, 2]


# --- the secondary key of split ------------------------------------------------------------


def _equal_scores_unequal_amounts() -> list[AccountFigures]:
    # half contract amount, half profit: a (2, 1) and b (1, 2) have the same score, 1/2
    return [account("a", 2, 1, 0), account("b", 1, 2, 0)]


def test_split_orders_a_tie_block_by_contract_amount_descending_then_account_id() -> None:
    policy = WeightedScoreGrading(ScoreWeights("0.5", "0.5", 0),
                                  shares={TIER_A: 50, TIER_B: 50})
    for order in (_equal_scores_unequal_amounts(), _equal_scores_unequal_amounts()[::-1]):
        grading = policy.grade(order)
        assert grading["a"].score == grading["b"].score == Fraction(1, 2)
        assert (grading["a"].tier, grading["b"].tier) == (TIER_A, TIER_B)
        assert grading.ranked() == ("a", "b")


def test_the_tie_break_figure_is_a_setting() -> None:
    policy = WeightedScoreGrading.from_mapping({
        "weights": {"contract_amount": "0.5", "profit_contribution": "0.5"},
        "shares": {"A": 50, "B": 50}, "tie_break": "profit_contribution"})
    grading = policy.grade(_equal_scores_unequal_amounts())
    assert (grading["a"].tier, grading["b"].tier) == (TIER_B, TIER_A)


def test_an_unknown_tie_rule_or_tie_break_is_refused_naming_the_setting() -> None:
    with pytest.raises(PolicyConfigError, match="tie_rule must be one of"):
        WeightedScoreGrading.from_mapping({"tie_rule": "coin"})
    with pytest.raises(InvalidInput, match="tie_break must be one of"):
        WeightedScoreGrading(tie_break="account_id")
    with pytest.raises(InvalidInput, match="tie_rule must be one of"):
        Grading(figures=[], ids=[], keys=[], key_unit=Fraction(0), columns=[],
                tiers=SCORE_TIERS, bounds=(0, 0, 0, 0), tie_rule="fair")


def test_a_hand_built_grading_follows_its_tie_rule() -> None:
    figures = _zeros(4)
    built = {rule: Grading(figures=figures, ids=[f.account_id for f in figures],
                           keys=[0] * 4, key_unit=Fraction(1), columns=[],
                           tiers=(TIER_A, TIER_B), bounds=(1, 4), tie_rule=rule)
             for rule in ("split", "better", "worse")}
    assert _counts(built["split"]) == [1, 3]
    assert _counts(built["better"]) == [4, 0]
    assert _counts(built["worse"]) == [0, 4]
    assert built["split"].tier_of("z00") == TIER_A
    assert built["split"]["z01"].tier == TIER_B


def test_an_amount_band_grading_has_no_tie_blocks_to_place() -> None:
    bands = presets.amount_bands().grade(
        [account(f"x{i}", annual=6_000_000) for i in range(5)])
    assert bands.tie_rule is None
    assert bands.tie_blocks_split == bands.tie_blocks_moved == 0
    assert bands.realised_shares()[bands.tiers[-1]] == Decimal("100.00")


def test_an_empty_grading_realises_no_share() -> None:
    assert set(DEFAULT.grade([]).realised_shares().values()) == {Decimal("0.00")}


# --- properties ------------------------------------------------------------------------------


@given(portfolio_figures(max_size=60), weighted_gradings())
def test_under_split_the_realised_counts_are_the_rounded_targets(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading
) -> None:
    split = WeightedScoreGrading(policy.weights, policy.normalisation, policy.shares)
    grading = split.grade(portfolio)
    percents = [int(share) for _tier, share in policy.shares]
    bounds = expected_boundaries(len(portfolio), percents)
    assert _counts(grading) == [b - a for a, b in zip([0, *bounds], bounds, strict=False)]
    tiers = grading.tiers_by_account()
    assert [sum(1 for t in tiers.values() if t == tier) for tier in grading.tiers] == \
        _counts(grading)


@given(portfolio_figures(max_size=30), weighted_gradings(), st.randoms(use_true_random=False))
def test_the_result_never_depends_on_input_order_under_any_tie_rule(
    portfolio: list[AccountFigures], policy: WeightedScoreGrading, rng: random.Random
) -> None:
    shuffled = list(portfolio)
    rng.shuffle(shuffled)
    assert policy.grade(shuffled).tiers_by_account() == dict(
        sorted(policy.grade(portfolio).tiers_by_account().items(),
               key=lambda item: [f.account_id for f in shuffled].index(item[0])))
    check_grading_policy(policy, portfolio)


@pytest.mark.parametrize("rule", [rule.value for rule in TieRule])
@given(portfolio=portfolio_figures(max_size=12))
def test_raising_one_figure_never_gives_a_worse_tier_under_every_tie_rule(
    rule: str, portfolio: list[AccountFigures]
) -> None:
    check_grading_configuration(WeightedScoreGrading(tie_rule=rule), portfolio)


@pytest.mark.parametrize("rule", [rule.value for rule in TieRule])
def test_the_configuration_check_follows_the_tie_rule_on_all_tied_portfolios(rule: str) -> None:
    for size in (1, 2, 5, 19, 40):
        check_grading_configuration(WeightedScoreGrading(tie_rule=rule), _zeros(size),
                                    monotonicity=size < 20)


def test_the_configuration_check_catches_a_grading_that_ignores_its_tie_rule() -> None:
    class ClaimsSplit:
        shares = DEFAULT.shares
        tiers = DEFAULT.tiers
        tie_rule = TieRule.SPLIT
        grade = WeightedScoreGrading(tie_rule="better").grade

    with pytest.raises(AssertionError, match=r"'z02' has rank 1 and tier A, but the shares put "
                                             r"place 3 \(its tie block holds places 1..40\) "
                                             r"in tier B"):
        check_grading_configuration(ClaimsSplit(), _zeros(40))  # type: ignore[arg-type]


# --- A + B = 20 % (seed 002 三(二)1) -----------------------------------------------------------


def test_shares_that_put_a_plus_b_off_twenty_percent_are_possible_but_named() -> None:
    policy = WeightedScoreGrading(shares={TIER_A: 10, TIER_B: 20, TIER_C: 30, TIER_D: 40})
    assert policy.seed_departures == (
        "A + B = 30 %, but seed 002 三(二)1 puts A + B at 20 % (C + D at 80 %)",)
    notes = check_grading_configuration(policy, ladder(20), monotonicity=False)
    assert notes == policy.seed_departures
    with pytest.raises(AssertionError, match="A \\+ B = 30 %"):
        check_grading_configuration(policy, ladder(20), seed_shares=True)
    assert check_grading_configuration(DEFAULT, ladder(20), seed_shares=True) == ()
    assert seed_departures([(TIER_A, 50), (TIER_B, 50)])[0].startswith("the tiers are A, B,")
