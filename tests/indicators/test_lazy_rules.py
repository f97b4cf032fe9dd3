"""Rules of the lazily built groups of a breakdown (domain/indicators/_lazy.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext

from indicator_builders import H1, volume
from keyaccount import Dimension, cooperation_growth


def test_a_group_read_under_a_coarse_decimal_context_is_still_exact() -> None:
    # A group's value is built when first read, under the reader's context; its own
    # arithmetic (growth's after - before) must be exact all the same.
    growth = cooperation_growth(
        [volume("ACME", date(2024, 9, 1), "123456789012345.678901"),
         volume("ACME", date(2025, 3, 1), "987654321098765.432109")],
        H1,
    )
    with localcontext() as coarse:
        coarse.prec = 6
        acme = growth.of(Dimension.ACCOUNT, "ACME")
    assert acme.numerator == Decimal("864197532086419.753208")
    assert acme.denominator == Decimal("123456789012345.678901")
