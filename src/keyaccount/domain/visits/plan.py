"""A visit plan: one account's visits over a period, and the account it is made for (SPEC §6).

A :class:`VisitPlan` is columnar (tuples of days, kinds, visitors and topics) so that a
portfolio of 100,000 plans stays cheap; :attr:`VisitPlan.visits` builds the friendly
:class:`PlannedVisit` values on demand. Plans are made by :class:`keyaccount.VisitPlanner`.
"""

from __future__ import annotations

import bisect
import warnings
from collections.abc import Iterable
from datetime import date, datetime
from itertools import chain, pairwise

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    a_date,
    non_empty,
    optional_instance_of,
    require_count,
    require_day_in_years,
    require_instant_in_years,
    require_non_empty,
    to_enum,
    to_items,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.grading import Tier
from keyaccount.domain.visits._unchecked import unchecked_builder
from keyaccount.domain.visits.events import VisitReassigned
from keyaccount.domain.visits.kinds import _KIND_ORDER, Topic, VisitKind, visit_id
from keyaccount.domain.visits.quotas import VisitInterval
from keyaccount.domain.visits.records import VisitRecord

__all__ = ["PlannedVisit", "VisitPlan"]


_KINDS = frozenset(VisitKind)
_TOPICS = frozenset(Topic)
_DATE = frozenset({date})
_TUPLE = frozenset({tuple})
_STR = frozenset({str})


# The planner builds 100,000 plans a second or so: the checks below cost a few C-level set
# operations per column in the common case and fall back to the named checks otherwise. A
# column comes back unchanged (the same tuple) when it holds the right values already:
# compliance caches its keys by the identity of the columns a template's plans share.
def _plan_kinds(value: Iterable[VisitKind | str]) -> tuple[VisitKind, ...]:
    kinds = value if type(value) is tuple else to_items(
        value, field="VisitPlan.kinds", expected="visit kinds"
    )
    try:
        if _KINDS.issuperset(kinds):
            return kinds  # type: ignore[return-value]
    except TypeError:  # an unhashable item, refused below
        pass
    return tuple(to_enum(VisitKind, kind, field="a kind in VisitPlan.kinds") for kind in kinds)


def _plan_topics(
    value: Iterable[Iterable[Topic | str]],
) -> tuple[tuple[Topic, ...], ...]:
    columns = value if type(value) is tuple else to_items(
        value, field="VisitPlan.topics", expected="collections of topics"
    )
    try:
        # a plan's visits share a few topic tuples: each distinct one is checked once
        if all(type(each) is tuple and _TOPICS.issuperset(each) for each in set(columns)):
            return columns  # type: ignore[return-value]
    except TypeError:  # an unhashable item, refused below
        pass
    return tuple(
        tuple(
            to_enum(Topic, topic, field="a topic in VisitPlan.topics")
            for topic in to_items(each, field="VisitPlan.topics of a visit", expected="topics")
        )
        for each in columns
    )


def _plan_days(value: Iterable[date]) -> tuple[date, ...]:
    days = value if type(value) is tuple else to_items(
        value, field="VisitPlan.days", expected="dates"
    )
    if not _DATE.issuperset(map(type, days)):
        for day in days:
            require_day_in_years(day, field="a day in VisitPlan.days")
    return days


def _plan_visitors(value: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    given = value if type(value) is tuple else to_items(
        value, field="VisitPlan.visitors", expected="collections of names"
    )
    try:
        # a plan's visits share a few visitor tuples: each distinct one is checked once
        distinct = set(given)
        names = set(chain.from_iterable(distinct))
        if (
            _TUPLE.issuperset(map(type, distinct))
            and () not in distinct
            and _STR.issuperset(map(type, names))
            and all(map(str.strip, names))
        ):
            return given  # type: ignore[return-value]
    except TypeError:  # an unhashable item (a list of names), checked below
        pass
    columns = tuple(
        to_items(each, field="VisitPlan.visitors of a visit", expected="names") for each in given
    )
    for visitors in columns:
        if not visitors:
            raise InvalidInput(
                "VisitPlan.visitors must name at least one visitor a visit, got ()"
            )
        for name in visitors:
            require_non_empty(name, field="a name in VisitPlan.visitors")
    return columns


def _plan_windows(value: Iterable[Period]) -> tuple[Period, ...]:
    windows = to_items(value, field="VisitPlan.windows", expected="Period values")
    for window in windows:
        if not isinstance(window, Period):
            raise InvalidInput(f"VisitPlan.windows must hold Period values, got {window!r}")
    return windows


def _windows_hold_days(instance: VisitPlan, _attribute: object, value: tuple[Period, ...]) -> None:
    for day, window in zip(instance.days, value, strict=False):
        if type(day) is date and day not in window:
            raise InvalidInput(
                f"VisitPlan of {instance.account_id!r}: each window must hold its visit's "
                f"day, got {day.isoformat()} outside {window.start.isoformat()}.."
                f"{window.end.isoformat()}"
            )


def _visit_kind(value: VisitKind | str) -> VisitKind:
    if type(value) is VisitKind:
        return value
    return to_enum(VisitKind, value, field="PlannedVisit.kind")


def _visit_visitors(value: Iterable[str]) -> tuple[str, ...]:
    names = to_items(value, field="PlannedVisit.visitors", expected="names")
    for name in names or ("",):  # at least one visitor, none blank
        require_non_empty(name, field="a name in PlannedVisit.visitors")
    return names


def _visit_topics(value: Iterable[Topic | str]) -> tuple[Topic, ...]:
    topics = to_items(value, field="PlannedVisit.topics", expected="topics")
    return tuple(to_enum(Topic, topic, field="a topic in PlannedVisit.topics") for topic in topics)


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

    Raises:
        InvalidInput: a field of the wrong kind (named): a blank account id, a day outside
            the years 1900-2199, no visitor or a blank one; a kind or topic is a member or its
            string form.
    """

    account_id: str = attrs.field(validator=non_empty)
    kind: VisitKind = attrs.field(converter=_visit_kind)
    day: date = attrs.field(validator=a_date)
    visitors: tuple[str, ...] = attrs.field(converter=_visit_visitors)
    topics: tuple[Topic, ...] = attrs.field(converter=_visit_topics)

    @property
    def visit_id(self) -> str:
        """A stable id: an account has at most one visit of a kind on a day."""
        return visit_id(self.account_id, self.day, self.kind)


@attrs.frozen
class VisitPlan:
    """The visits planned for one account over a period, stored as columns.

    The i-th visit is ``(days[i], kinds[i], visitors[i], topics[i])``; visits are in date
    order (kinds in :class:`VisitKind` order on the same day) and an account has at most one
    visit of a kind on a day. Build plans with
    :class:`keyaccount.VisitPlanner`; the constructor checks the columns.

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
        windows: the window of each visit (a :class:`~keyaccount.Period` holding its day:
            anywhere in it will do), or ``()`` when the plan has none (each visit's window
            is then its own day); compliance matches a record to a visit in its window.

    Raises:
        InvalidInput: columns of different lengths, days out of order or outside the period,
            a kind twice on one day, or a value of the wrong kind in a column (a kind or
            topic is a member or its string form, ``"on_site"``; a visit has visitors).

    >>> from keyaccount import TIER_D
    >>> plan = VisitPlan("BEIHAI", TIER_D, Period.year(2026),
    ...                  days=(date(2026, 1, 5), date(2026, 7, 1)),
    ...                  kinds=(VisitKind.PHONE_RETURN,) * 2, visitors=(("chen",),) * 2,
    ...                  topics=((Topic.CUSTOMER_BASICS,), (Topic.NEEDS_RESEARCH,)),
    ...                  interval=VisitInterval(months=6))
    >>> len(plan), plan.count(VisitKind.PHONE_RETURN), plan.visit_at(1).visit_id
    (2, 2, 'BEIHAI/2026-07-01/phone_return')
    """

    account_id: str = attrs.field(validator=non_empty)
    tier: Tier
    period: Period
    days: tuple[date, ...] = attrs.field(converter=_plan_days)
    kinds: tuple[VisitKind, ...] = attrs.field(converter=_plan_kinds)
    visitors: tuple[tuple[str, ...], ...] = attrs.field(converter=_plan_visitors)
    topics: tuple[tuple[Topic, ...], ...] = attrs.field(converter=_plan_topics)
    interval: VisitInterval | None = attrs.field(
        default=None, validator=optional_instance_of(VisitInterval)
    )
    windows: tuple[Period, ...] = attrs.field(
        default=(), converter=_plan_windows, validator=_windows_hold_days
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.tier, Tier):
            raise InvalidInput(
                f"VisitPlan.tier of {self.account_id!r} must be a Tier, got {self.tier!r}"
            )
        if not isinstance(self.period, Period):
            raise InvalidInput(
                f"VisitPlan.period of {self.account_id!r} must be a Period, got {self.period!r}"
            )
        size = len(self.days)
        if not (len(self.kinds) == len(self.visitors) == len(self.topics) == size):
            raise InvalidInput(
                f"VisitPlan of {self.account_id!r}: days, kinds, visitors and topics must be "
                f"as long as each other, got {size}, {len(self.kinds)}, {len(self.visitors)}, "
                f"{len(self.topics)}"
            )
        if len(self.windows) not in (0, size):
            raise InvalidInput(
                f"VisitPlan of {self.account_id!r}: windows must be () or one per visit "
                f"({size}), got {len(self.windows)}"
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

    @classmethod
    def _from_planner(
        cls,
        account_id: str,
        tier: Tier,
        period: Period,
        days: tuple[date, ...],
        kinds: tuple[VisitKind, ...],
        visitors: tuple[tuple[str, ...], ...],
        topics: tuple[tuple[Topic, ...], ...],
        interval: VisitInterval | None,
        windows: tuple[Period, ...] = (),
    ) -> VisitPlan:
        """A plan of the planner's own columns (private to the visits package).

        The planner builds its columns of checked members and tuples, 100,000 plans at a
        time: the field converters are skipped, the plan's own checks still run.
        """
        plan = object.__new__(cls)
        put = object.__setattr__
        put(plan, "account_id", account_id)
        put(plan, "tier", tier)
        put(plan, "period", period)
        put(plan, "days", days)
        put(plan, "kinds", kinds)
        put(plan, "visitors", visitors)
        put(plan, "topics", topics)
        put(plan, "interval", interval)
        put(plan, "windows", windows)
        plan.__attrs_post_init__()
        return plan

    def __len__(self) -> int:
        return len(self.days)

    @property
    def visits(self) -> tuple[PlannedVisit, ...]:
        """The planned visits as values, in date order."""
        # the plan's columns are checked: its visits need no second check
        return tuple(
            _planned_visit(self.account_id, kind, day, visitors, topics)
            for day, kind, visitors, topics in zip(
                self.days, self.kinds, self.visitors, self.topics, strict=True
            )
        )

    def count(self, kind: VisitKind) -> int:
        """The number of planned visits of ``kind`` (a member or its string form)."""
        if type(kind) is not VisitKind:
            kind = to_enum(VisitKind, kind, field="VisitPlan.count kind")
        return self.kinds.count(kind)

    def visit_at(self, index: int) -> PlannedVisit:
        """The ``index``-th planned visit (from 0; a negative index counts from the end).

        Raises:
            InvalidInput: ``index`` is not an int (nor a bool) of a visit of the plan.
        """
        size = len(self.days)
        if type(index) is not int or not -size <= index < size:
            require_count(index, field="VisitPlan.visit_at index", minimum=-size)
            raise InvalidInput(
                f"VisitPlan.visit_at index must be in {-size}..{size - 1} (the plan of "
                f"{self.account_id!r} holds {size} visits), got {index!r}"
            )
        return _planned_visit(
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
    ) -> tuple[VisitPlan, tuple[VisitReassigned, ...]]:
        """Hand a departing staff member's visits to a successor (SPEC §3 handover).

        .. deprecated:: 0.2.0
            One plan cannot see the successor's load in the rest of the portfolio, so this
            method may give them more visits a day than their capacity (issue 13). Use
            :meth:`keyaccount.VisitPlanner.hand_over`, which keeps each visit on its day
            when the successor has room, else moves it within its window, else reports it
            unplaced. Calling this method emits a :class:`DeprecationWarning`; it will be
            removed in 0.3.0.

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
            The new plan and one :class:`VisitReassigned` event, or the plan itself and no
            event when ``departing`` has no visit to hand over.

        Raises:
            InvalidInput: a blank name, the same person twice, ``from_day`` not a date, or a
                naive ``now``.

        >>> from datetime import datetime, timezone
        >>> from keyaccount import TIER_D
        >>> plan = VisitPlan("BEIHAI", TIER_D, Period.year(2026),
        ...                  days=(date(2026, 1, 5), date(2026, 7, 1), date(2026, 10, 8)),
        ...                  kinds=(VisitKind.PHONE_RETURN,) * 3,
        ...                  visitors=(("chen",), ("chen", "li"), ("chen",)),
        ...                  topics=((Topic.CUSTOMER_BASICS,),) * 3)
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", DeprecationWarning)
        ...     plan, (event,) = plan.reassign_visitor(
        ...         "chen", "li", from_day=date(2026, 6, 1),
        ...         now=datetime(2026, 6, 1, 9, tzinfo=timezone.utc))
        >>> plan.visitors, event.visit_count
        ((('chen',), ('li',), ('li',)), 2)
        """
        warnings.warn(
            "VisitPlan.reassign_visitor does not read the successor's capacity: use "
            "VisitPlanner.hand_over (deprecated in 0.2.0, removed in 0.3.0)",
            DeprecationWarning,
            stacklevel=2,
        )
        where = f"visit plan of {self.account_id!r}"
        require_non_empty(departing, field=f"departing visitor on the {where}")
        require_non_empty(successor, field=f"successor on the {where}")
        if departing == successor:
            raise InvalidInput(f"{departing!r} cannot succeed themself on the {where}")
        require_day_in_years(from_day, field="from_day")
        require_instant_in_years(now, field="now")
        done_keys = _done_keys(done)
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
        event = VisitReassigned(
            occurred_at=now,
            account_id=self.account_id,
            departing=departing,
            successor=successor,
            from_day=from_day,
            visit_count=handed,
        )
        return attrs.evolve(self, visitors=tuple(visitors)), (event,)


_planned_visit = unchecked_builder(PlannedVisit)


def _done_keys(
    done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord],
) -> set[tuple[date | None, VisitKind]]:
    """The ``(planned day, kind)`` of the visits done, given as such pairs or as records.

    An unplanned visit's record gives ``(None, kind)``, which matches no planned visit. A
    kind may be given by its string form; anything else is refused, naming ``done``.
    """
    expected = "(planned day, kind) pairs or VisitRecord values"
    keys: set[tuple[date | None, VisitKind]] = set()
    for item in to_items(done, field="done", expected=expected):
        if isinstance(item, VisitRecord):
            keys.add((item.planned_day, item.kind))
        elif isinstance(item, tuple) and len(item) == 2:
            day, kind = item
            require_day_in_years(day, field="a planned day in done")
            keys.add((day, to_enum(VisitKind, kind, field="a kind in done")))
        else:
            raise InvalidInput(f"done must hold {expected}, got {item!r}")
    return keys
