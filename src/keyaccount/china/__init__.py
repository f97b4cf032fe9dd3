"""China's calendar, ready to use: the optional extra ``keyaccount[china]``.

- :func:`china_business_calendar`: a :class:`~keyaccount.BusinessCalendar` from the official
  holidays and make-up working days (调休) kept by ``chinesecalendar``; its span is the data's.
- :func:`festival_dates` and :func:`festival_date`: the festival dates (Spring Festival,
  Mid-Autumn, ...) the visit planner takes, from the lunar calendar (农历) by ``lunar_python``.

This package imports without the extra; a call that needs a missing library raises
:class:`~keyaccount.MissingExtraError` (``pip install 'keyaccount[china]'``). The kernel
itself ships no holiday data and never needs this package.
"""

from keyaccount.china import festivals, official
from keyaccount.china.festivals import *
from keyaccount.china.official import *

__all__ = [*official.__all__, *festivals.__all__]
