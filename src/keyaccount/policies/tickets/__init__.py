"""Tickets: the default deadlines and escalation of feedback tickets (SPEC §7; seed 001 §五)."""

from keyaccount.policies.tickets import escalation
from keyaccount.policies.tickets.escalation import *

__all__ = [*escalation.__all__]
