"""Indicator policies: the scorecard and loyalty weights a company sets (SPEC §9; seeds 001-003)."""

from keyaccount.policies.indicators import loyalty, scorecard
from keyaccount.policies.indicators.loyalty import *
from keyaccount.policies.indicators.scorecard import *

__all__ = [*loyalty.__all__, *scorecard.__all__]
