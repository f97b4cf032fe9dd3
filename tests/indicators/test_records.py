"""The indicator records refuse bad input, naming the field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from indicator_builders import H1, loyalty
from keyaccount import (
    Indicator,
    IndicatorValue,
    InvalidInput,
    Period,
    ProspectFact,
    SatisfactionScale,
    ScoreDistribution,
    SurveyResponse,
    VisitFact,
    VolumeFact,
)


def _dims() -> tuple[str, str, str, str]:
    return ("ACME", "A", "Wang", "KA")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: VisitFact(" ", "A", "Wang", "KA", planned_on=date(2025, 1, 1)), "account_id"),
        (lambda: VisitFact(*_dims(), planned_on="2025-01-01"), "planned_on"),
        (lambda: VisitFact(*_dims(), planned_on=date(2025, 1, 1), done_on="x"), "done_on"),
        (lambda: SurveyResponse(*_dims(), answered_on=date(2025, 1, 1), score=4.5), "score"),
        (lambda: VolumeFact(*_dims(), booked_on=date(2025, 1, 1), amount=-1), "amount"),
        (lambda: VolumeFact(*_dims(), booked_on=date(2025, 1, 1), amount=1.5), "float"),
        (lambda: ProspectFact("P1", None, "Wang", "KA", entered_on=date(2025, 3, 1),
                              converted_on=date(2025, 2, 1)), "before entered_on"),
        (lambda: ProspectFact("P1", " ", "Wang", "KA", entered_on=date(2025, 3, 1)), "tier"),
        (lambda: loyalty("ACME", -1, "1"), "repeat_purchase_count"),
        (lambda: loyalty("ACME", 1, "1", referral_rate=Fraction(3, 2)), "referral_rate"),
        (lambda: loyalty("ACME", 1, "1", referral_rate=0.5), "exact"),
        (lambda: loyalty("ACME", 1, "1", referral_rate="lots"), "number"),
        (lambda: loyalty("ACME", 1, "1", quality_incidents=1, incidents_tolerated=2),
         "incidents_tolerated"),
        (lambda: SatisfactionScale(1.0, 5), "int"),
        (lambda: Period.months(date(2025, 1, 1), 0), "months count"),
        (lambda: IndicatorValue(Indicator.RETENTION, H1, 1, -1), "denominator"),
        (lambda: IndicatorValue(Indicator.RETENTION, H1, Decimal("NaN"), 1), "must be finite"),
        (lambda: IndicatorValue(Indicator.RETENTION, H1, 1, 2, 0.5), "exact"),
        (lambda: IndicatorValue("retention", H1, 1, 2, Fraction(1, 2)), "Indicator"),
        (lambda: IndicatorValue(Indicator.RETENTION, "2025-H1", 1, 2, Fraction(1, 2)),
         "Period"),
    ],
)
def test_bad_indicator_input_is_refused_naming_the_field(build: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()


@pytest.mark.parametrize("field", ["referral_rate", "price_sensitivity"])
@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("1e999999999", r"must be <= 1"),  # hung in the constructor in 0.1
        (Decimal("1e999999999"), r"must be <= 1"),
        ("-1e999999999", r"must be >= 0"),
        (Decimal("1e-999999999"), r"must have at most 12 decimal places"),
        ("0.0000000000001", r"must have at most 12 decimal places"),
        (Fraction(1, 10**13), r"must have at most 12 decimal places"),
        (Decimal("Infinity"), r"must be a number"),
    ],
)
def test_a_rate_is_within_0_and_1_with_at_most_12_decimal_places(
    field: str, rate: object, message: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"LoyaltyFacts\.{field} {message}"):
        loyalty("ACME", 1, "1", **{field: rate})


@pytest.mark.parametrize("nan", [float("nan"), Decimal("NaN"), Decimal("sNaN"), "nan"])
def test_a_nan_rate_is_refused_by_name(nan: object) -> None:
    with pytest.raises(
        InvalidInput, match=r"LoyaltyFacts\.referral_rate must be (a number|exact)"
    ):
        loyalty("ACME", 1, "1", referral_rate=nan)


def test_a_rate_of_12_decimal_places_or_a_fraction_like_one_seventh_is_kept_exactly() -> None:
    assert loyalty("ACME", 1, "1", referral_rate="0.000000000001").referral_rate == Fraction(
        1, 10**12)
    assert loyalty("ACME", 1, "1", price_sensitivity="1/7").price_sensitivity == Fraction(1, 7)
    assert loyalty("ACME", 1, "1", referral_rate=Decimal("1.000")).referral_rate == 1


@pytest.mark.parametrize(
    "field",
    ["repeat_purchase_count", "activities_invited", "activities_joined", "quality_incidents",
     "incidents_tolerated"],
)
@pytest.mark.parametrize("bad", [True, False, 2.0, -1, 10**9 + 1, "3", None])
def test_a_count_is_an_int_not_bool_from_0_to_10_to_the_9(field: str, bad: object) -> None:
    with pytest.raises(InvalidInput, match=rf"LoyaltyFacts\.{field} must be an int in 0\.\."):
        loyalty("ACME", 1, "1", **{field: bad})


def test_a_count_of_10_to_the_9_is_accepted() -> None:
    assert loyalty("ACME", 10**9, "1").repeat_purchase_count == 10**9


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (10**16, r"be at most 10\*\*15 in magnitude"),
        (Decimal("1e999999999"), r"be at most 10\*\*15 in magnitude"),
        (Decimal("0.0000001"), r"have at most 6 decimal places"),
    ],
)
def test_the_amounts_of_the_records_are_money_within_the_domains_bounds(
    amount: object, expected: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^amount must {expected}"):
        VolumeFact("ACME", "A", "Wang", "KA", booked_on=date(2025, 1, 1), amount=amount)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=rf"^amount must {expected}"):
        loyalty("ACME", 1, amount)  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(2200, 1, 1)])
def test_the_days_of_the_records_lie_within_the_years_1900_to_2199(day: date) -> None:
    with pytest.raises(InvalidInput, match=r"VolumeFact\.booked_on must be a date in the years"):
        VolumeFact("ACME", "A", "Wang", "KA", booked_on=day, amount=1)
    with pytest.raises(InvalidInput, match=r"VisitFact\.done_on must be a date in the years"):
        VisitFact("ACME", "A", "Wang", "KA", planned_on=date(2025, 1, 1), done_on=day)


@pytest.mark.parametrize(("low", "high"), [(0, 1001), (-1001, 5), (0, 2**70)])
def test_a_satisfaction_scale_lies_within_minus_1000_and_1000(low: int, high: int) -> None:
    with pytest.raises(InvalidInput, match=r"SatisfactionScale\.(low|high) must be an int from "
                       r"-1000 to 1000"):
        SatisfactionScale(low, high)
    assert SatisfactionScale(-1000, 1000).scores == range(-1000, 1001)


def test_a_score_distribution_counts_at_most_a_billion_answers_a_score() -> None:
    with pytest.raises(InvalidInput, match=r"ScoreDistribution\.counts must be 2 counts in 0\.\."):
        ScoreDistribution(SatisfactionScale(1, 2), (2**70, 0))
