"""The indicators of one period, computed together (SPEC §9): what a scorecard reads."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from types import MappingProxyType

import attrs
from dateutil.relativedelta import relativedelta

from keyaccount._errors import InvalidInput
from keyaccount._validation import to_enum
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import _period, _records
from keyaccount.domain.indicators.cooperation import (
    DEFAULT_VISIT_WINDOW,
    _check_window,
    _growth_after,
    cooperation_growth,
)
from keyaccount.domain.indicators.cost_benefit import relationship_cost_benefit
from keyaccount.domain.indicators.prospects import prospect_conversion
from keyaccount.domain.indicators.receivables import receivables_collection
from keyaccount.domain.indicators.records import (
    ProspectFact,
    ReceivableFact,
    RetentionFact,
    SpendingFact,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
)
from keyaccount.domain.indicators.resolution import ticket_resolution
from keyaccount.domain.indicators.retention import HIGH_VALUE_TIER_CODES, retention_and_churn
from keyaccount.domain.indicators.satisfaction import SatisfactionScale, _satisfaction
from keyaccount.domain.indicators.targets import (
    ATTAINMENT_INDICATORS,
    AccountResult,
    AccountTarget,
    target_attainment_indicator,
)
from keyaccount.domain.indicators.values import (
    Breakdown,
    Dimension,
    GroupKey,
    Indicator,
    IndicatorValue,
    _dimension,
    _group_key_order,
)
from keyaccount.domain.indicators.visits import _completion, _visit_pass

__all__ = ["IndicatorSet", "compute_indicators"]


def _frozen_breakdowns(
    value: Mapping[Indicator, Breakdown[IndicatorValue]],
) -> Mapping[Indicator, Breakdown[IndicatorValue]]:
    if not isinstance(value, Mapping):
        raise InvalidInput(
            f"IndicatorSet.breakdowns must be a mapping of Indicator to Breakdown, "
            f"got {value!r:.200}"
        )
    breakdowns = {}
    for key, breakdown in value.items():
        indicator = key if type(key) is Indicator else to_enum(
            Indicator, key, field="IndicatorSet.breakdowns"
        )
        breakdowns[indicator] = _breakdown_of(
            breakdown, field=f"IndicatorSet.breakdowns[{indicator.value!r}]"
        )
    return MappingProxyType(breakdowns)


def _breakdown_of(value: object, *, field: str) -> Breakdown[IndicatorValue]:
    if not isinstance(value, Breakdown) or not isinstance(value.portfolio, IndicatorValue):
        raise InvalidInput(
            f"{field} must hold Breakdowns of IndicatorValue, got {value!r:.200}"
        )
    return value


@attrs.frozen(eq=True, hash=False)
class IndicatorSet:
    """The indicators of one period, by indicator (what a scorecard reads).

    Attributes:
        period: the period every breakdown states.
        breakdowns: the computed indicators.

    Raises:
        InvalidInput: a breakdown states another period, or is filed under another
            indicator.

    >>> from keyaccount import visit_plan_completion
    >>> h1 = Period.half_year(2025, 1)
    >>> indicators = IndicatorSet(h1, {}).including(visit_plan_completion([], h1))
    >>> Indicator.VISIT_PLAN_COMPLETION in indicators, indicators.group_keys(Dimension.TIER)
    (True, ())
    """

    period: Period
    breakdowns: Mapping[Indicator, Breakdown[IndicatorValue]] = attrs.field(
        converter=_frozen_breakdowns
    )

    def __attrs_post_init__(self) -> None:
        _period(self.period, "IndicatorSet.period")
        for indicator, breakdown in self.breakdowns.items():
            if breakdown.period != self.period or breakdown.indicator is not indicator:
                raise InvalidInput(
                    f"IndicatorSet for {self.period}: breakdown filed as {indicator.value} is "
                    f"{breakdown.indicator.value} of {breakdown.period}"
                )

    def __getitem__(self, indicator: Indicator) -> Breakdown[IndicatorValue]:
        return self.breakdowns[indicator]

    def __contains__(self, indicator: object) -> bool:
        return indicator in self.breakdowns

    def including(self, *breakdowns: Breakdown[IndicatorValue]) -> IndicatorSet:
        """A new set with ``breakdowns`` added (or replacing those of the same indicator)."""
        merged = dict(self.breakdowns)
        merged.update(
            (b.indicator, b) for b in (_breakdown_of(b, field="breakdowns") for b in breakdowns)
        )
        return IndicatorSet(self.period, merged)

    def group_keys(self, dimension: Dimension | str) -> tuple[GroupKey, ...]:
        """Every group of ``dimension`` (or its name) that any indicator has, sorted."""
        dimension = _dimension(dimension)
        keys: set[GroupKey] = set()
        for breakdown in self.breakdowns.values():
            keys.update(breakdown.by(dimension))
        return tuple(sorted(keys, key=_group_key_order))


def compute_indicators(
    period: Period,
    *,
    visits: Iterable[VisitFact] | None = None,
    tickets: Iterable[TicketFact] | None = None,
    surveys: Iterable[SurveyResponse] | None = None,
    satisfaction_scale: SatisfactionScale | None = None,
    volumes: Iterable[VolumeFact] | None = None,
    visit_window: relativedelta = DEFAULT_VISIT_WINDOW,
    roster: Iterable[RetentionFact] | None = None,
    high_value_tiers: Collection[str] = HIGH_VALUE_TIER_CODES,
    receivables: Iterable[ReceivableFact] | None = None,
    prospects: Iterable[ProspectFact] | None = None,
    spending: Iterable[SpendingFact] | None = None,
    targets: Iterable[AccountTarget] | None = None,
    results: Iterable[AccountResult] | None = None,
) -> IndicatorSet:
    """Compute every indicator whose records are given, for one period.

    A record kind left out (``None``) leaves its indicators out of the set; an empty
    collection computes them as not applicable. Cooperation growth after visits needs both
    ``visits`` and ``volumes``; satisfaction needs its declared ``satisfaction_scale``; the
    three target attainments need both ``targets`` and ``results``.
    Loyalty needs weights from a policy: add it with :meth:`IndicatorSet.including`.
    Each kind of record is read in one pass (volumes twice: period over period, and around
    the visits).

    Args:
        period: the period every indicator states.
        visits: planned visits (completion; growth after visits with ``volumes``).
        tickets: tickets (resolution and on-time resolution).
        surveys: survey answers (satisfaction), with ``satisfaction_scale``.
        satisfaction_scale: the surveys' declared scale.
        volumes: business volumes (growth period over period, and after visits).
        visit_window: the window around a visit for growth after visits.
        roster: the roster at the period's start (retention, churn, high-value churn).
        high_value_tiers: the tier codes whose churn is reported as high-value churn.
        receivables: receivables (collection rate).
        prospects: prospects (conversion rate).
        spending: relationship spending (cost-benefit ratio).
        targets: the December targets (sales, profit and visits target attainment), with
            ``results``; ``period`` must then be whole months of one year.
        results: what the accounts achieved (the results of ``period`` are read).

    Returns:
        The :class:`IndicatorSet` of the period.

    Raises:
        InvalidInput: ``surveys`` given without ``satisfaction_scale``, or ``targets``
            without ``results`` (or the reverse).

    >>> indicators = compute_indicators(Period.half_year(2025, 1), visits=[], tickets=[])
    >>> sorted(indicator.value for indicator in indicators.breakdowns)
    ['on_time_resolution', 'problem_resolution', 'visit_plan_completion']
    >>> indicators[Indicator.PROBLEM_RESOLUTION].portfolio.applicable
    False
    """
    _period(period)
    if satisfaction_scale is not None and not isinstance(satisfaction_scale, SatisfactionScale):
        raise InvalidInput(
            f"satisfaction_scale must be a SatisfactionScale, got {satisfaction_scale!r:.200}"
        )
    _check_window(visit_window)
    if (targets is None) != (results is None):
        raise InvalidInput(
            "compute_indicators: target attainment needs both targets and results, got "
            f"{'targets' if results is None else 'results'} alone"
        )
    found: list[Breakdown[IndicatorValue]] = []
    pivots: dict[str, date] | None = None
    if visits is not None:
        pivots = {} if volumes is not None else None
        found.append(_completion(_visit_pass(visits, period, pivots), period))
    if tickets is not None:
        resolution = ticket_resolution(tickets, period)
        found += [resolution.resolution, resolution.on_time]
    if surveys is not None:
        if satisfaction_scale is None:
            raise InvalidInput("compute_indicators: surveys need a declared satisfaction_scale")
        found.append(_satisfaction(surveys, period, satisfaction_scale, field="surveys").mean)
    if volumes is not None:
        volumes = _records(volumes, VolumeFact, "volumes")
        found.append(cooperation_growth(volumes, period))
        if pivots is not None:
            found.append(_growth_after(pivots, volumes, period, visit_window))
    if roster is not None:
        kept = retention_and_churn(roster, period, high_value_tiers=high_value_tiers)
        found += [kept.retention, kept.churn, kept.high_value_churn]
    if receivables is not None:
        found.append(receivables_collection(receivables, period))
    if prospects is not None:
        found.append(prospect_conversion(prospects, period))
    if spending is not None:
        found.append(relationship_cost_benefit(spending, period))
    if targets is not None and results is not None:
        targets = _records(targets, AccountTarget, "targets")
        results = _records(results, AccountResult, "results")
        found += [target_attainment_indicator(targets, results, period, measure=indicator)
                  for indicator in ATTAINMENT_INDICATORS.values()]
    return IndicatorSet(period, {b.indicator: b for b in found})
