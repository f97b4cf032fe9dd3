"""Thin adapters from keyaccount's domain objects to the indicator records (SPEC §9).

The indicators read small plain records; a host that keeps keyaccount's own objects builds
them here. The four grouping dimensions come from the :class:`~keyaccount.Customer` file
(tier, account manager, department), looked up by account id.

Dates: an aware datetime (a ticket's ``opened_at``, a visit's ``visited_at``) becomes the
calendar day in ``zone`` when one is given, else in the datetime's own zone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, tzinfo
from typing import TypeVar

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_bool, require_instances, to_enum, to_items
from keyaccount.domain.customers import AccountStatus, Customer
from keyaccount.domain.indicators.records import (
    RetentionFact,
    SurveyResponse,
    TicketFact,
    VisitFact,
)
from keyaccount.domain.tickets import FeedbackTicket
from keyaccount.domain.visits import PlannedVisit, VisitRecord

T = TypeVar("T")

__all__ = [
    "TRADING_STATUSES",
    "roster_from",
    "satisfaction_from_tickets",
    "ticket_facts_from",
    "visit_facts_from",
]


def _items(value: Iterable[T], kind: type[T], field: str) -> tuple[T, ...]:
    """The collection ``value`` as a tuple of ``kind`` values, anything else refused by name."""
    items = to_items(value, field=field, expected=f"{kind.__name__} values")
    require_instances(items, kind, field=field)
    return items


def _customers(value: object) -> Mapping[str, Customer]:
    if not isinstance(value, Mapping):
        raise InvalidInput(
            f"customers must be a mapping of account id to Customer, got {value!r:.200}"
        )
    for account_id, customer in value.items():
        if not isinstance(customer, Customer):
            raise InvalidInput(
                f"customers[{account_id!r}] must be a Customer, got {customer!r:.200}"
            )
        if customer.account_id != account_id:
            raise InvalidInput(
                f"customers[{account_id!r}] is the file of account {customer.account_id!r}; "
                "customers must be keyed by their own account id"
            )
    return value


def _zone(value: object) -> tzinfo | None:
    if value is not None and not isinstance(value, tzinfo):
        raise InvalidInput(f"zone must be a tzinfo (e.g. ZoneInfo) or None, got {value!r:.200}")
    return value


def _day(moment: datetime, zone: tzinfo | None) -> date:
    return (moment.astimezone(zone) if zone is not None else moment).date()


def _dimensions(
    account_id: str, customers: Mapping[str, Customer]
) -> tuple[str, str, str, str]:
    customer = customers.get(account_id)
    if customer is None:
        raise InvalidInput(f"account {account_id!r} is not among the customers given")
    tier, manager, department = customer.tier, customer.account_manager, customer.department
    if tier is None or manager is None or department is None:
        missing = [
            name for name, value in
            (("tier", tier), ("account_manager", manager), ("department", department))
            if value is None
        ]
        raise InvalidInput(
            f"customer {account_id!r} has no {', '.join(missing)}; indicators group by them"
        )
    return (account_id, tier.code, manager, department)


def visit_facts_from(
    planned: Iterable[PlannedVisit],
    records: Iterable[VisitRecord],
    customers: Mapping[str, Customer],
    *,
    zone: tzinfo | None = None,
) -> tuple[VisitFact, ...]:
    """One :class:`~keyaccount.VisitFact` per planned visit, done if a record carries it out.

    A record carries out the planned visit of the same account, kind and planned day
    (``VisitRecord.planned_day``); unplanned records do not count towards a plan. A plan
    carried out twice counts as done on the earlier day.

    Args:
        planned: the planned visits.
        records: the visit records (``planned_day`` links a record to its plan).
        customers: the customer files by account id, for the grouping dimensions.
        zone: the zone whose calendar day a visit falls on (default: its own).

    Returns:
        One fact per planned visit, in the order of ``planned``.

    Raises:
        InvalidInput: an account is not among ``customers`` or lacks a grouping dimension.
    """
    planned = _items(planned, PlannedVisit, "planned")
    records = _items(records, VisitRecord, "records")
    customers = _customers(customers)
    zone = _zone(zone)
    done: dict[tuple[str, str, date], date] = {}
    for record in records:
        if record.planned_day is None:
            continue
        key = (record.account_id, record.kind.value, record.planned_day)
        day = _day(record.visited_at, zone)
        if key not in done or day < done[key]:
            done[key] = day
    return tuple(
        VisitFact(
            *_dimensions(visit.account_id, customers),
            planned_on=visit.day,
            done_on=done.get((visit.account_id, visit.kind.value, visit.day)),
        )
        for visit in planned
    )


def ticket_facts_from(
    tickets: Iterable[FeedbackTicket],
    customers: Mapping[str, Customer],
    *,
    zone: tzinfo | None = None,
    by_responsible_department: bool = False,
) -> tuple[TicketFact, ...]:
    """One :class:`~keyaccount.TicketFact` per feedback ticket.

    The tier is the ticket's own (the tier it was opened under); the account manager is the
    customer's. The department is, by default, the customer's own, as in every other
    adapter: the account team is appraised on its accounts' problems whoever solved them,
    so the department dimension of one :class:`~keyaccount.IndicatorSet` means the same
    team for visits, satisfaction, tickets and volume, and a per-department scorecard holds
    the account teams only. With ``by_responsible_department=True`` it is the ticket's
    responsible department (seed 001 §五: 责任部门 is appraised for solving it), for a
    separate :func:`~keyaccount.ticket_resolution` of the departments that own the
    problems (logistics, quality, ...); do not mix those facts into the account teams'
    indicators. On time means :attr:`FeedbackTicket.resolved_on_time`.

    Args:
        tickets: the feedback tickets.
        customers: the customer files by account id, for the account manager.
        zone: the zone whose calendar day a ticket is opened and resolved on.
        by_responsible_department: group by the ticket's responsible department instead of
            the customer's own (default ``False``: the customer's).

    Returns:
        One fact per ticket, in the order of ``tickets``.

    Raises:
        InvalidInput: an account is not among ``customers`` or lacks a grouping dimension.
    """
    tickets = _items(tickets, FeedbackTicket, "tickets")
    customers = _customers(customers)
    zone = _zone(zone)
    require_bool(by_responsible_department, field="by_responsible_department")
    facts = []
    for ticket in tickets:
        account_id, tier, manager, department = _dimensions(ticket.account_id, customers)
        resolved_at = ticket.resolved_at
        facts.append(
            TicketFact(
                account_id,
                tier if ticket.tier is None else ticket.tier.code,  # opened before it was graded
                manager,
                ticket.responsible_department if by_responsible_department else department,
                opened_on=_day(ticket.opened_at, zone),
                resolved_on=None if resolved_at is None else _day(resolved_at, zone),
                resolved_on_time=ticket.resolved_on_time,
            )
        )
    return tuple(facts)


def satisfaction_from_tickets(
    tickets: Iterable[FeedbackTicket],
    customers: Mapping[str, Customer],
    *,
    zone: tzinfo | None = None,
) -> tuple[SurveyResponse, ...]:
    """The customers' satisfaction with resolved problems, as survey answers.

    Seed 001 §五(二)3 follows up 客户对问题解决结果的满意度; every closed ticket with a
    recorded score becomes an answer on the ticket scale (1..5), dated by its closing day.

    Args:
        tickets: the feedback tickets; only the closed ones (which carry a score) count.
        customers: the customer files by account id, for the grouping dimensions.
        zone: the zone whose calendar day a ticket was closed on.

    Returns:
        One answer per closed ticket, for :func:`keyaccount.survey_satisfaction` with
        ``SatisfactionScale(1, 5)``.

    Raises:
        InvalidInput: an account is not among ``customers`` or lacks a grouping dimension.
    """
    tickets = _items(tickets, FeedbackTicket, "tickets")
    customers = _customers(customers)
    zone = _zone(zone)
    answers = []
    for ticket in tickets:
        # A ticket has a score exactly while closed; closed_at is checked for its date.
        if ticket.satisfaction is None or ticket.closed_at is None:
            continue
        answers.append(
            SurveyResponse(
                *_dimensions(ticket.account_id, customers),
                answered_on=_day(ticket.closed_at, zone),
                score=ticket.satisfaction,
            )
        )
    return tuple(answers)


# A dormant account (休眠客户, seed 003) still trades with us in principle and has a
# reactivation plan; it is lost (流失) only when trading is terminated or it leaves the roster.
TRADING_STATUSES: frozenset[AccountStatus] = frozenset(
    {AccountStatus.ACTIVE, AccountStatus.DORMANT}
)


def roster_from(
    at_start: Iterable[Customer],
    at_end: Iterable[Customer],
    *,
    trading: Collection[AccountStatus] = TRADING_STATUSES,
) -> tuple[RetentionFact, ...]:
    """The retention roster of a period from the customer files at its start and its end.

    The roster holds the accounts trading at the start (``trading`` statuses: active or
    dormant by default), with their tier, manager and department at the start (churn is
    counted against the tiers' base, seed 002 §客户流失率); an account is retained if it is
    still trading at the end.

    Args:
        at_start: the customer files as they were at the period's start.
        at_end: the customer files at the period's end.
        trading: the statuses that count as trading.

    Returns:
        One roster entry per account trading at the start, sorted by account id.

    Raises:
        InvalidInput: a starting account lacks a grouping dimension.
    """
    at_start = _items(at_start, Customer, "at_start")
    at_end = _items(at_end, Customer, "at_end")
    trading = tuple(
        to_enum(AccountStatus, status, field="trading")
        for status in to_items(trading, field="trading", expected="AccountStatus values")
    )
    still_trading = {c.account_id for c in at_end if c.status in trading}
    starting = {c.account_id: c for c in at_start if c.status in trading}
    return tuple(
        RetentionFact(
            *_dimensions(account_id, starting), retained=account_id in still_trading
        )
        for account_id in sorted(starting)
    )
