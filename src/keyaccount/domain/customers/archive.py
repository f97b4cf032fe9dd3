"""The archive of files whose account left: marks, disposal and restore (seed 003 名册 第九条).

Seed 003 (§客户名册管理制度 第八条, 第九条): when an account dissolves or ends its trading
relationship, it leaves the roster and its file is kept, marked **交易终止** (trading
terminated) or **交易解除** (relationship dissolved); a file that can never be recovered is
disposed of only with the approval of the key-account department's manager (大客户部经理).

- :class:`DepartureReason` says why an account left and so which mark its file gets
  (:attr:`DepartureReason.archive_mark`); a prospect that never traded gets neither.
- :class:`DisposalApproval` is the department manager's approval that
  ``Customer.dispose`` requires; :class:`FileDisposed` is its event.
- ``Customer.restore`` takes back a file archived by mistake; :class:`FileRestored` is its
  event.

>>> DepartureReason("relationship_dissolved").archive_mark
'交易解除'
>>> DepartureReason.CUSTOMER_DISSOLVED.archive_mark
'交易终止'
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import aware, non_empty, optional_non_empty, to_enum
from keyaccount.domain.customers.lifecycle import (
    RELATIONSHIP_DISSOLVED,
    TRADING_TERMINATED,
    AccountStatus,
)
from keyaccount.domain.events import DomainEvent

__all__ = [
    "ApproverRole",
    "DepartureReason",
    "DisposalApproval",
    "FileDisposed",
    "FileRestored",
]


class DepartureReason(enum.Enum):
    """Why an account left the roster, which decides its file's mark (seed 003 名册 第八条, 第九条).

    - ``trading_ended``: the trading simply stopped (no more orders, a contract not renewed,
      the custom went to a competitor): **交易终止**. The default of ``Customer.terminate``.
    - ``customer_dissolved``: the customer was dissolved, closed or went bankrupt (解散):
      **交易终止**, trading cannot go on.
    - ``relationship_dissolved``: either side formally ended the trading relationship (解除交易
      关系: a contract rescinded, a breach, a credit problem): **交易解除**.
    """

    TRADING_ENDED = "trading_ended"
    CUSTOMER_DISSOLVED = "customer_dissolved"
    RELATIONSHIP_DISSOLVED = "relationship_dissolved"

    @property
    def archive_mark(self) -> str:
        """The mark on the archived file of an account that traded: 交易终止 or 交易解除."""
        if self is DepartureReason.RELATIONSHIP_DISSOLVED:
            return RELATIONSHIP_DISSOLVED
        return TRADING_TERMINATED


class ApproverRole(enum.Enum):
    """Who approves an archive step (seed 003 名册 第九条).

    Only the key-account department's manager (大客户部经理) may approve the disposal of an
    irrecoverable file; the others are named so that a refusal can say who asked.
    """

    KEY_ACCOUNT_DEPARTMENT_MANAGER = "key_account_department_manager"
    KEY_ACCOUNT_MANAGER = "key_account_manager"
    GENERAL_MANAGER = "general_manager"
    OTHER = "other"

    @property
    def label_zh(self) -> str:
        """The Chinese title."""
        return {
            "key_account_department_manager": "大客户部经理",
            "key_account_manager": "大客户经理",
            "general_manager": "总经理",
            "other": "其他",
        }[self.value]


def _role(value: ApproverRole | str) -> ApproverRole:
    if type(value) is ApproverRole:  # the plain case: one type check
        return value
    return to_enum(ApproverRole, value, field="DisposalApproval.role")


@attrs.frozen(kw_only=True)
class DisposalApproval:
    """The approval to dispose of an irrecoverable file (seed 003 名册 第九条).

    ``Customer.dispose`` accepts it only from the key-account department's manager.

    Attributes:
        approved_by: who approved.
        role: their role; only :attr:`ApproverRole.KEY_ACCOUNT_DEPARTMENT_MANAGER` may.
        approved_at: when they approved (aware).
        reason: why the file can never be recovered.

    >>> from datetime import datetime, timezone
    >>> DisposalApproval(approved_by="gao", role="key_account_department_manager",
    ...                  approved_at=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc),
    ...                  reason="deregistered in 2019").role.label_zh
    '大客户部经理'
    """

    approved_by: str = attrs.field(validator=non_empty)
    role: ApproverRole = attrs.field(converter=_role)
    approved_at: datetime = attrs.field(validator=aware)
    reason: str = attrs.field(validator=non_empty)


def _status(value: AccountStatus | str) -> AccountStatus:
    if type(value) is AccountStatus:  # the plain case: one type check
        return value
    return to_enum(AccountStatus, value, field="FileRestored.restored_to")


@attrs.frozen(kw_only=True)
class FileDisposed(DomainEvent):
    """An irrecoverable archived file was disposed of, with the approval it needs (第九条).

    The host disposes of its copy of the file; the event keeps who approved it and why.

    Attributes:
        account_id: the customer's id.
        approved_by: the key-account department's manager who approved.
        reason: why the file can never be recovered.
        archive_mark: the file's mark (交易终止, 交易解除, or ``None`` for a prospect that
            never traded).
    """

    account_id: str = attrs.field(validator=non_empty)
    approved_by: str = attrs.field(validator=non_empty)
    reason: str = attrs.field(validator=non_empty)
    archive_mark: str | None = attrs.field(default=None, validator=optional_non_empty)


@attrs.frozen(kw_only=True)
class FileRestored(DomainEvent):
    """A file archived by mistake is back where it stood before (seed 003 名册 第九条).

    Attributes:
        account_id: the customer's id.
        restored_to: the state the account is back in.
        reason: why the archiving was a mistake.
    """

    account_id: str = attrs.field(validator=non_empty)
    restored_to: AccountStatus = attrs.field(converter=_status)
    reason: str = attrs.field(validator=non_empty)

    def __attrs_post_init__(self) -> None:
        if self.restored_to is AccountStatus.TERMINATED:
            raise InvalidInput(
                f"FileRestored of {self.account_id!r}: restored_to must be a state before "
                f"termination, got 'terminated'"
            )
