"""Customer satisfaction from surveys (seeds 000, 001, 002)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from indicator_builders import FIVE_POINT, H1
from keyaccount import (
    Dimension,
    InvalidInput,
    SatisfactionScale,
    SurveyResponse,
    survey_satisfaction,
)


def test_satisfaction_mean_and_distribution_on_a_five_point_scale() -> None:
    scores = [5, 4, 4, 2]
    responses = [
        SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 1), score=s)
        for s in scores
    ] + [SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 8, 1), score=1)]
    report = survey_satisfaction(responses, H1, scale=FIVE_POINT)
    mean = report.mean.portfolio
    assert (mean.numerator, mean.denominator, mean.value) == (15, 4, Fraction(15, 4))
    # (3.75 - 1) / (5 - 1)
    assert mean.normalised == Fraction(11, 16)
    distribution = report.distribution.portfolio
    assert distribution.counts == (0, 1, 0, 2, 1)
    assert distribution.share(4) == Fraction(1, 2)
    assert report.distribution.of(Dimension.ACCOUNT_MANAGER, "Li").share(4) is None


def test_a_score_off_the_declared_scale_is_refused_with_the_account_named() -> None:
    response = SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 1), score=7)
    with pytest.raises(InvalidInput, match=r"ACME.*score 7.*1\.\.5"):
        survey_satisfaction([response], H1, scale=FIVE_POINT)


def test_a_satisfaction_scale_needs_its_best_score_above_its_worst() -> None:
    with pytest.raises(InvalidInput, match="above low"):
        SatisfactionScale(5, 5)


def test_a_distribution_needs_one_count_per_score_of_its_scale() -> None:
    from keyaccount import ScoreDistribution

    with pytest.raises(InvalidInput, match="5 counts"):
        ScoreDistribution(FIVE_POINT, (1, 2, 3))
    assert ScoreDistribution(FIVE_POINT, [0, 0, 1, 0, 1]).share(5) == Fraction(1, 2)
