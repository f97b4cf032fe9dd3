"""Whether an account qualifies as a key account, and why (seed 004 第4条; issue 15).

Seed 004 第4条 (确定大客户的原则和标准) names six criteria: a well-known brand, among the
company's top ten by sales, a large share of sales and profit, good cooperation (daily contact
and sales support), priority for our supply (优先保证本公司的货源), and our first sales and
new products on the shelves promptly (首销或新品及时上柜). An :class:`EligibilityPolicy`
(default :class:`keyaccount.policies.KeyAccountEligibility`) reads what a host knows about an
account, :class:`EligibilityFacts`, and says for each criterion whether it is met, not met or
unknown, with a reason: an :class:`EligibilityVerdict`. It needs no grading, so it can decide
who is graded at all.

>>> KeyAccountCriterion.PRIORITY_SUPPLY.label_zh
'优先保证本公司的货源'
>>> EligibilityFacts(account_id="acme", sales_rank=3).sales_rank
3
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    RATE_PLACES,
    a_bool,
    instances_of,
    non_empty,
    require_bounded,
    require_count,
    to_decimal,
    to_enum,
    to_items,
)

__all__ = [
    "CriterionFinding",
    "CriterionStatus",
    "Eligibility",
    "EligibilityFacts",
    "EligibilityVerdict",
    "KeyAccountCriterion",
    "decide_eligibility",
]


class KeyAccountCriterion(enum.Enum):
    """The six criteria of seed 004 第4条, in the seed's order."""

    WELL_KNOWN_BRAND = "well_known_brand"
    TOP_TEN_BY_SALES = "top_ten_by_sales"
    LARGE_CONTRIBUTION = "large_contribution"
    GOOD_COOPERATION = "good_cooperation"
    PRIORITY_SUPPLY = "priority_supply"
    PROMPT_LISTING = "prompt_listing"

    @property
    def label_zh(self) -> str:
        """The seed's words for the criterion."""
        return _LABELS_ZH[self]


_LABELS_ZH = {
    KeyAccountCriterion.WELL_KNOWN_BRAND: "商品品牌具有较高的知名度",
    KeyAccountCriterion.TOP_TEN_BY_SALES: "商品(品牌)销量位居本公司销量前十名",
    KeyAccountCriterion.LARGE_CONTRIBUTION: "销售及利润的贡献比重大",
    KeyAccountCriterion.GOOD_COOPERATION: "与公司的配合状况良好(包括日常沟通和销售支持)",
    KeyAccountCriterion.PRIORITY_SUPPLY: "优先保证本公司的货源",
    KeyAccountCriterion.PROMPT_LISTING: "优先保证本公司首销或新品及时上柜",
}


class CriterionStatus(enum.Enum):
    """What the facts say of one criterion."""

    MET = "met"
    NOT_MET = "not_met"
    #: the host does not know (a fact left ``None``)
    UNKNOWN = "unknown"


class Eligibility(enum.Enum):
    """The verdict: every required criterion met, one not met, or not yet decidable."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    #: no required criterion is unmet, but at least one is unknown
    UNDETERMINED = "undetermined"


def _optional_flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidInput(f"EligibilityFacts.{attribute.name} must be True, False or None "
                           f"(unknown), got {value!r:.80}")


def _optional_rank(value: object) -> int | None:
    if value is None:
        return None
    return require_count(value, field="EligibilityFacts.sales_rank", minimum=1,
                         maximum=COUNT_LIMIT, note=" (1 is the best seller)")


def _optional_share(value: object, field: str) -> Decimal | None:
    if value is None:
        return None
    # a percent from -100 to 100 (a loss may take a negative share), 12 places at most
    return require_bounded(to_decimal(value, field=field), field=field, limit=100,
                           places=RATE_PLACES)


def _sales_share(value: object) -> Decimal | None:
    return _optional_share(value, "EligibilityFacts.sales_share")


def _profit_share(value: object) -> Decimal | None:
    return _optional_share(value, "EligibilityFacts.profit_share")


@attrs.frozen(kw_only=True)
class EligibilityFacts:
    """What a host knows of an account for seed 004 第4条; ``None`` means unknown.

    Attributes:
        account_id: the account.
        well_known_brand: its brand is well known (criterion 1).
        sales_rank: its products' place in the company's sales, 1 the best seller
            (criterion 2), an int from 1 to ``10**9``.
        sales_share: its percent of the company's sales (criterion 3), a Decimal from
            -100 to 100 (ints and numeric strings are converted; floats refused).
        profit_share: its percent of the company's profit (criterion 3), likewise; may be
            negative (a loss).
        daily_contact: it keeps daily contact with the company (criterion 4).
        sales_support: it supports the company's sales (criterion 4).
        priority_supply: it gives priority to the company's supply (criterion 5).
        prompt_listing: it puts the company's first sales and new products on the shelves
            promptly (criterion 6).

    Raises:
        InvalidInput: a blank id, a flag that is not a bool or ``None``, a rank that is not an
            int from 1 to ``10**9``, or a share that is not a percent from -100 to 100.
    """

    account_id: str = attrs.field(validator=non_empty)
    well_known_brand: bool | None = attrs.field(default=None, validator=_optional_flag)
    sales_rank: int | None = attrs.field(default=None, converter=_optional_rank)
    sales_share: Decimal | None = attrs.field(default=None, converter=_sales_share)
    profit_share: Decimal | None = attrs.field(default=None, converter=_profit_share)
    daily_contact: bool | None = attrs.field(default=None, validator=_optional_flag)
    sales_support: bool | None = attrs.field(default=None, validator=_optional_flag)
    priority_supply: bool | None = attrs.field(default=None, validator=_optional_flag)
    prompt_listing: bool | None = attrs.field(default=None, validator=_optional_flag)


def _criterion(value: object) -> KeyAccountCriterion:
    return to_enum(KeyAccountCriterion, value, field="CriterionFinding.criterion")


def _status(value: object) -> CriterionStatus:
    return to_enum(CriterionStatus, value, field="CriterionFinding.status")


def _eligibility(value: object) -> Eligibility:
    return to_enum(Eligibility, value, field="EligibilityVerdict.eligibility")


@attrs.frozen
class CriterionFinding:
    """One criterion as the facts show it.

    Attributes:
        criterion: the :class:`KeyAccountCriterion` (or its string form).
        status: :class:`CriterionStatus` met, not met or unknown (or its string form).
        required: whether the policy requires it.
        reason: why, in a sentence naming the facts read.

    Raises:
        InvalidInput: an unknown criterion or status, a ``required`` that is not a bool, or a
            blank reason.
    """

    criterion: KeyAccountCriterion = attrs.field(converter=_criterion)
    status: CriterionStatus = attrs.field(converter=_status)
    required: bool = attrs.field(validator=a_bool)
    reason: str = attrs.field(validator=non_empty)


def _findings(value: Iterable[CriterionFinding]) -> tuple[CriterionFinding, ...]:
    return to_items(value, field="EligibilityVerdict.findings",
                    expected="CriterionFinding values")


def decide_eligibility(findings: Iterable[CriterionFinding]) -> Eligibility:
    """The verdict findings give: a required criterion not met decides, then an unknown one.

    Criteria that are not required never change the verdict; with none required every
    account is eligible.

    Raises:
        InvalidInput: ``findings`` is not a collection of :class:`CriterionFinding` values.
    """
    findings = to_items(findings, field="findings", expected="CriterionFinding values")
    for finding in findings:
        if not isinstance(finding, CriterionFinding):
            raise InvalidInput(f"findings must hold CriterionFinding values, got {finding!r:.80}")
    required = [finding.status for finding in findings if finding.required]
    if CriterionStatus.NOT_MET in required:
        return Eligibility.NOT_ELIGIBLE
    if CriterionStatus.UNKNOWN in required:
        return Eligibility.UNDETERMINED
    return Eligibility.ELIGIBLE


@attrs.frozen(kw_only=True)
class EligibilityVerdict:
    """Whether an account qualifies as a key account (seed 004 第4条), and why.

    Attributes:
        account_id: the account.
        eligibility: :attr:`Eligibility.ELIGIBLE` when every required criterion is met,
            ``NOT_ELIGIBLE`` when one is not met, ``UNDETERMINED`` otherwise.
        findings: one :class:`CriterionFinding` per criterion, in the seed's order.

    Raises:
        InvalidInput: a blank id, findings that do not name each criterion once in the seed's
            order, or an eligibility the findings do not give.
    """

    account_id: str = attrs.field(validator=non_empty)
    eligibility: Eligibility = attrs.field(converter=_eligibility)
    findings: tuple[CriterionFinding, ...] = attrs.field(
        converter=_findings, validator=instances_of(CriterionFinding))

    def __attrs_post_init__(self) -> None:
        named = tuple(finding.criterion for finding in self.findings)
        if named != tuple(KeyAccountCriterion):
            raise InvalidInput(
                f"EligibilityVerdict.findings must name each criterion once in the seed's "
                f"order {[c.value for c in KeyAccountCriterion]}, got {[c.value for c in named]}")
        given = decide_eligibility(self.findings)
        if self.eligibility is not given:
            raise InvalidInput(f"EligibilityVerdict.eligibility of {self.account_id!r} must be "
                               f"{given.value!r} by its findings, got {self.eligibility.value!r}")

    @property
    def eligible(self) -> bool:
        """Whether every required criterion is met."""
        return self.eligibility is Eligibility.ELIGIBLE

    def status_of(self, criterion: KeyAccountCriterion | str) -> CriterionStatus:
        """What the facts say of one criterion.

        Raises:
            InvalidInput: an unknown criterion.
        """
        wanted = to_enum(KeyAccountCriterion, criterion, field="criterion")
        return next(f.status for f in self.findings if f.criterion is wanted)

    def explain(self) -> str:
        """One line per finding under a headline, for a report or a review meeting."""
        lines = [f"{self.account_id}: {self.eligibility.value}"]
        for finding in self.findings:
            mark = "required" if finding.required else "optional"
            lines.append(f"  {finding.criterion.value} ({mark}): {finding.status.value}, "
                         f"{finding.reason}")
        return "\n".join(lines)

