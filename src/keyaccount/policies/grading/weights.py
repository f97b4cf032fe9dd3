"""The weights of the weighted score: which figure counts how much (SPEC §5a; seed 002)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._numeric import check_total, exact_weight
from keyaccount._validation import to_decimal

__all__ = ["DEFAULT_WEIGHTS", "ScoreWeights"]

# The figures a weighted score reads, in the order of ScoreWeights' fields.
FIGURES = ("contract_amount", "profit_contribution", "purchase_count")


def _contract_weight(value: object) -> Decimal:
    return to_decimal(value, field="ScoreWeights.contract_amount")


def _profit_weight(value: object) -> Decimal:
    return to_decimal(value, field="ScoreWeights.profit_contribution")


def _count_weight(value: object) -> Decimal:
    return to_decimal(value, field="ScoreWeights.purchase_count")


@attrs.frozen
class ScoreWeights:
    """How much each figure counts in the weighted score (SPEC §5a).

    Attributes:
        contract_amount: weight of contract amount 合同额.
        profit_contribution: weight of profit contribution 利润贡献率.
        purchase_count: weight of purchase frequency 消费频次.

    Weights are Decimals ``>= 0`` that sum to exactly 1.

    Raises:
        InvalidInput: a negative weight, a float, or weights that do not sum to 1.
    """

    contract_amount: Decimal = attrs.field(converter=_contract_weight)
    profit_contribution: Decimal = attrs.field(converter=_profit_weight)
    purchase_count: Decimal = attrs.field(converter=_count_weight)

    def __attrs_post_init__(self) -> None:
        # the one weight validation of keyaccount (keyaccount._numeric), on the Decimals
        for figure, weight in self.items():
            exact_weight(weight, field=f"ScoreWeights.{figure}", error=InvalidInput)
        check_total(self.items(), field="weights", error=InvalidInput)

    def as_tuple(self) -> tuple[Decimal, Decimal, Decimal]:
        """The weights in figure order: contract amount, profit contribution, purchase count."""
        return (self.contract_amount, self.profit_contribution, self.purchase_count)

    def items(self) -> tuple[tuple[str, Decimal], ...]:
        """``(figure name, weight)`` pairs in figure order."""
        return tuple(zip(FIGURES, self.as_tuple(), strict=True))


# seed 002 §客户分级: 合同额 40 %, 利润贡献率 40 %, 消费频次 20 %.
DEFAULT_WEIGHTS = ScoreWeights(Decimal("0.4"), Decimal("0.4"), Decimal("0.2"))
