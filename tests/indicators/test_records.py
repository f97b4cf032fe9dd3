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
        (lambda: IndicatorValue(Indicator.RETENTION, H1, Decimal("NaN"), 1), "finite"),
        (lambda: IndicatorValue(Indicator.RETENTION, H1, 1, 2, 0.5), "exact"),
        (lambda: IndicatorValue("retention", H1, 1, 2, Fraction(1, 2)), "Indicator"),
        (lambda: IndicatorValue(Indicator.RETENTION, "2025-H1", 1, 2, Fraction(1, 2)),
         "Period"),
    ],
)
def test_bad_indicator_input_is_refused_naming_the_field(build: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()
