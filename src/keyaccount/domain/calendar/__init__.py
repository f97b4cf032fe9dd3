"""The business calendar deadlines and visit dates are counted on (SPEC §8)."""

from keyaccount.domain.calendar import business_calendar
from keyaccount.domain.calendar.business_calendar import *

__all__ = [*business_calendar.__all__]
