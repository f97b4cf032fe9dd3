"""Customers: the customer file, its lifecycle, coverage, handover and access (SPEC §1-4; seed 003).

The file (:mod:`.customer`) and its parts (:mod:`.classification`, :mod:`.contacts`,
:mod:`.contracts`, :mod:`.records`), its events (:mod:`.events`), the lifecycle
(:mod:`.lifecycle`, :mod:`.lifecycle_events`), and the services that take a company's policy:
account codes, dormancy, coverage, handover, access and regrading, each module with the
Protocol its service accepts.
"""

from keyaccount.domain.customers import (
    access,
    account_codes,
    archive,
    classification,
    confidentiality,
    contact_reports,
    contacts,
    contracts,
    coverage,
    customer,
    development,
    dormancy,
    events,
    handover,
    lifecycle,
    lifecycle_events,
    records,
    regrading,
    selection,
    ticket_handover,
)
from keyaccount.domain.customers.access import *
from keyaccount.domain.customers.account_codes import *
from keyaccount.domain.customers.archive import *
from keyaccount.domain.customers.classification import *
from keyaccount.domain.customers.confidentiality import *
from keyaccount.domain.customers.contact_reports import *
from keyaccount.domain.customers.contacts import *
from keyaccount.domain.customers.contracts import *
from keyaccount.domain.customers.coverage import *
from keyaccount.domain.customers.customer import *
from keyaccount.domain.customers.development import *
from keyaccount.domain.customers.dormancy import *
from keyaccount.domain.customers.events import *
from keyaccount.domain.customers.handover import *
from keyaccount.domain.customers.lifecycle import *
from keyaccount.domain.customers.lifecycle_events import *
from keyaccount.domain.customers.records import *
from keyaccount.domain.customers.regrading import *
from keyaccount.domain.customers.selection import *
from keyaccount.domain.customers.ticket_handover import *

__all__ = [
    *access.__all__,
    *account_codes.__all__,
    *archive.__all__,
    *classification.__all__,
    *confidentiality.__all__,
    *contact_reports.__all__,
    *contacts.__all__,
    *contracts.__all__,
    *coverage.__all__,
    *customer.__all__,
    *development.__all__,
    *dormancy.__all__,
    *events.__all__,
    *handover.__all__,
    *lifecycle.__all__,
    *lifecycle_events.__all__,
    *records.__all__,
    *regrading.__all__,
    *selection.__all__,
    *ticket_handover.__all__,
]
