"""The process records of a customer file: who met, agreed or ordered what, and when (seed 004).

Any department's significant contact with the account is reported and kept in the file, not
with one person (seed 003 §大客户信息管理办法 第五条); records are only ever appended.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

import attrs

from keyaccount._validation import (
    aware,
    names,
    non_empty,
    optional_text,
    to_enum,
    to_items,
)

__all__ = ["ProcessRecord", "RecordKind"]


class RecordKind(enum.Enum):
    """Kinds of process record kept in the file (seed 004 过程记录; seed 003 第五条, 第九条)."""

    NEGOTIATION = "negotiation"
    AGREEMENT = "agreement"
    SIGNIFICANT_CONTACT = "significant_contact"
    ORDER = "order"
    STOCK_CHANGE = "stock_change"
    CORRESPONDENCE = "correspondence"
    #: the customer's annual results and financial reports (seed 003 信息 第四条(2): 积累大客户
    #: 年度业绩和财务状况报告).
    ANNUAL_RESULTS = "annual_results"



# mypy's attrs plugin wants named converter functions, hence one per field.
def _record_kind(value: RecordKind | str) -> RecordKind:
    if type(value) is RecordKind:  # the plain case: one type check
        return value
    return to_enum(RecordKind, value, field="ProcessRecord.kind")


def _participants(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="ProcessRecord.participants", expected="names")


@attrs.frozen(kw_only=True)
class ProcessRecord:
    """One entry of the file's process records (seed 004; seed 003 第五条).

    Any department's significant contact with the account is reported and kept here, not with
    one person.

    Attributes:
        kind: negotiation, agreement, significant contact, order, stock change, correspondence,
            annual results and financial report.
        occurred_at: when it happened (timezone-aware).
        summary: what happened or was agreed.
        participants: who took part, on both sides.
        department: the reporting department.
        reported_by: the person who reported it.

    >>> from datetime import datetime, timezone
    >>> talks = ProcessRecord(kind="negotiation", summary="2026 price frame",
    ...                       occurred_at=datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc),
    ...                       participants=["wang", "周敏"], department="大客户部")
    >>> talks.kind, talks.participants
    (<RecordKind.NEGOTIATION: 'negotiation'>, ('wang', '周敏'))
    """

    kind: RecordKind = attrs.field(converter=_record_kind)
    occurred_at: datetime = attrs.field(validator=aware)
    summary: str = attrs.field(validator=non_empty)
    participants: tuple[str, ...] = attrs.field(
        default=(), converter=_participants, validator=names
    )
    department: str | None = attrs.field(default=None, validator=optional_text)
    reported_by: str | None = attrs.field(default=None, validator=optional_text)

