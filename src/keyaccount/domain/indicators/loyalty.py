"""The loyalty index (忠诚度, seed 002 §忠诚度分析) and the port a loyalty weighting implements.

Seven behaviours per account, each normalised to [0, 1], combined by a policy's weights
(default: :class:`keyaccount.policies.WeightedLoyalty`) with the weighted mean of
:func:`~keyaccount.combine_weighted`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._numeric import (
    exact_weights,
    integer_weights,
    midranks_by_counting,
    midranks_by_sorting,
    positive_weights,
    redistributed_mean,
)
from keyaccount._validation import instance_of
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import (
    _breakdown,
    _Cells,
    _dims_of,
    _period,
    _records,
    _refuse,
)
from keyaccount.domain.indicators._lazy import _LazyValues
from keyaccount.domain.indicators.appraisal import Appraisal
from keyaccount.domain.indicators.records import LoyaltyFacts
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue
from keyaccount.domain.indicators.weighting import combine_weighted

__all__ = ["LOYALTY_COMPONENTS", "LoyaltyPolicy", "LoyaltyReport", "loyalty_index"]

LOYALTY_COMPONENTS: tuple[str, ...] = (
    "repeat_purchase_count",
    "repeat_purchase_quantity",
    "repeat_purchase_amount",
    "referral_rate",
    "activity_response",
    "price_insensitivity",
    "quality_tolerance",
)
"""The seven loyalty components of seed 002 §忠诚度分析, in the seed's order."""



def _frozen_appraisals(value: Mapping[str, Appraisal]) -> Mapping[str, Appraisal]:
    # Each account's appraisal is built when read: tens of thousands of accounts, a few read.
    if isinstance(value, _LazyValues):
        return value
    if not isinstance(value, Mapping):
        raise InvalidInput(
            f"LoyaltyReport.components must be a mapping of account id to Appraisal, "
            f"got {value!r:.200}"
        )
    for account_id, appraisal in value.items():
        if type(account_id) is not str or not account_id.strip():
            raise InvalidInput(
                f"LoyaltyReport.components must be keyed by account id, got {account_id!r}"
            )
        if not isinstance(appraisal, Appraisal):
            raise InvalidInput(
                f"LoyaltyReport.components[{account_id!r}] must be an Appraisal, "
                f"got {appraisal!r:.200}"
            )
    return MappingProxyType(dict(value))


@attrs.frozen(eq=True, hash=False)
class LoyaltyReport:
    """The loyalty index (忠诚度) of every account and its groups.

    Attributes:
        index: per account, the account's index (numerator = index, denominator = 1); per
            group and for the portfolio, the mean index of its accounts.
        components: per account, the weighted combination with each component's value.
    """

    index: Breakdown[IndicatorValue] = attrs.field(validator=instance_of(Breakdown))
    components: Mapping[str, Appraisal] = attrs.field(converter=_frozen_appraisals)


def loyalty_index(
    facts: Iterable[LoyaltyFacts], period: Period, *, weights: Mapping[str, Fraction]
) -> LoyaltyReport:
    """Loyalty index from the seven behaviours of seed 002 §忠诚度分析, combined by weights.

    Each component is normalised to [0, 1]:

    * repeat purchase count, quantity and amount: mid-rank percentile over the accounts
      given (so the index compares the accounts with each other, like seed 002's grading);
    * referral rate: as given;
    * activity response: ``joined / invited`` (not applicable when none invited);
    * price insensitivity: ``1 - price_sensitivity``;
    * quality tolerance: ``tolerated / incidents`` (not applicable without incidents).

    The index is the weighted mean of the applicable components (:func:`combine_weighted`).

    Args:
        facts: one record per account.
        period: the period the behaviour was observed over (seed 002: yearly).
        weights: a weight per name of :data:`LOYALTY_COMPONENTS` (a policy supplies them:
            :class:`keyaccount.policies.WeightedLoyalty`).

    Returns:
        The index per account (numerator = index, denominator = 1) and the mean index per
        group, with each account's weighted combination in ``components``.

    Raises:
        InvalidInput: an account appears twice, or a weight names an unknown component.

    >>> from keyaccount import Dimension
    >>> report = loyalty_index(
    ...     [LoyaltyFacts("ACME", "A", "Wang", "KA", repeat_purchase_count=3,
    ...                   repeat_purchase_quantity=30, repeat_purchase_amount=3000,
    ...                   referral_rate="0.5", activities_invited=4, activities_joined=1,
    ...                   price_sensitivity="0.5", quality_incidents=0, incidents_tolerated=0)],
    ...     Period.year(2025),
    ...     weights={"referral_rate": Fraction(1, 2), "activity_response": Fraction(1, 2)})
    >>> report.index.of(Dimension.ACCOUNT, "ACME").value        # (1/2 + 1/4) / 2
    Fraction(3, 8)
    """
    _period(period)
    if not isinstance(weights, Mapping):
        raise InvalidInput(
            f"weights must be a mapping of component to weight, got {weights!r:.200}"
        )
    positive = positive_weights(
        exact_weights(weights.items(), known={name: name for name in LOYALTY_COMPONENTS},
                      owner="loyalty_index", kind="component", error=InvalidInput)
    )
    given = _records(facts, LoyaltyFacts, "facts")
    try:
        records = sorted(given, key=attrgetter("account_id"))
        for record in records:
            if not isinstance(record, LoyaltyFacts):
                raise TypeError(record)
    except (AttributeError, TypeError) as error:
        _refuse(given, LoyaltyFacts, "facts", error)
    for first, second in zip(records, records[1:], strict=False):  # noqa: RUF007 (py3.10)
        if first.account_id == second.account_id:
            raise InvalidInput(f"LoyaltyFacts: account {first.account_id!r} appears twice")
    # mid-rank percentiles times 2n (weight 1): counts are few distinct whole numbers
    counts = midranks_by_counting([r.repeat_purchase_count for r in records])
    quantities = midranks_by_sorting([r.repeat_purchase_quantity for r in records])
    amounts = midranks_by_sorting([r.repeat_purchase_amount for r in records])
    ranks_over = 2 * len(records)

    def normalised(position: int) -> dict[str, Fraction | None]:
        record = records[position]
        return {
            "repeat_purchase_count": Fraction(counts[position], ranks_over),
            "repeat_purchase_quantity": Fraction(quantities[position], ranks_over),
            "repeat_purchase_amount": Fraction(amounts[position], ranks_over),
            "referral_rate": record.referral_rate,
            "activity_response": (
                Fraction(record.activities_joined, record.activities_invited)
                if record.activities_invited else None
            ),
            "price_insensitivity": 1 - record.price_sensitivity,
            "quality_tolerance": (
                Fraction(record.incidents_tolerated, record.quality_incidents)
                if record.quality_incidents else None
            ),
        }

    # The index is combine_weighted's weighted mean of the applicable components, summed by
    # redistributed_mean in integers: the three ranks share their whole (ranks_over) and go
    # in as one term; referral and price are always applicable, activity and tolerance only
    # when the account was invited or had incidents.
    units = dict(zip(positive, integer_weights(positive.values())[0], strict=True))
    ranks = [
        units.get(name, 0)
        for name in ("repeat_purchase_count", "repeat_purchase_quantity", "repeat_purchase_amount")
    ]
    rank_units = sum(ranks)
    referral = units.get("referral_rate", 0)
    price = units.get("price_insensitivity", 0)
    activity = units.get("activity_response", 0)
    tolerance = units.get("quality_tolerance", 0)
    cells: _Cells = {}
    for position, record in enumerate(records):
        referral_rate, sensitivity = record.referral_rate, record.price_sensitivity
        index = redistributed_mean((
            (rank_units,
             ranks[0] * counts[position] + ranks[1] * quantities[position]
             + ranks[2] * amounts[position],
             ranks_over),
            (referral, referral * referral_rate.numerator, referral_rate.denominator),
            (price, price * (sensitivity.denominator - sensitivity.numerator),
             sensitivity.denominator),
            (activity, activity * record.activities_joined, record.activities_invited),
            (tolerance, tolerance * record.incidents_tolerated, record.quality_incidents),
        ))
        if index is not None:
            # an account appears once (refused twice above): every record has its own cell
            cells[_dims_of(record)] = [index, 1]
    position_of = {record.account_id: position for position, record in enumerate(records)}

    def appraisal(position: int) -> Appraisal:
        values = normalised(position)
        return combine_weighted({name: values[name] for name in positive}, positive, period)

    appraisals = _LazyValues(position_of, appraisal)

    def make(counters: list[Any]) -> IndicatorValue:
        total, accounts = counters
        normalised_mean = Fraction(total) / accounts if accounts else None
        return IndicatorValue._trusted(
            Indicator.LOYALTY, period, total, accounts, normalised_mean
        )

    return LoyaltyReport(_breakdown(Indicator.LOYALTY, period, cells, 2, make), appraisals)


@runtime_checkable
class LoyaltyPolicy(Protocol):
    """Turns the loyalty behaviours of seed 002 §忠诚度分析 into a loyalty index in [0, 1].

    Default: :class:`keyaccount.policies.WeightedLoyalty` (``presets.loyalty()``).
    Invariants a host's own policy must keep (checked by
    ``keyaccount.testing.check_loyalty_policy``): every index lies in [0, 1], each account's
    combination keeps the appraisal invariants, and the index does not depend on the order
    of the accounts.
    """

    def index(self, facts: Iterable[LoyaltyFacts], period: Period) -> LoyaltyReport:
        """The loyalty index of every account and group."""
        ...
