"""Rules of policies/grading/weights.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from keyaccount import InvalidInput
from keyaccount.policies import DEFAULT_WEIGHTS, ScoreWeights

FIELDS = ("contract_amount", "profit_contribution", "purchase_count")


def test_the_default_weights_are_seed_002s_forty_forty_twenty() -> None:
    assert DEFAULT_WEIGHTS.as_tuple() == (Decimal("0.4"), Decimal("0.4"), Decimal("0.2"))
    assert DEFAULT_WEIGHTS.items() == (
        ("contract_amount", Decimal("0.4")),
        ("profit_contribution", Decimal("0.4")),
        ("purchase_count", Decimal("0.2")),
    )


def test_weights_are_kept_in_figure_order() -> None:
    weights = ScoreWeights("0.5", "0.3", "0.2")
    assert weights.as_tuple() == (Decimal("0.5"), Decimal("0.3"), Decimal("0.2"))
    assert [figure for figure, _ in weights.items()] == list(FIELDS)


@pytest.mark.parametrize("position", range(3))
def test_a_weight_that_is_not_a_number_is_refused_naming_its_figure(position: int) -> None:
    values: list[object] = ["0.5", "0.3", "0.2"]
    values[position] = "heavy"
    with pytest.raises(InvalidInput, match=rf"^ScoreWeights\.{FIELDS[position]} must "):
        ScoreWeights(*values)


@pytest.mark.parametrize("position", range(3))
def test_a_negative_weight_is_refused_naming_its_figure(position: int) -> None:
    values: list[object] = [Decimal("0.5"), Decimal("0.5"), Decimal("0.5")]
    values[position] = Decimal("-0.5")
    with pytest.raises(InvalidInput, match=rf"^ScoreWeights\.{FIELDS[position]} must "):
        ScoreWeights(*values)


def test_weights_that_do_not_sum_to_one_are_refused_listing_them() -> None:
    with pytest.raises(
        InvalidInput,
        match=r"^weights must sum to 1, got 0\.9 \(contract_amount=0\.4, "
        r"profit_contribution=0\.4, purchase_count=0\.1\)$",
    ):
        ScoreWeights("0.4", "0.4", "0.1")
