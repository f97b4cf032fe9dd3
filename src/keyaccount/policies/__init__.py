"""Pluggable policies: the rules a company may set differently (SPEC §0).

Every policy is a small frozen class that implements a :class:`typing.Protocol` of the domain
(``keyaccount.GradingPolicy``, ``keyaccount.EscalationPolicy``, ...), with a documented
default from SPEC.md (see :mod:`keyaccount.policies.presets`) and a ``from_mapping``
constructor that validates a host's settings and raises
:class:`~keyaccount.PolicyConfigError` on anything it cannot accept.

The policies are grouped by the subdomain they serve, as the domain is:
:mod:`~keyaccount.policies.customers`, :mod:`~keyaccount.policies.grading`,
:mod:`~keyaccount.policies.tickets`, :mod:`~keyaccount.policies.visits` and
:mod:`~keyaccount.policies.indicators`; this package gathers their names.
"""

from keyaccount.policies import customers as _customers
from keyaccount.policies import grading as _grading
from keyaccount.policies import indicators as _indicators
from keyaccount.policies import presets as presets
from keyaccount.policies import settings as _settings
from keyaccount.policies import tickets as _tickets
from keyaccount.policies import visits as _visits
from keyaccount.policies.customers import *
from keyaccount.policies.grading import *
from keyaccount.policies.indicators import *
from keyaccount.policies.settings import *
from keyaccount.policies.tickets import *
from keyaccount.policies.visits import *

__all__ = [
    *_grading.__all__,
    *_customers.__all__,
    *_tickets.__all__,
    *_visits.__all__,
    *_indicators.__all__,
    *_settings.__all__,
]
