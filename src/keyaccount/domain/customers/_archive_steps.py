"""The archive steps of a customer file: terminate, dispose, restore (seed 003 名册 第八条, 第九条).

:class:`ArchiveSteps` is the part of :class:`~keyaccount.Customer` that takes an account off
the roster and looks after its archived file; the customer inherits these methods, as it
inherits the lifecycle's (:mod:`keyaccount.domain.customers._lifecycle_steps`). The values
and events are in :mod:`keyaccount.domain.customers.archive`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Self

from keyaccount._errors import InvalidInput, InvalidTransition
from keyaccount._validation import require_instant_in_years, require_non_empty, to_enum
from keyaccount.domain.customers._lifecycle_steps import LifecycleSteps
from keyaccount.domain.customers.archive import (
    ApproverRole,
    DepartureReason,
    DisposalApproval,
    FileDisposed,
    FileRestored,
)
from keyaccount.domain.customers.lifecycle import TRADING_TERMINATED, AccountStatus, LifecycleStep
from keyaccount.domain.customers.lifecycle_events import TradingTerminated
from keyaccount.domain.events import DomainEvent

__all__ = ["ArchiveSteps"]


class ArchiveSteps(LifecycleSteps):
    """The archive steps of :class:`~keyaccount.Customer` (a base class it inherits).

    Holds no state of its own: it reads and sets the customer's ``status``, ``departure``,
    ``archived_from`` and ``disposal``.
    """

    __slots__ = ()

    # The customer fields the steps read (declared for the type checker; Customer has them).
    approved_on: date | None
    departure: DepartureReason | None
    archived_from: AccountStatus | None
    disposal: DisposalApproval | None

    @property
    def archive_mark(self) -> str | None:
        """The mark on the archived file: 交易终止 or 交易解除 by why the account left.

        ``None`` while the account is not terminated, and for a prospect that never traded
        (never approved), whatever the reason (seed 003 名册 第九条). A terminated file that
        does not say why it left is marked 交易终止, as 0.1.0 did.
        """
        if self.status is not AccountStatus.TERMINATED or self.approved_on is None:
            return None
        if self.departure is None:
            return TRADING_TERMINATED
        return self.departure.archive_mark

    def terminate(
        self,
        *,
        reason: str,
        now: datetime,
        departure: DepartureReason | str = DepartureReason.TRADING_ENDED,
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Take the account off the roster; the file stays, marked by why it left (第九条).

        Nothing of the file is dropped. The mark follows ``departure``: 交易解除 for a dissolved
        relationship, 交易终止 otherwise; a prospect that never traded gets no mark. A file
        archived by mistake comes back with :meth:`restore`; an irrecoverable one goes with
        :meth:`dispose`.

        Args:
            reason: why, in words.
            now: the caller's now.
            departure: why the account left (a :class:`~keyaccount.DepartureReason` or its
                value); *default* ``trading_ended``.

        Raises:
            InvalidTransition: the account is already terminated, or was never approved and
                is not suspended.
            InvalidInput: the reason is blank or ``departure`` unknown.
        """
        common = self._common(LifecycleStep.TERMINATE, now)
        require_non_empty(reason, field="termination reason")
        if type(departure) is not DepartureReason:
            departure = to_enum(DepartureReason, departure, field="departure")
        customer = self._evolve(
            status=common["to_status"], departure=departure, archived_from=self.status
        )
        event = TradingTerminated(
            **common, reason=reason, archive_mark=customer.archive_mark, departure=departure
        )
        return customer, (event,)

    def dispose(
        self, approval: DisposalApproval, *, now: datetime
    ) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Dispose of an irrecoverable archived file, with the department manager's approval.

        Seed 003 (名册 第九条): a file that can never be recovered is handled otherwise only
        with the approval of the key-account department's manager (大客户部经理). The file
        returned records the approval; the host disposes of its copy on the event.

        Raises:
            InvalidTransition: the account is not terminated, or its file is already
                disposed of.
            InvalidInput: ``approval`` is not a :class:`~keyaccount.DisposalApproval`, is not
                the department manager's, or is dated after ``now``.
        """
        require_instant_in_years(now, field="now")
        if not isinstance(approval, DisposalApproval):
            raise InvalidInput(f"approval must be a DisposalApproval, got {approval!r}")
        self._check_archived("dispose of its file")
        if approval.role is not ApproverRole.KEY_ACCOUNT_DEPARTMENT_MANAGER:
            raise InvalidInput(
                f"disposal of the file of customer {self.account_id!r} needs the approval of "
                f"the key-account department's manager (大客户部经理, seed 003 名册 第九条), got "
                f"{approval.role.value} {approval.approved_by!r}"
            )
        if approval.approved_at > now:
            raise InvalidInput(
                f"approval.approved_at {approval.approved_at.isoformat()} is after now "
                f"({now.isoformat()})"
            )
        event = FileDisposed(
            occurred_at=now,
            account_id=self.account_id,
            approved_by=approval.approved_by,
            reason=approval.reason,
            archive_mark=self.archive_mark,
        )
        return self._evolve(disposal=approval), (event,)

    def restore(self, *, reason: str, now: datetime) -> tuple[Self, tuple[DomainEvent, ...]]:
        """Take back a file archived by mistake: the account is where it stood before.

        Raises:
            InvalidTransition: the account is not terminated, its file was disposed of, or
                the file does not say where it stood before (built as terminated).
            InvalidInput: the reason is blank.
        """
        require_instant_in_years(now, field="now")
        require_non_empty(reason, field="restore reason")
        self._check_archived("restore its file")
        if self.archived_from is None:
            raise InvalidTransition(
                f"customer {self.account_id!r} was built as terminated: its file does not say "
                f"where it stood before (archived_from is None); cannot restore it"
            )
        changes: dict[str, Any] = {
            "status": self.archived_from, "departure": None, "archived_from": None
        }
        event = FileRestored(
            occurred_at=now, account_id=self.account_id, restored_to=self.archived_from,
            reason=reason,
        )
        return self._evolve(**changes), (event,)

    def _check_archived(self, step: str) -> None:
        if self.status is not AccountStatus.TERMINATED:
            raise InvalidTransition(
                f"customer {self.account_id!r} is {self.status.value}; cannot {step} (allowed "
                f"only from ['terminated'])"
            )
        if self.disposal is not None:
            raise InvalidTransition(
                f"the file of customer {self.account_id!r} was disposed of "
                f"({self.disposal.approved_at.isoformat()}); cannot {step}"
            )
