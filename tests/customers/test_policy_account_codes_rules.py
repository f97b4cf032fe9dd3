"""Rules of policies/customers/account_codes.py found by mutation testing
(docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import date

import pytest

from keyaccount import PolicyConfigError
from keyaccount.policies import SequentialAccountCodes

DAY = date(2026, 3, 5)


@pytest.mark.parametrize(("pattern", "given"), [
    ("{category[0]}-{seq}", "no category and role 'customer'"),  # "" has no first letter
    ("{role[7]}-{seq}", "category 'industry' and role 'special'"),  # 'special' has 7
])
def test_a_pattern_that_fails_for_some_category_or_role_is_refused_when_built(
    pattern: str, given: str,
) -> None:
    with pytest.raises(PolicyConfigError,
                       match=rf"^account code pattern .* cannot be formatted .* for {given};"):
        SequentialAccountCodes(pattern=pattern)


def test_a_pattern_may_index_a_placeholder_that_every_value_fills() -> None:
    codes = SequentialAccountCodes(pattern="{role[0]}{seq}")
    assert codes.code_for(approved_on=DAY, taken=(), counterpart_role="supplier") == "s1"


def test_a_pattern_may_format_the_role_and_the_category_with_a_width() -> None:
    codes = SequentialAccountCodes(pattern="{role:>9}|{category:<10}|{seq}")
    assert codes.code_for(approved_on=DAY, taken=(), category="regional",
                          counterpart_role="supplier") == " supplier|regional  |1"


def test_the_role_given_is_the_role_in_the_code() -> None:
    codes = SequentialAccountCodes(pattern="{role}-{seq}")
    assert codes.code_for(approved_on=DAY, taken=(), counterpart_role="supplier") == "supplier-1"
    assert codes.code_for(approved_on=DAY, taken=()) == "customer-1"


def test_the_month_is_the_approval_days_month() -> None:
    codes = SequentialAccountCodes(pattern="{year}{month:02d}-{seq}")
    assert codes.code_for(approved_on=DAY, taken=()) == "202603-1"


def test_a_customer_without_a_category_has_an_empty_category_in_its_code() -> None:
    codes = SequentialAccountCodes(pattern="{category}-{seq}")
    assert codes.code_for(approved_on=DAY, taken=()) == "-1"
    assert codes.code_for(approved_on=DAY, taken=(), category="industry") == "industry-1"


@pytest.mark.parametrize("spec", ["5.25", "25.5", "0021.3"])
def test_the_wider_of_a_placeholders_width_and_precision_is_at_most_twenty(spec: str) -> None:
    with pytest.raises(PolicyConfigError, match=r"sets a width or precision of (25|21) "):
        SequentialAccountCodes(pattern=f"{{seq}}{{category:{spec}}}")
    assert SequentialAccountCodes(pattern="{seq}{category:20.20}").pattern


def test_a_setting_with_an_unknown_key_is_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^account codes settings have unknown key"):
        SequentialAccountCodes.from_mapping({"patern": "{seq}"})


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        # a truncated number: 10 and 1 share "1", so code_for would run out of codes at 9
        ("KA-{seq!s:.1}", r"got 'KA-1' for 1 and 10"),
        ("KA-{seq!s:.3}", r"got 'KA-100' for 100 and 1000"),
        # a character: chr() of a large sequence number fails, refused when built
        ("KA-{seq:c}", r"cannot be formatted"),
        ("{seq!s:.0}", r"must give a non-blank code, got .. for sequence number 1"),
    ],
)
def test_a_pattern_that_gives_two_sequence_numbers_one_code_or_fails_for_a_large_one_is_refused(
    pattern: str, message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        SequentialAccountCodes(pattern=pattern)

