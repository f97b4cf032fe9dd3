"""Visits: kinds, content topics, plans, records, compliance values and events (SPEC §6).

Seed 001 (重点客户走访管理办法) asks for visits planned in advance with a date, visitors and
content, spread over the plan year, recorded in a complete 《重点客户走访记录》, and checked
for completion. Seed 002 (客户维护计划) adds the kinds of contact: regular visits, holiday
visits and events for key maintenance (A, B), return calls and greetings for routine
maintenance (C, D).

A :class:`VisitPlan` is columnar (tuples of days, kinds, visitors and topics) so that a
portfolio of 100,000 plans stays cheap; :attr:`VisitPlan.visits` builds the friendly
:class:`PlannedVisit` values on demand.

>>> period = PlanPeriod.year(2026)
>>> period.start, period.end, period.months
(datetime.date(2026, 1, 1), datetime.date(2027, 1, 1), 12)
>>> VisitKind.PHONE_RETURN.label_zh
'电话回访'
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_aware, require_date, require_non_empty
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tickets import Severity, TicketKind
from keyaccount.domain.tiers import Tier

if TYPE_CHECKING:
    from keyaccount.domain.customers import Customer

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

__all__ = [
    "FESTIVAL_KINDS",
    "REGULAR_KINDS",
    "TOPIC_ROTATION",
    "AccountCompliance",
    "AccountToPlan",
    "ComplianceReport",
    "FeedbackItem",
    "OverdueVisit",
    "PlanPeriod",
    "PlannedVisit",
    "Topic",
    "VisitGap",
    "VisitInterval",
    "VisitKind",
    "VisitOverdue",
    "VisitPlan",
    "VisitPlanned",
    "VisitQuota",
    "VisitRecord",
    "VisitRecorded",
    "VisitorReassigned",
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
_KIND_ORDER = {kind: position for position, kind in enumerate(VisitKind)}


class Topic(enum.Enum):
    """Content topics of a visit (seed 001 §走访内容规划, items 1-5)."""

    CUSTOMER_BASICS = "customer_basics"
    BUSINESS_COOPERATION = "business_cooperation"
    MARKET_DYNAMICS = "market_dynamics"
    COMPETITOR_ANALYSIS = "competitor_analysis"
    NEEDS_RESEARCH = "needs_research"

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

#: The order in which the planner rotates topics over an account's visits (seed 001 order).
TOPIC_ROTATION: tuple[Topic, ...] = tuple(Topic)


def _count(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(
            f"VisitQuota.{attribute.name} must be an int >= 0 (visits a year), got {value!r}"
        )


@attrs.frozen
class VisitQuota:
    """How many visits of each kind a year (a minimum, or a raise on top of it).

    Attributes:
        on_site: on-site visits (上门走访).
        phone_return: phone return visits (电话回访).
        holiday: holiday visits (节假日走访), one before each festival.
        event: events organised for the customer (组织活动).
        greeting: greetings (祝福短信), one before each festival.

    >>> VisitQuota(on_site=12) + VisitQuota(on_site=2, event=1)
    VisitQuota(on_site=14, phone_return=0, holiday=0, event=1, greeting=0)
    >>> VisitQuota(on_site=6).count(VisitKind.ON_SITE)
    6
    """

    on_site: int = attrs.field(default=0, validator=_count)
    phone_return: int = attrs.field(default=0, validator=_count)
    holiday: int = attrs.field(default=0, validator=_count)
    event: int = attrs.field(default=0, validator=_count)
    greeting: int = attrs.field(default=0, validator=_count)

    def count(self, kind: VisitKind) -> int:
        """The number of visits of ``kind`` a year."""
        result: int = getattr(self, kind.value)
        return result

    def __add__(self, other: VisitQuota) -> VisitQuota:
        return VisitQuota(*(self.count(kind) + other.count(kind) for kind in VisitKind))

    @property
    def regular(self) -> int:
        """Visits a year of the densest regular kind (on-site or phone return).

        The account's interval follows from this kind: the other regular kind only adds visits.
        """
        return max(self.on_site, self.phone_return)


def _period_bounds(instance: PlanPeriod, _attribute: object, value: date) -> None:
    require_date(value, field="PlanPeriod.end")
    if value <= instance.start:
        raise InvalidInput(
            f"PlanPeriod.end must be after start {instance.start.isoformat()}, "
            f"got {value.isoformat()}"
        )


def _period_start(_instance: object, _attribute: object, value: date) -> None:
    require_date(value, field="PlanPeriod.start")


@attrs.frozen
class PlanPeriod:
    """A plan period: from ``start`` (included) to ``end`` (excluded).

    Attributes:
        start: first day of the period.
        end: the day after the last day of the period.

    >>> PlanPeriod(date(2026, 1, 1), date(2026, 7, 1)).months
    6
    >>> PlanPeriod(date(2026, 1, 5), date(2026, 2, 1)).months is None
    True
    """

    start: date = attrs.field(validator=_period_start)
    end: date = attrs.field(validator=_period_bounds)

    @classmethod
    def year(cls, year: int) -> PlanPeriod:
        """The plan year ``year`` (1 January to 31 December)."""
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return (self.end - self.start).days

    @property
    def months(self) -> int | None:
        """Whole calendar months in the period, or None when it is not made of whole months.

        Only periods starting on day 1-28 count, so every month of the period has that day.
        """
        if self.start.day != self.end.day or self.start.day > 28:
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end


@attrs.frozen
class VisitInterval:
    """The longest an account may go without a regular visit: whole months or days.

    Attributes:
        months: calendar months (used when the visits fall monthly, bimonthly, quarterly...).
        days: days (used otherwise).

    >>> VisitInterval(months=2).window_start(date(2026, 6, 15))
    datetime.date(2026, 4, 15)
    >>> str(VisitInterval(days=40))
    '40 days'
    """

    months: int = 0
    days: int = 0

    def __attrs_post_init__(self) -> None:
        if self.months < 0 or self.days < 0 or (self.months == 0) == (self.days == 0):
            raise InvalidInput(
                "VisitInterval needs exactly one of months or days > 0, "
                f"got months={self.months!r}, days={self.days!r}"
            )

    def after(self, day: date) -> date:
        """The day one interval after ``day``."""
        return day + relativedelta(months=self.months, days=self.days)

    def window_start(self, today: date) -> date:
        """The day one interval before ``today``: a last visit before it is too long ago."""
        return today - relativedelta(months=self.months, days=self.days)

    def __str__(self) -> str:
        count, unit = (self.months, "month") if self.months else (self.days, "day")
        return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _collection(value: Iterable[T] | None, field: str) -> tuple[T, ...]:
    # tuple("li") would silently split a bare string into letters; None means "left empty",
    # which the value's own check then names as missing
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInput(f"{field} must be a list or tuple, got {value!r}")
    return tuple(value)


def _staff_names(value: Iterable[str]) -> tuple[str, ...]:
    return _collection(value, "AccountToPlan.staff")


def _blackout(value: Iterable[date]) -> frozenset[date]:
    days = frozenset(value)
    for day in days:
        require_date(day, field="AccountToPlan.blackout_dates")
    return days


def _non_empty_field(field: str) -> Callable[[Any, Any, str], None]:
    def check(_instance: object, _attribute: object, value: str) -> None:
        require_non_empty(value, field=field)

    return check


def _staff(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    if not value:
        raise InvalidInput("AccountToPlan.staff must name at least one visitor, got ()")
    for name in value:
        require_non_empty(name, field="AccountToPlan.staff")
    if len(set(value)) != len(value):
        raise InvalidInput(f"AccountToPlan.staff names someone twice: {value}")


def _tier(_instance: object, attribute: attrs.Attribute[Tier], value: Tier) -> None:
    if not isinstance(value, Tier):
        raise InvalidInput(f"{attribute.name} must be a Tier, got {value!r}")


@attrs.frozen
class AccountToPlan:
    """What the planner needs to know of one account (a Customer adapts to this).

    Attributes:
        account_id: the account.
        tier: its current tier.
        staff: the staff covering it, in the order visits rotate through them.
        blackout_dates: the customer's own important dates, on which no visit is planned.

    >>> from keyaccount import TIER_A
    >>> AccountToPlan("ACME", TIER_A, staff=["li", "wang"]).staff
    ('li', 'wang')
    """

    account_id: str = attrs.field(validator=_non_empty_field("AccountToPlan.account_id"))
    tier: Tier = attrs.field(validator=_tier)
    staff: tuple[str, ...] = attrs.field(converter=_staff_names, validator=_staff)
    blackout_dates: frozenset[date] = attrs.field(default=frozenset(), converter=_blackout)

    @classmethod
    def from_customer(cls, customer: Customer) -> AccountToPlan:
        """The planner's view of a customer file (its tier, staff and important dates).

        Visits rotate through the account manager first, then the other staff covering it;
        the customer's important dates become blackout dates.

        Raises:
            InvalidInput: the customer has no tier yet, or nobody covers it.
        """
        if customer.tier is None:
            raise InvalidInput(
                f"customer {customer.account_id!r} has no tier yet; grade it before planning"
            )
        staff = [customer.account_manager] if customer.account_manager else []
        staff.extend(name for name in customer.staff if name not in staff)
        return cls(customer.account_id, customer.tier, staff, customer.important_dates)


@attrs.frozen
class PlannedVisit:
    """One visit of a plan: when, what kind, who goes, what to talk about.

    Attributes:
        account_id: the account visited.
        kind: the kind of contact.
        day: the planned day.
        visitors: the staff who go.
        topics: the content topics to cover (none for a greeting).

    >>> from datetime import date
    >>> visit = PlannedVisit("ACME", VisitKind.ON_SITE, date(2026, 3, 2), ("li",),
    ...                      (Topic.MARKET_DYNAMICS,))
    >>> visit.visit_id
    'ACME/2026-03-02/on_site'
    """

    account_id: str
    kind: VisitKind
    day: date
    visitors: tuple[str, ...]
    topics: tuple[Topic, ...]

    @property
    def visit_id(self) -> str:
        """A stable id: an account has at most one visit of a kind on a day."""
        return visit_id(self.account_id, self.day, self.kind)


def visit_id(account_id: str, day: date, kind: VisitKind) -> str:
    """The stable id of a planned visit: ``account/day/kind``.

    A plain string, so a host can store the ids of overdue visits already reported
    (:attr:`ComplianceReport.reported`) in any database. The day and kind come last and
    contain no ``/``, so the id is unambiguous even for an account id that does.

    >>> visit_id("ACME", date(2026, 3, 2), VisitKind.ON_SITE)
    'ACME/2026-03-02/on_site'
    """
    return f"{account_id}/{day.isoformat()}/{kind.value}"


@attrs.frozen
class VisitPlan:
    """The visits planned for one account over a period, stored as columns.

    The i-th visit is ``(days[i], kinds[i], visitors[i], topics[i])``; visits are in date
    order (kinds in :class:`VisitKind` order on the same day) and an account has at most one
    visit of a kind on a day. Build plans with
    :class:`keyaccount.policies.VisitPlanner`; the constructor checks the columns.

    Attributes:
        account_id: the account.
        tier: the tier the plan was made for.
        period: the plan period; every day lies inside it.
        days: planned days.
        kinds: the kind of each visit.
        visitors: the visitors of each visit.
        topics: the topics of each visit.
        interval: the longest the account may go without a regular visit, or None when its
            tier has no regular visits.

    Raises:
        InvalidInput: columns of different lengths, days out of order or outside the period,
            or a kind twice on one day.

    >>> from keyaccount import TIER_D
    >>> plan = VisitPlan("BEIHAI", TIER_D, PlanPeriod.year(2026),
    ...                  days=(date(2026, 1, 5), date(2026, 7, 1)),
    ...                  kinds=(VisitKind.PHONE_RETURN,) * 2, visitors=(("chen",),) * 2,
    ...                  topics=((Topic.CUSTOMER_BASICS,), (Topic.NEEDS_RESEARCH,)),
    ...                  interval=VisitInterval(months=6))
    >>> len(plan), plan.count(VisitKind.PHONE_RETURN), plan.visit_at(1).visit_id
    (2, 2, 'BEIHAI/2026-07-01/phone_return')
    """

    account_id: str
    tier: Tier
    period: PlanPeriod
    days: tuple[date, ...]
    kinds: tuple[VisitKind, ...]
    visitors: tuple[tuple[str, ...], ...]
    topics: tuple[tuple[Topic, ...], ...]
    interval: VisitInterval | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.tier, Tier) or not isinstance(self.period, PlanPeriod):
            raise InvalidInput(
                f"VisitPlan of {self.account_id!r} needs a Tier and a PlanPeriod, got "
                f"{self.tier!r} and {self.period!r}"
            )
        size = len(self.days)
        if not (len(self.kinds) == len(self.visitors) == len(self.topics) == size):
            raise InvalidInput(
                f"VisitPlan of {self.account_id!r}: days, kinds, visitors and topics must be "
                f"as long as each other, got {size}, {len(self.kinds)}, {len(self.visitors)}, "
                f"{len(self.topics)}"
            )
        if size == 0:
            return
        if self.days[0] < self.period.start or self.days[-1] >= self.period.end:
            raise InvalidInput(
                f"VisitPlan of {self.account_id!r}: every day must lie in "
                f"{self.period.start.isoformat()}..{self.period.end.isoformat()} (end "
                f"excluded), got {self.days[0].isoformat()}..{self.days[-1].isoformat()}"
            )
        # The common case (sorted, one visit a day) is checked at C speed; only plans with
        # several visits on a day walk the pairs to check the kinds' order.
        days = self.days
        if list(days) == sorted(days) and len(set(days)) == size:
            return
        keys = [(day, _KIND_ORDER[kind]) for day, kind in zip(days, self.kinds, strict=True)]
        for before, after in pairwise(keys):
            if before >= after:
                raise InvalidInput(
                    f"VisitPlan of {self.account_id!r}: visits must be in date order with one "
                    f"visit of a kind a day, got {before[0].isoformat()} then "
                    f"{after[0].isoformat()}"
                )

    def __len__(self) -> int:
        return len(self.days)

    @property
    def visits(self) -> tuple[PlannedVisit, ...]:
        """The planned visits as values, in date order."""
        return tuple(
            PlannedVisit(self.account_id, kind, day, visitors, topics)
            for day, kind, visitors, topics in zip(
                self.days, self.kinds, self.visitors, self.topics, strict=True
            )
        )

    def count(self, kind: VisitKind) -> int:
        """The number of planned visits of ``kind``."""
        return self.kinds.count(kind)

    def visit_at(self, index: int) -> PlannedVisit:
        """The ``index``-th planned visit."""
        return PlannedVisit(
            self.account_id,
            self.kinds[index],
            self.days[index],
            self.visitors[index],
            self.topics[index],
        )

    def reassign_visitor(
        self,
        departing: str,
        successor: str,
        *,
        from_day: date,
        now: datetime,
        done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord] = (),
    ) -> tuple[VisitPlan, tuple[VisitorReassigned, ...]]:
        """Hand a departing staff member's visits to a successor (SPEC §3 handover).

        On every visit planned on or after ``from_day`` and not yet done, ``successor``
        goes instead of ``departing`` (once: a visit they were both on keeps the successor
        in the departing person's place). Visits before ``from_day`` are the record of the
        past and keep their visitors, as do the visits in ``done`` (a visit done early).
        Days, kinds and topics do not change. Call it with the same successor the handover
        named (:class:`~keyaccount.AccountReassigned`'s first successor, the new account
        manager).

        Args:
            departing: who left.
            successor: who goes in their place.
            from_day: the first day whose visits are handed over (usually the day of the
                handover).
            now: when the handover is made (timezone-aware), for the event.
            done: the visits done, as ``(planned day, kind)`` pairs or as the visit records.

        Returns:
            The new plan and one :class:`VisitorReassigned` event, or the plan itself and no
            event when ``departing`` has no visit to hand over.

        Raises:
            InvalidInput: a blank name, the same person twice, ``from_day`` not a date, or a
                naive ``now``.

        >>> from datetime import datetime, timezone
        >>> from keyaccount import TIER_D
        >>> plan = VisitPlan("BEIHAI", TIER_D, PlanPeriod.year(2026),
        ...                  days=(date(2026, 1, 5), date(2026, 7, 1), date(2026, 10, 8)),
        ...                  kinds=(VisitKind.PHONE_RETURN,) * 3,
        ...                  visitors=(("chen",), ("chen", "li"), ("chen",)),
        ...                  topics=((Topic.CUSTOMER_BASICS,),) * 3)
        >>> plan, (event,) = plan.reassign_visitor(
        ...     "chen", "li", from_day=date(2026, 6, 1),
        ...     now=datetime(2026, 6, 1, 9, tzinfo=timezone.utc))
        >>> plan.visitors, event.visit_count
        ((('chen',), ('li',), ('li',)), 2)
        """
        where = f"visit plan of {self.account_id!r}"
        require_non_empty(departing, field=f"departing visitor on the {where}")
        require_non_empty(successor, field=f"successor on the {where}")
        if departing == successor:
            raise InvalidInput(f"{departing!r} cannot succeed themself on the {where}")
        require_date(from_day, field="from_day")
        require_aware(now, field="now")
        done_keys = {
            (item.planned_day, item.kind) if isinstance(item, VisitRecord) else item
            for item in done
        }
        visitors = list(self.visitors)
        handed = 0
        first = bisect.bisect_left(self.days, from_day)
        for index in range(first, len(visitors)):
            names = visitors[index]
            if departing not in names or (self.days[index], self.kinds[index]) in done_keys:
                continue
            visitors[index] = tuple(
                dict.fromkeys(successor if name == departing else name for name in names)
            )
            handed += 1
        if not handed:
            return self, ()
        event = VisitorReassigned(
            occurred_at=now,
            account_id=self.account_id,
            departing=departing,
            successor=successor,
            from_day=from_day,
            visit_count=handed,
        )
        return attrs.evolve(self, visitors=tuple(visitors)), (event,)


def _member_or_none(members: type[E], value: E | str | None, field: str) -> E | None:
    if value is None or isinstance(value, members):
        return value
    try:
        return members(value)
    except ValueError:
        raise InvalidInput(
            f"{field} must be one of {[member.value for member in members]}, got {value!r}"
        ) from None


def _ticket_kind(value: TicketKind | str | None) -> TicketKind | None:
    return _member_or_none(TicketKind, value, "FeedbackItem.kind")


def _severity(value: Severity | str | None) -> Severity | None:
    return _member_or_none(Severity, value, "FeedbackItem.severity")


def _optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"expected text or None, got {value!r}")
    return value.strip() or None


@attrs.frozen
class FeedbackItem:
    """A question or problem the customer raised during a visit (seed 001 §走访过程 2).

    Either it was answered on the spot (``answer`` given; closed there), or it is handed to
    a responsible department and person, who owe a reply by a promised time: the visit
    record then opens a feedback ticket for it (SPEC §7), whose first-reply deadline is the
    promised reply time. ``kind`` and ``severity`` are the ticket's kind and severity
    (:class:`keyaccount.TicketKind`, :class:`keyaccount.Severity`).

    Attributes:
        summary: what the customer raised.
        answer: the answer given on the spot, or None.
        kind: the ticket kind, for an item to be ticketed.
        severity: the ticket severity, for an item to be ticketed.
        responsible_department: who must reply, for an item to be ticketed.
        responsible_person: who must reply, for an item to be ticketed.
        lead_coordinator: for a problem spanning departments (seed 001 §问题解决 2).

    Raises:
        InvalidInput: no summary; an answered item that also names ticket fields; an
            unanswered item that does not name every ticket field.

    >>> FeedbackItem("Delivery documents arrive late", answer="New courier from May").answered
    True
    """

    summary: str = attrs.field(validator=_non_empty_field("FeedbackItem.summary"))
    answer: str | None = attrs.field(default=None, converter=_optional_text)
    kind: TicketKind | None = attrs.field(default=None, converter=_ticket_kind)
    severity: Severity | None = attrs.field(default=None, converter=_severity)
    responsible_department: str | None = attrs.field(default=None, converter=_optional_text)
    responsible_person: str | None = attrs.field(default=None, converter=_optional_text)
    lead_coordinator: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        ticket_fields = {
            "kind": self.kind,
            "severity": self.severity,
            "responsible_department": self.responsible_department,
            "responsible_person": self.responsible_person,
        }
        if self.answered:
            named = sorted(name for name, value in ticket_fields.items() if value is not None)
            if named:
                raise InvalidInput(
                    f"FeedbackItem {self.summary!r} was answered on the spot, so it opens no "
                    f"ticket; it must not name {named}"
                )
            return
        missing = [name for name, value in ticket_fields.items() if value is None]
        if missing:
            raise InvalidInput(
                f"FeedbackItem {self.summary!r} is neither answered on the spot (answer) nor "
                f"ready to be ticketed: missing {missing}"
            )

    @property
    def answered(self) -> bool:
        """True when the item was closed on the spot."""
        return self.answer is not None


def _visitor_names(value: Iterable[str] | None) -> tuple[str, ...]:
    return _collection(value, "VisitRecord.visitors")


def _record_topics(value: Iterable[Topic] | None) -> tuple[Topic, ...]:
    return _collection(value, "VisitRecord.topics")


def _feedback_items(value: Iterable[FeedbackItem] | None) -> tuple[FeedbackItem, ...]:
    return _collection(value, "VisitRecord.feedback")


def _suggestions(value: Iterable[str] | None) -> tuple[str, ...]:
    return _collection(value, "VisitRecord.suggestions")


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _no_names(names: tuple[str, ...]) -> bool:
    return not names or any(_blank(name) for name in names)


# The test of "left empty" of each record field, in field order.
_EMPTY: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("record_id", _blank),
    ("account_id", _blank),
    ("kind", lambda kind: kind is None),
    ("visited_at", lambda moment: moment is None),
    ("place", _blank),
    ("visitors", _no_names),
    ("customer_situation", _blank),
    ("topics", lambda topics: not topics),
    ("content", _blank),
)
_ALWAYS = frozenset({"record_id", "account_id", "kind", "visited_at", "visitors", "content"})
# What a complete record must fill, per kind. Seed 001 §走访记录 1 lists 走访时间、地点、走访人员、
# 客户基本情况、走访内容 for a visit, and its §走访内容规划 the topics a visit covers: every
# kind met in person has a place; whoever talks with the customer (on site, at a holiday
# visit, on the phone) reports its situation; every kind the planner gives topics covers
# them. A greeting (祝福短信, seed 002 §常规维护计划) is a message: who sent it and what it said.
_KIND_REQUIRES: dict[VisitKind, frozenset[str]] = {
    VisitKind.ON_SITE: _ALWAYS | {"place", "customer_situation", "topics"},
    VisitKind.HOLIDAY: _ALWAYS | {"place", "customer_situation", "topics"},
    VisitKind.EVENT: _ALWAYS | {"place", "topics"},
    VisitKind.PHONE_RETURN: _ALWAYS | {"customer_situation", "topics"},
    VisitKind.GREETING: _ALWAYS,
}
_REQUIRED: dict[VisitKind | None, tuple[tuple[str, Callable[[Any], bool]], ...]] = {
    kind: tuple((name, empty) for name, empty in _EMPTY if name in names)
    for kind, names in _KIND_REQUIRES.items()
}
# with no kind, every field a record may need is named at once
_REQUIRED[None] = _EMPTY


@attrs.frozen
class VisitRecord:
    """A complete visit record, 《重点客户走访记录》 (seed 001 §走访记录).

    Which fields a complete record fills depends on its kind
    (:meth:`required_fields`): every record names its id, account, kind, time, visitors and
    content; on-site and holiday visits also the place, the customer's situation and the
    topics; an event the place and topics; a phone return visit the situation and topics; a
    greeting (祝福短信) nothing more. Fields a kind does not need may be left out.

    Attributes:
        record_id: the host's id of the record.
        account_id: the account visited.
        kind: the kind of contact.
        visited_at: when the visit took place (timezone-aware).
        place: where, or None (a phone return visit or a greeting has no place).
        visitors: who went (for a greeting: who sent it).
        customer_situation: the customer's situation as found (客户基本情况), or None.
        topics: the content topics covered (none for a greeting).
        content: what was discussed (走访内容); for a greeting, the message sent.
        feedback: the questions and problems the customer raised.
        suggestions: the customer's suggestions (建议).
        planned_day: the planned day of the visit this record carries out (a planned visit of
            the same kind), or None for an unplanned visit.

    Raises:
        InvalidInput: naming every field left empty (blank, None or an empty list) at once,
            since a record is complete or refused (seed 001 §走访记录 2: 内容完整); or naming
            a field of the wrong type (a naive ``visited_at``, a topic that is not a
            :class:`Topic`, a bare string where a list of names is expected).

    >>> from datetime import datetime, timezone
    >>> VisitRecord("R1", "ACME", VisitKind.ON_SITE, datetime(2026, 3, 3, 2, tzinfo=timezone.utc),
    ...             "ACME headquarters", ["li"], "", [Topic.NEEDS_RESEARCH], content=None)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: visit record 'R1' is incomplete: missing ['customer_situation',
    'content']
    >>> greeting = VisitRecord("R2", "ACME", VisitKind.GREETING,
    ...                        datetime(2026, 2, 16, 2, tzinfo=timezone.utc), visitors=["li"],
    ...                        content="新春快乐，感谢一年来的支持！")
    >>> greeting.place, greeting.topics
    (None, ())
    """

    record_id: str
    account_id: str
    kind: VisitKind
    visited_at: datetime
    place: str | None = None
    visitors: tuple[str, ...] = attrs.field(default=(), converter=_visitor_names)
    customer_situation: str | None = None
    topics: tuple[Topic, ...] = attrs.field(default=(), converter=_record_topics)
    content: str = ""
    feedback: tuple[FeedbackItem, ...] = attrs.field(default=(), converter=_feedback_items)
    suggestions: tuple[str, ...] = attrs.field(default=(), converter=_suggestions)
    planned_day: date | None = None

    def __attrs_post_init__(self) -> None:
        if self.kind is not None and not isinstance(self.kind, VisitKind):
            raise InvalidInput(f"VisitRecord.kind must be a VisitKind, got {self.kind!r}")
        missing = [name for name, empty in _REQUIRED[self.kind] if empty(getattr(self, name))]
        if missing:
            raise InvalidInput(f"visit record {self.record_id!r} is incomplete: missing {missing}")
        for name in ("place", "customer_situation"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InvalidInput(f"VisitRecord.{name} must be text or None, got {value!r}")
        require_aware(self.visited_at, field="VisitRecord.visited_at")
        for topic in self.topics:
            if not isinstance(topic, Topic):
                raise InvalidInput(f"VisitRecord.topics must hold Topic values, got {topic!r}")
        for item in self.feedback:
            if not isinstance(item, FeedbackItem):
                raise InvalidInput(
                    f"VisitRecord.feedback must hold FeedbackItem values, got {item!r}"
                )
        if self.planned_day is not None:
            require_date(self.planned_day, field="VisitRecord.planned_day")

    @staticmethod
    def required_fields(kind: VisitKind) -> tuple[str, ...]:
        """The fields a complete record of ``kind`` must fill, in field order.

        >>> VisitRecord.required_fields(VisitKind.GREETING)
        ('record_id', 'account_id', 'kind', 'visited_at', 'visitors', 'content')
        >>> VisitRecord.required_fields(VisitKind.PHONE_RETURN)[4:]
        ('visitors', 'customer_situation', 'topics', 'content')
        """
        if not isinstance(kind, VisitKind):
            raise InvalidInput(f"kind must be a VisitKind, got {kind!r}")
        return tuple(name for name, _ in _REQUIRED[kind])

    @property
    def open_items(self) -> tuple[FeedbackItem, ...]:
        """The feedback items not answered on the spot, which become tickets."""
        return tuple(item for item in self.feedback if not item.answered)


# --- events -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class VisitPlanned(DomainEvent):
    """A visit plan was made (or remade) for an account.

    Attributes:
        account_id: the account.
        period: the plan period.
        visit_count: how many visits the plan holds.
    """

    account_id: str
    period: PlanPeriod
    visit_count: int


@attrs.frozen(kw_only=True)
class VisitorReassigned(DomainEvent):
    """A departing staff member's planned visits went to a successor (SPEC §3 handover).

    Attributes:
        account_id: the account.
        departing: who left.
        successor: who goes in their place.
        from_day: the first day whose visits were handed over.
        visit_count: how many planned visits changed visitor.
    """

    account_id: str
    departing: str
    successor: str
    from_day: date
    visit_count: int


@attrs.frozen(kw_only=True)
class VisitRecorded(DomainEvent):
    """A visit was recorded.

    Attributes:
        account_id: the account visited.
        record_id: the record.
        kind: the kind of contact.
        visited_at: when it took place.
        planned_day: the planned day it carried out, or None.
    """

    account_id: str
    record_id: str
    kind: VisitKind
    visited_at: datetime
    planned_day: date | None


@attrs.frozen(kw_only=True)
class VisitOverdue(DomainEvent):
    """A planned visit's day passed without a record (reported once).

    Attributes:
        account_id: the account.
        kind: the kind of the planned visit.
        planned_day: its planned day.
    """

    account_id: str
    kind: VisitKind
    planned_day: date

    @property
    def visit_id(self) -> str:
        """The id of the overdue planned visit (:func:`visit_id`)."""
        return visit_id(self.account_id, self.planned_day, self.kind)


# --- compliance values --------------------------------------------------------------------


@attrs.frozen
class OverdueVisit:
    """A planned visit whose day passed with no record (SPEC §6 compliance).

    Attributes:
        account_id: the account.
        kind: the kind of the planned visit.
        planned_day: the planned day.
        days_overdue: days since the planned day, as of the evaluation.
    """

    account_id: str
    kind: VisitKind
    planned_day: date
    days_overdue: int

    @property
    def visit_id(self) -> str:
        """The id of the planned visit (:func:`visit_id`), by which it is reported once."""
        return visit_id(self.account_id, self.planned_day, self.kind)


@attrs.frozen
class VisitGap:
    """An account whose time since its last regular visit is longer than its interval.

    Attributes:
        account_id: the account.
        last_visit: the day of its last regular visit, or None if it had none.
        interval: its interval.
        since: the day the gap is counted from (the last visit, or the plan's start).
        days: days from ``since`` to ``until``.
        until: the day the gap is counted to: the evaluation day, or the plan's last day
            when the plan had ended by then (time after a plan's end is not counted).
    """

    account_id: str
    last_visit: date | None
    interval: VisitInterval
    since: date
    days: int
    until: date


@attrs.frozen
class AccountCompliance:
    """One account's visit compliance at an evaluation day.

    Attributes:
        account_id: the account.
        due: planned visits whose day has passed.
        completed: of those, visits carried out (a record names their planned day).
        overdue: how many are overdue (due and not completed).
        last_visit: the day of the last regular visit recorded, or None.
        plan: the plan evaluated.
        next_index: the position in the plan of the next visit due, or None.
    """

    account_id: str
    due: int
    completed: int
    overdue: int
    last_visit: date | None
    plan: VisitPlan = attrs.field(repr=False, eq=False)
    next_index: int | None = None

    @property
    def next_due(self) -> PlannedVisit | None:
        """The next planned visit not yet carried out, on or after the evaluation day."""
        return None if self.next_index is None else self.plan.visit_at(self.next_index)

    @property
    def completion_rate(self) -> Decimal | None:
        """Completed / due, or None (not applicable) when nothing is due yet."""
        return Decimal(self.completed) / Decimal(self.due) if self.due else None


@attrs.frozen
class ComplianceReport:
    """Visit compliance of a portfolio at an evaluation moment (SPEC §6 compliance).

    Attributes:
        today: the evaluation day (in the calendar's zone).
        accounts: one :class:`AccountCompliance` per plan, by account id.
        overdue: the overdue planned visits, by account and day.
        gaps: accounts whose gap since the last regular visit exceeds their interval.
        events: a :class:`VisitOverdue` for each overdue visit not reported before.
        reported: the ids (:func:`visit_id`) of every overdue visit reported so far; store
            them and pass them to the next evaluation, so the same overdue visit is not
            reported twice.
    """

    today: date
    accounts: tuple[AccountCompliance, ...]
    overdue: tuple[OverdueVisit, ...]
    gaps: tuple[VisitGap, ...]
    events: tuple[VisitOverdue, ...]
    reported: frozenset[str]

    @property
    def due(self) -> int:
        """Planned visits whose day has passed, over the portfolio."""
        return sum(account.due for account in self.accounts)

    @property
    def completed(self) -> int:
        """Of the due visits, those carried out."""
        return sum(account.completed for account in self.accounts)

    @property
    def completion_rate(self) -> Decimal | None:
        """Plan completion so far (走访计划完成率), or None when nothing is due yet."""
        due = self.due
        return Decimal(self.completed) / Decimal(due) if due else None


