"""The plan period of a visit plan: a run of days, usually a plan year (SPEC §6).

Wave 2 of 0.2.0 unifies it with :class:`keyaccount.Period` (one period type).

>>> period = PlanPeriod.year(2026)
>>> period.start, period.end, period.months
(datetime.date(2026, 1, 1), datetime.date(2027, 1, 1), 12)
"""

from __future__ import annotations

from datetime import date

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import a_date

__all__ = ["PlanPeriod"]


def _after_start(instance: PlanPeriod, _attribute: object, value: date) -> None:
    if value <= instance.start:
        raise InvalidInput(
            f"PlanPeriod.end must be after start {instance.start.isoformat()}, "
            f"got {value.isoformat()}"
        )


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

    start: date = attrs.field(validator=a_date)
    end: date = attrs.field(validator=[a_date, _after_start])

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
