"""Grading policies: who the key accounts are, and at which tier (SPEC §5a, §5b).

* :class:`WeightedScoreGrading` (seed 002 §客户分级): normalise contract amount, profit
  contribution and purchase count over the portfolio, weight them 40/40/20, rank the
  portfolio and cut it into tiers A 5 %, B 15 %, C 30 %, D 50 %.
* :class:`AmountBandGrading` (seed 004 第5条): fixed bands of annual purchase amount.
* :class:`KeyAccountEligibility` (seed 004 第4条): whether an account qualifies as a key
  account at all, criterion by criterion.
* :func:`calibrate` turns a graded portfolio into contract-amount bands that reproduce it
  as closely as possible (seed 002: 以"客户合同额"拟定可衡量的等级划分标准).
* :class:`GradingPhases` and :class:`BandPhases` run the gradings on partitions of a
  portfolio, in phases whose results merge (:mod:`~keyaccount.policies.grading.phase_values`),
  so a distributed engine grades exactly like one machine (issue 17).

Both policies implement :class:`keyaccount.GradingPolicy` and return a
:class:`keyaccount.Grading`.
"""

from keyaccount.policies.grading import (
    band_phases,
    bands,
    calibration,
    eligibility,
    phase_values,
    phases,
    shares,
    weighted,
    weights,
)
from keyaccount.policies.grading.band_phases import *
from keyaccount.policies.grading.bands import *
from keyaccount.policies.grading.calibration import *
from keyaccount.policies.grading.eligibility import *
from keyaccount.policies.grading.phase_values import *
from keyaccount.policies.grading.phases import *
from keyaccount.policies.grading.shares import *
from keyaccount.policies.grading.weighted import *
from keyaccount.policies.grading.weights import *

__all__ = [
    *band_phases.__all__,
    *bands.__all__,
    *calibration.__all__,
    *eligibility.__all__,
    *phase_values.__all__,
    *phases.__all__,
    *shares.__all__,
    *weighted.__all__,
    *weights.__all__,
]
