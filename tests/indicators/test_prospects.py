"""Prospect conversion rate (seeds 002, 003)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from indicator_builders import H1
from keyaccount import Dimension, ProspectFact, prospect_conversion


def test_prospect_conversion_counts_prospects_entered_and_converted_in_the_period() -> None:
    prospects = [
        ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 1, 2),
                     converted_on=date(2025, 4, 1)),
        ProspectFact("P2", None, "Wang", "KA", entered_on=date(2025, 2, 2)),
        ProspectFact("P3", "B", "Wang", "KA", entered_on=date(2025, 3, 2),
                     converted_on=date(2025, 8, 1)),
    ]
    conversion = prospect_conversion(prospects, H1)
    assert conversion.portfolio.value == Fraction(1, 3)
    assert conversion.of(Dimension.TIER, None).value == Fraction(1, 2)
