"""Visit policies: the default visit frequency and its seed quotas (SPEC §6; seed 001 §走访频率)."""

from keyaccount.policies.visits import frequency
from keyaccount.policies.visits.frequency import *

__all__ = [*frequency.__all__]
