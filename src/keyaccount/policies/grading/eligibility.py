"""Key-account eligibility of seed 004 第4条: the six criteria, which are required a setting.

:class:`KeyAccountEligibility` reads an account's :class:`~keyaccount.EligibilityFacts` and
returns an :class:`~keyaccount.EligibilityVerdict`: each criterion met, not met or unknown,
with the reason, and the verdict (every required one met: eligible; one not met: not
eligible; else undetermined). It reads no grading, so it runs before one.

>>> from keyaccount import EligibilityFacts
>>> verdict = KeyAccountEligibility().assess(EligibilityFacts(
...     account_id="acme", well_known_brand=True, sales_rank=3, sales_share="12",
...     profit_share="9", daily_contact=True, sales_support=True, priority_supply=True,
...     prompt_listing=False))
>>> verdict.eligibility.value, verdict.status_of("prompt_listing").value
('not_eligible', 'not_met')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    RATE_PLACES,
    check_settings_keys,
    count,
    require_bounded,
    settings_errors,
    to_decimal,
    to_enum,
    to_items,
)
from keyaccount.domain.grading import (
    CriterionFinding,
    CriterionStatus,
    EligibilityFacts,
    EligibilityVerdict,
    KeyAccountCriterion,
    decide_eligibility,
)
from keyaccount.policies.grading._settings import setting_number

__all__ = ["KeyAccountEligibility"]

MET, NOT_MET, UNKNOWN = CriterionStatus.MET, CriterionStatus.NOT_MET, CriterionStatus.UNKNOWN
_SEED = "seed 004 第4条"


def _required(value: Iterable[KeyAccountCriterion | str]) -> frozenset[KeyAccountCriterion]:
    items = to_items(value, field="KeyAccountEligibility.required", expected="criteria")
    return frozenset(to_enum(KeyAccountCriterion, item, field="KeyAccountEligibility.required")
                     for item in items)


def _large_share(value: object) -> Decimal:
    field = "KeyAccountEligibility.large_share"
    share = require_bounded(to_decimal(value, field=field), field=field, limit=100,
                            places=RATE_PLACES)
    if share < 0:  # above 100 is refused by its bound
        raise InvalidInput(f"{field} must be a percent from 0 to 100, got {share}")
    return share


def _flag(value: bool | None, met: str, unmet: str, unknown: str) -> tuple[CriterionStatus, str]:
    if value is None:
        return UNKNOWN, unknown
    return (MET, met) if value else (NOT_MET, unmet)


@attrs.frozen
class KeyAccountEligibility:
    """Whether an account qualifies as a key account by seed 004 第4条.

    Attributes:
        required: the :class:`~keyaccount.KeyAccountCriterion` values an account must meet
            (default all six, as the seed lists them; their string forms are accepted).
            Criteria not required are still assessed and reported, but never change the
            verdict.
        top_rank: criterion 2 is met by a sales rank up to this (default 10, the seed's
            前十名).
        large_share: criterion 3 (销售及利润的贡献比重大) is met when both the sales share and
            the profit share are at least this percent (default 5; the seed gives no number,
            so this is our default). One share below it is enough for "not met".

    The other criteria read their facts as given: criterion 1 ``well_known_brand``,
    criterion 4 both ``daily_contact`` and ``sales_support`` (one ``False`` is "not met"),
    criterion 5 ``priority_supply``, criterion 6 ``prompt_listing``. A fact left ``None`` is
    unknown.

    Raises:
        InvalidInput: an unknown criterion, a top rank that is not an int from 1 to
            ``10**9``, a share that is not a percent from 0 to 100.
    """

    required: frozenset[KeyAccountCriterion] = attrs.field(
        default=frozenset(KeyAccountCriterion), converter=_required)
    top_rank: int = attrs.field(default=10, validator=count(1, maximum=COUNT_LIMIT))
    large_share: Decimal = attrs.field(default=Decimal(5), converter=_large_share)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> KeyAccountEligibility:
        """Build from ``{"required": [criterion, ...], "top_rank": 10, "large_share": 5}``.

        Missing keys keep the defaults; ``required`` lists criteria by their string forms
        (``"well_known_brand"``, ``"top_ten_by_sales"``, ``"large_contribution"``,
        ``"good_cooperation"``, ``"priority_supply"``, ``"prompt_listing"``).

        >>> sorted(c.value for c in KeyAccountEligibility.from_mapping(
        ...     {"required": ["top_ten_by_sales", "priority_supply"]}).required)
        ['priority_supply', 'top_ten_by_sales']
        >>> KeyAccountEligibility.from_mapping({"required": ["famous"]})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: KeyAccountEligibility.required must be one of ...'famous'

        Raises:
            PolicyConfigError: an unknown key or criterion, a bad rank or share.
        """
        check_settings_keys(settings, allowed=("required", "top_rank", "large_share"),
                            policy="KeyAccountEligibility")
        with settings_errors():
            arguments: dict[str, Any] = {}
            if "required" in settings:
                arguments["required"] = settings["required"]
            if "top_rank" in settings:
                arguments["top_rank"] = settings["top_rank"]
            if "large_share" in settings:
                arguments["large_share"] = setting_number(settings["large_share"],
                                                          "large_share")
            return cls(**arguments)

    def assess(self, facts: EligibilityFacts) -> EligibilityVerdict:
        """The verdict on one account: each criterion met, not met or unknown, and why.

        Raises:
            InvalidInput: ``facts`` is not :class:`~keyaccount.EligibilityFacts`.
        """
        if not isinstance(facts, EligibilityFacts):
            raise InvalidInput(f"facts must be EligibilityFacts, got {facts!r:.80}")
        found = {
            KeyAccountCriterion.WELL_KNOWN_BRAND: _flag(
                facts.well_known_brand, "the brand is well known",
                "the brand is not well known", "no fact on the brand's renown"),
            KeyAccountCriterion.TOP_TEN_BY_SALES: self._top(facts.sales_rank),
            KeyAccountCriterion.LARGE_CONTRIBUTION: self._contribution(
                facts.sales_share, facts.profit_share),
            KeyAccountCriterion.GOOD_COOPERATION: self._cooperation(
                facts.daily_contact, facts.sales_support),
            KeyAccountCriterion.PRIORITY_SUPPLY: _flag(
                facts.priority_supply, "it gives priority to our supply",
                "it does not give priority to our supply", "no fact on priority of supply"),
            KeyAccountCriterion.PROMPT_LISTING: _flag(
                facts.prompt_listing, "it lists our first sales and new products promptly",
                "it does not list our first sales and new products promptly",
                "no fact on listing our first sales and new products"),
        }
        findings = tuple(
            CriterionFinding(criterion, status, criterion in self.required,
                             f"{reason} ({_SEED} {position})")
            for position, (criterion, (status, reason)) in enumerate(found.items(), start=1)
        )
        return EligibilityVerdict(account_id=facts.account_id,
                                  eligibility=decide_eligibility(findings), findings=findings)

    def _top(self, rank: int | None) -> tuple[CriterionStatus, str]:
        if rank is None:
            return UNKNOWN, "no sales rank given"
        if rank <= self.top_rank:
            return MET, f"sales rank {rank} is within the top {self.top_rank}"
        return NOT_MET, f"sales rank {rank} is below the top {self.top_rank}"

    def _contribution(
        self, sales: Decimal | None, profit: Decimal | None
    ) -> tuple[CriterionStatus, str]:
        threshold = self.large_share
        shown = (f"sales share {'unknown' if sales is None else f'{sales} %'}, profit share "
                 f"{'unknown' if profit is None else f'{profit} %'}, against {threshold} %")
        known = [share for share in (sales, profit) if share is not None]
        if any(share < threshold for share in known):
            return NOT_MET, shown
        if len(known) < 2:
            return UNKNOWN, shown
        return MET, shown

    @staticmethod
    def _cooperation(
        contact: bool | None, support: bool | None
    ) -> tuple[CriterionStatus, str]:
        shown = (f"daily contact {_said(contact)}, sales support {_said(support)}")
        if contact is False or support is False:
            return NOT_MET, shown
        if contact is None or support is None:
            return UNKNOWN, shown
        return MET, shown


def _said(value: bool | None) -> str:
    return "unknown" if value is None else "yes" if value else "no"
