"""Rules of domain/grading/eligibility.py found by mutation testing (docs/explanation)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from keyaccount import (
    CriterionFinding,
    EligibilityFacts,
    EligibilityVerdict,
    InvalidInput,
    decide_eligibility,
)
from keyaccount.policies import presets

SHARES = ["sales_share", "profit_share"]


@pytest.mark.parametrize("field", SHARES)
@pytest.mark.parametrize("share", ["-100", "100", "-99.999999999999", "0"])
def test_a_share_is_a_percent_from_minus_100_to_100_both_included(field: str, share: str) -> None:
    facts = EligibilityFacts(account_id="acme", **{field: share})
    assert getattr(facts, field) == Decimal(share)


@pytest.mark.parametrize("field", SHARES)
@pytest.mark.parametrize("share", ["100.000000000001", "-100.000000000001", "101", "-1000"])
def test_a_share_beyond_100_either_way_is_refused_naming_it(field: str, share: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^EligibilityFacts\.{field} must be at most 100 "):
        EligibilityFacts(account_id="acme", **{field: share})


@pytest.mark.parametrize("field", SHARES)
def test_a_share_has_at_most_twelve_decimal_places(field: str) -> None:
    facts = EligibilityFacts(account_id="acme", **{field: "4.123456789012"})
    assert getattr(facts, field) == Decimal("4.123456789012")
    with pytest.raises(InvalidInput,
                       match=rf"^EligibilityFacts\.{field} must have at most 12 decimal places"):
        EligibilityFacts(account_id="acme", **{field: "4.1234567890123"})


_VERDICT = presets.key_account_eligibility().assess(EligibilityFacts(account_id="acme"))


@pytest.mark.parametrize(("build", "message"), [
    (lambda: CriterionFinding("bogus", "met", True, "why"),
     r"^CriterionFinding\.criterion must be one of \["),
    (lambda: CriterionFinding("well_known_brand", "bogus", True, "why"),
     r"^CriterionFinding\.status must be one of \["),
    (lambda: EligibilityVerdict(account_id="acme", eligibility="bogus", findings=()),
     r"^EligibilityVerdict\.eligibility must be one of \["),
    (lambda: EligibilityVerdict(account_id="acme", eligibility="eligible", findings="x"),
     r"^EligibilityVerdict\.findings must be a collection of CriterionFinding values, "
     r"got 'x'$"),
    (lambda: EligibilityFacts(account_id="acme", sales_rank=0),
     r"^EligibilityFacts\.sales_rank must be an int in 1\.\.10\*\*9 \(1 is the best seller\), "
     r"got 0$"),
    (lambda: decide_eligibility("x"),  # type: ignore[arg-type]
     r"^findings must be a collection of CriterionFinding values, got 'x'$"),
    (lambda: _VERDICT.status_of("bogus"), r"^criterion must be one of \["),
])
def test_a_refused_eligibility_value_is_named_by_its_field(
    build: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()
