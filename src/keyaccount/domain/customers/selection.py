"""The findings and the verdict of a new key account's selection (seed 003 开发 第二-五条).

The values :class:`~keyaccount.SelectionPolicy` works with: what the investigations found
(:class:`SelectionFindings`) and its verdict (:class:`SelectionVerdict`), which
``Customer.approve`` requires. The policy and the service are in
:mod:`keyaccount.domain.customers.development`.

>>> SelectionVerdict(account_id="C-1", flags=("cooperation: not established",)).approvable
True
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import non_empty, optional_text, require_non_empty, to_items

__all__ = ["SelectionCriterion", "SelectionFindings", "SelectionVerdict"]


class SelectionCriterion(enum.Enum):
    """The selection principles of seed 003 开发选择制度 第二章."""

    CREDIT = "credit"  # 第二条: 较好的信用
    FINANCES = "finances"  # 第二条: 较高的经营水平, 较强的财务能力
    COOPERATION = "cooperation"  # 第三条: 积极的合作态度
    SECRECY = "secrecy"  # 第四条: 遵守商业和技术上的保密原则
    COST_LEVEL = "cost_level"  # 第五条: 成本管理和成本水平符合公司要求

    @property
    def article(self) -> str:
        """The seed article: ``"第二条"`` ... ``"第五条"``."""
        return {"credit": "第二条", "finances": "第二条", "cooperation": "第三条",
                "secrecy": "第四条", "cost_level": "第五条"}[self.value]


def _finding(instance: object, attribute: attrs.Attribute[bool | None], value: object) -> None:
    if value is not None and type(value) is not bool:
        raise InvalidInput(
            f"SelectionFindings.{attribute.name} must be True, False or None (unknown), "
            f"got {value!r}"
        )


@attrs.frozen(kw_only=True)
class SelectionFindings:
    """What the investigations found, criterion by criterion (``None``: not established).

    The credit rating is the file's own ``credit_rating`` (资信等级); a rating such as
    失信被执行人 (a judgment defaulter) found in the investigation goes there.

    Attributes:
        finances_sound: a sound business and strong finances (第二条).
        cooperative: a cooperative attitude (第三条).
        keeps_secrecy: keeps business and technical secrets (第四条).
        cost_level_acceptable: its costs meet the company's requirements (第五条).
        notes: what the investigation says about them.
    """

    finances_sound: bool | None = attrs.field(default=None, validator=_finding)
    cooperative: bool | None = attrs.field(default=None, validator=_finding)
    keeps_secrecy: bool | None = attrs.field(default=None, validator=_finding)
    cost_level_acceptable: bool | None = attrs.field(default=None, validator=_finding)
    notes: str | None = attrs.field(default=None, validator=optional_text)


def _reasons(value: Iterable[str], field: str) -> tuple[str, ...]:
    reasons = to_items(value, field=field, expected="reasons")
    for reason in reasons:
        require_non_empty(reason, field=f"a reason in {field}")
    return reasons


def _refusals(value: Iterable[str]) -> tuple[str, ...]:
    return _reasons(value, "SelectionVerdict.refusals")


def _flags(value: Iterable[str]) -> tuple[str, ...]:
    return _reasons(value, "SelectionVerdict.flags")


@attrs.frozen(kw_only=True)
class SelectionVerdict:
    """A selection policy's verdict on an account at approval, with its reasons.

    Attributes:
        account_id: the account judged.
        refusals: the reasons it may not be approved; none if it may.
        flags: what the approver must know but does not stop the approval (e.g. a criterion
            not established); the approval event carries them.
    """

    account_id: str = attrs.field(validator=non_empty)
    refusals: tuple[str, ...] = attrs.field(default=(), converter=_refusals)
    flags: tuple[str, ...] = attrs.field(default=(), converter=_flags)

    @property
    def approvable(self) -> bool:
        """Whether nothing refuses the approval."""
        return not self.refusals
