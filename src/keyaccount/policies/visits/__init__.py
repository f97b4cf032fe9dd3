"""Visit policies: visit frequency and its seed quotas (SPEC §6; seed 001 §走访频率), capacity."""

from keyaccount.policies.visits import capacity, frequency
from keyaccount.policies.visits.capacity import *
from keyaccount.policies.visits.frequency import *

__all__ = [*capacity.__all__, *frequency.__all__]
