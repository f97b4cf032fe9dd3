"""Amount-band grading of seed 004 (SPEC §5b)."""

from decimal import Decimal

import pytest
from hypothesis import given

from grading_portfolios import (
    account,
)
from keyaccount import (
    ORDINARY,
    PARTNER,
    STRATEGIC,
    InvalidInput,
    PolicyConfigError,
)
from keyaccount.policies import (
    AmountBand,
    AmountBandGrading,
    presets,
)
from keyaccount.testing import (
    amount_band_gradings,
    amounts,
)


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


@pytest.mark.parametrize("tier", [None, "STRATEGIC"])
def test_an_amount_band_is_for_a_tier(tier: object) -> None:
    # 0.1 accepted None and failed later with AttributeError
    with pytest.raises(InvalidInput, match=r"AmountBand\.tier must be a Tier, got"):
        AmountBand(tier, Decimal(0))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (10**16, r"be at most 10\*\*15 in magnitude"),
        (Decimal("1e999999999"), r"be at most 10\*\*15 in magnitude"),
        (Decimal("0.0000001"), r"have at most 6 decimal places"),
    ],
)
def test_band_bounds_and_classified_amounts_are_money_within_the_domains_bounds(
    amount: object, expected: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"AmountBand\.lower must {expected}"):
        AmountBand(ORDINARY, amount)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=rf"AmountBand\.upper must {expected}"):
        AmountBand(ORDINARY, 0, amount)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=rf"^amount must {expected}"):
        presets.amount_bands().classify(amount)  # type: ignore[arg-type]
