"""Every policy from one settings tree: :func:`load_policies` (issue 14).

A host keeps its keyaccount settings in one file (TOML, JSON, YAML, a settings table) and
hands the parsed tree in; each section goes to the ``from_mapping`` of its policy, a section
left out keeps its seed default from :mod:`keyaccount.policies.presets`, and an error names
the path of the bad setting (``escalation.first_reply.A``). The sections:

========================  ==========================================  =====================
section                   policy                                      left out
========================  ==========================================  =====================
``calendar``              :class:`~keyaccount.BusinessCalendar`       ``None`` (no data)
``grading``               :class:`WeightedScoreGrading`               seed 002
``amount_bands``          :class:`AmountBandGrading`                  seed 004
``review_cadence``        :class:`~keyaccount.ReviewCadence`          seeds 001-003
``tier_ladder``           :class:`~keyaccount.TierLadder`             ``DEFAULT_LADDER``
``escalation``            :class:`TieredEscalation`                   seed 003 第十一条
``visits``                :class:`TierVisitFrequency`                 seed 001 §走访频率
``scorecard``             :class:`WeightedScorecard`                  seed 001 §指标
``loyalty``               :class:`WeightedLoyalty`                    seed 002 §忠诚度分析
``dormancy``              :class:`DaysWithoutPurchase`                seed 003 第十三条
``account_codes``         :class:`SequentialAccountCodes`             seed 003 第八条
``coverage``              :class:`MinimumStaffByTier`                 seed 002 §客户管理
``handover``              :class:`CoveredHandover`                    seed 003 第十二条
``access``                :class:`RoleBasedAccess`                    seed 003 第十四条
========================  ==========================================  =====================

A policy added by a later issue gets one field on :class:`Policies` and one line in
``_SECTIONS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from keyaccount._errors import KeyAccountError, PolicyConfigError
from keyaccount._validation import instance_of, optional_instance_of
from keyaccount.domain.calendar import BusinessCalendar
from keyaccount.domain.grading import DEFAULT_LADDER, ReviewCadence, TierLadder
from keyaccount.policies import presets
from keyaccount.policies.customers import (
    CoveredHandover,
    DaysWithoutPurchase,
    MinimumStaffByTier,
    RoleBasedAccess,
    SequentialAccountCodes,
)
from keyaccount.policies.grading import AmountBandGrading, WeightedScoreGrading
from keyaccount.policies.indicators import WeightedLoyalty, WeightedScorecard
from keyaccount.policies.tickets import TieredEscalation
from keyaccount.policies.visits import TierVisitFrequency

__all__ = ["Policies", "load_policies"]


@attrs.frozen(kw_only=True)
class Policies:
    """Every policy of a host, as :func:`load_policies` built them from its settings.

    Attributes:
        calendar: the business calendar, or ``None`` when the settings have no calendar
            section (the library ships no holiday data).

    Raises:
        InvalidInput: a field that is not a policy of its type.
        grading, amount_bands, review_cadence, tier_ladder, escalation, visits, scorecard,
        loyalty, dormancy, account_codes, coverage, handover, access: one policy per
            section of the same name (see the module's table).
    """

    calendar: BusinessCalendar | None = attrs.field(
        validator=optional_instance_of(BusinessCalendar)
    )
    grading: WeightedScoreGrading = attrs.field(validator=instance_of(WeightedScoreGrading))
    amount_bands: AmountBandGrading = attrs.field(validator=instance_of(AmountBandGrading))
    review_cadence: ReviewCadence = attrs.field(validator=instance_of(ReviewCadence))
    tier_ladder: TierLadder = attrs.field(validator=instance_of(TierLadder))
    escalation: TieredEscalation = attrs.field(validator=instance_of(TieredEscalation))
    visits: TierVisitFrequency = attrs.field(validator=instance_of(TierVisitFrequency))
    scorecard: WeightedScorecard = attrs.field(validator=instance_of(WeightedScorecard))
    loyalty: WeightedLoyalty = attrs.field(validator=instance_of(WeightedLoyalty))
    dormancy: DaysWithoutPurchase = attrs.field(validator=instance_of(DaysWithoutPurchase))
    account_codes: SequentialAccountCodes = attrs.field(
        validator=instance_of(SequentialAccountCodes)
    )
    coverage: MinimumStaffByTier = attrs.field(validator=instance_of(MinimumStaffByTier))
    handover: CoveredHandover = attrs.field(validator=instance_of(CoveredHandover))
    access: RoleBasedAccess = attrs.field(validator=instance_of(RoleBasedAccess))


_Loader = Callable[[Any], object]
#: section -> (build from its settings, the default when it is left out)
_SECTIONS: dict[str, tuple[_Loader, Callable[[], object]]] = {
    "calendar": (BusinessCalendar.from_mapping, lambda: None),
    "grading": (WeightedScoreGrading.from_mapping, presets.weighted_grading),
    "amount_bands": (AmountBandGrading.from_mapping, presets.amount_bands),
    "review_cadence": (ReviewCadence.from_mapping, presets.review_cadence),
    "tier_ladder": (TierLadder.from_mapping, lambda: DEFAULT_LADDER),
    "escalation": (TieredEscalation.from_mapping, presets.escalation),
    "visits": (TierVisitFrequency.from_mapping, presets.visit_frequency),
    "scorecard": (WeightedScorecard.from_mapping, presets.scorecard),
    "loyalty": (WeightedLoyalty.from_mapping, presets.loyalty),
    "dormancy": (DaysWithoutPurchase.from_mapping, presets.dormancy),
    "account_codes": (SequentialAccountCodes.from_mapping, presets.account_codes),
    "coverage": (MinimumStaffByTier.from_mapping, presets.coverage),
    "handover": (CoveredHandover.from_mapping, presets.handover),
    "access": (RoleBasedAccess.from_mapping, presets.access),
}


def _mentions(message: str, key: object) -> bool:
    if not isinstance(key, str) or not key:
        return False
    if f"'{key}'" in message or f'"{key}"' in message:
        return True
    return len(key) > 2 and re.search(rf"(?<![\w']){re.escape(key)}(?![\w'])", message) is not None


def _path_in(settings: object, message: str) -> list[str]:
    """The deepest path of keys in ``settings`` that the error message names."""
    if not isinstance(settings, Mapping):
        return []
    for key, value in settings.items():
        if _mentions(message, key):
            return [str(key), *_path_in(value, message)]
    return []


def load_policies(settings: Mapping[str, Any]) -> Policies:
    """Build every policy from one settings tree, as a TOML or JSON file has it.

    Args:
        settings: ``{section: section settings}``; see the module's table for the sections.
            A section left out keeps its seed default.

    >>> policies = load_policies({
    ...     "escalation": {"first_reply": {"A": "2h", "B": "8h", "C": "2d", "D": "3d"}},
    ...     "dormancy": {"days": 120},
    ... })
    >>> str(policies.escalation.deadlines_for("A").first_reply), policies.dormancy.days
    ('2h', 120)
    >>> load_policies({"escalation": {"first_reply": {"A": "-4h"}}})
    Traceback (most recent call last):
    ...
    keyaccount.PolicyConfigError: escalation.first_reply.A: first_reply of tier 'A' must not ...

    Raises:
        PolicyConfigError: ``settings`` is not a mapping of sections, a section is unknown,
            or a section's policy refuses its settings; the message starts with the path of
            the bad setting (``escalation.first_reply.A``), as far as it can be told.
    """
    if not isinstance(settings, Mapping):
        raise PolicyConfigError(
            f"settings must be a mapping of section name to section settings, got "
            f"{settings!r:.80}"
        )
    unknown = sorted(str(key) for key in settings if key not in _SECTIONS)
    if unknown:
        raise PolicyConfigError(
            f"settings have unknown section(s) {unknown}; expected some of {sorted(_SECTIONS)}"
        )
    built: dict[str, object] = {}
    for section, (from_mapping, default) in _SECTIONS.items():
        if section not in settings:
            built[section] = default()
            continue
        try:
            built[section] = from_mapping(settings[section])
        except KeyAccountError as error:
            path = ".".join([section, *_path_in(settings[section], str(error))])
            raise PolicyConfigError(f"{path}: {error}") from error
    return Policies(**built)  # type: ignore[arg-type]
