"""Visits: plans, records and compliance (SPEC §6; seed 001 走访管理, seed 002 维护计划).

Seed 001 (重点客户走访管理办法) asks for visits planned in advance with a date, visitors and
content, spread over the plan year, recorded in a complete 《重点客户走访记录》, and checked
for completion. Seed 002 (客户维护计划) adds the kinds of contact: regular visits, holiday
visits and events for key maintenance (A, B), return calls and greetings for routine
maintenance (C, D).

Modules: ``accounts``, ``portfolio``, ``kinds`` (kinds, topics, visit ids), ``quotas``,
``ports`` (the protocols the services accept), ``plan``, ``records``, ``events``, ``planner``,
``recording`` and ``compliance``. A plan covers a :class:`~keyaccount.Period`, the one
period type of the calendar package (:mod:`keyaccount.domain.calendar`).
"""

from keyaccount.domain.visits import (
    accounts,
    compliance,
    events,
    kinds,
    matching,
    plan,
    planner,
    portfolio,
    ports,
    quotas,
    recording,
    records,
    report,
)
from keyaccount.domain.visits.accounts import *
from keyaccount.domain.visits.compliance import *
from keyaccount.domain.visits.events import *
from keyaccount.domain.visits.kinds import *
from keyaccount.domain.visits.matching import *
from keyaccount.domain.visits.plan import *
from keyaccount.domain.visits.planner import *
from keyaccount.domain.visits.portfolio import *
from keyaccount.domain.visits.ports import *
from keyaccount.domain.visits.quotas import *
from keyaccount.domain.visits.recording import *
from keyaccount.domain.visits.records import *
from keyaccount.domain.visits.report import *

__all__ = [
    *accounts.__all__,
    *compliance.__all__,
    *matching.__all__,
    *events.__all__,
    *kinds.__all__,
    *plan.__all__,
    *planner.__all__,
    *portfolio.__all__,
    *ports.__all__,
    *quotas.__all__,
    *recording.__all__,
    *records.__all__,
    *report.__all__,
]
