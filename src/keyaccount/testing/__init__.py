"""Hypothesis strategies and conformance checks for keyaccount and for users' own policies.

Needs the ``test`` extra (hypothesis). The library's own tests use these strategies, so they
are exercised in CI. A conformance check raises :class:`AssertionError` with a message that
names the account, tier or setting at fault; it raises explicitly, so it also works under
``python -O``.

One private module per subdomain holds its strategies and checks; this package gathers them.
"""

from keyaccount.testing import (
    _calendar,
    _codec,
    _customers,
    _eligibility,
    _grading,
    _indicators,
    _selection,
    _tickets,
    _visits,
)
from keyaccount.testing._calendar import *
from keyaccount.testing._codec import *
from keyaccount.testing._customers import *
from keyaccount.testing._eligibility import *
from keyaccount.testing._grading import *
from keyaccount.testing._indicators import *
from keyaccount.testing._selection import *
from keyaccount.testing._tickets import *
from keyaccount.testing._visits import *

__all__ = [
    *_calendar.__all__,
    *_customers.__all__,
    *_selection.__all__,
    *_eligibility.__all__,
    *_grading.__all__,
    *_tickets.__all__,
    *_visits.__all__,
    *_indicators.__all__,
    *_codec.__all__,
]
