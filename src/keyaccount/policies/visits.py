"""Visit frequency, the visit planner and visit compliance (SPEC §6).

The frequency policy says how many visits of each kind an account of a tier needs a year;
:class:`VisitPlanner` turns that into dated visits on a business calendar, and
:func:`evaluate_compliance` checks plans against the visit records at a given ``now``.

Planner rules (each one is tested):

* Evenly spread kinds (on-site, phone return, event): the period is cut into as many slots as
  there are visits, with :func:`dateutil.rrule.rrule` (monthly steps when the period is whole
  months and the count divides them, so 12 visits a year fall monthly, 6 every two months, 4
  quarterly); otherwise slots of equal length in days. Each visit goes on the first working
  day of its slot that is not a blackout date of the customer. Only if its whole slot is
  blocked does it leave the slot, for the nearest free day in the period after it (else
  before it).
* Festival kinds (holiday visit, greeting): one on the last working, non-blackout day before
  each festival date the host hands in, for as many festivals (in date order) as the policy's
  count scaled to the period. A plan year handed fewer festivals than that is refused; a
  shorter period owes visits only before the festivals that fall in it. With no free day
  before a festival in the period, the visit goes on the first free day from the festival on.
* Visitors rotate through the account's staff in the order given (round robin over the
  visits in date order); topics rotate through the five content topics of seed 001 over the
  visits that carry content (all but greetings).
* The dates of a tier are computed once per planner call (per quota, period and festivals)
  and reused by every account of the tier; an account's blackout dates only move the visits
  that fall on them. Planning is deterministic and does not depend on the order of accounts.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import pairwise
from math import ceil
from typing import Any, Protocol

import attrs
from dateutil.rrule import MONTHLY, rrule

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import check_settings_keys, require_aware, require_date
from keyaccount.domain.calendar import BusinessCalendar
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tickets import EscalationPolicy, FeedbackTicket, TicketSource, open_ticket
from keyaccount.domain.tiers import DEFAULT_LADDER, Tier, TierLadder, VisitLevel
from keyaccount.domain.visits import (
    FESTIVAL_KINDS,
    REGULAR_KINDS,
    TOPIC_ROTATION,
    AccountCompliance,
    AccountToPlan,
    ComplianceReport,
    OverdueVisit,
    PlanPeriod,
    Topic,
    VisitGap,
    VisitInterval,
    VisitKind,
    VisitOverdue,
    VisitPlan,
    VisitPlanned,
    VisitQuota,
    VisitRecord,
    VisitRecorded,
    visit_id,
)
from keyaccount.policies._protocols import VisitFrequencyPolicy

__all__ = [
    "DEFAULT_LEVEL_QUOTAS",
    "DEFAULT_TIER_QUOTAS",
    "TierVisitFrequency",
    "VisitPlanner",
    "evaluate_compliance",
    "record_visit",
    "scaled_count",
]

# seed 001 §走访频率 leaves the counts open ([X]); SPEC §6 defaults: A 12 on-site (monthly),
# B 6 on-site (every two months), C 4 phone return visits (quarterly), D 2 phone return
# visits. seed 002 §维护计划分类: key maintenance (A, B) adds holiday visits (default
# festivals: Spring Festival and Mid-Autumn, so 2) and events (our default: 1 a year);
# routine maintenance (C, D) adds greetings (our default: one at each of the 2 festivals).
DEFAULT_TIER_QUOTAS: tuple[tuple[str, VisitQuota], ...] = (
    ("A", VisitQuota(on_site=12, holiday=2, event=1)),
    ("B", VisitQuota(on_site=6, holiday=2, event=1)),
    ("C", VisitQuota(phone_return=4, greeting=2)),
    ("D", VisitQuota(phone_return=2, greeting=2)),
)
# seed 001 §走访频率 speaks of core / important / general key accounts (SPEC §5c): tiers not
# in the table above (STRATEGIC, PARTNER, ORDINARY, a host's own) get their level's quota,
# the quota of the top tier on that level in the default ladder.
DEFAULT_LEVEL_QUOTAS: tuple[tuple[VisitLevel, VisitQuota], ...] = (
    (VisitLevel.CORE, DEFAULT_TIER_QUOTAS[0][1]),
    (VisitLevel.IMPORTANT, DEFAULT_TIER_QUOTAS[1][1]),
    (VisitLevel.GENERAL, DEFAULT_TIER_QUOTAS[2][1]),
)

_KIND_NAMES = tuple(kind.value for kind in VisitKind)
_EVEN_KINDS = (VisitKind.ON_SITE, VisitKind.PHONE_RETURN, VisitKind.EVENT)
_KIND_ORDER = {kind: position for position, kind in enumerate(VisitKind)}
# A period at least this long is a plan year: it must hold its festivals.
_YEAR_DAYS = 365
# Day ordinals stay below this (date.max.toordinal() is 3,652,059).
_DAY_SPAN = 4_000_000


def _quota_pairs(value: Iterable[tuple[Any, VisitQuota]] | Mapping[Any, VisitQuota]) -> tuple[
    tuple[Any, VisitQuota], ...
]:
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    return tuple(sorted(pairs, key=lambda pair: str(getattr(pair[0], "value", pair[0]))))


def _check_quotas(_instance: Any, attribute: Any, value: tuple[tuple[Any, Any], ...]) -> None:
    keys = [key for key, _ in value]
    if len(set(keys)) != len(keys):
        raise InvalidInput(f"TierVisitFrequency.{attribute.name} names a key twice: {keys}")
    for key, quota in value:
        if not isinstance(quota, VisitQuota):
            raise InvalidInput(
                f"TierVisitFrequency.{attribute.name}[{key!r}] must be a VisitQuota, "
                f"got {quota!r}"
            )


@attrs.frozen
class TierVisitFrequency:
    """Minimum visits a year per tier (or visit level), plus raises for single customers.

    The quota of a tier is looked up by tier code first, then by the tier's visit level on
    the ladder. A customer's raise is added on top (SPEC §6: frequency may be raised for a
    customer at any time; it is never lowered below the minimum).

    Attributes:
        tiers: pairs ``(tier code, VisitQuota)``; default :data:`DEFAULT_TIER_QUOTAS`.
        levels: pairs ``(VisitLevel, VisitQuota)``; default :data:`DEFAULT_LEVEL_QUOTAS`.
        ladder: maps tiers onto visit levels.
        raises: pairs ``(account id, VisitQuota)`` added to that account's minimum.

    >>> from keyaccount import TIER_A, STRATEGIC
    >>> policy = TierVisitFrequency()
    >>> policy.minimum(TIER_A).on_site, policy.minimum(STRATEGIC).on_site
    (12, 12)
    >>> policy.with_raise("ACME", VisitQuota(on_site=4)).quota_for("ACME", TIER_A).on_site
    16
    """

    tiers: tuple[tuple[str, VisitQuota], ...] = attrs.field(
        default=DEFAULT_TIER_QUOTAS, converter=_quota_pairs, validator=_check_quotas
    )
    levels: tuple[tuple[VisitLevel, VisitQuota], ...] = attrs.field(
        default=DEFAULT_LEVEL_QUOTAS, converter=_quota_pairs, validator=_check_quotas
    )
    ladder: TierLadder = DEFAULT_LADDER
    raises: tuple[tuple[str, VisitQuota], ...] = attrs.field(
        default=(), converter=_quota_pairs, validator=_check_quotas
    )
    # lookups of the hot path (one per account planned), derived from the fields above
    _by_code: dict[str, VisitQuota] = attrs.field(init=False, repr=False, eq=False)
    _by_account: dict[str, VisitQuota] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {})
        object.__setattr__(self, "_by_account", dict(self.raises))

    def minimum(self, tier: Tier) -> VisitQuota:
        """The minimum visits a year of each kind for an account of ``tier``.

        Raises:
            InvalidInput: the tier is neither in the table nor on the ladder, or its level
                has no quota.
        """
        known = self._by_code.get(tier.code)
        if known is not None:
            return known
        quota = self._lookup(tier)
        self._by_code[tier.code] = quota
        return quota

    def _lookup(self, tier: Tier) -> VisitQuota:
        for code, quota in self.tiers:
            if code == tier.code:
                return quota
        level = self.ladder.level_of(tier)
        for known, quota in self.levels:
            if known is level:
                return quota
        raise InvalidInput(
            f"tier {tier.code!r} (visit level {level.value!r}) has no visit quota; known "
            f"tiers {[code for code, _ in self.tiers]}, levels "
            f"{[known.value for known, _ in self.levels]}"
        )

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        """The account's quota: its tier's minimum plus any raise for the account."""
        quota = self.minimum(tier)
        extra = self._by_account.get(account_id)
        return quota if extra is None else quota + extra

    def with_raise(self, account_id: str, extra: VisitQuota) -> TierVisitFrequency:
        """A policy where ``account_id`` gets ``extra`` visits on top (added to any raise).

        Raises:
            InvalidInput: ``extra`` is not a :class:`~keyaccount.VisitQuota` (a raise can only
                add visits: its counts are never negative).
        """
        if not isinstance(extra, VisitQuota):
            raise InvalidInput(f"a raise for {account_id!r} must be a VisitQuota, got {extra!r}")
        raises = dict(self.raises)
        raises[account_id] = raises[account_id] + extra if account_id in raises else extra
        return attrs.evolve(self, raises=raises)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> TierVisitFrequency:
        """Build from a host's settings.

        Keys (all optional): ``tiers`` ``{code: {kind: count}}`` (replaces the default row of
        each tier it names), ``levels`` ``{"core" | "important" | "general": {kind: count}}``,
        ``ladder`` ``{code: level}`` and ``raises`` ``{account id: {kind: count}}``. Kinds are
        ``on_site``, ``phone_return``, ``holiday``, ``event``, ``greeting``; a kind left out
        counts 0.

        Raises:
            PolicyConfigError: an unknown key or kind, or a count that is not an int >= 0.

        >>> TierVisitFrequency.from_mapping({"tiers": {"A": {"on_site": 24}}}).tiers[0]
        ('A', VisitQuota(on_site=24, phone_return=0, holiday=0, event=0, greeting=0))
        >>> TierVisitFrequency.from_mapping({"tiers": {"A": {"onsite": 24}}})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: visit quota of tiers['A'] settings have unknown key(s)
        ['onsite']; expected some of ['event', 'greeting', 'holiday', 'on_site', 'phone_return']
        """
        check_settings_keys(
            settings, allowed=("tiers", "levels", "ladder", "raises"), policy="visit frequency"
        )
        tiers = dict(DEFAULT_TIER_QUOTAS)
        tiers.update(_quotas_from(settings.get("tiers", {}), "tiers"))
        levels = dict(DEFAULT_LEVEL_QUOTAS)
        for name, quota in _quotas_from(settings.get("levels", {}), "levels").items():
            try:
                levels[VisitLevel(name)] = quota
            except ValueError:
                raise PolicyConfigError(
                    f"visit frequency levels key must be one of "
                    f"{[level.value for level in VisitLevel]}, got {name!r}"
                ) from None
        ladder = DEFAULT_LADDER
        if "ladder" in settings:
            if not isinstance(settings["ladder"], Mapping):
                raise PolicyConfigError(
                    f"visit frequency ladder must be a mapping {{tier code: visit level}}, "
                    f"got {settings['ladder']!r}"
                )
            ladder = TierLadder.from_mapping(settings["ladder"])
        raises = _quotas_from(settings.get("raises", {}), "raises")
        try:
            return cls(tiers=tiers, levels=levels, ladder=ladder, raises=raises)
        except InvalidInput as error:
            raise PolicyConfigError(str(error)) from None


def _quotas_from(section: object, name: str) -> dict[str, VisitQuota]:
    if not isinstance(section, Mapping):
        raise PolicyConfigError(f"visit frequency {name} must be a mapping, got {section!r}")
    quotas = {}
    for key, counts in section.items():
        if not isinstance(key, str) or not key.strip():
            raise PolicyConfigError(f"visit frequency {name} key must be a non-empty string, "
                                    f"got {key!r}")
        check_settings_keys(counts, allowed=_KIND_NAMES, policy=f"visit quota of {name}[{key!r}]")
        try:
            quotas[key] = VisitQuota(**{kind: counts.get(kind, 0) for kind in _KIND_NAMES})
        except InvalidInput as error:
            raise PolicyConfigError(f"visit frequency {name}[{key!r}]: {error}") from None
    return quotas


# --- the planner --------------------------------------------------------------------------


class WorkingDayCalendar(Protocol):
    """What the planner and compliance read of a calendar (:class:`keyaccount.BusinessCalendar`)."""

    @property
    def zone(self) -> tzinfo:
        """The calendar's time zone."""

    def is_working_day(self, day: date) -> bool:
        """True when ``day`` is a working day."""


def scaled_count(per_year: int, period: PlanPeriod) -> int:
    """Visits owed in ``period`` for ``per_year`` a year (rounded up: a minimum).

    A period of whole months owes ``per_year * months / 12``; any other period owes
    ``per_year * days / 365``.

    >>> scaled_count(12, PlanPeriod.year(2028))
    12
    >>> scaled_count(4, PlanPeriod(date(2026, 1, 1), date(2026, 5, 1)))
    2
    """
    if per_year == 0:
        return 0
    months = period.months
    if months is not None:
        return -(-per_year * months // 12)
    return -(-per_year * period.days // 365)


def _interval(count: int, period: PlanPeriod) -> VisitInterval | None:
    if count == 0:
        return None
    months = period.months
    if months is not None and months % count == 0:
        return VisitInterval(months=months // count)
    return VisitInterval(days=ceil(period.days / count))


def _slot_bounds(period: PlanPeriod, lo: int, hi: int, count: int) -> list[int]:
    """Day indices (from ``period.start``) cutting ``[lo, hi)`` into ``count`` even slots."""
    sub = PlanPeriod(period.start + timedelta(days=lo), period.start + timedelta(days=hi))
    months = sub.months
    if months is not None and months % count == 0:
        starts = rrule(MONTHLY, interval=months // count, dtstart=sub.start, count=count)
        bounds = [lo + (moment.date() - sub.start).days for moment in starts]
    else:
        bounds = [lo + (index * (hi - lo)) // count for index in range(count)]
    bounds.append(hi)
    return bounds


class _Days:
    """The working days of a period as a list of flags (computed once per planner call)."""

    __slots__ = ("period", "working")

    def __init__(self, calendar: WorkingDayCalendar, period: PlanPeriod) -> None:
        self.period = period
        start = period.start
        self.working = [
            calendar.is_working_day(start + timedelta(days=offset))
            for offset in range(period.days)
        ]


def _place(
    free: Sequence[bool], lo: int, hi: int, taken: Collection[int], backwards: bool
) -> int | None:
    """The first free day of ``[lo, hi)`` (the last one when ``backwards``).

    When the whole slot is blocked: the nearest free day outside it in the period, after it
    first (before it first when ``backwards``).
    """
    inside = range(hi - 1, lo - 1, -1) if backwards else range(lo, hi)
    for index in inside:
        if free[index] and index not in taken:
            return index
    after = range(hi, len(free))
    before = range(lo - 1, -1, -1)
    for outside in (before, after) if backwards else (after, before):
        for index in outside:
            if free[index] and index not in taken:
                return index
    return None


@attrs.frozen
class _Slot:
    kind: VisitKind
    lo: int
    hi: int
    backwards: bool


def _slots(
    days: _Days,
    lo: int,
    festivals: Sequence[int],
    counts: Mapping[VisitKind, int],
) -> list[_Slot]:
    """The slots of the visits owed in ``[lo, end)`` of the period."""
    slots: list[_Slot] = []
    hi = len(days.working)
    for kind in _EVEN_KINDS:
        count = counts[kind]
        if count:
            bounds = _slot_bounds(days.period, lo, hi, count)
            slots.extend(
                _Slot(kind, start, end, False) for start, end in pairwise(bounds)
            )
    for kind in (VisitKind.HOLIDAY, VisitKind.GREETING):
        previous = lo
        for festival in festivals[: counts[kind]]:
            slots.append(_Slot(kind, previous, festival, True))
            previous = festival
    return slots


def _place_in(
    slot: _Slot, free: Sequence[bool], used: set[int], account: str, period: PlanPeriod
) -> int:
    index = _place(free, slot.lo, slot.hi, used, slot.backwards)
    if index is None:
        raise InvalidInput(
            f"no free working day left in {period.start.isoformat()}.."
            f"{period.end.isoformat()} for a {slot.kind.value} visit of {account!r}"
        )
    used.add(index)
    return index


def _lay_out(
    slots: Sequence[_Slot],
    free: Sequence[bool],
    taken: Mapping[VisitKind, set[int]],
    account: str,
    period: PlanPeriod,
) -> list[tuple[int, VisitKind, _Slot]]:
    """Place every slot's visit; the result is in visit order (day, then kind)."""
    placed = [
        (_place_in(slot, free, taken[slot.kind], account, period), slot.kind, slot)
        for slot in slots
    ]
    placed.sort(key=_visit_order)
    return placed


def _visit_order(row: tuple[Any, ...]) -> tuple[Any, int]:
    """Sort key of rows ``(day, kind, ...)``: by day, then kind (as :class:`VisitPlan` keeps)."""
    return row[0], _KIND_ORDER[row[1]]


def _visit_columns(rows: list[tuple[Any, ...]], width: int) -> tuple[tuple[Any, ...], ...]:
    """Rows ``(day, kind, ...)`` of ``width`` fields, as columns in visit order."""
    rows.sort(key=_visit_order)
    return tuple(zip(*rows, strict=True)) if rows else ((),) * width


def _topics_for(kinds: Iterable[VisitKind], start: int = 0) -> tuple[tuple[Topic, ...], ...]:
    topics: list[tuple[Topic, ...]] = []
    turn = start
    for kind in kinds:
        if kind is VisitKind.GREETING:
            topics.append(())
        else:
            topics.append(_TOPIC_SINGLES[turn % len(_TOPIC_SINGLES)])
            turn += 1
    return tuple(topics)


_TOPIC_SINGLES = tuple((topic,) for topic in TOPIC_ROTATION)


class _Template:
    """The dates of one quota in one period: shared by every account with that quota."""

    __slots__ = ("days", "dayset", "interval", "kinds", "slots", "topics")

    def __init__(
        self, quota: VisitQuota, days: _Days, festivals: Sequence[int], account: str
    ) -> None:
        period = days.period
        counts = {kind: scaled_count(quota.count(kind), period) for kind in VisitKind}
        for kind in FESTIVAL_KINDS:
            if counts[kind] > len(festivals):
                # A plan year must be handed the festivals its quota counts (forgetting them
                # must not silently drop the holiday visits); a shorter period owes visits
                # only before the festivals falling in it (by default none in April-June).
                if period.days < _YEAR_DAYS:
                    counts[kind] = len(festivals)
                    continue
                raise InvalidInput(
                    f"{account!r} needs {counts[kind]} {kind.value} visit(s) in "
                    f"{period.start.isoformat()}..{period.end.isoformat()} but "
                    f"{len(festivals)} festival date(s) were handed in for it"
                )
        placed = _lay_out(
            _slots(days, 0, festivals, counts),
            days.working,
            {kind: set() for kind in VisitKind},
            account,
            period,
        )
        start = period.start
        self.days = tuple(start + timedelta(days=index) for index, _, _ in placed)
        self.kinds = tuple(kind for _, kind, _ in placed)
        self.slots = tuple(slot for _, _, slot in placed)
        self.topics = _topics_for(self.kinds)
        self.dayset = frozenset(self.days)
        self.interval = _interval(
            scaled_count(quota.regular, period), period
        )


def _visitors(
    staff: tuple[str, ...], count: int, singles: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], ...]:
    """Round robin over ``staff``; ``singles`` shares one ``(name,)`` per person."""
    cycle = []
    for name in staff:
        single = singles.get(name)
        if single is None:
            single = singles[name] = (name,)
        cycle.append(single)
    return (tuple(cycle) * (count // len(cycle) + 1))[:count]


@attrs.frozen
class VisitPlanner:
    """Plans visits on a business calendar under a visit frequency policy (SPEC §6).

    Attributes:
        calendar: the business calendar (any object with ``zone`` and ``is_working_day``,
            usually a :class:`keyaccount.BusinessCalendar`).
        policy: the visit frequency policy.

    See the module docstring for the planner's rules.

    >>> from datetime import date, datetime, time
    >>> from keyaccount import TIER_C, AccountToPlan, BusinessCalendar, PlanPeriod
    >>> calendar = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(9), time(18))],
    ...                             holidays=[date(2026, 1, 1)])
    >>> plan, events = VisitPlanner(calendar).plan(
    ...     AccountToPlan("JINQIAO", TIER_C, staff=["chen", "zhou"]), PlanPeriod.year(2026),
    ...     festivals=[date(2026, 2, 17), date(2026, 9, 25)],
    ...     now=datetime(2025, 12, 1, tzinfo=calendar.zone))
    >>> [(str(visit.day), visit.kind.value, visit.visitors, [t.value for t in visit.topics])
    ...  for visit in plan.visits]
    [('2026-01-02', 'phone_return', ('chen',), ['customer_basics']),
     ('2026-02-16', 'greeting', ('zhou',), []),
     ('2026-04-01', 'phone_return', ('chen',), ['business_cooperation']),
     ('2026-07-01', 'phone_return', ('zhou',), ['market_dynamics']),
     ('2026-09-24', 'greeting', ('chen',), []),
     ('2026-10-01', 'phone_return', ('zhou',), ['competitor_analysis'])]
    >>> str(plan.interval), events[0].visit_count
    ('3 months', 6)
    """

    calendar: WorkingDayCalendar
    policy: VisitFrequencyPolicy = attrs.field(factory=lambda: TierVisitFrequency())

    def plan(
        self,
        account: AccountToPlan,
        period: PlanPeriod,
        *,
        festivals: Iterable[date] = (),
        now: datetime,
    ) -> tuple[VisitPlan, tuple[VisitPlanned, ...]]:
        """Plan ``period`` for one account.

        Args:
            account: the account, its tier, staff and blackout dates.
            period: the plan period.
            festivals: the festival dates of the period (default policy: Spring Festival and
                Mid-Autumn), before which holiday visits and greetings go.
            now: when the plan is made (timezone-aware), for the event.

        Returns:
            The plan and a :class:`VisitPlanned` event.

        Raises:
            InvalidInput: naive ``now``; a plan year (365 days or more) holds fewer festivals
                than the account needs holiday visits or greetings; the period has no free
                working day left for a visit.
            CalendarRangeError: the period is outside the calendar's holiday data.
        """
        plans, events = self.plan_portfolio([account], period, festivals=festivals, now=now)
        return plans[0], events

    def plan_portfolio(
        self,
        accounts: Iterable[AccountToPlan],
        period: PlanPeriod,
        *,
        festivals: Iterable[date] = (),
        now: datetime,
    ) -> tuple[tuple[VisitPlan, ...], tuple[VisitPlanned, ...]]:
        """Plan ``period`` for every account; plans come back in account id order.

        The dates of each quota are computed once and shared by the accounts that have it;
        an account's blackout dates move only the visits that fall on them. Cost: one pass
        over the period's days, then O(visits) per account.

        Raises:
            InvalidInput: as :meth:`plan`, and an account id given twice.
        """
        require_aware(now, field="now")
        ordered = sorted(accounts, key=lambda account: account.account_id)
        for before, after in pairwise(ordered):
            if before.account_id == after.account_id:
                raise InvalidInput(f"account {before.account_id!r} is given twice to plan")
        days = _Days(self.calendar, period)
        festival_indices = _festival_indices(festivals, period)
        templates: dict[VisitQuota, _Template] = {}
        # A policy hands out the same quota object for every account of a tier: look it up
        # by identity first (the object is kept alive in the value, so its id is not reused).
        by_identity: dict[int, tuple[VisitQuota, _Template]] = {}
        singles: dict[str, tuple[str, ...]] = {}
        plans = []
        events = []
        quota_for = self.policy.quota_for
        for account in ordered:
            account_id = account.account_id
            quota = quota_for(account_id, account.tier)
            known = by_identity.get(id(quota))
            if known is not None:
                template = known[1]
            else:
                if quota not in templates:
                    templates[quota] = _Template(quota, days, festival_indices, account_id)
                template = templates[quota]
                by_identity[id(quota)] = (quota, template)
            blackout = account.blackout_dates
            if blackout and not template.dayset.isdisjoint(blackout):
                visit_days, kinds, topics = _around_blackout(template, days, account)
            else:
                visit_days, kinds, topics = template.days, template.kinds, template.topics
            plan = VisitPlan(
                account_id,
                account.tier,
                period,
                visit_days,
                kinds,
                _visitors(account.staff, len(visit_days), singles),
                topics,
                template.interval,
            )
            plans.append(plan)
            events.append(
                VisitPlanned(
                    occurred_at=now,
                    account_id=account_id,
                    period=period,
                    visit_count=len(visit_days),
                )
            )
        return tuple(plans), tuple(events)

    def replan(
        self,
        plan: VisitPlan,
        account: AccountToPlan,
        *,
        as_of: date,
        done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord],
        festivals: Iterable[date] = (),
        now: datetime,
    ) -> tuple[VisitPlan, tuple[VisitPlanned, ...]]:
        """Re-plan after a tier change (or new staff, new blackout dates) from ``as_of``.

        Visits before ``as_of`` stay as they were (done or missed: the record of the past),
        and every visit done stays, whenever it was planned. The rest is dropped and
        re-spread over ``[as_of, end)`` by the same rules as :meth:`plan`: of each evenly
        spread kind, the new tier's quota for ``[as_of, end)`` (:func:`scaled_count`) less
        the visits kept on or after ``as_of``, but never more than the new tier's quota for
        the whole period less every visit of that kind kept (so a re-plan under the same
        tier adds no visit); of each festival kind, the new tier's quota for the period less
        the visits of that kind kept, before the festivals still ahead.

        Args:
            plan: the current plan.
            account: the account as it is now (new tier, staff, blackout dates).
            as_of: the first day that may be re-planned.
            done: the visits done, as ``(planned day, kind)`` pairs or as the visit records.
            festivals: the festival dates of the period.
            now: when the plan is remade (timezone-aware).

        Raises:
            InvalidInput: the account is not the plan's, ``as_of`` is outside the period, or
                no free working day is left for a visit.
        """
        require_aware(now, field="now")
        require_date(as_of, field="as_of")
        if account.account_id != plan.account_id:
            raise InvalidInput(
                f"replan of {plan.account_id!r} was given account {account.account_id!r}"
            )
        period = plan.period
        if as_of not in period:
            raise InvalidInput(
                f"as_of must lie in {period.start.isoformat()}..{period.end.isoformat()}, "
                f"got {as_of.isoformat()}"
            )
        done_keys = {
            (item.planned_day, item.kind) if isinstance(item, VisitRecord) else item
            for item in done
        }
        kept = [
            index
            for index, (day, kind) in enumerate(zip(plan.days, plan.kinds, strict=True))
            if day < as_of or (day, kind) in done_keys
        ]
        quota = self.policy.quota_for(account.account_id, account.tier)
        days = _Days(self.calendar, period)
        offset = (as_of - period.start).days
        free = _free_days(days, account.blackout_dates)
        taken: dict[VisitKind, set[int]] = {kind: set() for kind in VisitKind}
        for index in kept:
            taken[plan.kinds[index]].add((plan.days[index] - period.start).days)
        rest = PlanPeriod(as_of, period.end)
        counts = {}
        for kind in VisitKind:
            kept_days = taken[kind]
            # what the new tier asks of the whole period, less what is already kept of it
            owed = scaled_count(quota.count(kind), period) - len(kept_days)
            if kind not in FESTIVAL_KINDS:
                # the new tier's rhythm applies from as_of (visits done early count), but a
                # re-plan never asks more than the period's quota: re-planning for new
                # blackout dates alone must not add visits by rounding up the rest
                owed = min(
                    owed,
                    scaled_count(quota.count(kind), rest)
                    - sum(1 for index in kept_days if index >= offset),
                )
            counts[kind] = max(0, owed)
        ahead = [index for index in _festival_indices(festivals, period) if index > offset]
        slots = _slots(days, offset, ahead, counts)
        placed = _lay_out(slots, free, taken, account.account_id, period)
        rows = [
            (plan.days[index], plan.kinds[index], plan.visitors[index], plan.topics[index])
            for index in kept
        ]
        new_kinds = [kind for _, kind, _ in placed]
        new_topics = _topics_for(new_kinds, start=len(kept))
        # the round robin goes on from the visits kept, as if the plan had been made whole
        turn = len(kept) % len(account.staff)
        new_visitors = _visitors(account.staff[turn:] + account.staff[:turn], len(placed), {})
        rows.extend(
            (period.start + timedelta(days=index), kind, visitors, topics)
            for (index, kind, _), visitors, topics in zip(
                placed, new_visitors, new_topics, strict=True
            )
        )
        visit_days, kinds, visitor_column, topic_column = _visit_columns(rows, 4)
        new_plan = VisitPlan(
            plan.account_id,
            account.tier,
            period,
            visit_days,
            kinds,
            visitor_column,
            topic_column,
            _interval(scaled_count(quota.regular, period), period),
        )
        event = VisitPlanned(
            occurred_at=now,
            account_id=plan.account_id,
            period=period,
            visit_count=len(new_plan),
        )
        return new_plan, (event,)


def _festival_indices(festivals: Iterable[date], period: PlanPeriod) -> list[int]:
    indices = set()
    for festival in festivals:
        require_date(festival, field="festivals")
        if festival in period:
            indices.add((festival - period.start).days)
    return sorted(indices)


def _free_days(days: _Days, blackout: Collection[date]) -> list[bool]:
    free = list(days.working)
    start = days.period.start
    for day in blackout:
        if day in days.period:
            free[(day - start).days] = False
    return free


def _around_blackout(
    template: _Template, days: _Days, account: AccountToPlan
) -> tuple[tuple[date, ...], tuple[VisitKind, ...], tuple[tuple[Topic, ...], ...]]:
    """Re-place only the template's visits that fall on the account's blackout dates."""
    period = days.period
    start = period.start
    blackout = account.blackout_dates
    free = _free_days(days, blackout)
    taken: dict[VisitKind, set[int]] = {kind: set() for kind in VisitKind}
    for day, kind in zip(template.days, template.kinds, strict=True):
        if day not in blackout:
            taken[kind].add((day - start).days)
    rows = []
    for day, kind, topics, slot in zip(
        template.days, template.kinds, template.topics, template.slots, strict=True
    ):
        if day in blackout:
            moved = _place_in(slot, free, taken[kind], account.account_id, period)
            rows.append((start + timedelta(days=moved), kind, topics))
        else:
            rows.append((day, kind, topics))
    visit_days, kinds, topic_column = _visit_columns(rows, 3)
    return visit_days, kinds, topic_column


# --- compliance ---------------------------------------------------------------------------


def evaluate_compliance(
    plans: Iterable[VisitPlan],
    records: Iterable[VisitRecord],
    *,
    now: datetime,
    zone: tzinfo,
    reported: Collection[str] = frozenset(),
) -> ComplianceReport:
    """Visit compliance of the plans at ``now`` (SPEC §6 compliance).

    A planned visit is *due* once its day has passed (the evaluation day is ``now``'s date in
    ``zone``); it is *completed* when a record of the same account and kind names its planned
    day, else *overdue*. The *next visit due* is the first visit from today on not yet
    completed. An account has a *gap* when its last regular visit (on-site or phone return,
    planned or not, up to today), or the start of its plan if it had none, lies more than its
    interval before today, or before the plan's last day once the plan has ended: time after
    the end of a plan is not counted against it (it belongs to the next plan), so a plan
    evaluated after its end reports the gaps it had on its last day.

    Args:
        plans: one plan per account.
        records: the visit records (records of accounts without a plan are ignored).
        now: the evaluation moment (timezone-aware).
        zone: the zone in which days are counted (the business calendar's zone).
        reported: the ids (:func:`~keyaccount.visit_id`) of the overdue visits already
            reported (``ComplianceReport.reported`` of the previous evaluation), so events
            are raised only for newly overdue visits.

    Returns:
        The report: per-account figures, overdue visits, gaps, events for the newly overdue
        visits and the updated ``reported`` ids. Cost: O(records + due visits) plus a binary
        search per plan.

    Raises:
        InvalidInput: naive ``now``, two plans for one account, or ``reported`` holding
            something other than visit ids.

    >>> from datetime import date, datetime, timezone
    >>> from keyaccount import TIER_C, Topic, VisitInterval, VisitKind, VisitPlan
    >>> plan = VisitPlan("JINQIAO", TIER_C, PlanPeriod.year(2026),
    ...                  days=(date(2026, 1, 5), date(2026, 4, 1), date(2026, 7, 1)),
    ...                  kinds=(VisitKind.PHONE_RETURN,) * 3, visitors=(("chen",),) * 3,
    ...                  topics=((Topic.CUSTOMER_BASICS,),) * 3,
    ...                  interval=VisitInterval(months=3))
    >>> april = datetime(2026, 4, 15, 9, tzinfo=timezone.utc)
    >>> report = evaluate_compliance([plan], [], now=april, zone=timezone.utc)
    >>> [visit.visit_id for visit in report.overdue]
    ['JINQIAO/2026-01-05/phone_return', 'JINQIAO/2026-04-01/phone_return']
    >>> report.completion_rate, report.accounts[0].next_due.day, len(report.events)
    (Decimal('0'), datetime.date(2026, 7, 1), 2)
    >>> evaluate_compliance([plan], [], now=april, zone=timezone.utc,
    ...                     reported=report.reported).events
    ()
    """
    require_aware(now, field="now")
    today = now.astimezone(zone).date()
    ordered = sorted(plans, key=lambda plan: plan.account_id)
    position = {plan.account_id: index for index, plan in enumerate(ordered)}
    if len(position) != len(ordered):
        twice = next(a.account_id for a, b in pairwise(ordered) if a.account_id == b.account_id)
        raise InvalidInput(f"account {twice!r} has two plans to evaluate")
    already = reported if isinstance(reported, (set, frozenset)) else frozenset(reported)
    if not all(isinstance(reported_id, str) for reported_id in already):
        raise InvalidInput(
            "reported must hold visit ids (strings, ComplianceReport.reported), got "
            f"{next(item for item in already if not isinstance(item, str))!r}"
        )
    done, last_visit = _done_visits(records, position, zone, today)
    # plans of one template share their interval object: one window per object
    windows: dict[int, date] = {}
    # plans of one template share their columns: their keys are computed once
    columns: dict[tuple[int, int], tuple[int, ...]] = {}
    # visit ids are the account id plus a suffix shared by every visit of that day and kind
    suffixes: dict[int, str] = {}
    accounts = []
    overdue: list[OverdueVisit] = []
    overdue_ids: list[str] = []
    gaps = []
    for index, plan in enumerate(ordered):
        account_id = plan.account_id
        plan_days = plan.days
        plan_kinds = plan.kinds
        day_keys = columns.get((id(plan_days), id(plan_kinds)))
        if day_keys is None:
            day_keys = _day_keys(plan_days, plan_kinds, columns)
        base = index * _ACCOUNT_STRIDE
        due = bisect.bisect_left(plan_days, today)
        completed = 0
        for visit in range(due):
            day_key = day_keys[visit]
            if base + day_key in done:
                completed += 1
                continue
            day, kind = plan_days[visit], plan_kinds[visit]
            suffix = suffixes.get(day_key)
            if suffix is None:
                suffix = suffixes[day_key] = visit_id("", day, kind)
            overdue_ids.append(account_id + suffix)
            overdue.append(OverdueVisit(account_id, kind, day, (today - day).days))
        next_index = None
        for visit in range(due, len(day_keys)):
            if base + day_keys[visit] not in done:
                next_index = visit
                break
        last = last_visit.get(account_id)
        interval = plan.interval
        if interval is not None:
            period = plan.period
            if today < period.end:
                until = today
                window = windows.get(id(interval))
                if window is None:
                    window = windows[id(interval)] = interval.window_start(today)
            else:
                # the time after a plan's end belongs to the next plan: an ended plan's gaps
                # are those it had on its last day, however late it is evaluated
                until = period.end - timedelta(days=1)
                window = interval.window_start(until)
            since = period.start if last is None else last
            if since < window:
                gaps.append(
                    VisitGap(account_id, last, interval, since, (until - since).days, until)
                )
        accounts.append(
            AccountCompliance(account_id, due, completed, due - completed, last, plan, next_index)
        )
    events = tuple(
        VisitOverdue(
            occurred_at=now, account_id=visit.account_id, kind=visit.kind,
            planned_day=visit.planned_day,
        )
        for visit, overdue_id in zip(overdue, overdue_ids, strict=True)
        if overdue_id not in already
    )
    return ComplianceReport(
        today,
        tuple(accounts),
        tuple(overdue),
        tuple(gaps),
        events,
        frozenset(already).union(overdue_ids),
    )


# A done visit is keyed by one int, ((account position * _DAY_SPAN) + day ordinal) * 8 + kind:
# no tuple per record or visit, which keeps 100,000 accounts light on the allocator and on the
# garbage collector. Eight kind codes leave room for the five kinds.
_ACCOUNT_STRIDE = _DAY_SPAN * 8


def _done_visits(
    records: Iterable[VisitRecord], position: Mapping[str, int], zone: tzinfo, today: date
) -> tuple[set[int], dict[str, date]]:
    """The keys of the planned visits carried out, and each account's last regular visit day.

    Only records of accounts in ``position`` count; a regular visit counts for the gap when
    it took place by the end of ``today`` in ``zone``.
    """
    done: set[int] = set()
    latest: dict[str, datetime] = {}
    # compare instants with the start of tomorrow: one day conversion per account, not per
    # record (for a midnight skipped by DST, fold=0 is still the first instant of the day)
    tomorrow = datetime.combine(today + timedelta(days=1), time(), tzinfo=zone)
    kind_code = _KIND_ORDER
    for record in records:
        account_id = record.account_id
        index = position.get(account_id)
        if index is None:
            continue
        kind = record.kind
        planned_day = record.planned_day
        if planned_day is not None:
            done.add((index * _DAY_SPAN + planned_day.toordinal()) * 8 + kind_code[kind])
        if kind in REGULAR_KINDS:
            moment = record.visited_at
            if moment < tomorrow and (account_id not in latest or moment > latest[account_id]):
                latest[account_id] = moment
    return done, {account: moment.astimezone(zone).date() for account, moment in latest.items()}


def _day_keys(
    days: tuple[date, ...],
    kinds: tuple[VisitKind, ...],
    columns: dict[tuple[int, int], tuple[int, ...]],
) -> tuple[int, ...]:
    """The ``day ordinal * 8 + kind`` keys of a plan's visits, kept in ``columns``.

    ``columns`` is keyed by the ids of the column tuples: the plans evaluated keep them alive
    for the whole evaluation, so an id is not reused by another tuple meanwhile.
    """
    keys = columns[(id(days), id(kinds))] = tuple(
        day.toordinal() * 8 + _KIND_ORDER[kind] for day, kind in zip(days, kinds, strict=True)
    )
    return keys


# --- recording a visit ------------------------------------------------------------------------


def record_visit(
    record: VisitRecord,
    *,
    tier: Tier,
    now: datetime,
    calendar: BusinessCalendar,
    escalation: EscalationPolicy | None = None,
) -> tuple[VisitRecord, tuple[FeedbackTicket, ...], tuple[DomainEvent, ...]]:
    """Record a complete visit; every feedback item not answered on the spot opens a ticket.

    Seed 001 §走访过程 2: questions answered on the spot are closed there; the rest are
    recorded and get a reply within a promised time. Each open item becomes a
    :class:`~keyaccount.FeedbackTicket` from a visit (source ``visit``), opened at ``now``
    by the escalation policy, whose first-reply deadline is the promised reply time. Ticket
    ids are the record id, ``-`` and the item's position among the open items (from 1).

    Args:
        record: the complete visit record.
        tier: the account's tier (it sets the ticket deadlines).
        now: when the record is filed (timezone-aware).
        calendar: the business calendar the deadlines are counted on.
        escalation: the escalation policy; default ``presets.escalation()``.

    Returns:
        The record, the tickets opened, and the events: :class:`~keyaccount.VisitRecorded`
        then each ticket's ``TicketOpened``.

    Raises:
        InvalidInput: a naive ``now``, or a ticket the escalation policy refuses (nothing is
            returned half-done: the tickets are all opened or the call raises).

    >>> from datetime import date, datetime, time
    >>> from keyaccount import TIER_B, BusinessCalendar, FeedbackItem, Topic
    >>> calendar = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(9), time(18))])
    >>> record = VisitRecord(
    ...     "V-1", "DONGFANG", VisitKind.ON_SITE, datetime(2026, 3, 3, 10, tzinfo=calendar.zone),
    ...     "DONGFANG plant", ["zhang"], "steady orders", [Topic.BUSINESS_COOPERATION],
    ...     "delivery performance",
    ...     feedback=[FeedbackItem("Is the spring price list out?", answer="Yes, sent today"),
    ...               FeedbackItem("Late deliveries in February", kind="complaint",
    ...                            severity="major", responsible_department="logistics",
    ...                            responsible_person="zhao")])
    >>> _, tickets, events = record_visit(record, tier=TIER_B, calendar=calendar,
    ...                                   now=datetime(2026, 3, 3, 16, tzinfo=calendar.zone))
    >>> [(ticket.ticket_id, ticket.summary) for ticket in tickets]
    [('V-1-1', 'Late deliveries in February')]
    >>> tickets[0].first_reply_deadline.isoformat()    # B: 8 business hours
    '2026-03-04T15:00:00+08:00'
    >>> [type(event).__name__ for event in events]
    ['VisitRecorded', 'TicketOpened']
    """
    require_aware(now, field="now")
    if escalation is None:
        from keyaccount.policies.tickets import TieredEscalation

        escalation = TieredEscalation()
    events: list[DomainEvent] = [
        VisitRecorded(
            occurred_at=now,
            account_id=record.account_id,
            record_id=record.record_id,
            kind=record.kind,
            visited_at=record.visited_at,
            planned_day=record.planned_day,
        )
    ]
    tickets = []
    for position, item in enumerate(record.open_items, start=1):
        # FeedbackItem refuses an unanswered item without all four ticket fields
        assert item.kind is not None
        assert item.severity is not None
        assert item.responsible_department is not None
        assert item.responsible_person is not None
        ticket, opened = open_ticket(
            escalation,
            ticket_id=f"{record.record_id}-{position}",
            account_id=record.account_id,
            tier=tier,
            source=TicketSource.VISIT,
            kind=item.kind,
            severity=item.severity,
            summary=item.summary,
            responsible_department=item.responsible_department,
            responsible_person=item.responsible_person,
            now=now,
            calendar=calendar,
            lead_coordinator=item.lead_coordinator,
        )
        tickets.append(ticket)
        events.extend(opened)
    return record, tuple(tickets), tuple(events)
