"""Grading: tiers, account figures, graded portfolios, tier history, migration, reviews (SPEC §5).

The tiers of both seed schemes (:data:`TIER_A` ... :data:`TIER_D` of seed 002,
:data:`STRATEGIC`, :data:`PARTNER`, :data:`ORDINARY` of seed 004) and the
:class:`TierLadder` that orders a host's own tiers live here, since grading is what gives an
account its tier. A :class:`GradingPolicy` (defaults in :mod:`keyaccount.policies`) reads
:class:`AccountFigures` and returns a :class:`Grading`, a mapping from account id to
:class:`GradedAccount`. What a company does with gradings over time lives here too: a
:class:`TierHistory` per account (changes with date and reason, as :class:`TierChanged`
events), the :class:`MigrationMatrix` between two gradings (客户异动: tier migration's one
home, which the indicator :func:`~keyaccount.tier_migration` counts), :func:`tiers_of` (any
grading read as ``{account id: Tier}``) and the :class:`ReviewCadence` of seeds 001-003.
"""

from keyaccount.domain.grading import (
    columnar,
    eligibility,
    events,
    figures,
    graded,
    history,
    migration,
    ports,
    reading,
    reviews,
    tiers,
    ties,
)
from keyaccount.domain.grading.columnar import *
from keyaccount.domain.grading.eligibility import *
from keyaccount.domain.grading.events import *
from keyaccount.domain.grading.figures import *
from keyaccount.domain.grading.graded import *
from keyaccount.domain.grading.history import *
from keyaccount.domain.grading.migration import *
from keyaccount.domain.grading.ports import *
from keyaccount.domain.grading.reading import *
from keyaccount.domain.grading.reviews import *
from keyaccount.domain.grading.tiers import *
from keyaccount.domain.grading.ties import *

__all__ = [
    *columnar.__all__,
    *eligibility.__all__,
    *events.__all__,
    *figures.__all__,
    *graded.__all__,
    *history.__all__,
    *migration.__all__,
    *ports.__all__,
    *reading.__all__,
    *reviews.__all__,
    *ties.__all__,
    *tiers.__all__,
]
