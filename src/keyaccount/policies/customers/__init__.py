"""Customer policies: account codes, dormancy, coverage, handover, access, selection (SPEC §1-4).

The configurable defaults of the customer subdomain, each with ``from_mapping``; the
Protocols they implement and the services that take them are in
:mod:`keyaccount.domain.customers`.
"""

from keyaccount.policies.customers import (
    access,
    account_codes,
    coverage,
    dormancy,
    handover,
    selection,
)
from keyaccount.policies.customers.access import *
from keyaccount.policies.customers.account_codes import *
from keyaccount.policies.customers.coverage import *
from keyaccount.policies.customers.dormancy import *
from keyaccount.policies.customers.handover import *
from keyaccount.policies.customers.selection import *

__all__ = [
    *access.__all__,
    *account_codes.__all__,
    *coverage.__all__,
    *dormancy.__all__,
    *handover.__all__,
    *selection.__all__,
]
