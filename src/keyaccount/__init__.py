"""keyaccount: the domain kernel of key-account management (大客户管理).

Pure domain objects and pluggable policies, with no I/O: time is a parameter (``now=``),
results are values and domain events.

Where a name lives:

- ``keyaccount`` (this package): every domain name, that is each value, event, protocol a
  policy implements and pure service, gathered from the subdomain packages, and the errors.
- ``keyaccount.domain.<subdomain>``: the same names one subdomain at a time: ``calendar``,
  ``customers``, ``grading``, ``tickets``, ``visits``, ``indicators`` (and ``events``, the
  base every domain event shares).
- :mod:`keyaccount.policies`: the configurable defaults with ``from_mapping``, and
  :mod:`keyaccount.policies.presets`, the seed defaults by name.
- :mod:`keyaccount.testing`: hypothesis strategies and conformance checks.
- :mod:`keyaccount.china`: China's official holidays and festival dates, from the optional
  extra ``keyaccount[china]`` (the kernel never imports it).

Each public name is written once, in the ``__all__`` of the module that defines it; the
packages gather those lists.
"""

from keyaccount import _errors
from keyaccount._errors import *
from keyaccount._version import __version__
from keyaccount.domain import calendar as _calendar
from keyaccount.domain import customers as _customers
from keyaccount.domain import events as _events
from keyaccount.domain import grading as _grading
from keyaccount.domain import indicators as _indicators
from keyaccount.domain import tickets as _tickets
from keyaccount.domain import visits as _visits
from keyaccount.domain.calendar import *
from keyaccount.domain.customers import *
from keyaccount.domain.events import *
from keyaccount.domain.grading import *
from keyaccount.domain.indicators import *
from keyaccount.domain.tickets import *
from keyaccount.domain.visits import *

__all__ = [
    "__version__",
    *_errors.__all__,
    *_events.__all__,
    *_calendar.__all__,
    *_grading.__all__,
    *_customers.__all__,
    *_tickets.__all__,
    *_visits.__all__,
    *_indicators.__all__,
]
