"""The plain records the indicators read (SPEC §9), one small frozen value per fact.

Every record carries the four grouping dimensions, so grouping is one pass: ``account_id``,
``tier`` (a tier code; a :class:`~keyaccount.Tier` is accepted and stored as its code),
``account_manager`` and ``department``. The shape is columnar-friendly: one record is one
row of a host's query. Records are validated once, at construction (SPEC §11); the
indicator functions trust them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._numeric import unit_fraction
from keyaccount._validation import (
    COUNT_LIMIT,
    a_bool,
    a_date,
    count,
    non_empty,
    non_negative,
    optional_date,
    optional_non_empty,
    require_count,
)
from keyaccount.domain.grading import Tier
from keyaccount.domain.indicators._checks import to_money

__all__ = [
    "LoyaltyFacts",
    "ProspectFact",
    "ReceivableFact",
    "RetentionFact",
    "SpendingFact",
    "SurveyResponse",
    "TicketFact",
    "VisitFact",
    "VolumeFact",
]


def _tier_code(value: object) -> object:
    return value.code if isinstance(value, Tier) else value


# Hosts build these by the million: the shared validators take a fast path for the plain
# case and only build the error message when something looks wrong.
_count = count(maximum=COUNT_LIMIT)


def _amount(value: object) -> Decimal:
    return to_money(value, field="VolumeFact.amount")


def _amount_due(value: object) -> Decimal:
    return to_money(value, field="ReceivableFact.amount_due")


def _amount_collected(value: object) -> Decimal:
    return to_money(value, field="ReceivableFact.amount_collected")


def _spending(value: object) -> Decimal:
    return to_money(value, field="SpendingFact.spending")


def _benefit(value: object) -> Decimal:
    return to_money(value, field="SpendingFact.benefit")


def _repeat_quantity(value: object) -> Decimal:
    return to_money(value, field="LoyaltyFacts.repeat_purchase_quantity")


def _repeat_amount(value: object) -> Decimal:
    return to_money(value, field="LoyaltyFacts.repeat_purchase_amount")


def _referral_rate(value: object) -> Fraction:
    return unit_fraction(value, field="LoyaltyFacts.referral_rate", error=InvalidInput, text=True)


def _price_sensitivity(value: object) -> Fraction:
    return unit_fraction(
        value, field="LoyaltyFacts.price_sensitivity", error=InvalidInput, text=True
    )


@attrs.frozen
class _AccountDimensions:
    """The four grouping dimensions every account record carries, validated once here.

    Attributes:
        account_id: the account.
        tier: its tier code (a :class:`~keyaccount.Tier` is accepted and stored as its code).
        account_manager: who is appraised for the account.
        department: the department appraised for the account.
    """

    account_id: str = attrs.field(validator=non_empty)
    tier: str = attrs.field(converter=_tier_code, validator=non_empty)
    account_manager: str = attrs.field(validator=non_empty)
    department: str = attrs.field(validator=non_empty)


@attrs.frozen
class VisitFact(_AccountDimensions):
    """A planned visit (走访计划) and whether it was carried out.

    Attributes:
        account_id: the visited account.
        tier: the account's tier code (a :class:`~keyaccount.Tier` is accepted).
        account_manager: who is appraised for the account.
        department: the department appraised for the account.
        planned_on: the planned date; the visit belongs to the period containing it.
        done_on: the day the visit was recorded, or ``None`` if it has not been.

    >>> from keyaccount import TIER_A
    >>> VisitFact("ACME", TIER_A, "Wang", "KA", planned_on=date(2025, 3, 3)).tier
    'A'
    """

    planned_on: date = attrs.field(kw_only=True, validator=a_date)
    done_on: date | None = attrs.field(
        default=None, kw_only=True, validator=optional_date
    )


@attrs.frozen
class TicketFact(_AccountDimensions):
    """A feedback ticket (问题跟踪台账) reduced to what the resolution rates need.

    Attributes:
        account_id: the customer.
        tier: the customer's tier code.
        account_manager: the account's manager.
        department: the department appraised for the ticket (usually the responsible one).
        opened_on: the day the ticket was opened; it belongs to the period containing it.
        resolved_on: the day it was resolved, or ``None`` while open.
        resolved_on_time: whether it was resolved by its resolution deadline; ``None`` exactly
            when ``resolved_on`` is ``None``.

    Raises:
        InvalidInput: resolved before it was opened, or ``resolved_on_time`` set (or missing)
            inconsistently with ``resolved_on``.

    >>> TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 3, 3),
    ...            resolved_on=date(2025, 3, 5))
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: TicketFact ACME: a resolved ticket needs resolved_on_time ... got None
    """

    opened_on: date = attrs.field(kw_only=True, validator=a_date)
    resolved_on: date | None = attrs.field(
        default=None, kw_only=True, validator=optional_date
    )
    resolved_on_time: bool | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.resolved_on is None:
            if self.resolved_on_time is not None:
                raise InvalidInput(
                    f"TicketFact {self.account_id}: resolved_on_time must be None while "
                    f"unresolved, got {self.resolved_on_time!r}"
                )
            return
        if self.resolved_on < self.opened_on:
            raise InvalidInput(
                f"TicketFact {self.account_id}: resolved_on {self.resolved_on.isoformat()} "
                f"is before opened_on {self.opened_on.isoformat()}"
            )
        if not isinstance(self.resolved_on_time, bool):
            raise InvalidInput(
                f"TicketFact {self.account_id}: a resolved ticket needs resolved_on_time "
                f"True or False, got {self.resolved_on_time!r}"
            )


@attrs.frozen
class SurveyResponse(_AccountDimensions):
    """One customer's answer to a satisfaction survey (客户满意度调查).

    Attributes:
        account_id: the answering account.
        tier: its tier code.
        account_manager: its manager.
        department: its department.
        answered_on: the day of the answer; it belongs to the period containing it.
        score: the score on the survey's scale (checked against the declared
            :class:`SatisfactionScale` when the indicator is computed).

    >>> SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 3), score=4).score
    4
    """

    answered_on: date = attrs.field(kw_only=True, validator=a_date)
    score: int = attrs.field(kw_only=True)

    @score.validator
    def _check_score(self, _attribute: object, value: object) -> None:
        if type(value) is not int or not -COUNT_LIMIT <= value <= COUNT_LIMIT:
            require_count(value, field="SurveyResponse.score", minimum=-COUNT_LIMIT,
                          maximum=COUNT_LIMIT)


@attrs.frozen
class VolumeFact(_AccountDimensions):
    """Business booked with an account on a day (业务合作量): an order, an invoice, ...

    Attributes:
        account_id: the account.
        tier: its tier code.
        account_manager: its manager.
        department: its department.
        booked_on: the day the business was booked.
        amount: the volume (money, or any non-negative exact measure), a ``Decimal``.

    >>> VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 3, 3), amount="1250.50").amount
    Decimal('1250.50')
    """

    booked_on: date = attrs.field(kw_only=True, validator=a_date)
    amount: Decimal = attrs.field(kw_only=True, converter=_amount, validator=non_negative)


@attrs.frozen
class RetentionFact(_AccountDimensions):
    """An account on the roster at the start of a period, and whether it was kept (保有).

    Attributes:
        account_id: the account.
        tier: its tier code **at the start** of the period (churn is counted against the
            tier's base, seed 002 §客户流失率 根据现有客户在分组后的构成基数).
        account_manager: its manager.
        department: its department.
        retained: True if it was still an active account at the end of the period.

    >>> RetentionFact("ACME", "A", "Wang", "KA", retained=True).retained
    True
    """

    retained: bool = attrs.field(kw_only=True, validator=a_bool)


@attrs.frozen
class ReceivableFact(_AccountDimensions):
    """A receivable falling due (应收账款) and how much of it was collected (回款).

    Attributes:
        account_id: the paying account.
        tier: its tier code.
        account_manager: its manager (seed 003 appraises the manager's 销售回款率).
        department: its department.
        due_on: the due day; the receivable belongs to the period containing it.
        amount_due: what was due, a ``Decimal`` >= 0.
        amount_collected: what was collected by the end of the period, 0..amount_due.

    >>> ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 3, 31),
    ...                amount_due=100, amount_collected=120)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: ReceivableFact ACME: amount_collected 120 exceeds amount_due 100
    """

    due_on: date = attrs.field(kw_only=True, validator=a_date)
    amount_due: Decimal = attrs.field(kw_only=True, converter=_amount_due, validator=non_negative)
    amount_collected: Decimal = attrs.field(
        kw_only=True, converter=_amount_collected, validator=non_negative
    )

    def __attrs_post_init__(self) -> None:
        if self.amount_collected > self.amount_due:
            raise InvalidInput(
                f"ReceivableFact {self.account_id}: amount_collected {self.amount_collected} "
                f"exceeds amount_due {self.amount_due}"
            )


@attrs.frozen
class ProspectFact:
    """A prospect (准客户) on the development list, and whether it became an account.

    Attributes:
        prospect_id: the prospect (it groups as the account dimension).
        tier: a tier code if the prospect was pre-graded, else ``None`` (grouped under None).
        account_manager: who develops it.
        department: the developing department.
        entered_on: the day it entered the prospect list; it belongs to that period.
        converted_on: the day it was approved as a key account, or ``None``.

    >>> ProspectFact("P-17", None, "Wang", "KA", entered_on=date(2025, 1, 8)).tier is None
    True
    """

    prospect_id: str = attrs.field(validator=non_empty)
    tier: str | None = attrs.field(converter=_tier_code, validator=optional_non_empty)
    account_manager: str = attrs.field(validator=non_empty)
    department: str = attrs.field(validator=non_empty)
    entered_on: date = attrs.field(kw_only=True, validator=a_date)
    converted_on: date | None = attrs.field(
        default=None, kw_only=True, validator=optional_date
    )

    def __attrs_post_init__(self) -> None:
        if self.converted_on is not None and self.converted_on < self.entered_on:
            raise InvalidInput(
                f"ProspectFact {self.prospect_id}: converted_on {self.converted_on.isoformat()} "
                f"is before entered_on {self.entered_on.isoformat()}"
            )


@attrs.frozen
class SpendingFact(_AccountDimensions):
    """Relationship spending on an account and the return it is credited with.

    Seed 002 §工作目标 reviews 客户关系管理费用的支出与收益比率 yearly.

    Attributes:
        account_id: the account.
        tier: its tier code.
        account_manager: its manager.
        department: its department.
        booked_on: the day the spending (and its credited return) was booked.
        spending: relationship spending (gifts, events, visits' costs), ``Decimal`` >= 0.
        benefit: the return credited to it (e.g. gross profit), ``Decimal`` >= 0.

    >>> SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 9, 1),
    ...              spending=-5, benefit=0)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: SpendingFact.spending must be >= 0, got -5
    """

    booked_on: date = attrs.field(kw_only=True, validator=a_date)
    spending: Decimal = attrs.field(kw_only=True, converter=_spending, validator=non_negative)
    benefit: Decimal = attrs.field(kw_only=True, converter=_benefit, validator=non_negative)


@attrs.frozen
class LoyaltyFacts(_AccountDimensions):
    """An account's loyalty behaviour over a period (seed 002 §忠诚度分析).

    Attributes:
        account_id: the account (one record per account and period).
        tier: its tier code.
        account_manager: its manager.
        department: its department.
        repeat_purchase_count: purchases after the first one (再次购买次数).
        repeat_purchase_quantity: quantity bought again (再次购买数量), ``Decimal`` >= 0.
        repeat_purchase_amount: amount bought again (再次购买的金额), ``Decimal`` >= 0.
        referral_rate: share of the host's referral opportunities that the account turned
            into a referral (转介绍率), in [0, 1].
        activities_invited: activities the account was invited to.
        activities_joined: activities it responded to (活动响应度), <= invited.
        price_sensitivity: how strongly it reacts to price (价格敏感度), in [0, 1],
            1 most sensitive; a host's own survey or elasticity score.
        quality_incidents: quality incidents it suffered.
        incidents_tolerated: incidents after which it kept buying (质量事故宽容度),
            <= incidents.

    >>> LoyaltyFacts("ACME", "A", "Wang", "KA", repeat_purchase_count=4,
    ...              repeat_purchase_quantity=40, repeat_purchase_amount="5200.00",
    ...              referral_rate="1/4", activities_invited=3, activities_joined=2,
    ...              price_sensitivity="0.6", quality_incidents=1,
    ...              incidents_tolerated=1).referral_rate
    Fraction(1, 4)
    """

    repeat_purchase_count: int = attrs.field(kw_only=True, validator=_count)
    repeat_purchase_quantity: Decimal = attrs.field(
        kw_only=True, converter=_repeat_quantity, validator=non_negative
    )
    repeat_purchase_amount: Decimal = attrs.field(
        kw_only=True, converter=_repeat_amount, validator=non_negative
    )
    referral_rate: Fraction = attrs.field(kw_only=True, converter=_referral_rate)
    activities_invited: int = attrs.field(kw_only=True, validator=_count)
    activities_joined: int = attrs.field(kw_only=True, validator=_count)
    price_sensitivity: Fraction = attrs.field(kw_only=True, converter=_price_sensitivity)
    quality_incidents: int = attrs.field(kw_only=True, validator=_count)
    incidents_tolerated: int = attrs.field(kw_only=True, validator=_count)

    def __attrs_post_init__(self) -> None:
        if self.activities_joined > self.activities_invited:
            raise InvalidInput(
                f"LoyaltyFacts {self.account_id}: activities_joined {self.activities_joined} "
                f"exceeds activities_invited {self.activities_invited}"
            )
        if self.incidents_tolerated > self.quality_incidents:
            raise InvalidInput(
                f"LoyaltyFacts {self.account_id}: incidents_tolerated "
                f"{self.incidents_tolerated} exceeds quality_incidents {self.quality_incidents}"
            )
