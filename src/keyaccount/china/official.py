"""A business calendar from China's official holidays and make-up working days (SPEC §8).

The State Council (国务院办公厅) announces each year's public holidays (法定节假日) and the
weekend days worked in exchange (调休 make-up working days), usually in November for the year
after. The ``chinesecalendar`` package keeps those notices as data; this module hands that data
to a :class:`~keyaccount.BusinessCalendar`, so the kernel itself still ships no holiday list.

The calendar's span is the data's span: from 1 January of the first year the installed
``chinesecalendar`` knows to 31 December of its last (the years its own ``is_workday``
answers). Past it a computation raises :class:`~keyaccount.CalendarRangeError`; the remedy is
a newer ``chinesecalendar``. A host that prefers plain weeks to an error for a while may opt
in, explicitly and up to a day it names, with ``weekday_fallback_until``.

Needs the optional extra (``pip install 'keyaccount[china]'``); without it the call raises
:class:`~keyaccount.MissingExtraError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_day_in_years
from keyaccount.china._extra import load
from keyaccount.domain.calendar import BusinessCalendar
from keyaccount.domain.calendar.business_calendar import DEFAULT_WORKING_HOURS

__all__ = ["china_business_calendar"]

# chinesecalendar's data presumes the 5-day week (《国务院关于职工工作时间的规定》, 1995).
_MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)


def china_business_calendar(
    *,
    timezone: str = "Asia/Shanghai",
    working_hours: Iterable[tuple[time, time]] = DEFAULT_WORKING_HOURS,
    weekday_fallback_until: date | None = None,
) -> BusinessCalendar:
    """China's business calendar: Monday to Friday, less the public holidays, plus 调休 days.

    Args:
        timezone: the IANA zone of the office (default ``Asia/Shanghai``, China's one zone).
        working_hours: the working hours of a working day (default 09:00-12:00 and
            13:30-18:00, as :class:`~keyaccount.BusinessCalendar`).
        weekday_fallback_until: ``None`` (the default) ends the calendar where the installed
            holiday data ends. A date after that end extends the calendar to it, counting the
            days past the data as plain weeks (Monday to Friday, no holidays): an explicit
            opt-in for a host that prefers a deadline that may be a few days wrong around an
            unannounced holiday to a stopped nightly job. It must lie after the data's end.

    Returns:
        A :class:`~keyaccount.BusinessCalendar` whose ``valid_from`` and ``valid_until`` are the
        span of the data (or ``weekday_fallback_until``).

    Raises:
        MissingExtraError: ``chinesecalendar`` is not installed.
        InvalidInput: an unknown zone, bad working hours, or a ``weekday_fallback_until`` that
            is not a date after the end of the data.

    >>> from datetime import date
    >>> calendar = china_business_calendar()
    >>> calendar.is_working_day(date(2025, 10, 8)), calendar.is_working_day(date(2025, 10, 11))
    (False, True)
    """
    data = load("chinese_calendar", needed_for="china_business_calendar()")
    holidays = tuple(data.holidays)
    makeup_workdays = tuple(data.workdays)
    # the span chinesecalendar itself answers for: the years of its holiday table
    valid_from = date(min(holidays).year, 1, 1)
    valid_until = date(max(holidays).year, 12, 31)
    if weekday_fallback_until is not None:
        fallback = require_day_in_years(
            weekday_fallback_until, field="china_business_calendar.weekday_fallback_until"
        )
        if fallback <= valid_until:
            raise InvalidInput(
                f"china_business_calendar.weekday_fallback_until must be after the end of the "
                f"installed holiday data ({valid_until.isoformat()}), got {fallback.isoformat()}; "
                f"leave it None to end the calendar with the data"
            )
        valid_until = fallback
    return BusinessCalendar(
        timezone=timezone,
        workdays=_MONDAY_TO_FRIDAY,
        working_hours=working_hours,
        holidays=holidays,
        makeup_workdays=makeup_workdays,
        valid_from=valid_from,
        valid_until=valid_until,
    )
