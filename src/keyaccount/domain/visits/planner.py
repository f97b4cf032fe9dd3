"""The visit planner: dated visits for each account under a frequency policy (SPEC §6).

The frequency policy (:class:`~keyaccount.VisitFrequencyPolicy`) says how many visits of
each kind an account needs a year; :class:`VisitPlanner` turns that into dated visits on the
business calendar handed in with each call (SPEC §8: the calendar is data the host hands in).

Planner rules (each one is tested; the engine that applies them is private):

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

from collections.abc import Iterable
from datetime import date, datetime

import attrs

from keyaccount._validation import instance_of
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits._engine import plan_accounts, replan_account
from keyaccount.domain.visits.events import VisitPlanned
from keyaccount.domain.visits.kinds import VisitKind
from keyaccount.domain.visits.plan import AccountToPlan, VisitPlan
from keyaccount.domain.visits.ports import VisitFrequencyPolicy, WorkingDayCalendar
from keyaccount.domain.visits.records import VisitRecord

__all__ = ["VisitPlanner"]


@attrs.frozen
class VisitPlanner:
    """Plans visits on a business calendar under a visit frequency policy (SPEC §6).

    Every call takes the business calendar (``calendar=``): any object with ``zone`` and
    ``is_working_day`` (:class:`WorkingDayCalendar`), usually a
    :class:`keyaccount.BusinessCalendar`.

    Attributes:
        policy: the visit frequency policy (the seed defaults:
            ``presets.visit_frequency()``); anything else is refused with ``InvalidInput``.

    See the module docstring for the planner's rules.

    >>> from datetime import date, datetime, time
    >>> from keyaccount import TIER_C, AccountToPlan, BusinessCalendar, Period
    >>> from keyaccount.policies import presets
    >>> calendar = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(9), time(18))],
    ...                             holidays=[date(2026, 1, 1)])
    >>> plan, events = VisitPlanner(presets.visit_frequency()).plan(
    ...     AccountToPlan("JINQIAO", TIER_C, staff=["chen", "zhou"]), Period.year(2026),
    ...     calendar=calendar, festivals=[date(2026, 2, 17), date(2026, 9, 25)],
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

    policy: VisitFrequencyPolicy = attrs.field(validator=instance_of(VisitFrequencyPolicy))

    def plan(
        self,
        account: AccountToPlan,
        period: Period,
        *,
        calendar: WorkingDayCalendar,
        festivals: Iterable[date] = (),
        now: datetime,
    ) -> tuple[VisitPlan, tuple[VisitPlanned, ...]]:
        """Plan ``period`` for one account.

        Args:
            account: the account, its tier, staff and blackout dates.
            period: the plan period.
            calendar: the business calendar whose working days the visits fall on.
            festivals: the festival dates of the period (default policy: Spring Festival and
                Mid-Autumn), before which holiday visits and greetings go.
            now: when the plan is made (timezone-aware), for the event.

        Returns:
            The plan and a :class:`VisitPlanned` event.

        Raises:
            InvalidInput: naive ``now``; a ``calendar``, ``account`` or ``period`` of the wrong
                kind (named); a plan year (365 days or more) holds fewer festivals
                than the account needs holiday visits or greetings; the period has no free
                working day left for a visit.
            CalendarRangeError: the period is outside the calendar's holiday data.
        """
        plans, events = self.plan_portfolio(
            [account], period, calendar=calendar, festivals=festivals, now=now
        )
        return plans[0], events

    def plan_portfolio(
        self,
        accounts: Iterable[AccountToPlan],
        period: Period,
        *,
        calendar: WorkingDayCalendar,
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
        return plan_accounts(self.policy, calendar, accounts, period, festivals, now)

    def replan(
        self,
        plan: VisitPlan,
        account: AccountToPlan,
        *,
        as_of: date,
        done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord],
        calendar: WorkingDayCalendar,
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
            calendar: the business calendar whose working days the visits fall on.
            festivals: the festival dates of the period.
            now: when the plan is remade (timezone-aware).

        Raises:
            InvalidInput: the account is not the plan's, ``as_of`` is outside the period, no
                free working day is left for a visit, ``done`` holds something other than
                ``(planned day, kind)`` pairs or records, or an argument of the wrong kind.
        """
        return replan_account(
            self.policy, calendar, plan, account, as_of, done, festivals, now
        )
