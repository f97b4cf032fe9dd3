"""Kinds of contact, content topics and the id of a planned visit (SPEC §6).

Seed 001 (重点客户走访管理办法) plans visits with a content; seed 002 (客户维护计划) adds the
kinds of contact: regular visits, holiday visits and events for key maintenance (A, B),
return calls and greetings for routine maintenance (C, D).

>>> VisitKind.PHONE_RETURN.label_zh
'电话回访'
"""

from __future__ import annotations

import enum
from datetime import date

from keyaccount._validation import (
    FIRST_YEAR,
    LAST_YEAR,
    require_day_in_years,
    require_non_empty,
    to_enum,
)

__all__ = [
    "FESTIVAL_KINDS",
    "REGULAR_KINDS",
    "TOPIC_ROTATION",
    "Topic",
    "VisitKind",
    "VisitLoad",
    "visit_id",
]


class VisitKind(enum.Enum):
    """The kinds of contact a visit plan holds (seed 001 §走访; seed 002 §维护计划)."""

    ON_SITE = "on_site"
    PHONE_RETURN = "phone_return"
    HOLIDAY = "holiday"
    EVENT = "event"
    GREETING = "greeting"

    # Members are singletons compared by identity, so the identity hash is consistent with
    # equality; it is computed in C, where Enum's own hash runs Python code for every set or
    # dict lookup (compliance over 100,000 plans does millions of them).
    __hash__ = object.__hash__

    @property
    def label_zh(self) -> str:
        """The Chinese name used in the seeds."""
        return _KIND_ZH[self]


_KIND_ZH = {
    VisitKind.ON_SITE: "上门走访",
    VisitKind.PHONE_RETURN: "电话回访",
    VisitKind.HOLIDAY: "节假日走访",
    VisitKind.EVENT: "组织活动",
    VisitKind.GREETING: "祝福短信",
}

#: The kinds that keep the regular rhythm of contact (定期拜访, 日常回访); the gap since the
#: last of these is what compliance measures against the account's interval.
REGULAR_KINDS = frozenset({VisitKind.ON_SITE, VisitKind.PHONE_RETURN})
#: The kinds tied to festivals (节假日走访, 祝福短信): placed just before a festival date.
FESTIVAL_KINDS = frozenset({VisitKind.HOLIDAY, VisitKind.GREETING})
# The position of each kind: visits on the same day are kept in this order (VisitPlan), and
# compliance codes a kind by it.
_KIND_ORDER = {kind: position for position, kind in enumerate(VisitKind)}


class Topic(enum.Enum):
    """Content topics of a visit (seed 001 §走访内容规划, items 1-5)."""

    CUSTOMER_BASICS = "customer_basics"
    BUSINESS_COOPERATION = "business_cooperation"
    MARKET_DYNAMICS = "market_dynamics"
    COMPETITOR_ANALYSIS = "competitor_analysis"
    NEEDS_RESEARCH = "needs_research"

    # as VisitKind's: a plan's topic column is checked by set operations for every plan made
    __hash__ = object.__hash__

    @property
    def label_zh(self) -> str:
        """The Chinese name used in seed 001."""
        return _TOPIC_ZH[self]


_TOPIC_ZH = {
    Topic.CUSTOMER_BASICS: "客户基本情况了解",
    Topic.BUSINESS_COOPERATION: "业务合作沟通",
    Topic.MARKET_DYNAMICS: "市场动态交流",
    Topic.COMPETITOR_ANALYSIS: "竞争对手分析",
    Topic.NEEDS_RESEARCH: "客户需求调研",
}


class VisitLoad(enum.Enum):
    """What a visit costs a person's day: the budgets of a capacity policy (issue 13).

    In-person visits (on-site, holiday visits, events) share one budget, phone return visits
    another, messages (greetings) a third (unlimited by default).

    >>> VisitLoad.of(VisitKind.HOLIDAY)
    <VisitLoad.IN_PERSON: 'in_person'>
    """

    IN_PERSON = "in_person"
    PHONE = "phone"
    MESSAGE = "message"

    __hash__ = object.__hash__

    @classmethod
    def of(cls, kind: VisitKind | str) -> VisitLoad:
        """The budget a visit of ``kind`` (a member or its string form) draws on."""
        if type(kind) is not VisitKind:
            kind = to_enum(VisitKind, kind, field="VisitLoad.of kind")
        return _LOAD_OF[kind]


_LOAD_OF = {
    VisitKind.ON_SITE: VisitLoad.IN_PERSON,
    VisitKind.HOLIDAY: VisitLoad.IN_PERSON,
    VisitKind.EVENT: VisitLoad.IN_PERSON,
    VisitKind.PHONE_RETURN: VisitLoad.PHONE,
    VisitKind.GREETING: VisitLoad.MESSAGE,
}

#: The order in which the planner rotates topics over an account's visits (seed 001 order).
TOPIC_ROTATION: tuple[Topic, ...] = tuple(Topic)


def visit_id(account_id: str, day: date, kind: VisitKind) -> str:
    """The stable id of a planned visit: ``account/day/kind``.

    A plain string, so a host can store the ids of overdue visits already reported
    (:attr:`ComplianceReport.reported`) in any database. The day and kind come last and
    contain no ``/``, so the id is unambiguous even for an account id that does.

    >>> visit_id("ACME", date(2026, 3, 2), VisitKind.ON_SITE)
    'ACME/2026-03-02/on_site'

    Raises:
        InvalidInput: a blank ``account_id``, a ``day`` that is not a date in the years
            1900-2199, or a ``kind`` that is neither a :class:`VisitKind` nor its string form.
    """
    if type(account_id) is not str or not account_id.strip():
        require_non_empty(account_id, field="visit_id account_id")
    if type(day) is not date or not FIRST_YEAR <= day.year <= LAST_YEAR:
        require_day_in_years(day, field="visit_id day")
    if type(kind) is not VisitKind:
        kind = to_enum(VisitKind, kind, field="visit_id kind")
    return _visit_id(account_id, day, kind)


def _visit_id(account_id: str, day: date, kind: VisitKind) -> str:
    """:func:`visit_id` of values checked already (compliance's hot path)."""
    return f"{account_id}/{day.isoformat()}/{kind.value}"
