"""The default selection rules applied at approval (seed 003 开发 第二-五条, 第九条, 第十条).

:class:`SelectionRules` implements :class:`~keyaccount.SelectionPolicy`: it refuses an account
whose credit rating is a refused one (失信被执行人, a judgment defaulter, by default) or that
fails a selection principle, flags a principle the investigations did not establish, and
refuses contracts not signed together (the same day by default).

>>> from datetime import date
>>> from keyaccount import Contract, Customer, SelectionFindings
>>> rules = SelectionRules()
>>> signed = Contract(reference="S-1", signed_on=date(2025, 3, 3))
>>> quality = Contract(reference="Q-1", signed_on=date(2025, 3, 3))
>>> verdict = rules.judge(Customer(account_id="C-1", name="Acme", category="regional",
...                                credit_rating="失信被执行人"),
...                       findings=SelectionFindings(finances_sound=True, cooperative=True,
...                                                  keeps_secrecy=True),
...                       supply_contract=signed, quality_contract=quality)
>>> verdict.refusals
('credit (第二条): rated 失信被执行人, a refused credit rating',)
>>> verdict.flags
('cost_level (第五条): not established by the investigations',)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    DURATION_DAYS_LIMIT,
    check_settings_keys,
    count,
    require_non_empty,
    to_enum,
    to_items,
)
from keyaccount.domain.customers import (
    Contract,
    Customer,
    SelectionCriterion,
    SelectionFindings,
    SelectionVerdict,
)
from keyaccount.domain.customers.development import _JUDGMENT_DEFAULTER

__all__ = [
    "DEFAULT_REFUSED_CREDIT_RATINGS",
    "DEFAULT_SIGNING_WINDOW_DAYS",
    "SelectionRules",
]

#: SPEC §2 *default*: the credit ratings that refuse an approval (seed 003 开发 第二条: 较好的
#: 信用): a judgment defaulter (失信被执行人). Settings may add ratings, never leave it out.
DEFAULT_REFUSED_CREDIT_RATINGS: frozenset[str] = frozenset({_JUDGMENT_DEFAULTER})
#: SPEC §2 *default*: the quality-assurance contract is signed the same day as the supply
#: contract (seed 003 开发 第十条: 签订供应合同的同时签订质量保证合同).
DEFAULT_SIGNING_WINDOW_DAYS = 0

_ACTIONS = ("refuse", "flag", "ignore")
_FINDING = {
    SelectionCriterion.FINANCES: "finances_sound",
    SelectionCriterion.COOPERATION: "cooperative",
    SelectionCriterion.SECRECY: "keeps_secrecy",
    SelectionCriterion.COST_LEVEL: "cost_level_acceptable",
}


def _ratings(value: Iterable[str]) -> frozenset[str]:
    ratings = to_items(value, field="selection refused_credit_ratings", expected="ratings",
                       error=PolicyConfigError)
    for rating in ratings:
        require_non_empty(rating, field="a rating in selection refused_credit_ratings",
                          error=PolicyConfigError)
    if _JUDGMENT_DEFAULTER not in ratings:
        # a company may refuse more ratings, never fewer: SelectionPolicy's invariant
        raise PolicyConfigError(
            f"selection refused_credit_ratings must include {_JUDGMENT_DEFAULTER!r} (a judgment "
            f"defaulter is always refused: a credit problem stops the selection, seed 003 开发 "
            f"第二条), got {sorted(ratings)}"
        )
    return frozenset(ratings)


def _actions(value: Mapping[str, str]) -> tuple[tuple[SelectionCriterion, str], ...]:
    if not isinstance(value, Mapping):
        raise PolicyConfigError(
            f"selection on_unmet must be a mapping criterion -> action, got {value!r}"
        )
    actions = dict.fromkeys(SelectionCriterion, "refuse")
    for key, action in value.items():
        try:
            criterion = to_enum(SelectionCriterion, key, field="a criterion in selection on_unmet")
        except InvalidInput as error:
            raise PolicyConfigError(str(error)) from None
        if action not in ("refuse", "flag"):
            raise PolicyConfigError(
                f"selection on_unmet[{key!r}] must be 'refuse' or 'flag', got {action!r}"
            )
        if criterion is SelectionCriterion.CREDIT and action != "refuse":
            raise PolicyConfigError(
                f"selection on_unmet[{key!r}] must be 'refuse', got {action!r}: a credit problem "
                f"stops the selection (seed 003 开发 第二条)"
            )
        actions[criterion] = action
    return tuple(actions.items())


def _unknown(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in _ACTIONS:
        raise PolicyConfigError(f"selection on_unknown must be one of {list(_ACTIONS)}, "
                                f"got {value!r}")


@attrs.frozen
class SelectionRules:
    """The selection principles applied at approval, and the contracts' signing window.

    Attributes:
        refused_credit_ratings: the ``credit_rating`` values that fail the credit principle.
            *Default* ``{"失信被执行人"}`` (seed 003 开发 第二条); a company may add its own,
            but a judgment defaulter is always among them.
        on_unmet: what a failed principle does, ``"refuse"`` or ``"flag"``, by criterion
            (given as ``{criterion: action}``; those not named refuse). *Default*: every
            principle refuses (seed 003 开发 第二-五条: 大客户须...). The credit principle
            always refuses: a credit problem stops the selection (SPEC §2).
        on_unknown: what a principle the investigations did not establish does:
            ``"refuse"``, ``"flag"`` or ``"ignore"``. *Default* ``"flag"``; a file without a
            credit rating leaves the credit unknown.
        signing_window_days: the most days between the two contracts' signing. *Default* 0,
            the same day (seed 003 开发 第十条).
    """

    refused_credit_ratings: frozenset[str] = attrs.field(
        default=DEFAULT_REFUSED_CREDIT_RATINGS, converter=_ratings
    )
    on_unmet: tuple[tuple[SelectionCriterion, str], ...] = attrs.field(
        factory=dict, converter=_actions
    )
    on_unknown: str = attrs.field(default="flag", validator=_unknown)
    signing_window_days: int = attrs.field(
        default=DEFAULT_SIGNING_WINDOW_DAYS,
        validator=count(0, maximum=DURATION_DAYS_LIMIT, field="selection signing_window_days",
                        error=PolicyConfigError),
    )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> SelectionRules:
        """Build from host settings (the attributes' names, ``on_unmet`` as a mapping).

        Raises:
            PolicyConfigError: an unknown key or a bad value, or settings that would let a
                judgment defaulter through (``refused_credit_ratings`` without 失信被执行人,
                or the credit principle set to ``"flag"``).
        """
        check_settings_keys(
            settings,
            allowed={"refused_credit_ratings", "on_unmet", "on_unknown", "signing_window_days"},
            policy="selection",
        )
        return cls(**settings)

    def judge(
        self,
        customer: Customer,
        *,
        findings: SelectionFindings,
        supply_contract: Contract,
        quality_contract: Contract,
    ) -> SelectionVerdict:
        """The verdict on approving ``customer``: refusals and flags, each with its reason."""
        if not isinstance(customer, Customer):
            raise InvalidInput(f"customer must be a Customer, got {customer!r}")
        if not isinstance(findings, SelectionFindings):
            raise InvalidInput(f"findings must be SelectionFindings, got {findings!r}")
        for field, contract in (("supply_contract", supply_contract),
                                ("quality_contract", quality_contract)):
            if not isinstance(contract, Contract):
                raise InvalidInput(f"{field} must be a Contract, got {contract!r}")
        refusals: list[str] = []
        flags: list[str] = []
        actions = dict(self.on_unmet)
        for criterion in SelectionCriterion:
            where = f"{criterion.value} ({criterion.article})"
            if criterion is SelectionCriterion.CREDIT:
                rating = customer.credit_rating
                met = None if rating is None else rating not in self.refused_credit_ratings
                unmet = f"{where}: rated {rating}, a refused credit rating"
            else:
                met = getattr(findings, _FINDING[criterion])
                unmet = f"{where}: the investigations found it wanting"
            if met is None:
                reason = f"{where}: not established by the investigations"
                if self.on_unknown == "refuse":
                    refusals.append(reason)
                elif self.on_unknown == "flag":
                    flags.append(reason)
            elif not met:
                (refusals if actions[criterion] == "refuse" else flags).append(unmet)
        apart = abs((supply_contract.signed_on - quality_contract.signed_on).days)
        if apart > self.signing_window_days:
            refusals.append(
                f"contracts (第十条): signed {apart} days apart, more than the "
                f"{self.signing_window_days} allowed (the quality-assurance contract is signed "
                f"with the supply contract)"
            )
        return SelectionVerdict(account_id=customer.account_id, refusals=refusals, flags=flags)
