"""Customer satisfaction from surveys (客户满意度, seeds 000, 001 §六(一)1, 002 §客户分析指标).

The mean and the distribution of the scores, on the survey's declared scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import COUNT_LIMIT
from keyaccount.domain.calendar import Period
from keyaccount.domain.indicators._engine import _assemble, _Cells, _dims_of, _roll_up
from keyaccount.domain.indicators.records import SurveyResponse
from keyaccount.domain.indicators.values import Breakdown, Indicator, IndicatorValue

__all__ = ["SatisfactionReport", "SatisfactionScale", "ScoreDistribution", "survey_satisfaction"]

# A survey's scores lie within -1000..1000 (1..5, 0..10 and 0..100 are the usual scales): the
# distribution keeps one counter per score, so a scale of 10**9 scores would take gigabytes
# (the domain's bounds, docs/reference/errors.md).
SCORE_LIMIT = 1000


@attrs.frozen
class SatisfactionScale:
    """The declared scale of a satisfaction survey: integer scores ``low..high``.

    Attributes:
        low: the worst score, an int from -1000 to 1000.
        high: the best score, an int from -1000 to 1000, > low.

    >>> SatisfactionScale(1, 5).normalise(Fraction(4))
    Fraction(3, 4)
    """

    low: int = attrs.field()
    high: int = attrs.field()

    def __attrs_post_init__(self) -> None:
        for name, bound in (("low", self.low), ("high", self.high)):
            if (
                isinstance(bound, bool)
                or not isinstance(bound, int)
                or not -SCORE_LIMIT <= bound <= SCORE_LIMIT
            ):
                raise InvalidInput(
                    f"SatisfactionScale.{name} must be an int from {-SCORE_LIMIT} to "
                    f"{SCORE_LIMIT}, got {bound!r}"
                )
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
        InvalidInput: not one count from 0 to ``10**9`` per score of the scale.

    >>> answers = ScoreDistribution(SatisfactionScale(1, 5), (0, 1, 0, 2, 1))
    >>> answers.total, answers.count(4), answers.share(4)
    (4, 2, Fraction(1, 2))
    """

    scale: SatisfactionScale
    counts: tuple[int, ...] = attrs.field(converter=tuple)

    def __attrs_post_init__(self) -> None:
        if len(self.counts) != len(self.scale.scores) or any(
            isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= COUNT_LIMIT
            for n in self.counts
        ):
            raise InvalidInput(
                f"ScoreDistribution.counts must be {len(self.scale.scores)} counts in "
                f"0..10**9, one per score {self.scale.low}..{self.scale.high}, "
                f"got {self.counts!r}"
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

    >>> from datetime import date
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
