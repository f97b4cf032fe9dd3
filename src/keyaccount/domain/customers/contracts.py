"""The papers of approval: the application report and the signed contracts (seed 003).

An application report follows the investigations (第八条); approval records the supply
contract and the quality-assurance contract, signed together (第九条, 第十条).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from keyaccount._validation import day_in_years, names, non_empty, text, to_items

__all__ = ["ApplicationReport", "Contract"]


def _signatories(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="Contract.signatories", expected="names")


@attrs.frozen(kw_only=True)
class Contract:
    """A signed contract on file (seed 003 第九条, 第十条).

    Attributes:
        reference: the contract's number or reference.
        signed_on: the day it was signed.
        signatories: who signed, in principle both legal representatives.
    """

    reference: str = attrs.field(validator=non_empty)
    signed_on: date = attrs.field(validator=day_in_years)
    signatories: tuple[str, ...] = attrs.field(
        default=(), converter=_signatories, validator=names
    )


@attrs.frozen(kw_only=True)
class ApplicationReport:
    """The key-account application report (seed 003 第八条).

    Attributes:
        reasons: reasons for trading with the account and the basic trading policy.
        goods_and_amounts: the goods and amounts expected.
        findings: the findings of the investigations.
    """

    reasons: str = attrs.field(validator=non_empty)
    goods_and_amounts: str = attrs.field(default="", validator=text)
    findings: str = attrs.field(default="", validator=text)

