"""Performance indicators (效果评估, 考核) over plain records the host passes in (SPEC §9).

Every indicator is a pure function of some records and a :class:`~keyaccount.Period`. It
returns a :class:`Breakdown`: the portfolio's :class:`IndicatorValue` and the value of every
account, tier, account manager and department, all computed in **one pass** over the
records (the private roll-up engine ``_engine``). A value carries its numerator and
denominator so a reviewer can audit it; when the denominator is empty the value is *not
applicable*, never 0, 1 or an exception.

Modules: ``values`` (what an indicator yields), ``records`` (the facts it reads),
``adapters`` (facts from keyaccount's own objects), one module per family of indicators
(``visits``, ``resolution``, ``satisfaction``, ``cooperation``, ``retention``,
``receivables``, ``prospects``, ``cost_benefit``, ``migration``), ``indicator_set`` (all of
one period), ``appraisal`` and ``weighting`` (scores combined by weights) and ``loyalty``.

>>> from datetime import date
>>> from keyaccount import Period
>>> h1 = Period.half_year(2025, 1)
>>> visits = [
...     VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 2, 3), done_on=date(2025, 2, 3)),
...     VisitFact("BOLT", "C", "Li", "KA", planned_on=date(2025, 3, 9)),
... ]
>>> str(compute_indicators(h1, visits=visits)[Indicator.VISIT_PLAN_COMPLETION].portfolio)
'visit_plan_completion 2025-H1: 1/2 = 0.5000'
"""

from keyaccount.domain.indicators import (
    adapters,
    appraisal,
    columns,
    cooperation,
    cost_benefit,
    indicator_set,
    loyalty,
    migration,
    prospects,
    receivables,
    records,
    resolution,
    retention,
    satisfaction,
    targets,
    values,
    visits,
    weighting,
)
from keyaccount.domain.indicators.adapters import *
from keyaccount.domain.indicators.appraisal import *
from keyaccount.domain.indicators.columns import *
from keyaccount.domain.indicators.cooperation import *
from keyaccount.domain.indicators.cost_benefit import *
from keyaccount.domain.indicators.indicator_set import *
from keyaccount.domain.indicators.loyalty import *
from keyaccount.domain.indicators.migration import *
from keyaccount.domain.indicators.prospects import *
from keyaccount.domain.indicators.receivables import *
from keyaccount.domain.indicators.records import *
from keyaccount.domain.indicators.resolution import *
from keyaccount.domain.indicators.retention import *
from keyaccount.domain.indicators.satisfaction import *
from keyaccount.domain.indicators.targets import *
from keyaccount.domain.indicators.values import *
from keyaccount.domain.indicators.visits import *
from keyaccount.domain.indicators.weighting import *

__all__ = [
    *adapters.__all__,
    *appraisal.__all__,
    *columns.__all__,
    *cooperation.__all__,
    *cost_benefit.__all__,
    *indicator_set.__all__,
    *loyalty.__all__,
    *migration.__all__,
    *prospects.__all__,
    *receivables.__all__,
    *records.__all__,
    *resolution.__all__,
    *retention.__all__,
    *satisfaction.__all__,
    *targets.__all__,
    *values.__all__,
    *visits.__all__,
    *weighting.__all__,
]
