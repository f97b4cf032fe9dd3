"""The closing record of a feedback ticket: what the customer was told, by whom and when.

Seed 001 §五(二)3 (问题解决后 ... 营销部门负责将问题解决情况反馈给客户, 并跟踪客户对问题解决结果的
满意度): once a problem is resolved, the marketing / key-account department tells the customer
the result and follows up their satisfaction with it. The record keeps that answer; a customer
who gives no score ("not given") does not block the close (SPEC §7).

>>> from datetime import datetime
>>> record = ClosingRecord(told="new carrier from Monday", told_by="Chen Jing",
...                        told_at=datetime.fromisoformat("2025-06-04T10:00+08:00"),
...                        satisfaction=None, satisfied=True)
>>> record.satisfaction_given
False
"""

from __future__ import annotations

from datetime import datetime

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import a_bool, aware, non_empty
from keyaccount.domain.tickets.enums import SATISFACTION_SCALE

__all__ = ["ClosingRecord"]


def _score(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    # 4.0 and Decimal(4) compare equal to 4: only an int is a score on the scale
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value not in SATISFACTION_SCALE
    ):
        raise InvalidInput(
            f"ClosingRecord.satisfaction must be None (not given) or an int from "
            f"{SATISFACTION_SCALE.start} to {SATISFACTION_SCALE.stop - 1}, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class ClosingRecord:
    """How a ticket was closed with the customer (seed 001 §五(二)3; SPEC §7).

    Attributes:
        told: what the customer was told about the result.
        told_by: who told them (usually the account manager of the key-account department).
        told_at: when they were told.
        satisfaction: the customer's score on :data:`SATISFACTION_SCALE`, or ``None`` when
            the customer gave none.
        satisfied: whether the customer is satisfied with the result (given, or derived from
            the score by the ledger policy's threshold: see ``close_ticket``).
    """

    told: str = attrs.field(validator=non_empty)
    told_by: str = attrs.field(validator=non_empty)
    told_at: datetime = attrs.field(validator=aware)
    satisfaction: int | None = attrs.field(default=None, validator=_score)
    satisfied: bool = attrs.field(default=False, validator=a_bool)

    @property
    def satisfaction_given(self) -> bool:
        """Whether the customer gave a score."""
        return self.satisfaction is not None
