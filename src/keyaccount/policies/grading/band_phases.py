"""Amount bands on partitions (issue 17): no global phase, each partition classified alone.

An account's band under :class:`~keyaccount.policies.AmountBandGrading` depends on its own
amount only, so, unlike the weighted score (:mod:`~keyaccount.policies.grading.phases`),
an engine grades each partition by itself and the tiers are those of the whole portfolio.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from keyaccount._validation import instance_of, to_items
from keyaccount.domain.grading import Tier
from keyaccount.policies.grading import _columnar, _tables
from keyaccount.policies.grading._columnar import read_column
from keyaccount.policies.grading.bands import AmountBandGrading
from keyaccount.policies.grading.phases import tier_positions

__all__ = ["BandPhases"]

_EXACT = "ints (such as cents) or Decimals"


@attrs.frozen
class BandPhases:
    """An :class:`~keyaccount.policies.AmountBandGrading` on partitions: no global phase.

    An account's band depends on its own amount only, so each partition is classified alone,
    and the tiers are those of ``grade`` on the whole portfolio.

    >>> BandPhases(AmountBandGrading()).classify([60_000_000, 4_000_000, 25_000_000]).tolist()
    [0, -1, 1]

    Raises:
        InvalidInput: ``policy`` is not an :class:`~keyaccount.policies.AmountBandGrading`.
    """

    policy: AmountBandGrading = attrs.field(validator=instance_of(AmountBandGrading))

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers :meth:`classify` gives positions in, best first."""
        return self.policy.tiers

    def classify(self, amounts: Sequence[int | Decimal]) -> Sequence[int]:
        """Each amount's tier as a position in :attr:`tiers`; ``-1`` below every band.

        A numpy ``int8`` array for a numpy integer column, else an ``array('b')``.

        Raises:
            InvalidInput: an amount ``grade_columns`` refuses (a float, a negative one).
        """
        np: Any = _columnar.numpy_module()
        if not _tables.is_numpy(amounts):
            amounts = to_items(amounts, field="amounts", expected=_EXACT)
        values, whole, _ratios = read_column(amounts, figure=self.policy.figure,
                                             size=len(amounts), use_numpy=np is not None,
                                             field="amounts")
        lowers = [band.lower for band in self.policy.bands]
        if np is not None and whole and _tables.is_numpy(values):
            from keyaccount.policies.grading import _columnar_numpy

            band = _columnar_numpy.bands(
                values, _columnar.band_thresholds(lowers, self.policy.inclusive == "lower"))
            return np.where(band >= 0, len(lowers) - 1 - band, -1).astype(np.int8)  # type: ignore[no-any-return]
        position_of = {tier: i for i, tier in enumerate(self.tiers)}
        classify = self.policy._classifier()
        return tier_positions((-1 if tier is None else position_of[tier]
                                for tier in map(classify, values)), len(self.tiers))
