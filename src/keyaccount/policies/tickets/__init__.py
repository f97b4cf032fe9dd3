"""Tickets: the default deadlines, escalation, ledger and rectification rules (SPEC §7)."""

from keyaccount.policies.tickets import escalation, ledger, rectification
from keyaccount.policies.tickets.escalation import *
from keyaccount.policies.tickets.ledger import *
from keyaccount.policies.tickets.rectification import *

__all__ = [*escalation.__all__, *ledger.__all__, *rectification.__all__]
