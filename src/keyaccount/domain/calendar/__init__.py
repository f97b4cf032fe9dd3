"""The calendar: the business calendar and the periods of days (SPEC §6, §8, §9).

Deadlines and visit dates are counted on a business calendar (SPEC §8); visits are planned
over a period and indicators are measured over one (SPEC §6, §9).
"""

from keyaccount.domain.calendar import business_calendar, duration, period
from keyaccount.domain.calendar.business_calendar import *
from keyaccount.domain.calendar.duration import *
from keyaccount.domain.calendar.period import *

__all__ = [*business_calendar.__all__, *duration.__all__, *period.__all__]
