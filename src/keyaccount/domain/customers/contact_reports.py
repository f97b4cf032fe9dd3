"""Contact reports: who contacted an important account when, and who went quiet (SPEC §3).

Seed 002 (二(二)1.3) asks of important accounts two staff in contact *and* a habit of contact
reports (接触报告); seed 003 (§大客户信息管理办法 第十条) has the staff report their contacts.
A :class:`ContactReport` records one contact; :func:`missing_contact_reports` flags the
accounts that need two staff under the caller's :class:`~keyaccount.CoveragePolicy` and have
no contact report in a period.

>>> from datetime import date, datetime, timezone
>>> from keyaccount import Contract, Customer
>>> class TwoForEveryone:
...     def required_staff(self, customer):
...         return 2
>>> utc = timezone.utc
>>> quiet = Customer(account_id="C-7", name="Acme", category="regional", status="approved",
...                  supply_contract=Contract(reference="S", signed_on=date(2025, 1, 2)),
...                  quality_contract=Contract(reference="Q", signed_on=date(2025, 1, 2)),
...                  staff=("wang", "li"))
>>> report = ContactReport(account_id="C-7", contacted_by="li", summary="price talks",
...                        contacted_at=datetime(2025, 4, 2, 9, tzinfo=utc))
>>> (gap,) = missing_contact_reports([quiet], TwoForEveryone(), reports=[report],
...                                  since=datetime(2025, 5, 1, tzinfo=utc),
...                                  until=datetime(2025, 6, 1, tzinfo=utc))
>>> gap.account_id, gap.required_staff, gap.last_report_at.date()
('C-7', 2, datetime.date(2025, 4, 2))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    aware,
    count,
    non_empty,
    optional_aware,
    optional_text,
    require_count,
    require_instances,
    require_instant_in_years,
    to_items,
)
from keyaccount.domain.customers.coverage import CoveragePolicy
from keyaccount.domain.customers.customer import Customer

__all__ = ["ContactGap", "ContactReport", "missing_contact_reports"]

@attrs.frozen(kw_only=True)
class ContactReport:
    """One contact with an account, reported by the person who made it (接触报告).

    Attributes:
        account_id: the account contacted.
        contacted_by: who on our side made the contact.
        contacted_at: when (aware).
        summary: what it was about.
        contact_person: whom they spoke to at the customer, if known.
        channel: how (visit, phone, meeting, ...), if given.
    """

    account_id: str = attrs.field(validator=non_empty)
    contacted_by: str = attrs.field(validator=non_empty)
    contacted_at: datetime = attrs.field(validator=aware)
    summary: str = attrs.field(validator=non_empty)
    contact_person: str | None = attrs.field(default=None, validator=optional_text)
    channel: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen
class ContactGap:
    """An important account with no contact report in the period checked.

    Attributes:
        account_id: the account.
        required_staff: the staff its coverage requires (at least ``from_staff``).
        last_report_at: its latest contact report before the period's end, if any.
    """

    account_id: str = attrs.field(validator=non_empty)
    required_staff: int = attrs.field(validator=count(maximum=COUNT_LIMIT))
    last_report_at: datetime | None = attrs.field(default=None, validator=optional_aware)


def missing_contact_reports(
    customers: Iterable[Customer],
    coverage: CoveragePolicy,
    *,
    reports: Iterable[ContactReport],
    since: datetime,
    until: datetime,
    from_staff: int = 2,
) -> tuple[ContactGap, ...]:
    """The important accounts on the roster with no contact report in ``[since, until)``.

    An account is important here when ``coverage`` requires at least ``from_staff`` staff on
    it (seed 002: important accounts have two staff in contact); accounts off the roster
    (prospects, suspended, terminated) are not checked.

    Args:
        customers: the portfolio.
        coverage: the coverage policy that says how many staff each account needs.
        reports: the contact reports on file (any accounts, any time).
        since: the period's start (aware, inclusive).
        until: the period's end (aware, exclusive); after ``since``.
        from_staff: the staff requirement from which an account is checked; *default* 2.

    Returns:
        One :class:`ContactGap` per account flagged, in input order.

    Raises:
        InvalidInput: not Customer files or ContactReports, not a CoveragePolicy, naive
            instants, ``until`` not after ``since``, or ``from_staff`` not a count >= 1.
    """
    if not isinstance(coverage, CoveragePolicy):
        raise InvalidInput(f"coverage must be a CoveragePolicy (required_staff), got {coverage!r}")
    require_instant_in_years(since, field="since")
    require_instant_in_years(until, field="until")
    if until <= since:
        raise InvalidInput(
            f"until {until.isoformat()} must be after since {since.isoformat()}"
        )
    require_count(from_staff, field="from_staff", maximum=COUNT_LIMIT)
    if from_staff < 1:
        raise InvalidInput(f"from_staff must be at least 1, got {from_staff}")
    portfolio = to_items(customers, field="customers", expected="Customer files")
    require_instances(portfolio, Customer, field="customers")
    filed = to_items(reports, field="reports", expected="ContactReport values")
    require_instances(filed, ContactReport, field="reports")
    reported: set[str] = set()
    last: dict[str, datetime] = {}
    for report in filed:
        if report.contacted_at >= until:
            continue
        if report.contacted_at >= since:
            reported.add(report.account_id)
        if report.account_id not in last or report.contacted_at > last[report.account_id]:
            last[report.account_id] = report.contacted_at
    gaps = []
    for customer in portfolio:
        if not customer.status.on_roster or customer.account_id in reported:
            continue
        required = require_count(
            coverage.required_staff(customer),
            field=f"{type(coverage).__name__}.required_staff of customer "
            f"{customer.account_id!r}",
            maximum=COUNT_LIMIT,
        )
        if required >= from_staff:
            gaps.append(ContactGap(customer.account_id, required, last.get(customer.account_id)))
    return tuple(gaps)
