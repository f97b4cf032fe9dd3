"""Performance indicators (效果评估, 考核) over plain records the host passes in (SPEC §9).

Every indicator is a pure function of some records and a :class:`~keyaccount.Period`. It
returns a :class:`Breakdown`: the portfolio's :class:`IndicatorValue` and the value of every
account, tier, account manager and department, all computed in **one pass** over the
records. A value carries its numerator and denominator so a reviewer can audit it; when the
denominator is empty the value is *not applicable* (``value is None``), never 0, 1 or an
exception (SPEC §9).

Values are exact: numerators and denominators are ``int`` (counts) or ``Decimal`` (money),
and ``value`` is a :class:`fractions.Fraction`. Round only for display
(:meth:`IndicatorValue.rounded`).

The records are small frozen values (:class:`VisitFact`, :class:`TicketFact`,
:class:`SurveyResponse`, ...) that each carry the four grouping dimensions: ``account_id``,
``tier`` (a tier code), ``account_manager`` and ``department``. A host builds them from its
own tables, or from keyaccount's domain objects with the adapters in
:mod:`keyaccount.domain.indicator_adapters`.

>>> from datetime import date
>>> h1 = Period.half_year(2025, 1)
>>> visits = [
...     VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 2, 3), done_on=date(2025, 2, 3)),
...     VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 5, 6)),
...     VisitFact("BOLT", "C", "Li", "KA", planned_on=date(2025, 3, 9), done_on=date(2025, 3, 10)),
... ]
>>> completion = visit_plan_completion(visits, h1)
>>> str(completion.portfolio)
'visit_plan_completion 2025-H1: 2/3 = 0.6667'
>>> str(completion.of(Dimension.ACCOUNT_MANAGER, "Wang"))
'visit_plan_completion 2025-H1: 1/2 = 0.5000'
>>> str(completion.of(Dimension.ACCOUNT_MANAGER, "Zhao"))
'visit_plan_completion 2025-H1: not applicable (0/0)'
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from fractions import Fraction
from math import lcm
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from keyaccount._errors import InvalidInput
from keyaccount.domain.indicator_records import (
    LoyaltyFacts,
    ProspectFact,
    ReceivableFact,
    RetentionFact,
    SpendingFact,
    SurveyResponse,
    TicketFact,
    VisitFact,
    VolumeFact,
)
from keyaccount.domain.periods import Period
from keyaccount.domain.tiers import AMOUNT_TIERS, SCORE_TIERS, Tier

__all__ = [
    "HIGH_VALUE_TIER_CODES",
    "LOYALTY_COMPONENTS",
    "Appraisal",
    "AppraisalComponent",
    "Breakdown",
    "Dimension",
    "Indicator",
    "IndicatorSet",
    "IndicatorValue",
    "LoyaltyReport",
    "ResolutionReport",
    "RetentionReport",
    "SatisfactionReport",
    "SatisfactionScale",
    "ScoreDistribution",
    "TierMigration",
    "combine_weighted",
    "compute_indicators",
    "cooperation_growth",
    "cooperation_growth_after_visits",
    "loyalty_index",
    "prospect_conversion",
    "receivables_collection",
    "relationship_cost_benefit",
    "retention_and_churn",
    "survey_satisfaction",
    "ticket_resolution",
    "tier_migration",
    "visit_plan_completion",
]

Quantity = int | Decimal | Fraction
"""An exact amount: a count (``int``), money (``Decimal``) or a derived ratio (``Fraction``)."""

GroupKey = str | None
V = TypeVar("V")

# Money sums must not depend on the order of the records: with the default 28-digit context,
# a long sum of large amounts could round differently in another order. Additions under this
# context are exact; divisions are done on Fractions, never on Decimals.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)

# seed 002 §客户流失率: 重点关注高价值客户的流失率. High value = the top two tiers of each
# seed grading (A and B of seed 002, strategic and partner of seed 004), i.e. rank <= 2.
HIGH_VALUE_TIER_CODES: frozenset[str] = frozenset(
    tier.code for tier in (*SCORE_TIERS, *AMOUNT_TIERS) if tier.rank <= 2
)

# Our default, not a seed figure: growth "after a visit" compares the three months after the
# account's first visit of the period with the three months before it (seed 001 §六(一)2
# 对比走访前后的业务合作量 names no window; a quarter spans at least one visit interval of
# every tier but D).
DEFAULT_VISIT_WINDOW = relativedelta(months=3)


class Indicator(enum.Enum):
    """The indicators of SPEC §9; the value is the stable name hosts use in settings.

    Each indicator maps its value onto [0, 1] for scorecards (``IndicatorValue.normalised``),
    higher always better, never clamped:

    * the rates (completion, resolution, on-time, retention, conversion, collection) and
      loyalty: the value itself;
    * churn and high-value churn: ``1 - churn``;
    * satisfaction: ``(mean - low) / (high - low)`` on the survey's declared scale;
    * both growth rates: ``current / (before + current)`` (1/2 is no growth);
    * relationship cost-benefit (spending / benefit): ``benefit / (spending + benefit)``.
    """

    VISIT_PLAN_COMPLETION = "visit_plan_completion"
    SATISFACTION = "satisfaction"
    PROBLEM_RESOLUTION = "problem_resolution"
    ON_TIME_RESOLUTION = "on_time_resolution"
    COOPERATION_GROWTH = "cooperation_growth"
    COOPERATION_GROWTH_AFTER_VISITS = "cooperation_growth_after_visits"
    RETENTION = "retention"
    CHURN = "churn"
    HIGH_VALUE_CHURN = "high_value_churn"
    LOYALTY = "loyalty"
    PROSPECT_CONVERSION = "prospect_conversion"
    RELATIONSHIP_COST_BENEFIT = "relationship_cost_benefit"
    RECEIVABLES_COLLECTION = "receivables_collection"


class Dimension(enum.Enum):
    """What a :class:`Breakdown` groups by (SPEC §9: per account, tier, manager, department)."""

    ACCOUNT = "account"
    TIER = "tier"
    ACCOUNT_MANAGER = "account_manager"
    DEPARTMENT = "department"


# Cells are keyed by a record's four dimension values in this order; the roll-up pairs each
# position with its dimension.
_DIMENSIONS = (Dimension.ACCOUNT, Dimension.TIER, Dimension.ACCOUNT_MANAGER, Dimension.DEPARTMENT)
_dims_of = attrgetter("account_id", "tier", "account_manager", "department")


# --------------------------------------------------------------------------- values


def _quantity(value: object, *, field: str) -> Quantity:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise InvalidInput(f"{field} must be an int, Decimal or Fraction, got {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidInput(f"{field} must be finite, got {value!r}")
    return value


def _fraction_or_none(value: object) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise InvalidInput(f"IndicatorValue.normalised must be exact (not float), got {value!r}")
    return Fraction(value)


def _display(value: Fraction, places: int = 4) -> Decimal:
    """Round half-even to ``places`` decimals exactly (``round`` of a Fraction is exact)."""
    return Decimal(f"{round(value * 10**places)}E-{places}")


@attrs.frozen
class IndicatorValue:
    """One indicator for one group and period, with what it was computed from.

    Attributes:
        indicator: which indicator this is.
        period: the period it was measured over (an indicator always states its period).
        numerator: the exact numerator (a count, an amount or a sum of scores).
        denominator: the exact denominator; 0 means *not applicable*.
        normalised: the value mapped onto [0, 1] for scorecards (see :class:`Indicator`
            and the reference page), ``None`` exactly when not applicable.

    Raises:
        InvalidInput: a negative denominator, a normalised value outside [0, 1], or a
            normalised value given for a not-applicable indicator (or missing for an
            applicable one).

    >>> v = IndicatorValue.rate(Indicator.PROBLEM_RESOLUTION, Period.half_year(2025, 1), 9, 12)
    >>> v.value, v.applicable, v.rounded(2)
    (Fraction(3, 4), True, Decimal('0.75'))
    >>> IndicatorValue.rate(Indicator.PROBLEM_RESOLUTION, Period.half_year(2025, 1), 0, 0).value
    """

    indicator: Indicator
    period: Period
    numerator: Quantity = attrs.field()
    denominator: Quantity = attrs.field()
    normalised: Fraction | None = attrs.field(default=None, converter=_fraction_or_none)

    @numerator.validator
    def _check_numerator(self, _attribute: object, value: object) -> None:
        _quantity(value, field="IndicatorValue.numerator")

    @denominator.validator
    def _check_denominator(self, _attribute: object, value: object) -> None:
        _quantity(value, field="IndicatorValue.denominator")
        if value < 0:  # type: ignore[operator]
            raise InvalidInput(f"IndicatorValue.denominator must be >= 0, got {value!r}")

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.indicator, Indicator):
            raise InvalidInput(
                f"IndicatorValue.indicator must be an Indicator, got {self.indicator!r}"
            )
        if not isinstance(self.period, Period):
            raise InvalidInput(f"IndicatorValue.period must be a Period, got {self.period!r}")
        if self.denominator == 0:
            if self.normalised is not None:
                raise InvalidInput(
                    f"{self.indicator.value} is not applicable (denominator 0), "
                    f"so normalised must be None, got {self.normalised}"
                )
        elif self.normalised is None:
            raise InvalidInput(
                f"{self.indicator.value} is applicable, so normalised must be given"
            )
        elif not 0 <= self.normalised <= 1:
            raise InvalidInput(
                f"{self.indicator.value} normalised must lie in [0, 1], got {self.normalised}"
            )

    @classmethod
    def rate(
        cls, indicator: Indicator, period: Period, numerator: Quantity, denominator: Quantity
    ) -> IndicatorValue:
        """A share of a whole (``0 <= numerator <= denominator``); it normalises to itself.

        Raises:
            InvalidInput: the numerator is negative or larger than the denominator.
        """
        if not 0 <= numerator <= denominator:
            raise InvalidInput(
                f"{indicator.value} is a rate: numerator must lie in [0, denominator "
                f"{denominator}], got {numerator}"
            )
        normalised = Fraction(numerator) / Fraction(denominator) if denominator else None
        return cls(indicator, period, numerator, denominator, normalised)

    @classmethod
    def _trusted(
        cls,
        indicator: Indicator,
        period: Period,
        numerator: Quantity,
        denominator: Quantity,
        normalised: Fraction | None,
    ) -> IndicatorValue:
        # The indicator functions build hundreds of thousands of group values from counters
        # they summed themselves; validating each again would dominate their cost.
        value = object.__new__(cls)
        set_field = object.__setattr__
        set_field(value, "indicator", indicator)
        set_field(value, "period", period)
        set_field(value, "numerator", numerator)
        set_field(value, "denominator", denominator)
        set_field(value, "normalised", normalised)
        return value

    @property
    def applicable(self) -> bool:
        """False when the denominator is empty (no visit planned, no ticket opened, ...)."""
        return self.denominator != 0

    @property
    def value(self) -> Fraction | None:
        """``numerator / denominator`` exactly, or ``None`` when not applicable."""
        if self.denominator == 0:
            return None
        return Fraction(self.numerator) / Fraction(self.denominator)

    def rounded(self, places: int = 4) -> Decimal | None:
        """The value rounded half-even to ``places`` decimals, for display only."""
        value = self.value
        return None if value is None else _display(value, places)

    def __str__(self) -> str:
        head = f"{self.indicator.value} {self.period}:"
        fraction = f"{self.numerator}/{self.denominator}"
        value = self.value
        if value is None:
            return f"{head} not applicable ({fraction})"
        return f"{head} {fraction} = {_display(value)}"


def _ratio(numerator: Quantity, denominator: Quantity) -> Fraction:
    if type(numerator) is int and type(denominator) is int:
        return Fraction(numerator, denominator)
    return Fraction(numerator) / Fraction(denominator)


K = TypeVar("K")
S = TypeVar("S")


class _LazyValues(Mapping[K, V]):
    """A read-only mapping whose values are built from their sources when first read.

    A breakdown per account holds one value per account, and a loyalty report one appraisal
    per account; most hosts read a few of them, so the sources (a group's counters, an
    account's position) are kept and turned into values on demand.
    """

    __slots__ = ("_built", "_make", "_sources")

    def __init__(self, sources: Mapping[K, S], make: Callable[[S], V]) -> None:
        self._sources = sources
        self._make = make
        self._built: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        try:
            return self._built[key]
        except KeyError:
            source = self._sources[key]
        # Built later than the sums: the makers' own additions (growth's before + after) must
        # be exact as well.
        with localcontext(_EXACT):
            value = self._built[key] = self._make(source)
        return value

    def __iter__(self) -> Iterator[K]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def _frozen_groups(
    value: Mapping[Dimension, Mapping[GroupKey, V]],
) -> Mapping[Dimension, Mapping[GroupKey, V]]:
    groups: dict[Dimension, Mapping[GroupKey, V]] = {}
    for dimension in _DIMENSIONS:
        group = value.get(dimension, {})
        groups[dimension] = (
            group if isinstance(group, _LazyValues) else MappingProxyType(dict(group))
        )
    return MappingProxyType(groups)


@attrs.frozen(eq=True, hash=False)
class Breakdown(Generic[V]):
    """An indicator for the portfolio and for every group of every dimension.

    Attributes:
        indicator: which indicator.
        period: the period it was measured over.
        portfolio: the value over all records.
        not_applicable: the value a group with no records gets (:meth:`of` returns it).
        groups: per :class:`Dimension`, the value of each group key that had records. Tier
            keys are tier codes; a record without a tier (a prospect) groups under ``None``.

    >>> completion = visit_plan_completion(
    ...     [VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 3))],
    ...     Period.half_year(2025, 1))
    >>> list(completion.by(Dimension.TIER)), completion.of(Dimension.TIER, "B").applicable
    (['A'], False)
    """

    indicator: Indicator
    period: Period
    portfolio: V
    not_applicable: V
    groups: Mapping[Dimension, Mapping[GroupKey, V]] = attrs.field(converter=_frozen_groups)

    def by(self, dimension: Dimension) -> Mapping[GroupKey, V]:
        """Every group of ``dimension`` that had records, keyed by its value."""
        return self.groups[dimension]

    def of(self, dimension: Dimension, key: GroupKey) -> V:
        """The value of one group; a group without records is not applicable."""
        return self.groups[dimension].get(key, self.not_applicable)


# --------------------------------------------------------------------------- grouping

_Cells = dict[tuple[Any, ...], list[Any]]


def _group_key_order(key: GroupKey) -> tuple[bool, str]:
    return (key is None, key or "")


@attrs.frozen
class _Rolled:
    portfolio: list[Any]
    groups: dict[Dimension, dict[GroupKey, list[Any]]]
    width: int


def _roll_up(cells: _Cells, width: int) -> _Rolled:
    """Roll the per-record-key cells up into every dimension (cells are few: ~ accounts).

    The cells' own lists are never changed here: a group whose first cell is also its only
    one (every account, usually) borrows that cell's list; a second cell makes it a sum.
    """
    portfolio: list[Any] = [0] * width
    positions = range(width)
    totals: list[dict[GroupKey, list[Any]]] = [{} for _ in _DIMENSIONS]
    owned: list[set[GroupKey]] = [set() for _ in _DIMENSIONS]
    with localcontext(_EXACT):
        for dims, counters in cells.items():
            for position in positions:
                portfolio[position] += counters[position]
            for group, own, key in zip(totals, owned, dims, strict=True):
                found = group.get(key)
                if found is None:
                    group[key] = counters
                elif key in own:
                    for position in positions:
                        found[position] += counters[position]
                else:
                    group[key] = [a + b for a, b in zip(found, counters, strict=True)]
                    own.add(key)
    ordered = {
        dimension: {key: group[key] for key in sorted(group, key=_group_key_order)}
        for dimension, group in zip(_DIMENSIONS, totals, strict=True)
    }
    return _Rolled(portfolio, ordered, width)


def _assemble(
    indicator: Indicator, period: Period, rolled: _Rolled, make: Callable[[list[Any]], V]
) -> Breakdown[V]:
    groups = {
        dimension: _LazyValues(counters, make) for dimension, counters in rolled.groups.items()
    }
    with localcontext(_EXACT):
        portfolio = make(rolled.portfolio)
    return Breakdown(indicator, period, portfolio, make([0] * rolled.width), groups)


def _breakdown(
    indicator: Indicator,
    period: Period,
    cells: _Cells,
    width: int,
    make: Callable[[list[Any]], V],
) -> Breakdown[V]:
    return _assemble(indicator, period, _roll_up(cells, width), make)


def _rate_maker(indicator: Indicator, period: Period) -> Callable[[list[Any]], IndicatorValue]:
    trusted = IndicatorValue._trusted

    def make(counters: list[Any]) -> IndicatorValue:
        numerator, denominator = counters[0], counters[1]
        normalised = _ratio(numerator, denominator) if denominator else None
        return trusted(indicator, period, numerator, denominator, normalised)

    return make


R = TypeVar("R")


def _pair_sums(
    records: Iterable[R],
    period: Period,
    *,
    day: Callable[[R], date],
    key: Callable[[R], tuple[Any, ...]],
    pair: Callable[[R], tuple[Quantity, Quantity]],
) -> _Cells:
    """Sum ``pair(record)`` per ``key(record)`` over the records whose ``day`` is in ``period``.

    The indicators that add one numerator and one denominator per record share this loop;
    the visits, tickets, surveys and volumes (a million records each in the benchmark, and
    more than two counters or a second date) keep their own inlined loops.
    """
    start, end = period.start, period.end
    cells: _Cells = {}
    cell_of = cells.get
    with localcontext(_EXACT):
        for record in records:
            if start <= day(record) < end:
                numerator, denominator = pair(record)
                dims = key(record)
                cell = cell_of(dims)
                if cell is None:
                    cells[dims] = [numerator, denominator]
                else:
                    cell[0] += numerator
                    cell[1] += denominator
    return cells


_due_on = attrgetter("due_on")
_entered_on = attrgetter("entered_on")
_booked_on = attrgetter("booked_on")
_collected_and_due = attrgetter("amount_collected", "amount_due")
_spent_and_earned = attrgetter("spending", "benefit")


def _records(records: Iterable[V]) -> Sequence[V]:
    return records if isinstance(records, Sequence) else tuple(records)


# --------------------------------------------------------------------------- indicators


def visit_plan_completion(
    visits: Iterable[VisitFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Visit plan completion rate (走访计划完成率, seed 001 §七(二)2).

    ``completed / planned`` over the visits planned inside ``period``, where a planned visit
    is completed if it was recorded before the period ended (a visit done after the period
    closed does not rescue that period's plan). One pass, O(visits).

    Args:
        visits: the planned visits; those planned outside the period are ignored.
        period: the period of the plan.

    Returns:
        The rate for the portfolio and per account, tier, account manager and department.
    """
    return _completion(_visit_pass(visits, period, None), period)


def _completion(cells: _Cells, period: Period) -> Breakdown[IndicatorValue]:
    return _breakdown(
        Indicator.VISIT_PLAN_COMPLETION, period, cells, 2,
        _rate_maker(Indicator.VISIT_PLAN_COMPLETION, period),
    )


def _visit_pass(
    visits: Iterable[VisitFact], period: Period, pivots: dict[str, date] | None
) -> _Cells:
    """Completion counters per record key, and each account's first visit of the period.

    The first visits go into ``pivots`` when it is given (growth after visits needs them),
    so that the visits are read once.
    """
    start, end = period.start, period.end
    cells: _Cells = {}
    cell_of = cells.get
    for visit in visits:
        done_on = visit.done_on
        if start <= visit.planned_on < end:
            dims = _dims_of(visit)
            cell = cell_of(dims)
            if cell is None:
                cell = cells[dims] = [0, 0]
            cell[1] += 1
            if done_on is not None and done_on < end:
                cell[0] += 1
        if pivots is not None and done_on is not None and start <= done_on < end:
            known = pivots.get(visit.account_id)
            if known is None or done_on < known:
                pivots[visit.account_id] = done_on
    return cells


@attrs.frozen
class ResolutionReport:
    """The two resolution rates of one pass over the tickets.

    Attributes:
        resolution: problem resolution rate (问题解决率).
        on_time: on-time resolution rate.
    """

    resolution: Breakdown[IndicatorValue]
    on_time: Breakdown[IndicatorValue]


def ticket_resolution(tickets: Iterable[TicketFact], period: Period) -> ResolutionReport:
    """Problem resolution rate and on-time resolution rate (seed 001 §五, §七(二)2).

    Over the tickets opened inside ``period``:

    * resolution rate = resolved before the period ended / opened;
    * on-time rate = resolved by their resolution deadline / resolved (not applicable when
      none was resolved).

    One pass, O(tickets).

    Args:
        tickets: the tickets; those opened outside the period are ignored.
        period: the period the tickets were opened in.

    Returns:
        Both rates, each for the portfolio and per account, tier, manager and department.

    >>> report = ticket_resolution([
    ...     TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 2, 1),
    ...                resolved_on=date(2025, 2, 9), resolved_on_time=False),
    ...     TicketFact("ACME", "A", "Wang", "KA", opened_on=date(2025, 5, 1))],
    ...     Period.half_year(2025, 1))
    >>> [str(rate.portfolio) for rate in (report.resolution, report.on_time)]
    ['problem_resolution 2025-H1: 1/2 = 0.5000', 'on_time_resolution 2025-H1: 0/1 = 0.0000']
    """
    start, end = period.start, period.end
    cells: _Cells = {}
    cell_of = cells.get
    for ticket in tickets:
        if start <= ticket.opened_on < end:
            dims = _dims_of(ticket)
            cell = cell_of(dims)
            if cell is None:
                cell = cells[dims] = [0, 0, 0]
            cell[1] += 1
            resolved_on = ticket.resolved_on
            if resolved_on is not None and resolved_on < end:
                cell[0] += 1
                if ticket.resolved_on_time:
                    cell[2] += 1
    rolled = _roll_up(cells, 3)
    resolution = _assemble(
        Indicator.PROBLEM_RESOLUTION, period, rolled,
        _rate_maker(Indicator.PROBLEM_RESOLUTION, period),
    )
    on_time_rate = _rate_maker(Indicator.ON_TIME_RESOLUTION, period)

    def on_time(counters: list[Any]) -> IndicatorValue:
        return on_time_rate([counters[2], counters[0]])

    return ResolutionReport(
        resolution, _assemble(Indicator.ON_TIME_RESOLUTION, period, rolled, on_time)
    )


@attrs.frozen
class SatisfactionScale:
    """The declared scale of a satisfaction survey: integer scores ``low..high``.

    Attributes:
        low: the worst score.
        high: the best score, > low.

    >>> SatisfactionScale(1, 5).normalise(Fraction(4))
    Fraction(3, 4)
    """

    low: int = attrs.field()
    high: int = attrs.field()

    def __attrs_post_init__(self) -> None:
        for name, bound in (("low", self.low), ("high", self.high)):
            if isinstance(bound, bool) or not isinstance(bound, int):
                raise InvalidInput(f"SatisfactionScale.{name} must be an int, got {bound!r}")
        if self.high <= self.low:
            raise InvalidInput(
                f"SatisfactionScale.high must be above low {self.low}, got {self.high}"
            )

    @property
    def scores(self) -> range:
        """Every score on the scale, worst first."""
        return range(self.low, self.high + 1)

    def normalise(self, mean: Fraction) -> Fraction:
        """Map a mean score onto [0, 1]: ``(mean - low) / (high - low)``."""
        return (mean - self.low) / (self.high - self.low)


@attrs.frozen
class ScoreDistribution:
    """How many answers gave each score of the scale.

    Attributes:
        scale: the declared scale.
        counts: one count per score, worst first.

    Raises:
        InvalidInput: not one count >= 0 per score of the scale.

    >>> answers = ScoreDistribution(SatisfactionScale(1, 5), (0, 1, 0, 2, 1))
    >>> answers.total, answers.count(4), answers.share(4)
    (4, 2, Fraction(1, 2))
    """

    scale: SatisfactionScale
    counts: tuple[int, ...] = attrs.field(converter=tuple)

    def __attrs_post_init__(self) -> None:
        if len(self.counts) != len(self.scale.scores) or any(
            isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in self.counts
        ):
            raise InvalidInput(
                f"ScoreDistribution.counts must be {len(self.scale.scores)} counts >= 0, one "
                f"per score {self.scale.low}..{self.scale.high}, got {self.counts!r}"
            )

    @property
    def total(self) -> int:
        """The number of answers."""
        return sum(self.counts)

    def count(self, score: int) -> int:
        """Answers that gave ``score``."""
        if score not in self.scale.scores:
            raise InvalidInput(
                f"score {score} is not on the scale {self.scale.low}..{self.scale.high}"
            )
        return self.counts[score - self.scale.low]

    def share(self, score: int) -> Fraction | None:
        """The share of answers that gave ``score``, or None when nobody answered."""
        total = self.total
        return Fraction(self.count(score), total) if total else None


@attrs.frozen
class SatisfactionReport:
    """Customer satisfaction from surveys (客户满意度): the mean and the distribution.

    Attributes:
        scale: the declared scale.
        mean: the mean score (``sum of scores / answers``); it normalises to
            ``(mean - low) / (high - low)``.
        distribution: the answers per score.
    """

    scale: SatisfactionScale
    mean: Breakdown[IndicatorValue]
    distribution: Breakdown[ScoreDistribution]


def survey_satisfaction(
    responses: Iterable[SurveyResponse], period: Period, *, scale: SatisfactionScale
) -> SatisfactionReport:
    """Customer satisfaction (客户满意度, seeds 000, 001 §六(一)1, 002 §客户分析指标).

    Mean and distribution of the scores answered inside ``period``, on the declared
    ``scale``. One pass, O(responses).

    Args:
        responses: the survey answers; those answered outside the period are ignored.
        period: the period of the survey.
        scale: the survey's declared scale (every score in the period must lie on it).

    Returns:
        The mean (sum of scores / answers) and the distribution, per group and overall.

    >>> report = survey_satisfaction(
    ...     [SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 1), score=s)
    ...      for s in (5, 4, 4)], Period.half_year(2025, 1), scale=SatisfactionScale(1, 5))
    >>> str(report.mean.portfolio)
    'satisfaction 2025-H1: 13/3 = 4.3333'
    >>> report.mean.portfolio.normalised, report.distribution.portfolio.counts
    (Fraction(5, 6), (0, 0, 0, 2, 1))

    Raises:
        InvalidInput: a score is not on the declared scale (named by account and score).
    """
    start, end = period.start, period.end
    low, width = scale.low, scale.high - scale.low + 1
    cells: _Cells = {}
    cell_of = cells.get
    for response in responses:
        if start <= response.answered_on < end:
            position = response.score - low
            if not 0 <= position < width:
                raise InvalidInput(
                    f"SurveyResponse of {response.account_id} on "
                    f"{response.answered_on.isoformat()}: score {response.score} is not on "
                    f"the declared scale {scale.low}..{scale.high}"
                )
            dims = _dims_of(response)
            cell = cell_of(dims)
            if cell is None:
                cell = cells[dims] = [0] * width
            cell[position] += 1

    def mean(counts: list[Any]) -> IndicatorValue:
        answers = sum(counts)
        above_low = sum(index * count for index, count in enumerate(counts))
        normalised = Fraction(above_low, (width - 1) * answers) if answers else None
        return IndicatorValue._trusted(
            Indicator.SATISFACTION, period, above_low + low * answers, answers, normalised
        )

    def distribution(counts: list[Any]) -> ScoreDistribution:
        return ScoreDistribution(scale, tuple(counts))

    rolled = _roll_up(cells, width)
    return SatisfactionReport(
        scale,
        _assemble(Indicator.SATISFACTION, period, rolled, mean),
        _assemble(Indicator.SATISFACTION, period, rolled, distribution),
    )


def _growth_maker(indicator: Indicator, period: Period) -> Callable[[list[Any]], IndicatorValue]:
    def make(counters: list[Any]) -> IndicatorValue:
        before, after = counters
        normalised = _ratio(after, before + after) if before else None
        return IndicatorValue._trusted(indicator, period, after - before, before, normalised)

    return make


def cooperation_growth(volumes: Iterable[VolumeFact], period: Period) -> Breakdown[IndicatorValue]:
    """Business cooperation growth rate, period over period (业务合作增长率, seed 001 §七(二)2).

    ``(volume in period - volume in the previous period) / volume in the previous period``,
    where the previous period is :meth:`Period.previous` (same calendar length). Not
    applicable when the previous period had no volume. It normalises to
    ``current / (previous + current)``: 1/2 for no growth, towards 1 for strong growth, 0
    when the business stopped; monotonic, no clamping. One pass, O(volumes).

    Args:
        volumes: business booked; only the period and the one before it are read.
        period: the period compared with :meth:`Period.previous`.

    Returns:
        The growth (numerator = current - previous, denominator = previous) per group.

    >>> growth = cooperation_growth(
    ...     [VolumeFact("ACME", "A", "Wang", "KA", booked_on=day, amount=amount)
    ...      for day, amount in ((date(2024, 9, 1), 100), (date(2025, 3, 1), 150))],
    ...     Period.half_year(2025, 1))
    >>> str(growth.portfolio)
    'cooperation_growth 2025-H1: 50/100 = 0.5000'
    >>> growth.portfolio.normalised
    Fraction(3, 5)
    """
    previous = period.previous()
    before_start, start, end = previous.start, period.start, period.end
    cells: _Cells = {}
    cell_of = cells.get
    with localcontext(_EXACT):
        for volume in volumes:
            booked_on = volume.booked_on
            if before_start <= booked_on < end:
                dims = _dims_of(volume)
                cell = cell_of(dims)
                if cell is None:
                    cell = cells[dims] = [0, 0]
                cell[booked_on >= start] += volume.amount
        return _breakdown(
            Indicator.COOPERATION_GROWTH, period, cells, 2,
            _growth_maker(Indicator.COOPERATION_GROWTH, period),
        )


def cooperation_growth_after_visits(
    visits: Iterable[VisitFact],
    volumes: Iterable[VolumeFact],
    period: Period,
    *,
    window: relativedelta = DEFAULT_VISIT_WINDOW,
) -> Breakdown[IndicatorValue]:
    """Business cooperation growth after versus before a visit (seed 001 §六(一)2).

    For every account visited inside ``period``, its *pivot* is the day of its first visit
    recorded in the period; ``before`` is its volume in ``[pivot - window, pivot)`` and
    ``after`` in ``[pivot, pivot + window)``. Growth = ``(after - before) / before`` summed
    over the group's visited accounts; accounts not visited in the period are left out. The
    window (default three months, our default) may reach past the period's end. Not
    applicable when the group had no volume before its visits. Normalises like
    :func:`cooperation_growth`. O(visits + volumes).

    Args:
        visits: the visits; those done inside the period set the pivots.
        volumes: business booked around the pivots.
        period: the period whose visits are judged.
        window: how far before and after the pivot the volumes are compared.

    Returns:
        The growth (numerator = after - before, denominator = before) per group.

    >>> growth = cooperation_growth_after_visits(
    ...     [VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 3, 3),
    ...                done_on=date(2025, 3, 3))],
    ...     [VolumeFact("ACME", "A", "Wang", "KA", booked_on=day, amount=amount)
    ...      for day, amount in ((date(2025, 2, 1), 100), (date(2025, 4, 1), 130))],
    ...     Period.half_year(2025, 1))
    >>> str(growth.portfolio)
    'cooperation_growth_after_visits 2025-H1: 30/100 = 0.3000'
    """
    pivots: dict[str, date] = {}
    # The completion counters come along for free; one place decides what a pivot is.
    _visit_pass(visits, period, pivots)
    return _growth_after(pivots, volumes, period, window)


def _check_window(window: object) -> None:
    # A window that does not reach forward would compare empty or swapped spans silently.
    day = date(2000, 1, 1)
    if not isinstance(window, relativedelta) or not day < day + window:
        raise InvalidInput(
            f"the visit window must be a relativedelta reaching forward, e.g. "
            f"relativedelta(months=3), got {window!r}"
        )


def _growth_after(
    pivots: dict[str, date], volumes: Iterable[VolumeFact], period: Period, window: relativedelta
) -> Breakdown[IndicatorValue]:
    _check_window(window)
    # Accounts share pivot days (at most one per day of the period): shift each day once.
    bounds_of: dict[date, tuple[date, date, date]] = {}
    for pivot in set(pivots.values()):
        bounds_of[pivot] = (pivot - window, pivot, pivot + window)
    windows = {account_id: bounds_of[pivot] for account_id, pivot in pivots.items()}
    cells: _Cells = {}
    cell_of = cells.get
    window_of = windows.get
    with localcontext(_EXACT):
        for volume in volumes:
            bounds = window_of(volume.account_id)
            if bounds is None:
                continue
            booked_on = volume.booked_on
            if bounds[0] <= booked_on < bounds[2]:
                dims = _dims_of(volume)
                cell = cell_of(dims)
                if cell is None:
                    cell = cells[dims] = [0, 0]
                cell[booked_on >= bounds[1]] += volume.amount
        return _breakdown(
            Indicator.COOPERATION_GROWTH_AFTER_VISITS, period, cells, 2,
            _growth_maker(Indicator.COOPERATION_GROWTH_AFTER_VISITS, period),
        )


@attrs.frozen
class RetentionReport:
    """Retention and churn of one pass over the roster.

    Attributes:
        retention: retention rate (保有率) = retained / on the roster at the start.
        churn: churn rate (流失率) = lost / on the roster at the start; retention + churn = 1
            for every group. It normalises to ``1 - churn`` (lower churn scores higher).
        high_value_churn: churn counted over the high-value tiers only (seed 002:
            重点关注高价值客户的流失率), grouped the same way.
    """

    retention: Breakdown[IndicatorValue]
    churn: Breakdown[IndicatorValue]
    high_value_churn: Breakdown[IndicatorValue]


def _churn_maker(indicator: Indicator, period: Period) -> Callable[[list[Any]], IndicatorValue]:
    def make(counters: list[Any]) -> IndicatorValue:
        retained, base = counters
        normalised = Fraction(retained, base) if base else None
        return IndicatorValue._trusted(indicator, period, base - retained, base, normalised)

    return make


def retention_and_churn(
    roster: Iterable[RetentionFact],
    period: Period,
    *,
    high_value_tiers: Collection[str] = HIGH_VALUE_TIER_CODES,
) -> RetentionReport:
    """Retention rate (保有率), churn rate (流失率) and high-value churn (seed 002 §客户分析指标).

    Args:
        roster: one record per account on the roster at the start of ``period``.
        period: the period the accounts were followed through.
        high_value_tiers: tier codes whose churn is also reported separately; by default the
            top two tiers of each seed grading (A, B, STRATEGIC, PARTNER: rank <= 2).

    Returns:
        Retention, churn (numerator = lost accounts) and high-value churn, per group.

    Raises:
        InvalidInput: an account appears twice on the roster, or ``high_value_tiers`` is a
            string rather than a collection of codes.

    >>> report = retention_and_churn(
    ...     [RetentionFact("ACME", "A", "Wang", "KA", retained=False),
    ...      RetentionFact("BOLT", "C", "Wang", "KA", retained=True)], Period.half_year(2025, 1))
    >>> [str(rate.portfolio) for rate in (report.retention, report.churn, report.high_value_churn)]
    ['retention 2025-H1: 1/2 = 0.5000',
     'churn 2025-H1: 1/2 = 0.5000',
     'high_value_churn 2025-H1: 1/1 = 1.0000']
    """
    if isinstance(high_value_tiers, str):
        # frozenset("AB") would silently mean tiers "A" and "B"
        raise InvalidInput(
            f"high_value_tiers must be a collection of tier codes, got the string "
            f"{high_value_tiers!r}"
        )
    high_value = frozenset(high_value_tiers)
    cells: _Cells = {}
    high_cells: _Cells = {}
    seen: set[str] = set()
    for fact in roster:
        if fact.account_id in seen:
            raise InvalidInput(
                f"RetentionFact: account {fact.account_id!r} is on the roster twice"
            )
        seen.add(fact.account_id)
        dims = _dims_of(fact)
        kept = 1 if fact.retained else 0
        cell = cells.get(dims)
        if cell is None:
            cell = cells[dims] = [0, 0]
        cell[0] += kept
        cell[1] += 1
        if fact.tier in high_value:
            cell = high_cells.get(dims)
            if cell is None:
                cell = high_cells[dims] = [0, 0]
            cell[0] += kept
            cell[1] += 1
    rolled = _roll_up(cells, 2)
    return RetentionReport(
        _assemble(Indicator.RETENTION, period, rolled, _rate_maker(Indicator.RETENTION, period)),
        _assemble(Indicator.CHURN, period, rolled, _churn_maker(Indicator.CHURN, period)),
        _breakdown(
            Indicator.HIGH_VALUE_CHURN, period, high_cells, 2,
            _churn_maker(Indicator.HIGH_VALUE_CHURN, period),
        ),
    )


def receivables_collection(
    receivables: Iterable[ReceivableFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Receivables collection rate (销售回款率, seed 003 大客户经理职责).

    ``collected / due`` over the receivables falling due inside ``period``. Not applicable
    when nothing fell due. One pass, O(receivables).

    Args:
        receivables: the receivables; those due outside the period are ignored.
        period: the period the receivables fell due in.

    Returns:
        The rate (numerator = collected, denominator = due, both ``Decimal``) per group.

    >>> rate = receivables_collection(
    ...     [ReceivableFact("ACME", "A", "Wang", "KA", due_on=date(2025, 4, 30),
    ...                     amount_due=Decimal("1000.00"), amount_collected=Decimal("900.00"))],
    ...     Period.half_year(2025, 1))
    >>> str(rate.of(Dimension.ACCOUNT_MANAGER, "Wang"))
    'receivables_collection 2025-H1: 900.00/1000.00 = 0.9000'
    """
    cells = _pair_sums(
        receivables, period, day=_due_on, key=_dims_of, pair=_collected_and_due
    )
    return _breakdown(
        Indicator.RECEIVABLES_COLLECTION, period, cells, 2,
        _rate_maker(Indicator.RECEIVABLES_COLLECTION, period),
    )


_prospect_dims_of = attrgetter("prospect_id", "tier", "account_manager", "department")


def prospect_conversion(
    prospects: Iterable[ProspectFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Prospect conversion rate (潜在客户转化, seed 002 §客户分析指标; seed 003 开发选择).

    ``converted before the period ended / entered the list inside the period``. The account
    dimension is the prospect's id; untiered prospects group under the tier key ``None``.
    One pass, O(prospects).

    Args:
        prospects: the prospects; those that entered the list outside the period are ignored.
        period: the period the prospects entered the list in.

    Returns:
        The rate per group.

    >>> conversion = prospect_conversion(
    ...     [ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 1, 5),
    ...                   converted_on=date(2025, 4, 1)),
    ...      ProspectFact("P2", None, "Wang", "KA", entered_on=date(2025, 2, 5))],
    ...     Period.half_year(2025, 1))
    >>> str(conversion.of(Dimension.TIER, None))
    'prospect_conversion 2025-H1: 1/2 = 0.5000'
    """
    end = period.end

    def converted_of_one(prospect: ProspectFact) -> tuple[int, int]:
        converted_on = prospect.converted_on
        return (1 if converted_on is not None and converted_on < end else 0, 1)

    cells = _pair_sums(
        prospects, period, day=_entered_on, key=_prospect_dims_of, pair=converted_of_one
    )
    return _breakdown(
        Indicator.PROSPECT_CONVERSION, period, cells, 2,
        _rate_maker(Indicator.PROSPECT_CONVERSION, period),
    )


def relationship_cost_benefit(
    spending: Iterable[SpendingFact], period: Period
) -> Breakdown[IndicatorValue]:
    """Relationship-spending cost-benefit ratio (费用的支出与收益比率, seed 002, yearly).

    ``spending / benefit`` over the records booked inside ``period`` (use
    :meth:`Period.year`: the seed reviews it every year). Lower is better; not applicable
    when no benefit was credited. It normalises to ``benefit / (spending + benefit)``,
    i.e. ``1 / (1 + ratio)``: 1 when the return cost nothing, 1/2 at break-even.
    One pass, O(records).

    Args:
        spending: the spending records; those booked outside the period are ignored.
        period: the period reviewed (the seed: a year).

    Returns:
        The ratio (numerator = spending, denominator = benefit) per group.

    >>> ratio = relationship_cost_benefit(
    ...     [SpendingFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 6, 1),
    ...                   spending=Decimal("20000"), benefit=Decimal("100000"))],
    ...     Period.year(2025))
    >>> str(ratio.portfolio)
    'relationship_cost_benefit 2025: 20000/100000 = 0.2000'
    >>> ratio.portfolio.normalised
    Fraction(5, 6)
    """
    cells = _pair_sums(spending, period, day=_booked_on, key=_dims_of, pair=_spent_and_earned)

    def make(counters: list[Any]) -> IndicatorValue:
        cost, benefit = counters
        normalised = _ratio(benefit, cost + benefit) if benefit else None
        return IndicatorValue._trusted(
            Indicator.RELATIONSHIP_COST_BENEFIT, period, cost, benefit, normalised
        )

    return _breakdown(Indicator.RELATIONSHIP_COST_BENEFIT, period, cells, 2, make)


# --------------------------------------------------------------------------- weighting


@attrs.frozen
class AppraisalComponent:
    """One weighted component of an :class:`Appraisal`.

    Attributes:
        name: the component (an :class:`Indicator` value, or a loyalty component name).
        weight: its configured weight.
        effective_weight: the weight it actually carried after redistribution (0 when not
            applicable).
        normalised: its normalised value in [0, 1], or None when not applicable.
    """

    name: str
    weight: Fraction
    effective_weight: Fraction
    normalised: Fraction | None


@attrs.frozen
class Appraisal:
    """A weighted combination of normalised values, with the redistribution it needed.

    The weight of every not-applicable component is redistributed over the applicable ones
    **in proportion to their own weights**: each applicable component carries
    ``weight / (sum of applicable weights)``. So the score is the weighted mean of the
    applicable values and always lies between the lowest and the highest of them.

    Attributes:
        period: the period appraised.
        score: the combined score in [0, 1], or None when no component was applicable.
        components: every component with a positive weight, in weight-setting order.

    >>> appraisal = combine_weighted({"completion": Fraction(1, 2), "growth": None},
    ...                              {"completion": Fraction(3, 4), "growth": Fraction(1, 4)},
    ...                              Period.half_year(2025, 1))
    >>> appraisal.score, appraisal.not_applicable, appraisal.redistributed_weight
    (Fraction(1, 2), ('growth',), Fraction(1, 4))
    """

    period: Period
    score: Fraction | None
    components: tuple[AppraisalComponent, ...]

    @property
    def not_applicable(self) -> tuple[str, ...]:
        """The components whose weight was redistributed."""
        return tuple(c.name for c in self.components if c.normalised is None)

    @property
    def redistributed_weight(self) -> Fraction:
        """The total weight that moved from not-applicable components to the others."""
        return sum((c.weight for c in self.components if c.normalised is None), Fraction(0))

    def rounded(self, places: int = 4) -> Decimal | None:
        """The score rounded half-even to ``places`` decimals, for display only."""
        return None if self.score is None else _display(self.score, places)


def _positive_weights(weights: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """The positive weights as Fractions, in setting order; zero weights are left out.

    Raises:
        InvalidInput: a negative or inexact (float) weight.
    """
    positive: dict[str, Fraction] = {}
    for name, weight in weights.items():
        if isinstance(weight, (bool, float)) or not isinstance(weight, (int, Decimal, Fraction)):
            raise InvalidInput(f"weight of {name!r} must be exact, got {weight!r}")
        if weight < 0:
            raise InvalidInput(f"weight of {name!r} must be >= 0, got {weight}")
        if weight > 0:
            positive[name] = Fraction(weight)
    return positive


def combine_weighted(
    normalised: Mapping[str, Fraction | None],
    weights: Mapping[str, Fraction],
    period: Period,
) -> Appraisal:
    """Combine normalised values by weights, redistributing not-applicable weight.

    Args:
        normalised: each component's value in [0, 1], or None when not applicable; a
            component that is weighted but absent counts as not applicable.
        weights: the weight of each component (exact, >= 0; zero weights are left out).
        period: the period the values belong to.

    Raises:
        InvalidInput: a negative or inexact (float) weight, or a normalised value that is
            inexact or outside [0, 1].

    >>> combine_weighted({"a": Fraction(1), "b": None, "c": Fraction(0)},
    ...                  {"a": Fraction(1, 2), "b": Fraction(1, 4), "c": Fraction(1, 4)},
    ...                  Period.half_year(2025, 1)).score
    Fraction(2, 3)
    """
    positive = _positive_weights(weights)
    for name, value in normalised.items():
        if value is not None and (
            isinstance(value, (bool, float))
            or not isinstance(value, (int, Decimal, Fraction))
            or not 0 <= value <= 1
        ):
            raise InvalidInput(
                f"normalised value of {name!r} must be exact and lie in [0, 1], got {value!r}"
            )
    applicable_weight = sum(
        (w for name, w in positive.items() if normalised.get(name) is not None), Fraction(0)
    )
    components = []
    total = Fraction(0)
    for name, weight in positive.items():
        value = normalised.get(name)
        if value is None:
            components.append(AppraisalComponent(name, weight, Fraction(0), None))
            continue
        effective = weight / applicable_weight
        total += effective * value
        components.append(AppraisalComponent(name, weight, effective, Fraction(value)))
    score = total if applicable_weight > 0 else None
    return Appraisal(period, score, tuple(components))


# --------------------------------------------------------------------------- loyalty

LOYALTY_COMPONENTS: tuple[str, ...] = (
    "repeat_purchase_count",
    "repeat_purchase_quantity",
    "repeat_purchase_amount",
    "referral_rate",
    "activity_response",
    "price_insensitivity",
    "quality_tolerance",
)
"""The seven loyalty components of seed 002 §忠诚度分析, in the seed's order."""


def _percentile_ranks(values: Sequence[Any]) -> list[int]:
    """Mid-rank percentiles as numerators over ``2 * len(values)``.

    The mid-rank percentile is (accounts below + half the accounts equal) / accounts: ties
    get the same rank and the result does not depend on the input order. The numerators are
    kept as ints so that the loyalty index can add them without a Fraction per account.
    """
    ordered = sorted(values)
    below: dict[Any, int] = {}
    equal: dict[Any, int] = {}
    for position, value in enumerate(ordered):
        if value not in below:
            below[value] = position
        equal[value] = equal.get(value, 0) + 1
    return [2 * below[v] + equal[v] for v in values]


def _frozen_appraisals(value: Mapping[str, Appraisal]) -> Mapping[str, Appraisal]:
    # Each account's appraisal is built when read: tens of thousands of accounts, a few read.
    if isinstance(value, _LazyValues):
        return value
    return MappingProxyType(dict(value))


@attrs.frozen(eq=True, hash=False)
class LoyaltyReport:
    """The loyalty index (忠诚度) of every account and its groups.

    Attributes:
        index: per account, the account's index (numerator = index, denominator = 1); per
            group and for the portfolio, the mean index of its accounts.
        components: per account, the weighted combination with each component's value.
    """

    index: Breakdown[IndicatorValue]
    components: Mapping[str, Appraisal] = attrs.field(converter=_frozen_appraisals)


def loyalty_index(
    facts: Iterable[LoyaltyFacts], period: Period, *, weights: Mapping[str, Fraction]
) -> LoyaltyReport:
    """Loyalty index from the seven behaviours of seed 002 §忠诚度分析, combined by weights.

    Each component is normalised to [0, 1]:

    * repeat purchase count, quantity and amount: mid-rank percentile over the accounts
      given (so the index compares the accounts with each other, like seed 002's grading);
    * referral rate: as given;
    * activity response: ``joined / invited`` (not applicable when none invited);
    * price insensitivity: ``1 - price_sensitivity``;
    * quality tolerance: ``tolerated / incidents`` (not applicable without incidents).

    The index is the weighted mean of the applicable components (:func:`combine_weighted`).

    Args:
        facts: one record per account.
        period: the period the behaviour was observed over (seed 002: yearly).
        weights: a weight per name of :data:`LOYALTY_COMPONENTS` (a policy supplies them:
            :class:`keyaccount.policies.LoyaltyPolicy`).

    Returns:
        The index per account (numerator = index, denominator = 1) and the mean index per
        group, with each account's weighted combination in ``components``.

    Raises:
        InvalidInput: an account appears twice, or a weight names an unknown component.

    >>> report = loyalty_index(
    ...     [LoyaltyFacts("ACME", "A", "Wang", "KA", repeat_purchase_count=3,
    ...                   repeat_purchase_quantity=30, repeat_purchase_amount=3000,
    ...                   referral_rate="0.5", activities_invited=4, activities_joined=1,
    ...                   price_sensitivity="0.5", quality_incidents=0, incidents_tolerated=0)],
    ...     Period.year(2025),
    ...     weights={"referral_rate": Fraction(1, 2), "activity_response": Fraction(1, 2)})
    >>> report.index.of(Dimension.ACCOUNT, "ACME").value        # (1/2 + 1/4) / 2
    Fraction(3, 8)
    """
    unknown = sorted(set(weights) - set(LOYALTY_COMPONENTS))
    if unknown:
        raise InvalidInput(
            f"loyalty weights name unknown component(s) {unknown}; "
            f"expected some of {list(LOYALTY_COMPONENTS)}"
        )
    records = sorted(_records(facts), key=attrgetter("account_id"))
    for first, second in zip(records, records[1:], strict=False):  # noqa: RUF007 (py3.10)
        if first.account_id == second.account_id:
            raise InvalidInput(f"LoyaltyFacts: account {first.account_id!r} appears twice")
    positive = _positive_weights(weights)
    counts = _percentile_ranks([r.repeat_purchase_count for r in records])
    quantities = _percentile_ranks([r.repeat_purchase_quantity for r in records])
    amounts = _percentile_ranks([r.repeat_purchase_amount for r in records])
    ranks_over = 2 * len(records)

    def normalised(position: int) -> dict[str, Fraction | None]:
        record = records[position]
        return {
            "repeat_purchase_count": Fraction(counts[position], ranks_over),
            "repeat_purchase_quantity": Fraction(quantities[position], ranks_over),
            "repeat_purchase_amount": Fraction(amounts[position], ranks_over),
            "referral_rate": record.referral_rate,
            "activity_response": (
                Fraction(record.activities_joined, record.activities_invited)
                if record.activities_invited else None
            ),
            "price_insensitivity": 1 - record.price_sensitivity,
            "quality_tolerance": (
                Fraction(record.incidents_tolerated, record.quality_incidents)
                if record.quality_incidents else None
            ),
        }

    # The index is combine_weighted's weighted mean of the applicable components, summed
    # here in integers over a common denominator: one Fraction per account instead of some
    # fifty (20,000 accounts cost seconds otherwise). Weights become ints over their lcm.
    scale = lcm(*(weight.denominator for weight in positive.values()))
    units = {name: int(weight * scale) for name, weight in positive.items()}
    rank_units = [
        units.get(name, 0)
        for name in ("repeat_purchase_count", "repeat_purchase_quantity", "repeat_purchase_amount")
    ]
    referral = units.get("referral_rate", 0)
    price = units.get("price_insensitivity", 0)
    activity = units.get("activity_response", 0)
    tolerance = units.get("quality_tolerance", 0)
    always = sum(rank_units) + referral + price
    cells: _Cells = {}
    for position, record in enumerate(records):
        # numerator / denominator sums units * value; carried sums the units of the applicable
        # components, so dividing by it redistributes the others' weight
        numerator = (
            rank_units[0] * counts[position] + rank_units[1] * quantities[position]
            + rank_units[2] * amounts[position]
        )
        denominator = ranks_over
        carried = always
        for units_of, part, whole in (
            (referral, record.referral_rate.numerator, record.referral_rate.denominator),
            (price, record.price_sensitivity.denominator - record.price_sensitivity.numerator,
             record.price_sensitivity.denominator),
            (activity, record.activities_joined, record.activities_invited),
            (tolerance, record.incidents_tolerated, record.quality_incidents),
        ):
            if units_of and whole:
                numerator = numerator * whole + units_of * part * denominator
                denominator *= whole
        if activity and record.activities_invited:
            carried += activity
        if tolerance and record.quality_incidents:
            carried += tolerance
        if carried:
            dims = _dims_of(record)
            cell = cells.setdefault(dims, [Fraction(0), 0])
            cell[0] += Fraction(numerator, denominator * carried)
            cell[1] += 1
    position_of = {record.account_id: position for position, record in enumerate(records)}

    def appraisal(position: int) -> Appraisal:
        return combine_weighted(normalised(position), positive, period)

    appraisals = _LazyValues(position_of, appraisal)

    def make(counters: list[Any]) -> IndicatorValue:
        total, accounts = counters
        normalised_mean = Fraction(total) / accounts if accounts else None
        return IndicatorValue._trusted(
            Indicator.LOYALTY, period, total, accounts, normalised_mean
        )

    return LoyaltyReport(_breakdown(Indicator.LOYALTY, period, cells, 2, make), appraisals)


# --------------------------------------------------------------------------- migration


@attrs.frozen
class TierMigration:
    """Tier migration between two gradings (客户异动, seed 002 §客户的保有率; SPEC §5d).

    Attributes:
        period: the period between the two gradings.
        moves: ``((from tier, to tier), accounts)`` for every pair that occurred, sorted;
            ``from`` is None for an account new in the second grading, ``to`` is None for
            an account that left.
        upgraded: accounts that moved to a better-ranked tier.
        downgraded: accounts that moved to a worse-ranked tier.
        unchanged: accounts in the same tier in both gradings.
        entered: accounts only in the second grading.
        left: accounts only in the first grading.

    >>> migration = tier_migration({"X": "B"}, {"X": "A"}, Period.year(2025))
    >>> migration.count("B", "A"), migration.upgraded, migration.downgraded
    (1, 1, 0)
    """

    period: Period
    moves: tuple[tuple[tuple[str | None, str | None], int], ...]
    upgraded: int
    downgraded: int
    unchanged: int
    entered: int
    left: int

    def count(self, from_tier: str | None, to_tier: str | None) -> int:
        """Accounts that moved from ``from_tier`` to ``to_tier`` (0 if none)."""
        for pair, accounts in self.moves:
            if pair == (from_tier, to_tier):
                return accounts
        return 0


def _code_of(tier: str | Tier) -> str:
    return tier.code if isinstance(tier, Tier) else tier


def _migration_key(pair: tuple[str | None, str | None]) -> tuple[tuple[bool, str], ...]:
    return tuple(_group_key_order(code) for code in pair)


def tier_migration(
    before: Mapping[str, str | Tier],
    after: Mapping[str, str | Tier],
    period: Period,
    *,
    tiers: Iterable[Tier] = (*SCORE_TIERS, *AMOUNT_TIERS),
) -> TierMigration:
    """Count the accounts moving between tiers from one grading to the next.

    Args:
        before: account id to tier (or tier code) in the earlier grading.
        after: account id to tier (or tier code) in the later grading.
        period: the period between the gradings.
        tiers: the tiers whose ranks decide up- or downgrades (both seed schemes by default).

    Raises:
        InvalidInput: a tier code is not among ``tiers``.

    >>> m = tier_migration({"X": "A", "Y": "C", "Z": "D"}, {"X": "B", "Y": "C", "W": "D"},
    ...                    Period.year(2025))
    >>> m.downgraded, m.unchanged, m.entered, m.left, m.count("A", "B")
    (1, 1, 1, 1, 1)
    """
    rank = {tier.code: tier.rank for tier in tiers}
    old = {account: _code_of(code) for account, code in before.items()}
    new = {account: _code_of(code) for account, code in after.items()}
    for grading, codes in (("before", old), ("after", new)):
        for account, code in codes.items():
            if code not in rank:
                raise InvalidInput(
                    f"tier_migration: tier {code!r} of account {account!r} ({grading}) is not "
                    f"a known tier; known: {sorted(rank)}"
                )
    moves: dict[tuple[str | None, str | None], int] = {}
    upgraded = downgraded = unchanged = 0
    for account in old.keys() | new.keys():
        pair = (old.get(account), new.get(account))
        moves[pair] = moves.get(pair, 0) + 1
        if pair[0] is None or pair[1] is None:
            continue
        if rank[pair[1]] < rank[pair[0]]:
            upgraded += 1
        elif rank[pair[1]] > rank[pair[0]]:
            downgraded += 1
        else:
            unchanged += 1
    entered = sum(n for (source, _), n in moves.items() if source is None)
    left = sum(n for (_, target), n in moves.items() if target is None)
    ordered = tuple(sorted(moves.items(), key=lambda item: _migration_key(item[0])))
    return TierMigration(period, ordered, upgraded, downgraded, unchanged, entered, left)


# --------------------------------------------------------------------------- the full set


def _frozen_breakdowns(
    value: Mapping[Indicator, Breakdown[IndicatorValue]],
) -> Mapping[Indicator, Breakdown[IndicatorValue]]:
    return MappingProxyType(dict(value))


@attrs.frozen(eq=True, hash=False)
class IndicatorSet:
    """The indicators of one period, by indicator (what a scorecard reads).

    Attributes:
        period: the period every breakdown states.
        breakdowns: the computed indicators.

    Raises:
        InvalidInput: a breakdown states another period, or is filed under another
            indicator.

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
        merged.update((b.indicator, b) for b in breakdowns)
        return IndicatorSet(self.period, merged)

    def group_keys(self, dimension: Dimension) -> tuple[GroupKey, ...]:
        """Every group of ``dimension`` that any indicator has, sorted."""
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
) -> IndicatorSet:
    """Compute every indicator whose records are given, for one period.

    A record kind left out (``None``) leaves its indicators out of the set; an empty
    collection computes them as not applicable. Cooperation growth after visits needs both
    ``visits`` and ``volumes``; satisfaction needs its declared ``satisfaction_scale``.
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

    Returns:
        The :class:`IndicatorSet` of the period.

    Raises:
        InvalidInput: ``surveys`` given without ``satisfaction_scale``.

    >>> indicators = compute_indicators(Period.half_year(2025, 1), visits=[], tickets=[])
    >>> sorted(indicator.value for indicator in indicators.breakdowns)
    ['on_time_resolution', 'problem_resolution', 'visit_plan_completion']
    >>> indicators[Indicator.PROBLEM_RESOLUTION].portfolio.applicable
    False
    """
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
        found.append(survey_satisfaction(surveys, period, scale=satisfaction_scale).mean)
    if volumes is not None:
        volumes = _records(volumes)
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
    return IndicatorSet(period, {b.indicator: b for b in found})
