"""Rules of survey satisfaction, its scale and distribution (domain/indicators/satisfaction.py)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from indicator_builders import FIVE_POINT, H1
from keyaccount import (
    InvalidInput,
    SatisfactionScale,
    ScoreDistribution,
    SurveyResponse,
    survey_satisfaction,
)


def _answer(score: int) -> SurveyResponse:
    return SurveyResponse("ACME", "A", "Wang", "KA", answered_on=date(2025, 3, 3), score=score)


@pytest.mark.parametrize("score", [6, 7, 0])
def test_a_score_just_off_the_declared_scale_is_refused(score: int) -> None:
    with pytest.raises(InvalidInput, match=rf"score {score} is not on the declared scale 1\.\.5"):
        survey_satisfaction([_answer(score)], H1, scale=FIVE_POINT)


def test_the_scores_at_both_ends_of_the_scale_are_counted() -> None:
    report = survey_satisfaction([_answer(1), _answer(5)], H1, scale=FIVE_POINT)
    assert report.distribution.portfolio.counts == (1, 0, 0, 0, 1)
    assert report.mean.portfolio.normalised == Fraction(1, 2)


def test_a_mean_at_the_bottom_of_the_scale_normalises_to_zero() -> None:
    assert FIVE_POINT.normalise(1) == 0
    assert FIVE_POINT.normalise(5) == 1
    assert SatisfactionScale(-1000, 1000).normalise(-1000) == 0


def test_a_scale_may_reach_from_minus_1000_to_1000() -> None:
    scale = SatisfactionScale(-1000, 1000)
    assert (scale.low, scale.high) == (-1000, 1000)


@pytest.mark.parametrize(("low", "high", "name", "shown"), [
    (1, 5000, "high", "5000"), (-1001, 5, "low", "-1001"), (True, 5, "low", "True"),
])
def test_a_scale_bound_outside_minus_1000_to_1000_is_refused_naming_the_bound_and_value(
    low: Any, high: Any, name: str, shown: str
) -> None:
    with pytest.raises(InvalidInput,
                       match=rf"^SatisfactionScale\.{name} must be an int in -1000\.\.1000, "
                             rf"got {shown}$"):
        SatisfactionScale(low, high)


def test_a_distribution_may_count_up_to_10_to_the_9_answers_per_score() -> None:
    assert ScoreDistribution(FIVE_POINT, (10**9, 0, 0, 0, 10**9)).total == 2 * 10**9
    with pytest.raises(InvalidInput, match=r"^ScoreDistribution\.counts must be 5 counts"):
        ScoreDistribution(FIVE_POINT, (10**9 + 1, 0, 0, 0, 0))


def test_counts_that_are_not_a_collection_are_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput,
                       match=r"^ScoreDistribution\.counts must be a collection of counts, got 5"):
        ScoreDistribution(FIVE_POINT, 5)  # type: ignore[arg-type]


def test_responses_that_are_not_survey_responses_are_refused_naming_the_argument() -> None:
    with pytest.raises(InvalidInput, match=r"^responses must hold SurveyResponse records"):
        survey_satisfaction([5], H1, scale=FIVE_POINT)  # type: ignore[list-item]


class _FaultyResponse(SurveyResponse):
    """A host's own record type whose attribute fails: its fault is not a foreign record."""

    __slots__ = ()

    @property
    def score(self) -> int:  # type: ignore[override]
        raise AttributeError("the host's own fault")


def test_a_fault_of_a_response_record_of_the_right_kind_propagates_unchanged() -> None:
    faulty = _answer(3)
    object.__setattr__(faulty, "__class__", _FaultyResponse)
    with pytest.raises(AttributeError, match="the host's own fault"):
        survey_satisfaction([faulty], H1, scale=FIVE_POINT)
