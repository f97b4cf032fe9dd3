"""The visit planner: dated visits a team can carry out, under a frequency policy (SPEC §6).

The frequency policy (:class:`~keyaccount.VisitFrequencyPolicy`) says how many visits of
each kind an account needs a year; the capacity policy (:class:`~keyaccount.VisitCapacityPolicy`)
how many visits one person can do on one day; :class:`VisitPlanner` turns both into dated
visits on the business calendar handed in with each call (SPEC §8: the calendar is data the
host hands in). Seed 001 三(三) asks for plans made in advance with an efficient itinerary
(合理安排走访行程，确保走访工作高效有序进行); issue 13 makes that a team's plan.

Planner rules (each one is tested; the engines that apply them are private):

* **Windows, not days.** Each visit has a window: the evenly spread kinds (on-site, phone
  return, event) cut the period into as many slots as there are visits, with
  :func:`dateutil.rrule.rrule` (monthly steps when the period is whole months and the count
  divides them, so 12 visits a year fall monthly, 6 every two months, 4 quarterly), else
  slots of equal length in days; a holiday visit's window is the ``holiday_window`` working
  days before its festival (default 10), a greeting's the ``greeting_window`` (default 3).
* **Within capacity.** Each visit goes on a working day of its window, off the customer's
  blackout dates, for one of the account's staff whose limit for that day and budget
  (:class:`~keyaccount.VisitLoad`: in person, phone, message) is not reached and who is
  available; an account has at most one visit of a kind a day.
* **Levelled.** Tightest windows first (festival windows, months, quarters), each visit goes
  on the least loaded day of its window (the earliest on a tie, the latest before a
  festival); visitors rotate through the account's staff, which is a preference: it gives
  way to capacity, areas and levelling.
* **Areas.** A person's in-person visits of a day stay in one area (``AccountToPlan.area``)
  whenever some day of the window allows it.
* **Shortfall, never overload.** A visit that fits nowhere is an
  :class:`~keyaccount.UnplacedVisit`; :attr:`PortfolioPlan.shortfall` counts the missing
  person-days by month, in person and by phone separately.
* **In advance.** A plan made at ``now`` places no visit before ``now``'s day (in the
  calendar's zone); a plan made during its period owes each quota scaled to the part of the
  period left (:func:`scaled_count`), and festival visits only before festivals ahead.
* Topics rotate through the five content topics of seed 001 over the visits that carry
  content (all but greetings). Same input, same plan: the plan does not depend on the
  order of the accounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import count, instance_of
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits._handover import hand_over_visits
from keyaccount.domain.visits._placement import place_portfolio
from keyaccount.domain.visits._refit import replan_in_portfolio
from keyaccount.domain.visits.accounts import AccountToPlan
from keyaccount.domain.visits.events import VisitPlanned, VisitReassigned
from keyaccount.domain.visits.kinds import VisitKind
from keyaccount.domain.visits.plan import VisitPlan
from keyaccount.domain.visits.portfolio import PortfolioPlan
from keyaccount.domain.visits.ports import (
    VisitCapacityPolicy,
    VisitFrequencyPolicy,
    WorkingDayCalendar,
)
from keyaccount.domain.visits.records import VisitRecord

__all__ = ["VisitPlanner"]


_window_days = count(minimum=1, maximum=250, note=" (working days before a festival)")


@attrs.frozen
class VisitPlanner:
    """Plans visits on a business calendar under a visit frequency policy (SPEC §6).

    Every call takes the business calendar (``calendar=``): any object with ``zone`` and
    ``is_working_day`` (:class:`WorkingDayCalendar`), usually a
    :class:`keyaccount.BusinessCalendar`.

    Attributes:
        policy: the visit frequency policy (the seed defaults:
            ``presets.visit_frequency()``); anything else is refused with ``InvalidInput``.
        capacity: the visit capacity policy (the defaults: ``presets.visit_capacity()``).
        holiday_window: the working days before a festival in which its holiday visit may
            go (default 10).
        greeting_window: the working days before a festival in which its greeting may go
            (default 3).

    See the module docstring for the planner's rules.

    >>> from datetime import date, datetime, time
    >>> from keyaccount import TIER_C, AccountToPlan, BusinessCalendar, Period
    >>> from keyaccount.policies import presets
    >>> calendar = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(9), time(18))],
    ...                             holidays=[date(2026, 1, 1)])
    >>> planner = VisitPlanner(presets.visit_frequency(), presets.visit_capacity())
    >>> plan, events = planner.plan(
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
    capacity: VisitCapacityPolicy = attrs.field(validator=instance_of(VisitCapacityPolicy))
    holiday_window: int = attrs.field(default=10, validator=_window_days, kw_only=True)
    greeting_window: int = attrs.field(default=3, validator=_window_days, kw_only=True)

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
                than the account needs holiday visits or greetings; a visit that cannot be
                placed (no free working day in its window, or no capacity: use
                :meth:`plan_portfolio` to see the visits left over).
            CalendarRangeError: the period is outside the calendar's holiday data.
        """
        if not isinstance(account, AccountToPlan):
            raise InvalidInput(f"account must be an AccountToPlan, got {account!r}")
        portfolio, events = self.plan_portfolio(
            [account], period, calendar=calendar, festivals=festivals, now=now
        )
        if portfolio.unplaced:
            first = portfolio.unplaced[0]
            raise InvalidInput(
                f"no free working day left in {first.window.start.isoformat()}.."
                f"{first.window.end.isoformat()} for a {first.kind.value} visit of "
                f"{account.account_id!r} ({first.reason.value}; "
                f"{len(portfolio.unplaced)} visit(s) unplaced)"
            )
        return portfolio.plans[0], events

    def plan_portfolio(
        self,
        accounts: Iterable[AccountToPlan],
        period: Period,
        *,
        calendar: WorkingDayCalendar,
        festivals: Iterable[date] = (),
        now: datetime,
    ) -> tuple[PortfolioPlan, tuple[VisitPlanned, ...]]:
        """Plan ``period`` for every account within the team's capacity.

        Returns:
            The :class:`PortfolioPlan` (plans in account id order, the visits that did not
            fit and the person-days missing) and a :class:`VisitPlanned` event per account.
            Cost: O(visits x log(window)) plus one capacity look-up per person and working day.

        Raises:
            InvalidInput: as :meth:`plan` (but an unplaced visit is reported, not refused),
                and an account id given twice.
        """
        return place_portfolio(
            self.policy,
            self.capacity,
            calendar,
            accounts,
            period,
            festivals,
            now,
            {VisitKind.HOLIDAY: self.holiday_window, VisitKind.GREETING: self.greeting_window},
        )

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
        if not isinstance(plan, VisitPlan):
            raise InvalidInput(f"plan must be a VisitPlan, got {plan!r}")
        portfolio, events = self.replan_portfolio(
            PortfolioPlan((plan,)), account, as_of=as_of, done=done, calendar=calendar,
            festivals=festivals, now=now,
        )
        if portfolio.unplaced:
            first = portfolio.unplaced[0]
            raise InvalidInput(
                f"no room left in {first.window.start.isoformat()}.."
                f"{first.window.end.isoformat()} for a {first.kind.value} visit of "
                f"{account.account_id!r} ({first.reason.value}; "
                f"{len(portfolio.unplaced)} visit(s) unplaced): use replan_portfolio"
            )
        return portfolio.plans[0], events

    def replan_portfolio(
        self,
        portfolio: PortfolioPlan,
        account: AccountToPlan,
        *,
        as_of: date,
        done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord],
        calendar: WorkingDayCalendar,
        festivals: Iterable[date] = (),
        now: datetime,
        accounts: Iterable[AccountToPlan] = (),
    ) -> tuple[PortfolioPlan, tuple[VisitPlanned, ...]]:
        """Re-plan one account of a team's plan, within everyone's capacity (issue 13).

        The account's visits are re-spread as :meth:`replan` says; then each visit laid out
        anew keeps its day when one of the account's staff (its rotating visitor first) has
        room that day (capacity, availability, and one area a day for in-person visits),
        else it goes on the least loaded free day of its window from ``as_of`` on, else it
        joins ``unplaced`` (``no_capacity``). A visit owed with no free day left from
        ``as_of`` to the period's end joins ``unplaced`` too (``no_free_day``): a re-plan
        never lays a visit before ``as_of``. The staff's load is read from every plan of the
        portfolio, so re-planning never exceeds anyone's capacity. The account's earlier
        unplaced visits whose window ends after ``as_of`` are owed anew (they are re-spread
        or reported again); ``shortfall`` is recomputed.

        Args:
            portfolio: the team's plan (``plan_portfolio``'s result, or an earlier re-plan's).
            account: the account as it is now; it must have a plan in ``portfolio``.
            as_of: the first day that may be re-planned.
            done: the visits done, as ``(planned day, kind)`` pairs or as the visit records.
            calendar: the business calendar.
            festivals: the festival dates of the period.
            now: when the plan is remade (timezone-aware).
            accounts: the other accounts, for their areas (an account left out counts by
                load only).

        Returns:
            The new portfolio plan and a :class:`VisitPlanned` event for the account.

        Raises:
            InvalidInput: as :meth:`replan`, and an account without a plan in ``portfolio``.
        """
        return replan_in_portfolio(
            self.policy, self.capacity, calendar, portfolio, account, as_of, done, festivals,
            now,
            {VisitKind.HOLIDAY: self.holiday_window, VisitKind.GREETING: self.greeting_window},
            accounts,
        )

    def hand_over(
        self,
        portfolio: PortfolioPlan,
        accounts: Iterable[AccountToPlan],
        *,
        departing: str,
        successor: str | Mapping[str, str],
        from_day: date,
        calendar: WorkingDayCalendar,
        now: datetime,
        done: Iterable[tuple[date, VisitKind]] | Iterable[VisitRecord] = (),
    ) -> tuple[PortfolioPlan, tuple[VisitReassigned, ...]]:
        """Hand a leaver's planned visits to a successor within the successor's capacity.

        Every visit ``departing`` has from ``from_day`` on, not yet done, goes to
        ``successor``: on its own day when the successor has room that day (capacity,
        availability, and one area a day for in-person visits), else on the least loaded
        free day of its window from ``from_day`` on, else it joins ``unplaced``. The
        successor's load is read from every plan of the portfolio (issue 13; SPEC §3).

        Args:
            portfolio: the team's plan (``plan_portfolio``'s result, or a hand over's).
            accounts: the accounts as they are now (blackout dates, areas).
            departing: who left.
            successor: who goes in their place: one person, or each account's own
                (account id to person, e.g. ``AccountReassigned.successors[0]`` of each
                account the handover moved); an account of the leaver's visits left out of
                the mapping is refused.
            from_day: the first day whose visits are handed over.
            calendar: the business calendar.
            now: when the handover is made (timezone-aware).
            done: the visits done, as ``(planned day, kind)`` pairs or records.

        Returns:
            The new portfolio plan and a :class:`VisitReassigned` event per plan changed.

        Raises:
            InvalidInput: a blank name, the same person twice, an account of the leaver's
                visits missing from ``accounts`` (or, with a mapping, from ``successor``),
                or an argument of the wrong kind.
        """
        return hand_over_visits(
            portfolio, self.capacity, accounts, departing, successor, from_day, calendar,
            now, done,
        )
