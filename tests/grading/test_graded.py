"""The Grading a policy returns: a read-only mapping, ranked, cut into tiers exactly (SPEC §5)."""

import random
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction

import pytest

from grading_portfolios import (
    DEFAULT,
    account,
    expected_boundaries,
    ladder,
    rung,
)
from keyaccount import (
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountFigures,
    GradedAccount,
    Grading,
    InvalidInput,
    Tier,
    tiers_of,
)
from keyaccount.policies import (
    WeightedScoreGrading,
    presets,
)


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


@pytest.mark.parametrize("rule", ["split", "better"])
@pytest.mark.parametrize("layout", ["ties", "best_at_every_64th"])
@pytest.mark.parametrize("percents", [[5, 15, 30, 50], [1, 1, 1, 97], [50, 50], [0, 90, 10]])
def test_large_portfolios_are_cut_into_tiers_exactly_even_when_a_sample_of_keys_misleads(
    layout: str, percents: list[int], rule: str
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
    policy = WeightedScoreGrading(shares=list(zip(tiers, percents, strict=True)),
                                  tie_rule=rule)
    bounds = expected_boundaries(size, percents)
    expected = {}
    higher = 0
    for level in sorted(seen, reverse=True):
        # equal contract amounts within a level: split orders a tie block by account id
        for offset, name in enumerate(sorted(f"k{level}-{c}" for c in range(1, seen[level] + 1))):
            place = higher + 1 + (offset if rule == "split" else 0)
            expected[name] = tiers[next(j for j, bound in enumerate(bounds) if bound >= place)]
        higher += seen[level]
    grading = policy.grade(portfolio)
    counts = list(grading.tier_counts().values())
    assert counts == [sum(1 for tier in expected.values() if tier == t) for t in tiers]
    assert grading.tiers_by_account() == expected
    best = portfolio[levels.index(max(levels))].account_id
    assert grading[best].rank == 1
    assert list(grading.tier_counts().values()) == counts  # the same after a full sort


# tiers_of: the one reading of a grading as {account id: Tier}


def test_tiers_of_a_grading_are_those_of_its_graded_accounts() -> None:
    figures = [AccountFigures(account_id=f"c{i}", contract_amount=1000 * i,
                              profit_contribution=i, purchase_count=i) for i in range(1, 41)]
    grading = presets.weighted_grading().grade(figures)
    one_by_one = {account_id: graded.tier for account_id, graded in grading.items()}
    assert tiers_of(grading) == one_by_one
    assert list(tiers_of(grading)) == list(grading)
    # a plain mapping of graded accounts (a host's own grading) is read account by account
    assert tiers_of(dict(grading.items())) == one_by_one
    # and a mapping of tiers is already what it reads
    assert tiers_of(one_by_one) == one_by_one


class _BulkOnlyGrading(Mapping[str, GradedAccount]):
    """A host grading that can give every tier at once but builds no account cheaply."""

    def __init__(self, tiers: dict[str, Tier]) -> None:
        self._tiers = tiers

    def __getitem__(self, account_id: str) -> GradedAccount:
        raise AssertionError("each graded account was built, the bulk read was not used")

    def __iter__(self) -> Iterator[str]:
        return iter(self._tiers)

    def __len__(self) -> int:
        return len(self._tiers)

    def tiers_by_account(self) -> dict[str, Tier]:
        return dict(self._tiers)


def test_tiers_of_a_grading_with_a_bulk_read_use_it() -> None:
    assert tiers_of(_BulkOnlyGrading({"ACME": TIER_A, "CORA": TIER_C})) == {
        "ACME": TIER_A, "CORA": TIER_C}


def test_tiers_of_refuses_what_is_not_a_grading() -> None:
    with pytest.raises(InvalidInput, match=r"grading\['x'\] must be a Tier or a graded account"):
        tiers_of({"x": "A"})
    with pytest.raises(InvalidInput, match="grading must be a mapping"):
        tiers_of([TIER_A])  # type: ignore[arg-type]


# --- issue 12: a graded account and a grading built by hand are checked ------------------


def _graded(**changes: object) -> GradedAccount:
    graded = DEFAULT.grade(ladder(4))["c3"]
    fields = {
        "account_id": graded.account_id, "tier": graded.tier, "score": graded.score,
        "rank": graded.rank, "portfolio_size": graded.portfolio_size,
        "components": graded.components, "figures": graded.figures,
    }
    fields.update(changes)
    return GradedAccount(**fields)  # type: ignore[arg-type]


def test_a_graded_account_ranks_within_its_portfolio() -> None:
    assert _graded(rank=4, portfolio_size=4).rank == 4
    with pytest.raises(InvalidInput, match="rank of 'c3' must be at most its portfolio_size 4"):
        _graded(rank=5, portfolio_size=4)


def test_a_graded_account_carries_its_own_figures() -> None:
    with pytest.raises(InvalidInput, match="figures of its account_id 'c3', got the figures of"):
        _graded(figures=account("c0"))


def test_a_graded_account_refuses_a_score_that_is_not_exact() -> None:
    with pytest.raises(InvalidInput, match=r"GradedAccount\.score must be a Fraction"):
        _graded(score=0.5)


def _columns(**changes: object) -> dict[str, object]:
    portfolio = ladder(3)
    arguments: dict[str, object] = {
        "figures": portfolio, "ids": ["c0", "c1", "c2"], "keys": [1, 2, 3],
        "key_unit": Fraction(1, 3),
        "columns": [("contract_amount", Decimal(1), [1, 2, 3], Fraction(1, 3))],
        "tiers": (TIER_A, TIER_B), "bounds": (1, 3),
    }
    arguments.update(changes)
    return arguments


def test_a_grading_built_by_hand_reads_like_a_policys() -> None:
    grading = Grading(**_columns())  # type: ignore[arg-type]
    assert grading.tiers_by_account() == {"c0": TIER_B, "c1": TIER_B, "c2": TIER_A}
    assert grading["c2"].rank == 1


def test_a_grading_names_each_account_by_its_figures() -> None:
    with pytest.raises(InvalidInput, match="ids must be the figures' account ids in order"):
        Grading(**_columns(ids=["c1", "c0", "c2"]))  # type: ignore[arg-type]


def test_a_grading_holds_one_key_per_account() -> None:
    with pytest.raises(InvalidInput, match=r"keys must hold one number per account \(3\)"):
        Grading(**_columns(keys=[1, 2]))  # type: ignore[arg-type]


def test_a_gradings_boundaries_rise_to_the_portfolio_size() -> None:
    with pytest.raises(InvalidInput, match=r"bounds must be an int in 2\.\.3"):
        Grading(**_columns(bounds=(2, 1)))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="bounds must end at the number of accounts 3"):
        Grading(**_columns(bounds=(1, 2)))  # type: ignore[arg-type]


def test_a_grading_is_cut_by_bounds_or_by_a_tier_list_not_both() -> None:
    with pytest.raises(InvalidInput, match="either bounds or tier_list"):
        Grading(**_columns(tier_list=[0, 1, 1]))  # type: ignore[arg-type]
    grading = Grading(**_columns(bounds=None, tier_list=[1, 1, 0]))  # type: ignore[arg-type]
    assert grading.tier_counts() == {TIER_A: 1, TIER_B: 2}


def test_the_tier_of_an_account_not_graded_is_refused_by_name() -> None:
    grading = DEFAULT.grade(ladder(4))
    with pytest.raises(InvalidInput, match="account_id 'nobody' is not graded"):
        grading.tier_of("nobody")


def test_a_score_of_exactly_the_money_limit_either_way_is_accepted() -> None:
    limit = Fraction(10**15)
    assert _graded(score=limit).score == limit
    assert _graded(score=-limit).score == -limit
    with pytest.raises(InvalidInput, match=r"GradedAccount\.score must be a Fraction"):
        _graded(score=limit + Fraction(1, 10**6))


def test_the_explanation_adds_up_each_component_as_weight_times_figure_value() -> None:
    assert _graded().explain().split(" = ")[1] == (
        "0.4 x contract_amount 0.8750 + 0.4 x profit_contribution 0.8750"
        " + 0.2 x purchase_count 0.8750"
    )
