"""Visit quotas: how many visits a year, scaled to a period, and the interval they imply.

Seed 001 §走访频率 sets a visit frequency per level of key account and lets it be raised for a
customer (SPEC §6); the frequency policy (:class:`keyaccount.VisitFrequencyPolicy`) hands out
a :class:`VisitQuota` per account, :func:`scaled_count` scales a yearly count to a plan
period, and a plan's :class:`VisitInterval` is the longest an account may go without a
regular visit.
"""

from __future__ import annotations

from datetime import date

import attrs
from dateutil.relativedelta import relativedelta

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    COUNT_LIMIT,
    DURATION_DAYS_LIMIT,
    DURATION_MONTHS_LIMIT,
    count,
    require_count,
    require_day_in_years,
    to_enum,
)
from keyaccount.domain.calendar import Period
from keyaccount.domain.visits.kinds import VisitKind

__all__ = [
    "VisitInterval",
    "VisitQuota",
    "scaled_count",
]


_count = count(maximum=COUNT_LIMIT, note=" (visits a year)")


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
        """The number of visits of ``kind`` (a member or its string form) a year."""
        if type(kind) is not VisitKind:
            kind = to_enum(VisitKind, kind, field="VisitQuota.count kind")
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


def scaled_count(per_year: int, period: Period) -> int:
    """Visits owed in ``period`` for ``per_year`` a year (rounded up: a minimum).

    A period of whole months owes ``per_year * period.whole_months / 12``; any other period
    owes ``per_year * period.days / 365``.

    >>> scaled_count(12, Period.year(2028))
    12
    >>> scaled_count(4, Period(date(2026, 1, 1), date(2026, 5, 1)))
    2

    Raises:
        InvalidInput: ``per_year`` is not an int from 0 to ``10**9`` (a bool or a float is not
            a count), or ``period`` is not a :class:`~keyaccount.Period`.
    """
    if type(per_year) is not int or not 0 <= per_year <= COUNT_LIMIT:
        require_count(
            per_year, field="scaled_count per_year", maximum=COUNT_LIMIT, note=" (visits a year)"
        )
    if not isinstance(period, Period):
        raise InvalidInput(f"scaled_count period must be a Period, got {period!r}")
    if per_year == 0:
        return 0
    months = period.whole_months
    if months is not None:
        return -(-per_year * months // 12)
    return -(-per_year * period.days // 365)


@attrs.frozen
class VisitInterval:
    """The longest an account may go without a regular visit: whole months or days.

    Attributes:
        months: calendar months (used when the visits fall monthly, bimonthly, quarterly...).
        days: days (used otherwise).

    Raises:
        InvalidInput: a count that is not an int (``2.5``, ``True``) or is negative, not exactly one
            of them above 0, or an interval longer than 10 years (120 months, 3,660 days:
            the domain's bounds, SPEC §11).

    >>> VisitInterval(months=2).window_start(date(2026, 6, 15))
    datetime.date(2026, 4, 15)
    >>> str(VisitInterval(days=40))
    '40 days'
    """

    months: int = attrs.field(default=0, validator=count(maximum=DURATION_MONTHS_LIMIT))
    days: int = attrs.field(default=0, validator=count(maximum=DURATION_DAYS_LIMIT))

    def __attrs_post_init__(self) -> None:
        # the counts are 0 or more (their validators ran): exactly one of them above 0
        if (self.months == 0) == (self.days == 0):
            raise InvalidInput(
                "VisitInterval needs exactly one of months or days > 0, "
                f"got months={self.months!r}, days={self.days!r}"
            )

    def after(self, day: date) -> date:
        """The day one interval after ``day`` (a day in the years 1900-2199)."""
        require_day_in_years(day, field="day")
        return day + relativedelta(months=self.months, days=self.days)

    def window_start(self, today: date) -> date:
        """The day one interval before ``today``: a last visit before it is too long ago.

        ``today`` is a day in the years 1900-2199.
        """
        require_day_in_years(today, field="today")
        return today - relativedelta(months=self.months, days=self.days)

    def __str__(self) -> str:
        count, unit = (self.months, "month") if self.months else (self.days, "day")
        return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
