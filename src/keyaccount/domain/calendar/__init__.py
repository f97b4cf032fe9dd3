"""The business calendar deadlines and visit dates are counted on (SPEC §8)."""

from keyaccount.domain.calendar import business_calendar, duration
from keyaccount.domain.calendar.business_calendar import *
from keyaccount.domain.calendar.duration import *

__all__ = [*business_calendar.__all__, *duration.__all__]
