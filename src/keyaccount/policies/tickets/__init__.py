"""Tickets: the default deadlines, escalation and ledger rules (SPEC §7; seed 001 §五)."""

from keyaccount.policies.tickets import escalation, ledger
from keyaccount.policies.tickets.escalation import *
from keyaccount.policies.tickets.ledger import *

__all__ = [*escalation.__all__, *ledger.__all__]
