"""Deadlines and escalation of feedback tickets, by tier and severity (SPEC §7).

Seed 001 §五(一)3 asks the tracking ledger (问题跟踪台账) to name a resolution deadline for
every problem, and §七 has supervision check timeliness; seed 002 §客户维护计划 gives complaints
of the key-maintenance tiers (A, B) priority (投诉处理优先级); seed 003 makes handling key
accounts' complaints a duty of the key-account department. The seeds leave the numbers open;
:class:`TieredEscalation` holds our defaults (SPEC §7, *default*):

============  ===========  ==================================
tier          first reply  resolution: critical / major / minor
============  ===========  ==================================
A             4 h          1 d / 3 d / 5 d
B             8 h          2 d / 5 d / 10 d
C             2 d          3 d / 7 d / 15 d
D             3 d          5 d / 10 d / 20 d
============  ===========  ==================================

``h`` is a business hour and ``d`` a **business day, which is one working day's worth of
business time** (``calendar.working_day_length``, 7.5 h for 09:00-12:00 + 13:30-18:00), so a
deadline of "3 d" opened at 10:00 falls at 10:00 three working days later.

Escalation (SPEC §7): when a deadline passes, the ticket climbs the ladder *responsible person
-> department head -> head of the key-account department -> general manager*, one level at the
deadline and one more after each further business day, and stops at the top. Before that, an
*at risk* warning is due once 75 % of the deadline's business time is used.

:class:`TieredEscalation` implements :class:`keyaccount.domain.tickets.EscalationPolicy`, which
the services of :mod:`keyaccount.domain.tickets.escalation` apply.

>>> from datetime import datetime, time
>>> from zoneinfo import ZoneInfo
>>> from keyaccount import BusinessCalendar, TIER_B, Severity
>>> calendar = BusinessCalendar(
...     timezone="Asia/Shanghai", workdays=range(5),
...     working_hours=[(time(9), time(12)), (time(13, 30), time(18))])
>>> from keyaccount.domain.tickets import ticket_deadlines
>>> policy = TieredEscalation()
>>> opened = datetime(2025, 6, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Tuesday
>>> deadlines = ticket_deadlines(TIER_B, Severity.MAJOR, policy, opened_at=opened,
...                              calendar=calendar)
>>> deadlines.first_reply.isoformat(), deadlines.resolution.isoformat()
('2025-06-04T10:30:00+08:00', '2025-06-10T10:00:00+08:00')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    check_settings_keys,
    require_count,
    require_instant_in_years,
    require_non_empty,
    settings_errors,
    to_items,
    to_pairs,
)
from keyaccount.domain.calendar import BusinessCalendar, BusinessDuration
from keyaccount.domain.grading import Tier
from keyaccount.domain.tickets import Severity, TierDeadlines
from keyaccount.policies.tickets._settings import (
    SEVERITIES,
    severities_setting,
    shorter,
    table_setting,
    to_warning_fraction,
)

__all__ = [
    "DEFAULT_DEADLINES",
    "DEFAULT_ESCALATION_LADDER",
    "DEFAULT_ESCALATION_STEP",
    "DEFAULT_PRIORITY_RANK",
    "DEFAULT_TIER_ALIASES",
    "DEFAULT_UNTIERED_ROW",
    "DEFAULT_WARNING_FRACTION",
    "TieredEscalation",
]

_D = BusinessDuration
_H = timedelta(hours=1)

# SPEC §7 *default* (the seeds write no numbers; seed 001 §五(一)3 asks for a deadline per
# problem, seed 002 §客户维护计划 gives A/B complaints priority): first reply A 4 business hours,
# B 8, C 2 business days, D 3; resolution (critical / major / minor) A 1/3/5 business days,
# B 2/5/10, C 3/7/15, D 5/10/20. Listed best tier first.
DEFAULT_DEADLINES: tuple[tuple[str, TierDeadlines], ...] = (
    ("A", TierDeadlines(_D(time=4 * _H), _D(days=1), _D(days=3), _D(days=5))),
    ("B", TierDeadlines(_D(time=8 * _H), _D(days=2), _D(days=5), _D(days=10))),
    ("C", TierDeadlines(_D(days=2), _D(days=3), _D(days=7), _D(days=15))),
    ("D", TierDeadlines(_D(days=3), _D(days=5), _D(days=10), _D(days=20))),
)

# seed 004 §大客户分类 bands take the deadlines of the seed-002 tier of the same rank:
# strategic like A, partner like B, ordinary key account like C (SPEC §5c reads them alike).
DEFAULT_TIER_ALIASES: tuple[tuple[str, str], ...] = (
    ("ORDINARY", "C"),
    ("PARTNER", "B"),
    ("STRATEGIC", "A"),
)

# SPEC §7 *default*: an account without a tier (a prospect, an ordinary customer) can raise a
# problem too (seed 001 §五) and gets the deadlines of the last tier listed, D by default.
# ``None`` means "the last tier listed", so a company's own tiers need no extra setting.
DEFAULT_UNTIERED_ROW: str | None = None

# SPEC §7 *default* escalation ladder: 责任人 -> 部门负责人 -> 大客户部负责人 -> 总经理.
DEFAULT_ESCALATION_LADDER: tuple[str, ...] = (
    "responsible_person",
    "department_head",
    "key_account_head",
    "general_manager",
)

# SPEC §7 *default*: one level at the deadline, one more after each further business day.
DEFAULT_ESCALATION_STEP = BusinessDuration(days=1)

# Our default (SPEC §7 names no warning point): a deadline is *at risk* once 75 % of its
# business time is used.
DEFAULT_WARNING_FRACTION = Decimal("0.75")

# seed 002 §客户维护计划: A and B (重点维护) get complaint priority; rank 2 is B's rank.
DEFAULT_PRIORITY_RANK = 2

_SETTINGS = (
    "first_reply",
    "resolution",
    "tier_aliases",
    "ladder",
    "escalation_step",
    "warning_fraction",
    "priority_rank",
    "allow_inverted_deadlines",
    "untiered",
)


def _fraction(value: object) -> Decimal:
    return to_warning_fraction(value)


def _freeze_deadlines(
    value: Mapping[str, TierDeadlines] | Iterable[tuple[str, TierDeadlines]],
) -> tuple[tuple[str, TierDeadlines], ...]:
    return to_pairs(value, field="deadlines_by_tier", entry="(tier code, TierDeadlines)",
                    error=PolicyConfigError)


def _freeze_aliases(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    pairs = to_pairs(value, field="tier_aliases", entry="(tier code, tier code)",
                     error=PolicyConfigError)
    for alias, target in pairs:
        for code in (alias, target):
            require_non_empty(code, field="a tier code in tier_aliases", error=PolicyConfigError)
    return tuple(sorted(pairs))


def _freeze_ladder(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="ladder", expected="roles", error=PolicyConfigError)


def _freeze_step(value: BusinessDuration | timedelta | str) -> BusinessDuration:
    return BusinessDuration.parse(value, field="escalation_step")


@attrs.frozen
class TieredEscalation:
    """The escalation policy of SPEC §7: deadlines by tier and severity, a ladder, a warning.

    Attributes:
        deadlines_by_tier: ``(tier code, TierDeadlines)`` pairs, **best tier first**; the
            order is what "a lower tier" means in the settings check.
        tier_aliases: ``(tier code, tier code in the table)`` pairs for tiers of other
            schemes; by default the seed-004 bands borrow the deadlines of the seed-002 tier
            of the same rank (STRATEGIC -> A, PARTNER -> B, ORDINARY -> C).
        ladder: who must act at each escalation level; level 0 is the responsible person.
        escalation_step: business time between two levels after the deadline (1 business
            day).
        warning_fraction: the share of a deadline's business time after which an *at risk*
            event is due (0.75).
        priority_rank: complaints of tiers of this rank or better go first in the queue (2:
            A and B, and STRATEGIC and PARTNER).
        allow_inverted_deadlines: accept a lower tier (or a less severe problem) with a
            shorter deadline than a higher one.
        untiered: the tier code (of the table or an alias) whose deadlines an account without
            a tier gets; ``None`` (the default) is the last tier listed, D (every account can
            raise a problem, SPEC §7).

    Raises:
        PolicyConfigError: settings that break the rules above (see :meth:`from_mapping`).

    Example:
        An A critical complaint opened on a Monday at 09:00, on a calendar of 09:00-12:00 and
        13:30-18:00: a first reply within 4 business hours, a resolution within one business
        day (7.5 hours here).

        >>> from keyaccount import BusinessCalendar
        >>> from keyaccount.domain.tickets import (
        ...     escalation_level, evaluate_escalation, open_ticket, reopen_ticket, who_must_act)
        >>> calendar = BusinessCalendar(timezone="Asia/Shanghai")
        >>> t0 = datetime.fromisoformat("2025-06-02T09:00+08:00")  # a Monday
        >>> policy = TieredEscalation()
        >>> ticket, _ = open_ticket(
        ...     policy, ticket_id="T-1", account_id="ACME", tier=Tier("A", 1), source="phone",
        ...     kind="complaint", severity="critical", summary="production line stopped",
        ...     responsible_department="after-sales", responsible_person="Li Lei",
        ...     now=t0, calendar=calendar)
        >>> ticket.first_reply_deadline.isoformat(), ticket.resolution_deadline.isoformat()
        ('2025-06-02T14:30:00+08:00', '2025-06-02T18:00:00+08:00')
        >>> ticket, _ = ticket.reply("engineer on the way", now=t0)

        The warning once 75 % of the time is used (16:07:30), then one level at the deadline
        and one more per further business day; evaluating again announces nothing new:

        >>> ticket, events = evaluate_escalation(
        ...     ticket, policy, now=t0 + timedelta(hours=7, minutes=10), calendar=calendar)
        >>> [type(event).__name__ for event in events]
        ['TicketAtRisk']
        >>> ticket, events = evaluate_escalation(
        ...     ticket, policy, now=t0 + timedelta(days=1, hours=1), calendar=calendar)  # Tue
        >>> [(event.level, event.role) for event in events]
        [(1, 'department_head')]
        >>> evaluate_escalation(ticket, policy, now=t0 + timedelta(days=1, hours=1),
        ...                     calendar=calendar)[1]
        ()
        >>> wednesday = t0 + timedelta(days=2, hours=1)
        >>> escalation_level(ticket, policy, now=wednesday, calendar=calendar)
        2
        >>> who_must_act(ticket, policy, now=wednesday, calendar=calendar)
        'key_account_head'

        An unsatisfied customer reopens it with a new deadline counted from the reopening:

        >>> ticket, _ = ticket.resolve("pump replaced", now=wednesday)
        >>> ticket, _ = ticket.close(satisfaction=1, satisfied=False, now=wednesday)
        >>> ticket, _ = reopen_ticket(ticket, policy, reason="fails again", now=wednesday,
        ...                           calendar=calendar)
        >>> ticket.resolution_deadline.isoformat()  # one business day after Wednesday 10:00
        '2025-06-05T10:00:00+08:00'
    """

    deadlines_by_tier: tuple[tuple[str, TierDeadlines], ...] = attrs.field(
        default=DEFAULT_DEADLINES, converter=_freeze_deadlines
    )
    tier_aliases: tuple[tuple[str, str], ...] = attrs.field(
        default=DEFAULT_TIER_ALIASES, converter=_freeze_aliases
    )
    ladder: tuple[str, ...] = attrs.field(
        default=DEFAULT_ESCALATION_LADDER, converter=_freeze_ladder
    )
    escalation_step: BusinessDuration = attrs.field(
        default=DEFAULT_ESCALATION_STEP, converter=_freeze_step
    )
    warning_fraction: Decimal = attrs.field(default=DEFAULT_WARNING_FRACTION, converter=_fraction)
    priority_rank: int = DEFAULT_PRIORITY_RANK
    allow_inverted_deadlines: bool = False
    untiered: str | None = DEFAULT_UNTIERED_ROW

    def __attrs_post_init__(self) -> None:
        self._check_table()
        self._check_aliases()
        if len(self.ladder) < 2 or not all(isinstance(r, str) and r.strip() for r in self.ladder):
            raise PolicyConfigError(
                f"ladder must name at least two non-empty roles (the responsible person and "
                f"someone above), got {list(self.ladder)}"
            )
        if len(set(self.ladder)) != len(self.ladder):
            raise PolicyConfigError(f"ladder names a role twice: {list(self.ladder)}")
        # warning_fraction is bounded by its converter, which attrs.evolve runs too
        rank = self.priority_rank
        require_count(rank, field="priority_rank", maximum=COUNT_LIMIT, error=PolicyConfigError)
        if not isinstance(self.allow_inverted_deadlines, bool):
            raise PolicyConfigError(
                f"allow_inverted_deadlines must be true or false, got "
                f"{self.allow_inverted_deadlines!r}"
            )

    def _check_table(self) -> None:
        codes = [code for code, _ in self.deadlines_by_tier]
        if not codes:
            raise PolicyConfigError("deadlines_by_tier must name at least one tier, got none")
        for code, deadlines in self.deadlines_by_tier:
            if not isinstance(code, str) or not code.strip():
                raise PolicyConfigError(f"tier codes must be non-empty strings, got {code!r}")
            if not isinstance(deadlines, TierDeadlines):
                raise PolicyConfigError(
                    f"deadlines_by_tier: tier {code!r} needs TierDeadlines, got {deadlines!r}"
                )
        if len(set(codes)) != len(codes):
            raise PolicyConfigError(f"deadlines_by_tier names a tier twice: {codes}")
        if self.allow_inverted_deadlines:
            return
        for code, deadlines in self.deadlines_by_tier:
            for more, less in ((Severity.CRITICAL, Severity.MAJOR),
                               (Severity.MAJOR, Severity.MINOR)):
                if shorter(deadlines.resolution(less), deadlines.resolution(more)):
                    raise PolicyConfigError(
                        f"tier {code!r}: a {less.value} problem gets a shorter resolution "
                        f"deadline ({deadlines.resolution(less)}) than a {more.value} one "
                        f"({deadlines.resolution(more)}); set allow_inverted_deadlines: true "
                        f"if that is intended"
                    )
        for (higher, upper), (lower, below) in pairwise(self.deadlines_by_tier):
            pairs = [("first reply", upper.first_reply, below.first_reply)] + [
                (f"{severity.value} resolution", upper.resolution(severity),
                 below.resolution(severity))
                for severity in SEVERITIES
            ]
            for what, upper_time, lower_time in pairs:
                if shorter(lower_time, upper_time):
                    raise PolicyConfigError(
                        f"tier {lower!r} gets a shorter {what} deadline ({lower_time}) than "
                        f"tier {higher!r} listed above it ({upper_time}); tiers are listed best "
                        f"first; set allow_inverted_deadlines: true if that is intended"
                    )

    def _check_aliases(self) -> None:
        known = {code for code, _ in self.deadlines_by_tier}
        untiered = self.untiered
        if untiered is not None and (not isinstance(untiered, str) or dict(
                self.tier_aliases).get(untiered, untiered) not in known):
            raise PolicyConfigError(
                f"untiered must name a tier with deadlines (the row of accounts without a "
                f"tier), got {untiered!r}; known tiers: {sorted(known)}"
            )
        for alias, target in self.tier_aliases:
            if alias in known:
                raise PolicyConfigError(
                    f"tier_aliases: {alias!r} has deadlines of its own; an alias must be a tier "
                    f"without deadlines"
                )
            if target not in known:
                raise PolicyConfigError(
                    f"tier_aliases: {alias!r} -> {target!r}, but tier {target!r} has no "
                    f"deadlines; known tiers: {sorted(known)} (give tier_aliases explicitly, "
                    f"possibly {{}}, when the deadlines use other tiers)"
                )

    # --- settings ---

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> TieredEscalation:
        """Build the policy from a host's settings; anything not given keeps its default.

        Keys: ``first_reply`` (``{tier: duration}``), ``resolution`` (``{tier: {critical,
        major, minor: duration}}``), ``tier_aliases`` (``{tier: tier in the tables}``),
        ``ladder`` (roles, responsible person first), ``escalation_step`` (duration),
        ``warning_fraction`` (``0.75`` or ``"75%"``), ``priority_rank`` (int),
        ``allow_inverted_deadlines`` (bool) and ``untiered`` (the tier whose deadlines an
        account without a tier gets; the last tier listed when not given). Durations read
        like ``"4h"``, ``"3d"``, ``"1d4h"``. Tiers are listed best first; both tables must
        name the same tiers.

        Raises:
            PolicyConfigError: an unknown key; a negative, zero or malformed duration; a tier
                missing from one table or a severity missing from a tier; a lower tier with a
                shorter deadline than a higher one (or a less severe problem with a shorter
                one than a more severe one) unless ``allow_inverted_deadlines`` is true; an
                alias to an unknown tier; a warning fraction outside (0, 1).

        >>> TieredEscalation.from_mapping({"first_reply": {"A": "-4h"}})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: first_reply of tier 'A' must not be negative, got '-4h'
        """
        check_settings_keys(settings, allowed=_SETTINGS, policy="escalation")
        defaults = dict(DEFAULT_DEADLINES)
        first_reply = table_setting(settings, "first_reply", defaults)
        resolution = table_setting(settings, "resolution", defaults)
        missing = [code for code in first_reply if code not in resolution]
        extra = [code for code in resolution if code not in first_reply]
        if missing or extra:
            raise PolicyConfigError(
                f"first_reply and resolution must name the same tiers: resolution misses "
                f"{missing}, first_reply misses {extra}"
            )
        table = []
        for code, reply in first_reply.items():
            severities = severities_setting(code, resolution[code])
            table.append((code, TierDeadlines(reply, *severities)))
        changes: dict[str, Any] = {"deadlines_by_tier": table}
        if "tier_aliases" in settings:
            aliases = settings["tier_aliases"]
            if not isinstance(aliases, Mapping):
                raise PolicyConfigError(
                    f"tier_aliases must be a mapping of tier codes, got {aliases!r}"
                )
            changes["tier_aliases"] = dict(aliases)
        for key in ("ladder", "escalation_step", "warning_fraction", "priority_rank",
                    "allow_inverted_deadlines", "untiered"):
            if key in settings:
                changes[key] = settings[key]
        with settings_errors():
            return cls(**changes)

    # --- deadlines ---

    def deadlines_for(self, tier: Tier | str | None) -> TierDeadlines:
        """The deadlines of ``tier`` (a :class:`~keyaccount.Tier` or its code), via aliases.

        ``None`` (an account without a tier) gets the row of :attr:`untiered`.

        Raises:
            InvalidInput: the tier has no deadlines and no alias.

        Example:
            >>> deadlines = TieredEscalation().deadlines_for("PARTNER")  # borrows B's
            >>> str(deadlines.first_reply), str(deadlines.resolution(Severity.MAJOR))
            ('8h', '5d')
            >>> str(TieredEscalation().deadlines_for(None).first_reply)  # no tier: D's
            '3d'
        """
        if tier is None:
            return self.deadlines_by_tier[-1][1] if self.untiered is None else self.deadlines_for(
                self.untiered)
        code = tier.code if isinstance(tier, Tier) else tier
        if not isinstance(code, str):  # a list or a mapping is no key
            raise InvalidInput(f"tier must be a Tier or a tier code, got {tier!r}")
        table = dict(self.deadlines_by_tier)
        target = dict(self.tier_aliases).get(code, code)
        if target not in table:
            raise InvalidInput(
                f"tier {code!r} has no escalation deadlines; known tiers: "
                f"{sorted(table)}, aliases: {sorted(dict(self.tier_aliases))}"
            )
        return table[target]

    def overdue_level(
        self, deadline: datetime, *, now: datetime, calendar: BusinessCalendar
    ) -> int:
        """The escalation level ``deadline`` has reached at ``now``: 0 until it passes.

        At the deadline instant itself the ticket is still on time (as
        ``FeedbackTicket.resolved_on_time``). Past it the level is 1, plus one per further
        ``escalation_step`` of business time, capped at the top of the ladder.

        >>> from keyaccount import BusinessCalendar
        >>> calendar = BusinessCalendar(timezone="Asia/Shanghai")
        >>> deadline = datetime.fromisoformat("2025-06-02T10:00+08:00")  # a Monday
        >>> [TieredEscalation().overdue_level(deadline, now=deadline + timedelta(hours=hours),
        ...                                   calendar=calendar) for hours in (0, 1, 24, 48, 96)]
        [0, 1, 2, 3, 3]

        Raises:
            InvalidInput: ``deadline`` or ``now`` is naive or outside the years 1900-2199 (an
                early ``now`` would otherwise read as "not overdue"), or ``calendar`` is not a
                :class:`~keyaccount.BusinessCalendar`.
        """
        require_instant_in_years(deadline, field="deadline")
        require_instant_in_years(now, field="now")
        if not isinstance(calendar, BusinessCalendar):
            raise InvalidInput(f"calendar must be a BusinessCalendar, got {calendar!r}")
        if now <= deadline:
            return 0
        overdue = calendar.business_time_between(deadline, now)
        steps = overdue // self.escalation_step.on(calendar)
        return min(1 + steps, len(self.ladder) - 1)

    def role(self, level: int) -> str:
        """Who must act at escalation ``level``: ``ladder[level]``.

        Raises:
            InvalidInput: ``level`` is not a level of the ladder.

        >>> TieredEscalation().role(0), TieredEscalation().role(3)
        ('responsible_person', 'general_manager')
        """
        if isinstance(level, bool) or not isinstance(level, int) or not (
            0 <= level < len(self.ladder)
        ):
            raise InvalidInput(
                f"escalation level must be an int from 0 to {len(self.ladder) - 1} (the "
                f"ladder {list(self.ladder)}), got {level!r}"
            )
        return self.ladder[level]
